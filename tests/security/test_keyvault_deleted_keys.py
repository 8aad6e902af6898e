"""Key Vault's deleted keys: soft delete keeps a key in the vault's deleted keys until the purge date the vault's
retention days set; it can be listed, shown, recovered or purged (not under purge protection), and its name cannot be
reused meanwhile.

Sources: MicrosoftDocs/azure-docs-cli docs-ref-autogen/Latest-version/latest/keyvault/key.yml (az keyvault key list,
list-deleted, show-deleted, recover, purge and their arguments); Azure/azure-rest-api-specs Key Vault data plane
(DeletedKeyItem/DeletedKeyBundle: recoveryId, deletedDate, scheduledPurgeDate; GetDeletedKeys needs keys/list,
GetDeletedKey keys/get, RecoverDeletedKey keys/recover, PurgeDeletedKey keys/purge); Azure/KeyVault-AccessPolicyToRBAC-
CompareTool (RBAC data actions: keys/read, keys/delete, keys/recover/action, keys/purge/action); Key Vault's texts:
409 Conflict "Key NAME is currently in a deleted but recoverable state, and its name cannot be reused; in this state,
the key can only be recovered or purged." and 403 Forbidden 'Operation "purge" is not allowed because purge
protection is enabled for this vault. ...' (as the Azure SDKs' tests record them)."""

from __future__ import annotations

from datetime import datetime, timedelta

ME = "$(az ad signed-in-user show --query id -o tsv)"


def _vault(lab, name, *flags, role="Key Vault Crypto Officer"):
    assert lab.run(f"az keyvault create -n {name} -g rg-containers {' '.join(flags)} -o none").exit_code == 0
    if role:
        assert lab.run(f'az role assignment create --role "{role}" --assignee {ME} '
                       f"--scope $(az keyvault show -n {name} --query id -o tsv) -o none").exit_code == 0


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_delete_list_show_recover_and_purge(lab, rg, cli):
    _vault(lab, "kvdel1")
    cli("az keyvault key create --vault-name kvdel1 -n k1 -o none")
    cli("az keyvault key create --vault-name kvdel1 -n k2 -o none")
    listed = cli("az keyvault key list --vault-name kvdel1").json()
    assert [k["kid"] for k in listed] == ["https://kvdel1.vault.azure.net/keys/k1",
                                          "https://kvdel1.vault.azure.net/keys/k2"]
    # Azure/azure-cli src/azure-cli/azure/cli/command_modules/keyvault/_transformers.py transform_key_list_output
    assert set(listed[0]) == {"attributes", "kid", "managed", "name", "releasePolicy", "tags"}
    assert "hsmPlatform" in listed[0]["attributes"] and "key" not in listed[0]
    gone = cli("az keyvault key delete --vault-name kvdel1 -n k1").json()
    now = lab.cloud.clock.now()
    assert gone["recoveryId"] == "https://kvdel1.vault.azure.net/deletedkeys/k1"
    assert _when(gone["deletedDate"]) == now.replace(microsecond=0)
    assert _when(gone["scheduledPurgeDate"]) - _when(gone["deletedDate"]) == timedelta(days=90)
    assert cli("az keyvault key list --vault-name kvdel1 --query [].name").json() == ["k2"]
    items = cli("az keyvault key list-deleted --vault-name kvdel1").json()
    assert [i["name"] for i in items] == ["k1"]
    assert set(items[0]) == {"attributes", "deletedDate", "kid", "managed", "name", "recoveryId", "releasePolicy",
                             "scheduledPurgeDate", "tags"}
    shown = cli("az keyvault key show-deleted --id https://kvdel1.vault.azure.net/deletedkeys/k1").json()
    assert shown["key"]["kid"].startswith("https://kvdel1.vault.azure.net/keys/k1/")
    assert shown["recoveryId"] == gone["recoveryId"]
    # the deleted key keeps its name
    r = lab.run("az keyvault key create --vault-name kvdel1 -n k1")
    assert r.exit_code == 1
    assert ("(Conflict) Key k1 is currently in a deleted but recoverable state, and its name cannot be reused; in "
            "this state, the key can only be recovered or purged.") in r.stderr
    recovered = cli(f"az keyvault key recover --id {gone['recoveryId']}").json()
    assert recovered["key"]["kid"] == shown["key"]["kid"]  # the same version comes back
    assert cli("az keyvault key list-deleted --vault-name kvdel1").json() == []
    cli("az keyvault key show --vault-name kvdel1 -n k1 -o none")
    # purge: gone for good, the name is free again
    cli("az keyvault key delete --vault-name kvdel1 -n k2 -o none")
    assert cli("az keyvault key purge --vault-name kvdel1 -n k2").stdout == ""
    r = lab.run("az keyvault key show-deleted --vault-name kvdel1 -n k2")
    assert r.exit_code == 3 and "(KeyNotFound) Deleted Key not found: k2" in r.stderr  # az: a 404 exits 3
    r = lab.run("az keyvault key recover --vault-name kvdel1 -n k2")
    assert r.exit_code == 3 and "Deleted Key not found: k2" in r.stderr
    cli("az keyvault key create --vault-name kvdel1 -n k2 -o none")


