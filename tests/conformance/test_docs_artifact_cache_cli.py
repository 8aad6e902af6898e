"""'Enable artifact cache in your Azure Container Registry with Azure CLI', block by block, in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/artifact-cache-cli.md (blocks in
tests/conformance/docs_blocks/artifact-cache-cli.json). The page presumes a registry `MyRegistry`, a key vault
`MyKeyvault` holding the Docker Hub username and password secrets (of the Docker Hub account hubuser, made with
`lab dockerhub`: its password, then a read-only access token), and a second credential set `NewCredSet`; the test
creates them first. Some blocks are broken as published (a missing line continuation or closing parenthesis,
`-name` for `--name`): the lab answers them exactly as bash and az do, and the test then runs what the page
meant."""

from __future__ import annotations

from .docs import Page

SETUP = """az group create -n rg-cache -l eastus -o none
az acr create -n myregistry01 -g rg-cache --sku Standard -o none
az keyvault create -n MyKeyvault -g rg-cache -o none
ME=$(az ad signed-in-user show --query id -o tsv)
az role assignment create --role "Key Vault Secrets Officer" --assignee $ME --scope $(az keyvault show -n MyKeyvault --query id -o tsv) -o none
az keyvault secret set --vault-name MyKeyvault -n usernamesecret --value hubuser -o none
az keyvault secret set --vault-name MyKeyvault -n passwordsecret --value hubpass -o none
lab dockerhub signup hubuser --password hubpass
az keyvault secret set --vault-name MyKeyvault -n newsecretname -o none \
  --value $(lab dockerhub token create --description acrcache --permission read)
"""
SUBS = {"MyRegistry": "myregistry01", "myregistry.azurecr.io": "myregistry01.azurecr.io",
        "MyCredentialSet": "MyDockerHubCredSet", "--name CredentialSet ": "--name MyDockerHubCredSet ",
        "MyKeyVaultName": "MyKeyvault", "MyKeyVault ": "MyKeyvault ", "MyResouceGroup": "rg-cache",
        "MyUsernameSecretName": "usernamesecret", "MyPasswordSecretName": "passwordsecret"}


def test_artifact_cache_cli(lab):
    assert lab.run(SETUP).exit_code == 0
    page = Page(lab, "artifact-cache-cli", SUBS)
    # Create the credentials: the first line lacks its `\`, so az sees no arguments and bash runs `-r ...` and `-u ...`
    page.run(0, exit_code=127, contains="ERROR: the following arguments are required: --name/-n, --registry/-r, "
                                        "--login-server/-l, --username-id/-u, --password-id/-p")
    assert "bash: -r: command not found" in page.lab.transcript[-1].output
    assert lab.run("az acr credential-set create -r myregistry01 -n MyDockerHubCredSet -l docker.io "
                   "-u https://MyKeyvault.vault.azure.net/secrets/usernamesecret "
                   "-p https://MyKeyvault.vault.azure.net/secrets/passwordsecret -o none").exit_code == 0
    page.run(1, contains='"passwordSecretIdentifier": "https://MyKeyvault.vault.azure.net/secrets/newsecretname"')
    page.run(2, contains='"status": "Unhealthy"')  # the credential set's identity cannot read Key Vault yet
    assert lab.run("az acr credential-set create -r myregistry01 -n NewCredSet -l docker.io "
                   "-u https://MyKeyvault.vault.azure.net/secrets/usernamesecret "
                   "-p https://MyKeyvault.vault.azure.net/secrets/passwordsecret -o none").exit_code == 0
    page.run(3, contains='"targetRepository": "ubuntu"')
    page.run(4, contains="/credentialSets/NewCredSet")
    page.run(5, contains='"sourceRepository": "docker.io/library/ubuntu"')
    # Assign permissions to Key Vault (Azure CLI tab): the page's placeholders filled in with the values it names
    page.run(6)
    page.run(7)
    principal = lab.run("az acr credential-set show -n MyDockerHubCredSet -r myregistry01 --query identity.principalId "
                        "-o tsv").stdout.strip()
    page.subs.update({"CredentialSetPrincipalID": principal,
                      "KeyVaultResourceID": lab.run("az keyvault show -n MyKeyvault --query id -o tsv").stdout.strip()})
    page.run(8, contains="/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6")
    # Bash tab: both variable assignments miss their closing parenthesis, so bash stops at end of input
    page.run(9, exit_code=2, contains="unexpected EOF while looking for matching `)'")
    page.run(10, exit_code=2, contains="unexpected EOF while looking for matching `)'")
    for name in ("CredentialSetPrincipalID", "KeyVaultResourceID"):  # what blocks 9 and 10 meant to set
        assert lab.run(f"{name}={page.subs.pop(name)}").exit_code == 0
    page.run(11, contains='"principalId": "' + principal + '"')
    page.run(12, contains='"value": "hubpass"')
    page.run(13, contains='"status": "Healthy"')  # the identity can read the secrets now
    # access policies need a vault in the access-policy model; today's az keyvault create makes an Azure RBAC vault
    page.run(14, exit_code=1, contains="Cannot set policies to a vault with '--enable-rbac-authorization' specified")
    page.run(15, exit_code=127, contains="bash: -name: command not found")  # `-name`, `-registry`: one dash
    page.run(16, exit_code=2, contains="argument --object-id: expected one argument")  # block 15 set nothing
    assert lab.run("PRINCIPAL_ID=$(az acr credential-set show -n MyDockerHubCredSet -r myregistry01 --query "
                   "identity.principalId -o tsv)").exit_code == 0
    page.run(16, exit_code=1, contains="Cannot set policies to a vault with '--enable-rbac-authorization' specified")
    # Pull your image: the Docker Hub rule pulls through the credential set, once the learner is signed in
    assert lab.run("az acr cache update -r myregistry01 -n MyRule -c MyDockerHubCredSet -o none").exit_code == 0
    assert lab.run("az acr cache create -r myregistry01 -n hello -s docker.io/library/hello-world -t hello-world "
                   "-c MyDockerHubCredSet -o none\naz acr login -n myregistry01 -o none").exit_code == 0
    page.run(17, contains="Status: Downloaded newer image for myregistry01.azurecr.io/hello-world:latest")
    page.run(18, answer="y")
    page.run(19, exit_code=1, contains="is used by cache rule(s) 'hello'", answer="y")
    page.finish()
