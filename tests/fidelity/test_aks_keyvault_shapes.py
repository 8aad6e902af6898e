"""az aks and az keyvault shapes, pinned against real sources.

Sources checked:
- Azure/azure-cli src/azure-cli/azure/cli/command_modules/acs/commands.py: table transformers only on
  `aks show` (aks_show_table_format) and `aks list` (aks_list_table_format); create/update have none.
- acs/_format.py _aks_table_format: name, location, resourceGroup, kubernetesVersion, currentKubernetesVersion,
  provisioningState, fqdn || privateFqdn.
- acs/custom.py _get_default_dns_prefix (name[:10] with non [A-Za-z0-9-] removed, 'a' prefix when it starts with
  a digit, rg[:16], subscription[:6], case kept); learn.microsoft.com AKS samples: "dnsPrefix":
  "myAKSClust-myResourceGroup-19da35", lower-case fqdn, "type": "Microsoft.ContainerService/ManagedClusters".
- acs/custom.py merge_kubernetes_configurations: logger.warning('Merged "{}" as current context in {}');
  _print_or_merge_credentials prints the kubeconfig for --file -.
- acs/_validators.py validate_acr: 'Cannot specify "--attach-acr" and "--detach-acr" at the same time.'
- acs/_roleassignments.py ensure_aks_acr: "ACR {} not found. Have you provided the right ACR name?";
  detaching with nothing assigned is not an error.
- acs/_help.py: aks group "Manage Azure Kubernetes Services."
- keyvault: sample `az keyvault create` output (2025, az 2.7x): properties accessPolicies/createMode/...
  /vaultUri, systemData; keyvault/custom.py list_vault (client.list() without -g: generic resources);
  keyvault/_validators.py "The Vault '{}' not found within subscription." (CLIError); Key Vault data-plane
  KeyNotFound text; learn.microsoft.com `az keyvault key create` sample (null JWK members, recoveryLevel
  "Recoverable" for purge-protected vaults).
"""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def cluster(lab, rg):
    r = lab.run("az aks create -g rg-containers -n myAKSCluster --node-count 1 --generate-ssh-keys -o none")
    assert r.exit_code == 0, r.stderr
    return json.loads(lab.run("az aks show -g rg-containers -n myAKSCluster").stdout)


def test_aks_show_json(cluster, lab):
    sub = lab.cloud.subscription.subscription_id
    assert cluster["dnsPrefix"] == f"myAKSClust-rg-containers-{sub[:6]}"
    assert cluster["fqdn"].startswith(cluster["dnsPrefix"].lower() + "-")
    assert cluster["type"] == "Microsoft.ContainerService/ManagedClusters"
    assert "/resourcegroups/rg-containers/providers/Microsoft.ContainerService/managedClusters/" in cluster["id"]
    assert set(cluster["identityProfile"]["kubeletidentity"]) == {"clientId", "objectId", "resourceId"}
    assert cluster["privateFqdn"] is None
    assert cluster["powerState"] == {"code": "Running"}


def test_aks_dns_prefix_rules():
    from acrlab.engine.aks import default_dns_prefix
    assert default_dns_prefix("1st_cluster!", "my.rg", "abcdef0123") == "a1stcluste-myrg-abcdef"


def test_aks_tables(cluster, cli):
    for cmd in ("az aks show -g rg-containers -n myAKSCluster -o table", "az aks list -o table"):
        head = cli(cmd).stdout.splitlines()[0].split()
        assert head == ["Name", "Location", "ResourceGroup", "KubernetesVersion", "CurrentKubernetesVersion",
                        "ProvisioningState", "Fqdn"]
    head = cli("az aks update -g rg-containers -n myAKSCluster --tags a=b -o table").stdout.splitlines()[0]
    assert "DnsPrefix" in head.split()  # knack's automatic table, not the show transformer


def test_aks_get_credentials(cluster, cli):
    r = cli("az aks get-credentials -g rg-containers -n myAKSCluster --admin")
    assert r.stdout == ""
    assert 'Merged "myAKSCluster-admin" as current context in /home/learner/.kube/config' in r.stderr
    out = cli("az aks get-credentials -g rg-containers -n myAKSCluster -f -").stdout
    assert "- name: clusterUser_rg-containers_myAKSCluster\n" in out and out.endswith("\n\n")


