"""Key vaults are requests to the resource manager (engine/arm/providers/vaults.py): az, PowerShell and a template
make the same vault, and a caller who may not write vaults is refused by ARM in each front end's words, the tenant
unchanged.

Sources: Azure/azure-rest-api-specs specification/keyvault/resource-manager/Microsoft.KeyVault/stable/2023-02-01/
keyvault.json (Vaults_CreateOrUpdate, _Update, _Get, _Delete; VaultProperties: sku, tenantId, enableRbacAuthorization,
enablePurgeProtection, softDeleteRetentionInDays, publicNetworkAccess, networkAcls); Azure/azure-cli
src/azure-cli/azure/cli/command_modules/keyvault/custom.py (create_vault_or_hsm sends the vault's PUT, update_vault
its PUT after a GET); Azure/azure-powershell src/KeyVault/KeyVault/help/New-AzKeyVault.md, Remove-AzKeyVault.md."""

from __future__ import annotations

import json

from acrlab import Lab

from .state import custom_role_principal, made_alike, tenant_state

VAULT = {"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "kvmade", "location": "westeurope",
         "properties": {"sku": {"family": "A", "name": "standard"}, "tenantId": "[subscription().tenantId]",
                        "enableRbacAuthorization": True, "enablePurgeProtection": True}}
TEMPLATE = {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            "contentVersion": "1.0.0.0", "resources": [VAULT]}


def _show(lab: Lab) -> dict:
    r = lab.run("az keyvault show -n kvmade")
    assert r.exit_code == 0, r.stderr
    out = json.loads(r.stdout)
    out.pop("systemData")  # when it was made: each front end's own clock reading
    return out


def test_az_pwsh_and_a_template_make_the_same_vault():
    def make(lab: Lab, way: str):
        assert lab.run("az group create -n rg -l eastus -o none").exit_code == 0
        if way == "az":
            return lab.run("az keyvault create -n kvmade -g rg -l westeurope --enable-purge-protection true -o none")
        if way == "pwsh":
            return lab.run("$null = New-AzKeyVault -Name kvmade -ResourceGroupName rg -Location 'West Europe' "
                           "-EnablePurgeProtection", shell="pwsh")
        lab.write_file("t.json", json.dumps(TEMPLATE))
        return lab.run("az deployment group create -g rg --template-file t.json -o none")

    shown = made_alike(make, _show)
    props = shown["properties"]
    assert shown["location"] == "westeurope" and props["enablePurgeProtection"] is True
    assert props["enableRbacAuthorization"] is True and props["sku"] == {"family": "A", "name": "standard"}


def test_update_patches_and_the_http_front_door_reads_the_same_vault():
    lab = Lab(seed=0)
    assert lab.run("az group create -n rg -l eastus -o none").exit_code == 0
    assert lab.run("az keyvault create -n kvmade -g rg -o none").exit_code == 0
    r = lab.run("az keyvault update -n kvmade --public-network-access Disabled --default-action Deny")
    assert r.exit_code == 0, r.stderr
    props = json.loads(r.stdout)["properties"]
    assert props["publicNetworkAccess"] == "Disabled" and props["networkAcls"]["defaultAction"] == "Deny"
    assert props["enableRbacAuthorization"] is True  # PATCH keeps what it does not name
    assert lab.run("az keyvault update -n kvmade --enable-purge-protection true -o none").exit_code == 0
    undo = lab.run("az keyvault update -n kvmade --enable-purge-protection false")
    assert undo.exit_code == 1 and "cannot be set to false" in undo.stderr
    web = lab.run("az rest --method get --url \"https://management.azure.com$(az keyvault show -n kvmade --query id "
                  "-o tsv)?api-version=2023-07-01\"")
    assert web.exit_code == 0, web.stderr
    shown = json.loads(lab.run("az keyvault show -n kvmade").stdout)
    assert json.loads(web.stdout) == shown


def test_a_caller_without_write_is_refused_in_each_front_ends_words():
    lab = Lab(seed=0)
    assert lab.run("az group create -n rg -l eastus -o none").exit_code == 0
    assert lab.run("az keyvault create -n kvold -g rg -o none").exit_code == 0
    who = custom_role_principal(lab, "KvReader", ["Microsoft.KeyVault/vaults/read", "Microsoft.Resources/*"],
                                "--scope /subscriptions/$SUB")
    before = tenant_state(lab)
    op = lab.new_session(who)
    denied = "does not have authorization to perform action 'Microsoft.KeyVault/vaults/"
    code, _, err = op.run("az keyvault create -n kvmade -g rg")
    assert code == 1 and err.startswith("ERROR: (AuthorizationFailed)") and denied + "write'" in err
    code, _, err = op.run("az keyvault delete -n kvold")
    assert code == 1 and err.startswith("ERROR: (AuthorizationFailed)") and denied + "delete'" in err
    assert op.run("az keyvault show -n kvold -o none")[0] == 0
    op.write_file("t.json", json.dumps(TEMPLATE))
    code, _, err = op.run("az deployment group create -g rg --template-file t.json -o none")
    assert code == 1 and "AuthorizationFailed" in err and denied + "write'" in err
    op.mode = "pwsh"
    code, _, err = op.run("New-AzKeyVault -Name kvmade -ResourceGroupName rg -Location eastus")
    assert code == 1 and err.startswith("New-AzKeyVault: The client") and denied + "write'" in err
    code, _, err = op.run("Remove-AzKeyVault -VaultName kvold -Force")
    assert code == 1 and err.startswith("Remove-AzKeyVault: The client") and denied + "delete'" in err
    assert tenant_state(lab) == before
