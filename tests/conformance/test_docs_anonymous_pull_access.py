"""'Make your container registry content publicly available' (anonymous pull access), in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/anonymous-pull-access.md. The page's
registry is a Standard registry holding hello-world:latest; pulls are tried logged out, as the page says to."""

from __future__ import annotations

from .docs import Page

REG = "anonreg01"
PULL = f"docker pull {REG}.azurecr.io/hello-world:latest"


def test_anonymous_pull_access(lab):
    assert lab.run(f"az group create -n rg -l westus -o none\naz acr create -n {REG} -g rg --sku Standard -o none\n"
                   f"az acr import -n {REG} --source mcr.microsoft.com/hello-world:latest -o none\n"
                   f"az acr login -n {REG} -o none").exit_code == 0
    page = Page(lab, "anonymous-pull-access", {"myregistry": REG, "<registry_name>": REG})
    page.run(0, contains='"anonymousPullEnabled": true')
    page.run(1, contains=f"Removing login credentials for {REG}.azurecr.io")
    assert lab.run(PULL).exit_code == 0
    assert lab.run(f"docker tag {REG}.azurecr.io/hello-world:latest {REG}.azurecr.io/mine:1\n"
                   f"docker push {REG}.azurecr.io/mine:1").exit_code == 1  # anonymous access is pull only
    page.run(2, contains='"anonymousPullEnabled": false')
    r = lab.run(PULL)
    assert r.exit_code == 1 and "unauthorized: authentication required" in r.output
    assert page.run(3).stdout.strip() == "false"
    page.finish()