def test_aks_attach_errors(cluster, cli):
    r = cli("az aks update -g rg-containers -n myAKSCluster --attach-acr a1 --detach-acr b2", expect_exit=1)
    assert 'Cannot specify "--attach-acr" and "--detach-acr" at the same time.' in r.stderr
    r = cli("az aks update -g rg-containers -n myAKSCluster --attach-acr nosuchacr", expect_exit=1)
    assert "ERROR: ACR nosuchacr not found. Have you provided the right ACR name?" in r.stderr
    cli("az acr create -g rg-containers -n fidacr1 --sku Basic -o none")
    cli("az aks update -g rg-containers -n myAKSCluster --detach-acr fidacr1 -o none")  # nothing to detach: fine
    r = cli("az aks update -g rg-containers -n myAKSCluster --attach-acr fidacr1.azurecr.io", expect_exit=1)
    assert "ACR fidacr1.azurecr.io not found." in r.stderr


def test_aks_check_acr_appends_suffix_silently(cluster, cli):
    cli("az acr create -g rg-containers -n fidacr2 --sku Basic -o none")
    cli("az aks get-credentials -g rg-containers -n myAKSCluster -o none")
    r = cli("az aks check-acr -g rg-containers -n myAKSCluster --acr fidacr2")
    assert "automatically appended" not in r.stderr
    assert "Checking host name resolution (fidacr2.azurecr.io): SUCCEEDED" in r.stdout


def test_aks_group_help(cli):
    assert "Manage Azure Kubernetes Services." in cli("az aks -h").stdout


def test_keyvault_create_json(lab, rg, cli):
    v = cli("az keyvault create -n kvfid1 -g rg-containers --enable-purge-protection true").json()
    assert list(v) == ["id", "location", "name", "properties", "resourceGroup", "systemData", "tags", "type"]
    assert list(v["properties"]) == [
        "accessPolicies", "createMode", "enablePurgeProtection", "enableRbacAuthorization", "enableSoftDelete",
        "enabledForDeployment", "enabledForDiskEncryption", "enabledForTemplateDeployment", "hsmPoolResourceId",
        "networkAcls", "privateEndpointConnections", "provisioningState", "publicNetworkAccess", "sku",
        "softDeleteRetentionInDays", "tenantId", "vaultUri"]
    assert v["properties"]["enableRbacAuthorization"] is True
    assert v["systemData"]["createdByType"] == "User"
    listed = cli("az keyvault list").json()
    assert list(listed[0]) == ["id", "location", "name", "resourceGroup", "tags", "type"]
    assert "properties" in cli("az keyvault list -g rg-containers").json()[0]


def test_keyvault_key_json(lab, rg, cli):
    cli("az keyvault create -n kvfid2 -g rg-containers -o none")
    # an RBAC vault (today's default): its creator holds no data role, so key create needs Key Vault Crypto Officer
    r = lab.run("az keyvault key create --vault-name kvfid2 -n k1")
    assert r.exit_code == 1 and "Action: 'Microsoft.KeyVault/vaults/keys/create/action'" in r.stderr
    cli("az role assignment create --role \"Key Vault Crypto Officer\" --assignee $(az ad signed-in-user show --query id -o tsv) --scope $(az keyvault show -n kvfid2 --query id -o tsv) -o none")
    k = cli("az keyvault key create --vault-name kvfid2 -n k1 --kty RSA").json()
    assert list(k) == ["attributes", "key", "managed", "releasePolicy", "tags"]
    assert k["attributes"]["recoveryLevel"] == "Recoverable+Purgeable"
    assert k["attributes"]["created"].endswith("+00:00")
    assert {"crv", "d", "dp", "dq", "e", "k", "keyOps", "kid", "kty", "n", "p", "q", "qi", "t", "x", "y"} == set(k["key"])
    cli("az keyvault create -n kvfid3 -g rg-containers --enable-purge-protection true -o none")
    cli("az role assignment create --role \"Key Vault Crypto Officer\" --assignee $(az ad signed-in-user show --query id -o tsv) --scope $(az keyvault show -n kvfid3 --query id -o tsv) -o none")
    k = cli("az keyvault key create --vault-name kvfid3 -n k1").json()
    assert k["attributes"]["recoveryLevel"] == "Recoverable"


