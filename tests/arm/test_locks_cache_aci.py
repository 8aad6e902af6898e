"""Management locks, artifact cache and container instances: each rule decided once in the engine (engine/locks.py,
engine/artifact_cache.py, engine/container_instances.py), a refused request changes nothing, and az shows the
service's text. Sources are named in the engine modules' docstrings."""

from __future__ import annotations

import copy

SETUP = """az group create -n rg -l eastus -o none
az acr create -n lockreg1 -g rg --sku Premium -o none
"""


def _state(lab):
    cloud = lab.cloud
    return copy.deepcopy((sorted(cloud.registries), {k: sorted(v) for k, v in cloud.resources.items() if v},
                          sorted(cloud.state.get("locks", {}))))


def test_cannot_delete_lock_blocks_deletes_not_updates_nor_pushes(lab, cli):
    cli(SETUP + "az lock create --name noDelete --lock-type CanNotDelete --resource-group rg -o none")
    before = _state(lab)
    r = lab.run("az acr delete -n lockreg1 -y")
    assert r.exit_code == 1 and r.stderr.startswith("ERROR: (ScopeLocked) The scope '/subscriptions/")
    assert "/registries/lockreg1' cannot perform delete operation because following scope(s) are locked: " \
           f"'{lab.cloud.subscription.id}/resourceGroups/rg'. Please remove the lock and try again." in r.stderr
    assert lab.run("az group delete -n rg -y").exit_code == 1
    assert _state(lab) == before
    cli("az acr update -n lockreg1 --admin-enabled true", checks={"adminUserEnabled": True})
    cli("az acr import -n lockreg1 --source mcr.microsoft.com/hello-world:latest -t hello:v1")  # data plane goes on
    cli("az lock delete -n noDelete -g rg")
    cli("az acr delete -n lockreg1 -y")


def test_read_only_lock_blocks_writes_and_list_credentials(lab, cli):
    cli(SETUP + "az acr update -n lockreg1 --admin-enabled true -o none\n"
        "az lock create -n ro -t ReadOnly -g rg --resource lockreg1 --resource-type "
        "Microsoft.ContainerRegistry/registries -o none")
    for cmd in ("az acr update -n lockreg1 --admin-enabled false", "az acr credential show -n lockreg1",
                "az acr replication create -r lockreg1 -l westus"):
        r = lab.run(cmd)
        assert r.exit_code == 1 and "cannot perform write operation" in r.stderr, cmd
    cli("az acr show -n lockreg1", checks={"adminUserEnabled": True})
    cli("az lock list -g rg --query \"[].level\"", checks={"@": ["ReadOnly"]})
    cli("az lock delete -n ro -g rg --resource lockreg1 --resource-type Microsoft.ContainerRegistry/registries")
    cli("az acr credential show -n lockreg1 --query username", checks={"@": "lockreg1"})


def test_contributor_cannot_create_locks(lab, cli):
    cli(SETUP + "az ad sp create-for-rbac -n contrib --role Contributor --scopes "
        f"{lab.cloud.subscription.id}/resourceGroups/rg -o none")
    sp = lab.cloud.tenant.find_principal("contrib")
    code, out, err = lab.new_session(sp).run("az lock create -n l1 -t CanNotDelete -g rg")
    assert code == 1 and "(AuthorizationFailed)" in err and "Microsoft.Authorization/locks/write" in err


def test_cache_rule_pull_through_and_rules(lab, cli):
    cli(SETUP + "az acr cache create -r lockreg1 -n hello -s mcr.microsoft.com/hello-world -t hello-world -o none\n"
        "az acr login -n lockreg1 -o none")
    cli("docker pull lockreg1.azurecr.io/hello-world:latest")
    cli("az acr repository show-tags -n lockreg1 --repository hello-world", checks={"@": ["latest"]})
    before = _state(lab)
    # Docker Hub serves authenticated pulls only: the rule itself needs a credential set (artifact-cache-overview.md)
    r = lab.run("az acr cache create -r lockreg1 -n hub -s docker.io/library/ubuntu -t ubuntu")
    assert r.exit_code == 1 and "(EnforceDockerAuthentication) Cannot create cache rule pointing to Docker Hub " \
        "without credentials. Please add a credential set to cache rule." in r.stderr
    assert _state(lab) == before
    r = lab.run("az acr cache create -r lockreg1 -n again -s mcr.microsoft.com/dotnet/sdk -t hello-world")
    assert r.exit_code == 1 and "(Conflict)" in r.stderr
    r = lab.run("az acr cache create -r lockreg1 -n all -s mcr.microsoft.com/* -t '*'")
    assert r.exit_code == 1 and "(TargetRepositoryPrefixMatchesExistingRegistries) There are one or more target " \
        "repositories in the registry which match the target repository prefix '*'." in r.stderr
    r = lab.run("az acr cache create -r lockreg1 -n bad -s docker.io/library/Ubuntu -t up")
    assert r.exit_code == 1 and "standardized docker repository naming conventions" in r.stderr
    assert _state(lab) == before