def test_purge_protection_refuses_purge_and_the_clock_purges(lab, rg, cli):
    _vault(lab, "kvdel2", "--enable-purge-protection true")
    cli("az keyvault key create --vault-name kvdel2 -n cmk -o none")
    gone = cli("az keyvault key delete --vault-name kvdel2 -n cmk").json()
    assert gone["attributes"]["recoveryLevel"] == "Recoverable"
    r = lab.run("az keyvault key purge --vault-name kvdel2 -n cmk")
    assert r.exit_code == 1
    assert ('(Forbidden) Operation "purge" is not allowed because purge protection is enabled for this vault. Key '
            "Vault service will automatically purge it after the retention period has passed.") in r.stderr
    assert len(cli("az keyvault key list-deleted --vault-name kvdel2").json()) == 1
    lab.advance("89d")
    assert len(cli("az keyvault key list-deleted --vault-name kvdel2").json()) == 1
    lab.advance("1d")  # the scheduled purge date: Key Vault purges it by itself
    assert cli("az keyvault key list-deleted --vault-name kvdel2").json() == []
    cli("az keyvault key create --vault-name kvdel2 -n cmk -o none")


def test_recover_and_purge_need_their_data_actions(lab, rg, cli):
    _vault(lab, "kvdel3")
    cli("az keyvault key create --vault-name kvdel3 -n k1 -o none")
    cli("az keyvault key delete --vault-name kvdel3 -n k1 -o none")
    uid = cli("az ad user create --display-name reader --user-principal-name reader@contoso.onmicrosoft.com "
              "--password 'P@ssw0rd1234!' --query id -o tsv").stdout.strip()
    vid = cli("az keyvault show -n kvdel3 --query id -o tsv").stdout.strip()
    cli(f'az role assignment create --role "Key Vault Crypto User" --assignee {uid} --scope {vid} -o none')
    reader = lab.new_session(lab.cloud.tenant.find_principal(uid))
    code, out, err = reader.run("az keyvault key list-deleted --vault-name kvdel3 --query [].name -o tsv")
    assert code == 0 and out.split() == ["k1"]  # Crypto User reads keys (keys/read)
    code, _, err = reader.run("az keyvault key recover --vault-name kvdel3 -n k1")
    assert code == 1 and "Action: 'Microsoft.KeyVault/vaults/keys/recover/action'" in err
    code, _, err = reader.run("az keyvault key purge --vault-name kvdel3 -n k1")
    assert code == 1 and "Action: 'Microsoft.KeyVault/vaults/keys/purge/action'" in err
    assert cli("az keyvault key list-deleted --vault-name kvdel3 --query [].name -o tsv").stdout.split() == ["k1"]