def test_keyvault_errors(lab, rg, cli):
    r = cli("az keyvault show -n nosuchvault", expect_exit=3)
    assert r.stderr.startswith("ERROR: The Vault 'nosuchvault' not found within subscription.")
    cli("az keyvault create -n kvfid4 -g rg-containers -o none")
    r = lab.run("az keyvault key show --vault-name kvfid4 -n nokey")
    assert r.exit_code == 1 and "Action: 'Microsoft.KeyVault/vaults/keys/read'" in r.stderr
    cli("az role assignment create --role \"Key Vault Crypto Officer\" --assignee $(az ad signed-in-user show --query id -o tsv) --scope $(az keyvault show -n kvfid4 --query id -o tsv) -o none")
    r = cli("az keyvault key show --vault-name kvfid4 -n nokey", expect_exit=3)
    assert ("(KeyNotFound) A key with (name/id) nokey was not found in this key vault. If you recently deleted this "
            "key you may be able to recover it using the correct recovery command. For help resolving this issue, "
            "please see https://go.microsoft.com/fwlink/?linkid=2125182") in r.stderr


def test_keyvault_key_delete(lab, rg, cli):
    """`az keyvault key delete` (azure-cli keyvault commands; Key Vault REST DeletedKeyBundle: recoveryId,
    deletedDate, scheduledPurgeDate): the keys/delete data action on an RBAC vault (Crypto User has none;
    Azure/KeyVault-AccessPolicyToRBAC-CompareTool maps Key Delete to Microsoft.KeyVault/vaults/keys/delete), the
    access policy's `delete` otherwise; the key moves to the vault's deleted keys."""
    me = "$(az ad signed-in-user show --query id -o tsv)"
    cli("az keyvault create -n kvdel1 -g rg-containers -o none")
    scope = "$(az keyvault show -n kvdel1 --query id -o tsv)"
    cli(f'az role assignment create --role "Key Vault Crypto Officer" --assignee {me} --scope {scope} -o none')
    kid = cli("az keyvault key create --vault-name kvdel1 -n k1").json()["key"]["kid"]
    cli(f'az role assignment delete --role "Key Vault Crypto Officer" --assignee {me} --scope {scope}')
    cli(f'az role assignment create --role "Key Vault Crypto User" --assignee {me} --scope {scope} -o none')
    r = lab.run("az keyvault key delete --vault-name kvdel1 -n k1")
    assert r.exit_code == 1 and "Action: 'Microsoft.KeyVault/vaults/keys/delete'" in r.stderr
    cli(f'az role assignment create --role "Key Vault Crypto Officer" --assignee {me} --scope {scope} -o none')
    d = cli(f"az keyvault key delete --id {kid.rsplit('/', 1)[0]}").json()
    assert d["recoveryId"] == "https://kvdel1.vault.azure.net/deletedkeys/k1" and d["key"]["kid"] == kid
    assert list(d) == sorted(d) and {"deletedDate", "scheduledPurgeDate"} <= set(d)
    cli("az keyvault key show --vault-name kvdel1 -n k1", expect_exit=3)
    r = lab.run("az keyvault key delete --name k1")
    assert r.exit_code == 1 and "usage error" in r.stderr
    # an access-policy vault: the caller's policy needs the `delete` key permission
    cli("az keyvault create -n kvdel2 -g rg-containers --enable-rbac-authorization false -o none")
    cli("az keyvault key create --vault-name kvdel2 -n k2 -o none")
    cli(f"az keyvault set-policy -n kvdel2 --object-id {me} --key-permissions get create")
    r = lab.run("az keyvault key delete --vault-name kvdel2 -n k2")
    assert r.exit_code == 1 and "does not have keys delete permission" in r.stderr
    cli(f"az keyvault set-policy -n kvdel2 --object-id {me} --key-permissions get create delete")
    cli("az keyvault key delete --vault-name kvdel2 -n k2 -o none")
