"""A PUT replaces the whole resource, tags included: `az group create` over a tagged group clears its tags, as
New-AzResourceGroup and a template that names no tags do; a PATCH changes only what it names. Key vaults keep the
tags az, PowerShell and templates give them, and show them as Azure does.

Sources: Azure/azure-cli issue #11513 ("az group create --tag behaviour": the second `az group create -n my-test-rg
-l northeurope` removes the tag; the maintainers: create is the PUT and overwrites the resource, by design);
Azure/azure-powershell issue #5894 (New-AzureRmResourceGroup over an existing group leaves its Tags blank); Azure/
azure-cli src/azure-cli/azure/cli/command_modules/resource/custom.py (create_resource_group: ResourceGroup(location,
tags) sent with create_or_update); Azure/azure-cli src/azure-cli/azure/cli/command_modules/keyvault/custom.py
(create_vault: VaultCreateOrUpdateParameters(location, tags, properties); update_vault_setter: the generic update's
PUT with location, tags and properties); Azure/azure-rest-api-specs specification/keyvault/resource-manager/
Microsoft.KeyVault/stable/2023-02-01/keyvault.json (VaultCreateOrUpdateParameters.tags, VaultPatchParameters.tags,
DeletedVaultProperties.tags); Azure/azure-powershell src/KeyVault/KeyVault/help/New-AzKeyVault.md and
Get-AzKeyVault.md (-Tag)."""

from __future__ import annotations

import json

from acrlab import Lab

from .state import made_alike

GROUP_TEMPLATE = {"$schema": "https://schema.management.azure.com/schemas/2018-05-01/"
                  "subscriptionDeploymentTemplate.json#", "contentVersion": "1.0.0.0",
                  "resources": [{"type": "Microsoft.Resources/resourceGroups", "apiVersion": "2024-11-01",
                                 "name": "rg-made", "location": "westeurope"}]}


def _group_tags(lab: Lab) -> dict | None:
    r = lab.run("az group show -n rg-made --query tags")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout) if r.stdout.strip() else None  # a group without tags shows "tags": null


def test_a_group_put_without_tags_clears_them_from_every_front_end():
    for again in ("az group create -n rg-made -l westeurope -o none",
                  "pwsh -c '$null = New-AzResourceGroup -Name rg-made -Location westeurope -Force'",
                  "az deployment sub create -l eastus --template-file s.json -o none"):
        lab = Lab(seed=0)
        lab.write_file("s.json", json.dumps(GROUP_TEMPLATE))
        assert lab.run("az group create -n rg-made -l westeurope --tags team=web env=dev -o none").exit_code == 0
        r = lab.run(again)
        assert r.exit_code == 0, (again, r.stderr)
        assert _group_tags(lab) is None, again


def test_a_group_patch_and_az_group_update_keep_the_tags_they_do_not_name():
    lab = Lab(seed=0)
    assert lab.run("az group create -n rg-made -l westeurope --tags team=web -o none").exit_code == 0
    assert lab.run("az group update -n rg-made --set managedBy=/subscriptions/x -o none").exit_code == 0
    assert _group_tags(lab) == {"team": "web"}
    r = lab.run("az rest --method patch --url \"https://management.azure.com/subscriptions/$(az account show "
                "--query id -o tsv)/resourceGroups/rg-made?api-version=2024-11-01\" --body '{\"managedBy\": \"y\"}'")
    assert r.exit_code == 0, r.stderr
    assert _group_tags(lab) == {"team": "web"}


VAULT = {"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "kvtagged", "location": "eastus",
         "tags": {"env": "dev", "team": "web"},
         "properties": {"sku": {"family": "A", "name": "standard"}, "tenantId": "[subscription().tenantId]"}}


def _vault_tags(lab: Lab) -> dict:
    r = lab.run("az keyvault show -n kvtagged --query tags")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def test_vault_tags_are_kept_and_shown_alike_by_az_pwsh_and_a_template():
    def make(lab: Lab, way: str):
        assert lab.run("az group create -n rg -l eastus -o none").exit_code == 0
        if way == "az":
            return lab.run("az keyvault create -n kvtagged -g rg --tags env=dev team=web -o none")
        if way == "pwsh":
            return lab.run("$null = New-AzKeyVault -Name kvtagged -ResourceGroupName rg -Location eastus "
                           "-Tag @{env='dev'; team='web'}", shell="pwsh")
        lab.write_file("t.json", json.dumps({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/"
                                             "deploymentTemplate.json#", "contentVersion": "1.0.0.0",
                                             "resources": [VAULT]}))
        return lab.run("az deployment group create -g rg --template-file t.json -o none")

    assert made_alike(make, _vault_tags) == {"env": "dev", "team": "web"}


def test_vault_tags_through_update_set_get_azkeyvault_listing_and_soft_delete():
    lab = Lab(seed=0)
    for line in ("az group create -n rg -l eastus -o none", "az keyvault create -n kvtagged -g rg --tags env=dev -o none",
                 "az keyvault create -n kvother -g rg -o none"):
        assert lab.run(line).exit_code == 0, line
    r = lab.run("az keyvault update -n kvtagged --set tags.owner=ops")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["tags"] == {"env": "dev", "owner": "ops"}
    assert lab.run("az keyvault update -n kvtagged --enable-purge-protection true -o none").exit_code == 0
    assert _vault_tags(lab) == {"env": "dev", "owner": "ops"}  # a PATCH of the flags keeps the tags
    listed = json.loads(lab.run("az keyvault list --query \"[?name=='kvtagged'].tags\"").stdout)
    assert listed == [{"env": "dev", "owner": "ops"}]
    r = lab.run("(Get-AzKeyVault -Tag @{owner='ops'}).VaultName; (Get-AzKeyVault -VaultName kvtagged).Tags['env']",
                shell="pwsh")
    assert r.exit_code == 0 and r.stdout.split() == ["kvtagged", "dev"], r.stderr
    # a second create (a PUT) with no --tags replaces the vault's tags with none
    assert lab.run("az keyvault create -n kvtagged -g rg -o none").exit_code == 0
    assert _vault_tags(lab) == {}
    assert lab.run("az keyvault update -n kvtagged --set tags.env=prod -o none").exit_code == 0
    assert lab.run("az keyvault delete -n kvtagged -o none").exit_code == 0
    deleted = json.loads(lab.run("az keyvault list-deleted --query \"[?name=='kvtagged'].properties.tags\"").stdout)
    assert deleted == [{"env": "prod"}]
    bad = lab.run("az keyvault update -n kvother --set tags=notamap")
    assert bad.exit_code == 1 and "tags" in bad.stderr