def test_access_policy_vault_uses_recover_and_purge_permissions(lab, rg, cli):
    _vault(lab, "kvdel4", "--enable-rbac-authorization false", role=None)
    cli("az keyvault key create --vault-name kvdel4 -n k1 -o none")
    cli("az keyvault key delete --vault-name kvdel4 -n k1 -o none")
    cli(f"az keyvault set-policy -n kvdel4 --object-id {ME} --key-permissions get list create delete -o none")
    r = lab.run("az keyvault key purge --vault-name kvdel4 -n k1")
    assert r.exit_code == 1 and "does not have keys purge permission on key vault 'kvdel4" in r.stderr
    cli(f"az keyvault set-policy -n kvdel4 --object-id {ME} --key-permissions get list create delete recover "
        "purge -o none")
    cli("az keyvault key recover --vault-name kvdel4 -n k1 -o none")
    cli("az keyvault key delete --vault-name kvdel4 -n k1 -o none")
    cli("az keyvault key purge --vault-name kvdel4 -n k1")
    assert cli("az keyvault key list-deleted --vault-name kvdel4").json() == []


def test_bad_input_is_refused_clearly(lab, rg, cli):
    _vault(lab, "kvdel5")
    r = lab.run("az keyvault key recover --vault-name kvdel5")
    assert r.exit_code == 1 and "usage error: --id ID | --name NAME --vault-name VAULT" in r.stderr
    r = lab.run("az keyvault key purge --id https://kvdel5.vault.azure.net/keys/k1")
    assert r.exit_code == 1 and "invalid recovery id" in r.stderr
    r = lab.run("az keyvault key list-deleted")
    assert r.exit_code == 1 and "usage error: --id ID | --vault-name VAULT" in r.stderr


def test_scheduled_purge_date_follows_the_vaults_retention_days(lab, rg, cli):
    """az keyvault create --retention-days (7 to 90: MicrosoftDocs/azure-docs-cli docs-ref-autogen/Latest-version/
    latest/keyvault.yml): a deleted key's purge date is that many days after its deletion, and Key Vault purges it
    then."""
    _vault(lab, "kvdel6", "--retention-days 7")
    cli("az keyvault key create --vault-name kvdel6 -n k1 -o none")
    gone = cli("az keyvault key delete --vault-name kvdel6 -n k1").json()
    assert _when(gone["scheduledPurgeDate"]) - _when(gone["deletedDate"]) == timedelta(days=7)
    assert gone["attributes"]["recoverableDays"] == 7
    lab.advance("7d")
    assert cli("az keyvault key list-deleted --vault-name kvdel6").json() == []
    r = lab.run("az keyvault create -n kvdel7 -g rg-containers --retention-days 3")
    assert r.exit_code == 1 and "must be between 7 and 90" in r.stderr


def test_key_names_are_case_insensitive(lab):
    """Key Vault compares object identifiers case-insensitively (MicrosoftDocs/azure-docs
    articles/key-vault/general/about-keys-secrets-and-certificates.md, Object identifiers): the same key by any
    spelling, one deleted copy, and the name stays taken in any spelling."""
    assert lab.run("az group create -n rg -l eastus -o none && az keyvault create -n kvcase01 -g rg "
                   "--enable-rbac-authorization false -o none").exit_code == 0
    kid = lab.run("az keyvault key create --vault-name kvcase01 -n RegistryKey --query key.kid -o tsv").stdout.strip()
    assert "/keys/RegistryKey/" in kid
    assert lab.run("az keyvault key show --vault-name kvcase01 -n registrykey --query key.kid -o tsv"
                   ).stdout.strip() == kid
    newer = lab.run("az keyvault key create --vault-name kvcase01 -n REGISTRYKEY --query key.kid -o tsv").stdout
    assert "/keys/RegistryKey/" in newer and newer.strip() != kid  # a new version of the same key
    assert lab.run("az keyvault key list --vault-name kvcase01 --query \"length(@)\"").stdout.strip() == "1"
    assert lab.run("az keyvault key delete --vault-name kvcase01 -n registryKEY -o none").exit_code == 0
    r = lab.run("az keyvault key create --vault-name kvcase01 -n registrykey")
    assert r.exit_code == 1 and "deleted but recoverable state" in r.stderr
    assert lab.run("az keyvault key recover --vault-name kvcase01 -n REGISTRYKEY --query key.kid -o tsv"
                   ).stdout.strip().startswith(kid.rsplit("/", 1)[0])
