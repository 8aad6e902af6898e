"""'Troubleshoot guide for artifact cache': the fix for unhealthy credentials, in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/troubleshoot-artifact-cache.md (block in
tests/conformance/docs_blocks/troubleshoot-artifact-cache.json). A credential set is unhealthy when its identity cannot
read the Key Vault secrets; with a vault in the access-policy model, `az keyvault set-policy` gives the identity
`get` on secrets and the credential set turns healthy. On a vault that uses Azure RBAC, az refuses set-policy
(azure-cli keyvault custom.py set_policy), which is why the page is written for access-policy vaults."""

from __future__ import annotations

from .docs import Page

SETUP = """az group create -n rg-tshoot -l eastus -o none
az acr create -n tcachereg01 -g rg-tshoot --sku Standard -o none
az keyvault create -n myKeyVaultName -g rg-tshoot --enable-rbac-authorization false -o none
ME=$(az ad signed-in-user show --query id -o tsv)
az keyvault set-policy --name myKeyVaultName --object-id $ME --secret-permissions get set list -o none
az keyvault secret set --vault-name myKeyVaultName -n hubuser --value myuser -o none
az keyvault secret set --vault-name myKeyVaultName -n hubpass --value mypass -o none
az acr credential-set create -r tcachereg01 -n hubcreds -l docker.io -o none \\
  -u https://myKeyVaultName.vault.azure.net/secrets/hubuser -p https://myKeyVaultName.vault.azure.net/secrets/hubpass
"""
HEALTH = "az acr credential-set show -r tcachereg01 -n hubcreds --query 'authCredentials[0].credentialHealth.status' -o tsv"


def test_troubleshoot_artifact_cache(lab):
    assert lab.run(SETUP).exit_code == 0
    assert lab.run(HEALTH).stdout == "Unhealthy\n"
    principal = lab.run("az acr credential-set show -r tcachereg01 -n hubcreds --query identity.principalId "
                        "-o tsv").stdout.strip()
    page = Page(lab, "troubleshoot-artifact-cache", {"myObjID": principal})
    page.run(0, contains='"get"')
    assert lab.run(HEALTH).stdout == "Healthy\n"
    # the same command on a vault that uses Azure RBAC is refused
    assert lab.run("az keyvault create -n rbacvault01 -g rg-tshoot -o none").exit_code == 0
    r = lab.run(page.code(0).replace("myKeyVaultName", "rbacvault01"))
    assert r.exit_code == 1 and "Cannot set policies to a vault with '--enable-rbac-authorization' specified" in r.stderr
    page.finish()
