"""'Configure your registry for ACR-scoped Microsoft Entra authentication', block by block, in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/
container-registry-disable-authentication-as-arm.md."""

from __future__ import annotations

from .docs import Page


def test_disable_authentication_as_arm(lab):
    assert lab.run("az group create -n rg -l eastus -o none\naz acr create -n armscoped01 -g rg --sku Basic -o none"
                   ).exit_code == 0
    page = Page(lab, "container-registry-disable-authentication-as-arm", {"<registry>": "armscoped01"})
    page.run(0, contains='"status": "enabled"')
    page.run(1, contains='"status": "disabled"')
    assert lab.run("az acr login -n armscoped01").exit_code == 1  # an ARM-scoped token is refused now
    page.run(2, contains='"status": "enabled"')
    page.run(1)
    page.run(3)
    page.run(4, contains="Login Succeeded")
    page.finish()
