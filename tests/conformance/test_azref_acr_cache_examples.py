"""The az reference's two `az acr cache create` examples, run after the set-up they presume.

Source: MicrosoftDocs/azure-docs-cli docs-ref-autogen/Latest-version/latest/acr/cache.yml (az acr cache create,
examples; the reference as of 2026-08). The first example ("without a credential set") names Docker Hub, which the
service refuses today: Docker Hub serves authenticated pulls only, so a rule from it needs a credential set
(MicrosoftDocs/azure-management-docs articles/container-registry/artifact-cache-cli.md and artifact-cache-overview.md).
The second runs with MyCredSet holding a lab Docker Hub account's username and password from Key Vault."""

from __future__ import annotations

SETUP = """az group create -n rg -l eastus -o none
az acr create -n myregistry01 -g rg --sku Basic -o none
lab dockerhub signup learnerhub --password 'Hub-Passw0rd!'
az keyvault create -n kvhub01 -g rg -o none
KV=$(az keyvault show -n kvhub01 --query id -o tsv)
az role assignment create --assignee learner@contoso.onmicrosoft.com --role "Key Vault Secrets Officer" --scope $KV \\
  -o none
az keyvault secret set --vault-name kvhub01 -n user --value learnerhub -o none
az keyvault secret set --vault-name kvhub01 -n pw --value 'Hub-Passw0rd!' -o none
az acr credential-set create -r myregistry01 -n MyCredSet -l docker.io -o none \\
  -u https://kvhub01.vault.azure.net/secrets/user -p https://kvhub01.vault.azure.net/secrets/pw
PID=$(az acr credential-set show -r myregistry01 -n MyCredSet --query identity.principalId -o tsv)
az role assignment create --assignee $PID --role "Key Vault Secrets User" --scope $KV -o none"""


def test_az_acr_cache_create_reference_examples(lab):
    r = lab.run(SETUP)
    assert r.exit_code == 0, r.output
    r = lab.run("az acr cache create -r myregistry01 -n MyRule -s docker.io/library/ubuntu -t ubuntu")
    assert r.exit_code == 1 and "(EnforceDockerAuthentication) Cannot create cache rule pointing to Docker Hub " \
        "without credentials." in r.stderr
    assert lab.run("az acr cache list -r myregistry01 -o tsv").stdout == ""
    rule = lab.run("az acr cache create -r myregistry01 -n MyRule -s docker.io/library/ubuntu -t ubuntu -c MyCredSet"
                   ).json()
    assert rule["sourceRepository"] == "docker.io/library/ubuntu" and rule["targetRepository"] == "ubuntu"
    assert rule["credentialSetResourceId"].endswith("/registries/myregistry01/credentialSets/MyCredSet")
    # the rule pulls through with the credential set's Docker Hub sign-in
    assert lab.run("az acr login -n myregistry01 -o none && docker pull myregistry01.azurecr.io/ubuntu:latest -q"
                   ).exit_code == 0
    assert lab.run("az acr repository show-tags -n myregistry01 --repository ubuntu -o tsv").stdout.split() \
        == ["latest"]
