"""'Authenticate with an Azure container registry', in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-authentication.md.
`<acrName>` is authreg01 (Basic, in myResourceGroup); the page's console blocks that sign in with the exposed token
use its login server myregistry.azurecr.io, here authreg01.azurecr.io. The Azure CLI and Azure PowerShell tabs
are alternatives."""

from __future__ import annotations

from .docs import Page

REG = "authreg01"
SETUP = f"az group create -n myResourceGroup -l eastus -o none\naz acr create -n {REG} -g myResourceGroup --sku Basic -o none"


def test_authentication(lab):
    assert lab.run(SETUP).exit_code == 0
    page = Page(lab, "container-registry-authentication", {"<acrName>": REG, "myregistry": REG})
    page.run(0, answer="y", contains="Login Succeeded")
    token = page.run(1).json()
    assert token["loginServer"] == f"{REG}.azurecr.io" and token["accessToken"].startswith("eyJ")
    assert set(token) >= {"accessToken", "loginServer"}  # block 2 prints these two fields
    page.skip(2, "the output of the block above, as the page prints it")
    page.run(3)
    assert lab.run("echo $TOKEN").stdout.startswith("eyJ")  # a new token: each call issues one
    page.run(4, contains="Login Succeeded")
    page.run(5, contains="Login Succeeded")  # helm signs in with the same token (the null-GUID user name)
    page.run(6, shell="pwsh", contains="\nTrue")  # Connect-AzContainerRegistry outputs a Boolean
    assert lab.run(f"az acr show -n {REG} --query adminUserEnabled").stdout.strip() == "false"
    page.run(7, contains='"adminUserEnabled": true')
    assert lab.run(f"az acr update -n {REG} --admin-enabled false -o none").exit_code == 0
    page.run(8, shell="pwsh", contains="True")
    assert lab.run(f"az acr show -n {REG} --query adminUserEnabled").stdout.strip() == "true"
    page.run(9)
    page.finish()
