"""'Deploy to Azure Container Instances from Azure Container Registry using a service principal', in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-auth-aci.md (its one
block), after the set-up the page presumes: a registry holding myimage:v1 and a service principal with AcrPull on
it (the page links to the service principal article for that)."""

from __future__ import annotations

from .docs import Page

SETUP = """az group create -n myResourceGroup -l eastus -o none
az acr create -n mycontainerregistry -g myResourceGroup --sku Basic -o none
az acr import -n mycontainerregistry --source mcr.microsoft.com/hello-world:latest -t myimage:v1 -o none
"""


def test_auth_aci_with_service_principal(lab):
    assert lab.run(SETUP).exit_code == 0
    acr_id = lab.run("az acr show -n mycontainerregistry --query id -o tsv").stdout.strip()
    sp = lab.run(f"az ad sp create-for-rbac -n acr-service-principal --scopes {acr_id} --role acrpull").json()
    page = Page(lab, "container-registry-auth-aci", {"<service-principal-ID>": sp["appId"],
                                                      "<service-principal-password>": "wrong-password"})
    page.run(0, exit_code=1, contains="(InaccessibleImage) The image 'mycontainerregistry.azurecr.io/myimage:v1' in "
                                      "container group 'mycontainer' is not accessible. Please check the image and "
                                      "registry credential.")
    assert lab.run("az container list -g myResourceGroup -o tsv").stdout == ""  # nothing was created
    page.subs["<service-principal-password>"] = sp["password"]
    r = page.run(0, contains='"provisioningState": "Succeeded"')
    assert r.json()["imageRegistryCredentials"][0]["username"] == sp["appId"]
    page.finish()
