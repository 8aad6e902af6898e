"""'Enable a customer-managed key' and 'Rotate and revoke a customer-managed key', in a fresh lab.

Sources: MicrosoftDocs/azure-management-docs articles/container-registry/tutorial-enable-customer-managed-keys.md
and tutorial-rotate-revoke-customer-managed-keys.md. Placeholders name one resource group, identity, vault and key.
Today's `az keyvault create` makes a vault that uses Azure RBAC, so the page's access-policy block is refused and
its role-assignment block is the one that grants the identity the key; and the reader, who holds no data role on
that vault, cannot create the key until they take Key Vault Crypto Officer (Owner has no data actions). The template's parameter is `kek_id` while
the page's deployment passes `key_id`: as printed the deployment is refused; with kek_id it deploys. The rotate-key blocks' placeholders
hold spaces inside `<...>`, which bash reads as redirections."""

from __future__ import annotations

from .docs import Page

SUBS = {"<resource-group-name>": "cmk-rg", "<location>": "eastus", "<managed-identity-name>": "cmkid",
        "<key-vault-name>": "cmkvault01", "<key-name>": "cmkkey", "<keyname>": "cmkkey",
        "<container-registry-name>": "cmkreg01", "<registry-name>": "cmkreg02", "<managed-identity>": "cmkid",
        "<key-vault-key-id>": "$keyID"}


def test_enable_customer_managed_keys(lab):
    page = Page(lab, "tutorial-enable-customer-managed-keys", SUBS)
    page.run(0, contains='"name": "cmk-rg"')
    page.run(1, contains='"name": "cmkid"')
    page.skip(2, "the output of the block above, as the page prints it")
    page.run(3)
    page.run(4, contains='"enablePurgeProtection": true')
    page.run(5)
    page.run(6, exit_code=1, contains="Cannot set policies to a vault with '--enable-rbac-authorization' specified")
    page.run(7, contains='"principalType": "ServicePrincipal"')
    # The page never gives its reader a data role on the RBAC vault it made; as in Azure, Owner holds no data
    # actions, so the key is refused until the reader takes Key Vault Crypto Officer on the vault.
    page.run(8, exit_code=1, contains="Action: 'Microsoft.KeyVault/vaults/keys/create/action'")
    assert lab.run('az role assignment create --role "Key Vault Crypto Officer" --assignee '
                   '$(az ad signed-in-user show --query id -o tsv) --scope $(az keyvault show -n cmkvault01 --query id '
                   '-o tsv) -o none').exit_code == 0
    kid = page.run(8).json()["key"]["kid"]
    page.skip(9, "the output of the block above, as the page prints it")
    page.run(10)
    assert lab.run("echo $keyID").stdout.strip() == kid
    page.run(11)
    assert lab.run("echo $keyID").stdout.strip() == kid.rsplit("/", 1)[0]  # versionless: rotated automatically
    page.run(12, contains='"status": "enabled"')
    shown = page.run(13).json()
    assert shown["status"] == "enabled" and shown["keyVaultProperties"]["keyIdentifier"] == kid.rsplit("/", 1)[0]
    page.skip(14, "the output of the block above, as the page prints it")
    assert lab.run(f"cat > CMKtemplate.json <<'EOF'\n{page.code(15)}EOF").exit_code == 0
    page.run(16, exit_code=1, contains="key_id")  # the template's parameter is kek_id
    # With the template's own parameter name it deploys: ARM reads `KeyIdentifier` as keyIdentifier, and its
    # vaults/accessPolicies `add` is kept (and ignored) on the RBAC vault; the new registry encrypts with the key.
    fixed = page.code(16).replace("key_id=", "kek_id=")
    for placeholder, value in SUBS.items():
        fixed = fixed.replace(placeholder, value)
    assert lab.run(fixed).exit_code == 0
    assert page.run(17).json()["keyVaultProperties"]["keyIdentifier"] == kid.rsplit("/", 1)[0]
    assert '"KeyIdentifier"' in page.code(15)
    deployed = lab.run("az acr encryption show --name cmkreg02").json()  # $keyID is versionless since block 11
    assert deployed["status"] == "enabled" and deployed["keyVaultProperties"]["keyIdentifier"] == kid.rsplit("/", 1)[0]
    page.finish()

    rotate = Page(lab, "tutorial-rotate-revoke-customer-managed-keys", {**SUBS, "<registry-name>": "cmkreg01"})
    new_kid = rotate.run(0).json()["key"]["kid"]
    assert new_kid != kid
    rotate.run(1, exit_code=2, contains="syntax error near unexpected token `newline'")
    rotate.run(2, exit_code=2, contains="syntax error near unexpected token `newline'")
    client_id = lab.run("az identity show -g cmk-rg -n cmkid --query clientId -o tsv").stdout.strip()
    rotate.subs.update({"<new-key-id>": new_kid, "<client ID of a managed identity>": client_id})
    rotate.run(1, contains=f'"keyIdentifier": "{new_kid}"')
    rotate.run(3, exit_code=3)  # the registry has no system-assigned identity
    rotate.run(4, exit_code=1, contains="Cannot delete policies to a vault with '--enable-rbac-authorization' "
                                        "specified")
    rotate.skip(2, "the user-assigned identity's resource id form of block 1, run above with its client id")
    # As printed the block is two commands: `--` ends its line with a space, not a backslash, so az gets
    # `--name cmkvault01 --` (argparse leaves the bare `--` unrecognized), and bash then runs `--object-id` (its
    # trailing `\ ` escapes a space) as a command of its own. The key survives.
    out = rotate.run(5, exit_code=127, contains="bash: --object-id: command not found")
    assert "ERROR: unrecognized arguments: --" in out.output
    assert lab.run("az keyvault key show --vault-name cmkvault01 -n cmkkey -o none").exit_code == 0
    # What the page means: delete the key (its versions go to the vault's deleted keys); the registry loses it.
    deleted = lab.run("az keyvault key delete --vault-name cmkvault01 --name cmkkey").json()
    assert deleted["recoveryId"] == "https://cmkvault01.vault.azure.net/deletedkeys/cmkkey"
    assert deleted["key"]["kid"] == new_kid and deleted["scheduledPurgeDate"] > deleted["deletedDate"]
    assert "(KeyNotFound)" in lab.run("az keyvault key show --vault-name cmkvault01 -n cmkkey").output
    rotate.finish()