def test_credential_set_reads_secrets_with_its_own_identity(lab, cli):
    cli(SETUP + "az keyvault create -n kvcache1 -g rg -o none")
    me = lab.run("az ad signed-in-user show --query id -o tsv").stdout.strip()
    kv = lab.run("az keyvault show -n kvcache1 --query id -o tsv").stdout.strip()
    r = lab.run("az keyvault secret set --vault-name kvcache1 -n u --value user")
    assert r.exit_code == 1 and "(Forbidden) Caller is not authorized to perform action on resource." in r.stderr
    cli(f'az role assignment create --role "Key Vault Secrets Officer" --assignee {me} --scope {kv} -o none')
    cli("az keyvault secret set --vault-name kvcache1 -n u --value user -o none")
    cli("az keyvault secret set --vault-name kvcache1 -n p --value pw -o none")
    cli("az acr credential-set create -r lockreg1 -n hubcreds -l docker.io -u https://kvcache1.vault.azure.net/secrets/u"
        " -p https://kvcache1.vault.azure.net/secrets/p -o none")
    cli("az acr credential-set show -r lockreg1 -n hubcreds",
        checks={"authCredentials[0].credentialHealth.status": "Unhealthy",
                "authCredentials[0].credentialHealth.errorCode": "Forbidden"})
    principal = lab.run("az acr credential-set show -r lockreg1 -n hubcreds --query identity.principalId -o tsv").stdout
    cli(f'az role assignment create --role "Key Vault Secrets User" --assignee {principal.strip()} --scope {kv} -o none')
    cli("az acr credential-set show -r lockreg1 -n hubcreds",
        checks={"authCredentials[0].credentialHealth.status": "Healthy"})
    cli("az acr cache create -r lockreg1 -n hub -s docker.io/library/ubuntu -t ubuntu -c hubcreds -o none\n"
        "az acr login -n lockreg1 -o none")
    r = lab.run("docker pull lockreg1.azurecr.io/ubuntu:latest")  # Docker Hub has no account 'user' yet
    assert r.exit_code == 1 and "authentication required with source registry for cache rule 'hub'" in r.stderr
    cli("lab dockerhub signup user --password pw\ndocker pull lockreg1.azurecr.io/ubuntu:latest")
    r = lab.run("az acr credential-set delete -r lockreg1 -n hubcreds -y")
    assert r.exit_code == 1 and "is used by cache rule(s) 'hub'" in r.stderr


def test_container_create_pulls_from_acr_or_refuses(lab, cli):
    cli(SETUP + "az acr import -n lockreg1 --source mcr.microsoft.com/hello-world:latest -t app:v1 -o none")
    r = lab.run("az container create -g rg -n nocred --image lockreg1.azurecr.io/app:v1")
    assert r.exit_code == 1 and r.stderr == ("ERROR: Please specify --registry-username in order to use Azure "
                                             "Container Registry.\n")
    before = _state(lab)
    r = lab.run("az container create -g rg -n bad --image lockreg1.azurecr.io/app:v1 --registry-username x "
                "--registry-password y")
    assert r.exit_code == 1 and "(InaccessibleImage) The image 'lockreg1.azurecr.io/app:v1' in container group 'bad' " \
        "is not accessible. Please check the image and registry credential." in r.stderr
    assert _state(lab) == before
    cli("az acr update -n lockreg1 --admin-enabled true -o none")
    pw = lab.run("az acr credential show -n lockreg1 --query passwords[0].value -o tsv").stdout.strip()
    cli(f"az container create -g rg -n admin --image lockreg1.azurecr.io/app:v1 --registry-username lockreg1 "
        f"--registry-password {pw} --dns-name-label app1 --ports 80",
        checks={"provisioningState": "Succeeded", "containers[0].resources.requests.cpu": 1.0,
                "containers[0].resources.requests.memoryInGb": 1.5, "osType": "Linux", "restartPolicy": "Always",
                "ipAddress.fqdn": "app1.eastus.azurecontainer.io",
                "imageRegistryCredentials[0].server": "lockreg1.azurecr.io"})
    cli("az identity create -g rg -n puller -o none")
    mi = lab.run("az identity show -g rg -n puller --query id -o tsv").stdout.strip()
    assert lab.run(f"az container create -g rg -n mi --image lockreg1.azurecr.io/app:v1 --acr-identity {mi} "
                   f"--assign-identity {mi}").exit_code == 1  # the identity has no AcrPull yet
    pid = lab.run("az identity show -g rg -n puller --query principalId -o tsv").stdout.strip()
    cli(f"az role assignment create --assignee {pid} --role AcrPull --scope "
        f"{lab.run('az acr show -n lockreg1 --query id -o tsv').stdout.strip()} -o none")
    cli(f"az container create -g rg -n mi --image lockreg1.azurecr.io/app:v1 --acr-identity {mi} --assign-identity {mi}",
        checks={"identity.type": "UserAssigned"})
    cli("az container list -g rg --query \"[].name\"", checks={"@": ["admin", "mi"]})
    cli("az container delete -g rg -n mi -y -o none")
