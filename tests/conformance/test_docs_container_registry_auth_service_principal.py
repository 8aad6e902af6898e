"""'Azure Container Registry authentication with service principals', in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-auth-service-principal.md.
SP_APP_ID, SP_PASSWD and SP_TENANT_ID come from `az ad sp create-for-rbac` with AcrPull on the registry, as the
page's sample script does. The certificate block passes a path where no certificate file exists (the lab's
`az ad sp credential reset` has no --create-cert): az takes the path for a secret and the sign-in is refused; the
next block then runs after a sign-in with the secret."""

from __future__ import annotations

from .docs import Page

REG = "spreg01"
SETUP = f"""az group create -n rg -l westus -o none
az acr create -n {REG} -g rg --sku Basic -o none
az acr import -n {REG} --source mcr.microsoft.com/hello-world:latest -o none
ACR_ID=$(az acr show -n {REG} --query id -o tsv)
SP_PASSWD=$(az ad sp create-for-rbac --name acr-sp --scopes $ACR_ID --role acrpull --query password -o tsv)
SP_APP_ID=$(az ad sp list --display-name acr-sp --query "[].appId" -o tsv)
SP_TENANT_ID=$(az account show --query tenantId -o tsv)"""


def test_auth_service_principal(lab):
    assert lab.run(SETUP).exit_code == 0
    page = Page(lab, "container-registry-auth-service-principal", {"myregistry": REG})
    page.run(0, contains="Login Succeeded")
    assert lab.run(f"docker pull {REG}.azurecr.io/hello-world:latest").exit_code == 0
    r = lab.run(f"docker pull -q mcr.microsoft.com/hello-world:latest\n"
                f"docker tag mcr.microsoft.com/hello-world:latest {REG}.azurecr.io/pushed:1\n"
                f"docker push {REG}.azurecr.io/pushed:1")
    assert r.exit_code == 1 and "denied" in r.output  # AcrPull does not push
    page.run(1, exit_code=1, contains="AADSTS7000215: Invalid client secret provided.")
    assert lab.run("az login --service-principal --username $SP_APP_ID --tenant $SP_TENANT_ID "
                   "--password $SP_PASSWD -o none").exit_code == 0
    page.run(2, contains="Login Succeeded")
    assert lab.run("az account show --query user.type -o tsv").stdout.strip() == "servicePrincipal"
    page.finish()
