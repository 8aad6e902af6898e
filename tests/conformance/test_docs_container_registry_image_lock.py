"""'Lock a container image in an Azure container registry', in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-image-lock.md.
The page's registry `myregistry` holds `myrepo:tag` and `myrepo:mytag` (one manifest); `sha256:123456abcdefg`
stands for that manifest's digest. Two blocks of the page are broken as printed and fail in the lab as in bash:
"List the current repository attributes" has a space after its line-continuation backslash, and "Show the image
attributes on image lock" lacks the backslash before `--output table`."""

from __future__ import annotations

from .docs import Page

SETUP = """az group create -n rg -l eastus -o none
az acr create -n imglock01 -g rg --sku Standard -o none
az acr import -n imglock01 --source mcr.microsoft.com/hello-world:latest -t myrepo:tag -t myrepo:mytag -o none"""


def attrs(lab, what: str) -> dict:
    return lab.run(f"az acr repository show -n imglock01 {what} --query changeableAttributes").json()


def test_image_lock(lab):
    assert lab.run(SETUP).exit_code == 0
    page = Page(lab, "container-registry-image-lock", {"myregistry": "imglock01"})
    page.run(0, contains='"imageName": "myrepo"')
    page.run(1, contains='"name": "tag"')
    page.run(2, contains='"writeEnabled": false')
    assert lab.run("az acr import -n imglock01 --source docker.io/library/alpine:latest -t myrepo:tag -o none"
                   ).exit_code == 1  # a write-disabled tag cannot be overwritten
    page.run(3, exit_code=1, contains="manifest unknown")  # the placeholder digest
    digest = lab.run("az acr repository show -n imglock01 --image myrepo:tag --query digest -o tsv").stdout.strip()
    page.subs["sha256:123456abcdefg"] = digest
    page.run(3, contains=f'"digest": "{digest}"')
    page.run(4, contains='"imageName": "myrepo"')
    assert attrs(lab, "--repository myrepo")["writeEnabled"] is False
    page.run(5, exit_code=127, contains="unrecognized arguments")  # `\ ` then newline: bash runs two commands
    assert attrs(lab, "--repository myrepo")["listEnabled"] is True
    page.run(6, exit_code=127, contains="--output: command not found")
    page.run(7, contains='"tags": [')  # the bash script: az login, then tag and digest metadata
    assert lab.run('echo "$repo@$digest"').stdout.strip() == f"myrepo@{digest}"
    page.run(8, contains='"deleteEnabled": false')
    assert lab.run("az acr repository delete -n imglock01 --image myrepo:tag -y").exit_code == 1
    page.run(9)
    assert attrs(lab, "--repository myrepo")["deleteEnabled"] is False
    assert lab.run("az acr repository delete -n imglock01 --repository myrepo -y").exit_code == 1
    page.run(10, contains='"readEnabled": false')
    page.run(11)
    assert attrs(lab, "--repository myrepo")["readEnabled"] is False
    page.run(12, contains='"deleteEnabled": true')
    page.run(13)
    assert attrs(lab, "--repository myrepo") == {"deleteEnabled": True, "listEnabled": True, "readEnabled": False,
                                                  "writeEnabled": True}
    page.run(14, contains=f'"digest": "{digest}"')  # $repo and $digest from the script above
    assert lab.run("az acr repository delete -n imglock01 --image myrepo:tag -y").exit_code == 0
    page.finish()
