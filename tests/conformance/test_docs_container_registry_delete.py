"""'Delete container images in Azure Container Registry', in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-delete.md. The page's
repository acr-helloworld holds v2 (one image) and latest + v3 (another image, one manifest); the placeholders
name that registry and repository; the script's TIMESTAMP is a day after the pushes (from the lab's clock)."""

from __future__ import annotations

from datetime import timedelta

from .docs import Page

REG = "delreg01"
PUSH = f"""az acr login -n {REG} -o none
docker pull mcr.microsoft.com/hello-world:latest -q
docker pull docker.io/library/alpine:latest -q
docker tag mcr.microsoft.com/hello-world:latest {REG}.azurecr.io/acr-helloworld:v2
docker tag docker.io/library/alpine:latest {REG}.azurecr.io/acr-helloworld:latest
docker tag docker.io/library/alpine:latest {REG}.azurecr.io/acr-helloworld:v3
docker push -q {REG}.azurecr.io/acr-helloworld:v2
docker push -q {REG}.azurecr.io/acr-helloworld:latest
docker push -q {REG}.azurecr.io/acr-helloworld:v3"""


def digest_of(lab, tag: str) -> str:
    return lab.run(f"az acr repository show -n {REG} --image acr-helloworld:{tag} --query digest -o tsv"
                   ).stdout.strip()


def test_delete(lab):
    assert lab.run(f"az group create -n rg -l eastus -o none\naz acr create -n {REG} -g rg --sku Basic -o none\n"
                   + PUSH).exit_code == 0
    tomorrow = (lab.cloud.clock.now() + timedelta(days=1)).date().isoformat()
    page = Page(lab, "container-registry-delete", {
        "myregistry": REG, "<acrName>": REG, "<repositoryName>": "acr-helloworld", "myrepository": "acr-helloworld",
        "2023-04-05": tomorrow})
    latest, v2 = digest_of(lab, "latest"), digest_of(lab, "v2")
    page.run(1, answer="y")  # az asks first (the prompt below)
    assert lab.run(f"az acr manifest show-metadata -r {REG} -n acr-helloworld@{latest}").exit_code != 0
    page.skip(2, "the prompt of the block above, as the page prints it")
    listed = page.run(3).json()
    assert [(m["digest"], m["tags"]) for m in listed] == [(v2, ["v2"])]
    page.skip(4, "the output of the block above, as the page prints it")
    page.subs["<digest>"] = v2
    page.run(5, answer="y")
    assert lab.run(f"az acr manifest list-metadata -r {REG} -n acr-helloworld").exit_code != 0  # repository gone
    assert lab.run(PUSH).exit_code == 0
    page.run(6, answer="y", exit_code=1, contains="manifest unknown")  # not a digest of this registry
    page.subs["sha256:3168a21b98836dda7eb7a846b3d735286e09a32b0aa2401773da518e7eba3b57"] = digest_of(lab, "v2")
    page.run(6, answer="y")
    assert lab.run(f"az acr repository show-tags -n {REG} --repository acr-helloworld -o tsv").stdout.split() == [
        "latest", "v3"]
    page.skip(7, "the prompt of the block above, as the page prints it")
    page.run(8, contains=digest_of(lab, "latest"))
    dry = page.run(9, contains="No data deleted.\nSet ENABLE_DELETE=true to enable deletion of these images in "
                               "acr-helloworld:")
    assert digest_of(lab, "latest") in dry.stdout
    page.subs["ENABLE_DELETE=false"] = "ENABLE_DELETE=true"
    page.run(9)
    assert lab.run(f"az acr repository show-tags -n {REG} --repository acr-helloworld").exit_code != 0
    assert lab.run(PUSH).exit_code == 0
    page.run(10, contains='"latest"')
    page.skip(11, "the output of the block above, as the page prints it")
    assert lab.run(f"az acr repository untag -n {REG} --image acr-helloworld:v2").exit_code == 0
    untagged = page.run(12).json()
    assert any(not m.get("tags") for m in untagged)  # the untagged manifest is listed without tags
    page.skip(13, "the output of a block above, as the page prints it")
    page.run(0, answer="y")
    assert "acr-helloworld" not in lab.run(f"az acr repository list -n {REG} -o tsv").stdout
    page.finish()
