"""Resource groups are requests to the resource manager (engine/arm/providers/resource_groups.py): az, PowerShell and
a subscription-scope template make the same group, and a caller who may not read or write a group is refused by
ARM in each front end's words.

Sources: azure-rest-api-specs specification/resources/resource-manager/Microsoft.Resources/stable/2024-11-01/
resources.json (ResourceGroups_CreateOrUpdate, _Get, _Delete; ResourceGroup: location, tags, managedBy); azure-cli
src/azure-cli-core/azure/cli/core/commands/validators.py (get_default_location_from_resource_group reads the group
with resource_groups.get when --location is not given); azure-cli src/azure-cli/azure/cli/command_modules/resource/
custom.py (create_resource_group sends the group's PUT)."""

from __future__ import annotations

import json

from acrlab import Lab

from .state import custom_role_principal, made_alike

SUB_TEMPLATE = {"$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
                "contentVersion": "1.0.0.0",
                "resources": [{"type": "Microsoft.Resources/resourceGroups", "apiVersion": "2024-11-01",
                               "name": "rg-made", "location": "westeurope", "tags": {"team": "web", "env": "dev"}}]}


def _show(lab: Lab) -> dict:
    r = lab.run("az group show -n rg-made")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def test_az_pwsh_and_a_template_make_the_same_group():
    def make(lab: Lab, way: str):
        if way == "az":
            return lab.run("az group create -n rg-made -l 'West Europe' --tags team=web env=dev -o none")
        if way == "pwsh":
            return lab.run("$null = New-AzResourceGroup -Name rg-made -Location 'West Europe' "
                           "-Tag @{team='web'; env='dev'}", shell="pwsh")
        lab.write_file("s.json", json.dumps(SUB_TEMPLATE))
        return lab.run("az deployment sub create -l eastus --template-file s.json -o none")

    shown = made_alike(make, _show)
    assert shown["location"] == "westeurope" and shown["tags"] == {"team": "web", "env": "dev"}


def test_the_http_front_door_reaches_the_same_group():
    lab = Lab(seed=0)
    lab.write_file("s.json", json.dumps(SUB_TEMPLATE))
    assert lab.run("az deployment sub create -l eastus --template-file s.json -o none").exit_code == 0
    r = lab.run("az rest --method get --url "
                "\"https://management.azure.com/subscriptions/$(az account show --query id -o tsv)"
                "/resourceGroups/rg-made?api-version=2024-11-01\"")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout) == _show(lab)


def test_a_group_keeps_its_location_and_takes_new_tags():
    lab = Lab(seed=0)
    assert lab.run("az group create -n rg-made -l westeurope --tags team=web -o none").exit_code == 0
    moved = lab.run("az group create -n rg-made -l eastus")
    assert moved.exit_code == 1 and "(InvalidResourceGroupLocation)" in moved.stderr
    assert lab.run("az group create -n rg-made -l westeurope --tags team=api -o none").exit_code == 0
    assert _show(lab)["tags"] == {"team": "api"}


def test_delete_honours_a_lock_and_takes_the_contents():
    lab = Lab(seed=0)
    for line in ("az group create -n rg-made -l eastus -o none", "az identity create -n idone -g rg-made -o none",
                 "az lock create -n keep --lock-type CanNotDelete -g rg-made -o none"):
        assert lab.run(line).exit_code == 0, line
    locked = lab.run("az group delete -n rg-made -y")
    assert locked.exit_code == 1 and "(ScopeLocked)" in locked.stderr
    assert lab.run("az identity show -n idone -g rg-made -o none").exit_code == 0
    assert lab.run("az lock delete -n keep -g rg-made").exit_code == 0
    assert lab.run("az group delete -n rg-made -y").exit_code == 0
    assert lab.run("az group exists -n rg-made").stdout.strip() == "false"
    assert lab.cloud.resources.get("Microsoft.ManagedIdentity/userAssignedIdentities", {}) == {}


def _readerless() -> tuple[Lab, object]:
    """A principal who may make identities and deployments in the subscription, but not read or write groups."""
    lab = Lab(seed=0)
    assert lab.run("az group create -n rg -l eastus -o none").exit_code == 0
    return lab, custom_role_principal(lab, "IdOnly", ["Microsoft.ManagedIdentity/*", "Microsoft.Resources/deployments/*"],
                                      "--scope /subscriptions/$SUB")


def test_a_caller_who_may_not_read_the_group_is_refused_in_each_front_ends_words():
    lab, who = _readerless()
    op = lab.new_session(who)
    denied = "does not have authorization to perform action 'Microsoft.Resources/subscriptions/resourceGroups/"
    code, _, err = op.run("az group show -n rg")
    assert code == 1 and err.startswith("ERROR: (AuthorizationFailed)") and denied + "read'" in err
    code, _, err = op.run("az identity create -n idone -g rg")  # the location default is the group's GET
    assert code == 1 and "(AuthorizationFailed)" in err and denied + "read'" in err
    assert op.run("az identity create -n idone -g rg -l eastus -o none")[0] == 0
    op.mode = "pwsh"
    code, _, err = op.run("Get-AzResourceGroup -Name rg")
    assert code == 1 and err.startswith("Get-AzResourceGroup: The client") and denied + "read'" in err
    code, _, err = op.run("New-AzResourceGroup -Name rg-made -Location eastus")
    assert code == 1 and err.startswith("New-AzResourceGroup: The client") and denied + "write'" in err
    op.mode = "bash"
    op.write_file("s.json", json.dumps(SUB_TEMPLATE))
    code, _, err = op.run("az deployment sub create -l eastus --template-file s.json -o none")
    assert code == 1 and "AuthorizationFailed" in err and denied + "write'" in err
    assert lab.cloud.subscription.find_group("rg-made") is None


def test_az_group_update_and_set_azresourcegroup_replace_the_tags_alike():
    """azure-cli resource/custom.py update_resource_group replaces the tags; Set-AzResourceGroup -Tag does too
    (Azure/azure-powershell src/Resources/Resources/help/Set-AzResourceGroup.md)."""
    shown = []
    for change in ("az group update -n rg-made --tags team=api -o none",
                   "pwsh:$null = Set-AzResourceGroup -Name rg-made -Tag @{team='api'}"):
        lab = Lab(seed=0)
        assert lab.run("az group create -n rg-made -l westeurope --tags team=web env=dev -o none").exit_code == 0
        r = lab.run(change[5:], shell="pwsh") if change.startswith("pwsh:") else lab.run(change)
        assert r.exit_code == 0 and not r.stderr.strip(), r.stderr
        shown.append(_show(lab))
    assert shown[0] == shown[1] and shown[0]["tags"] == {"team": "api"}
    lab = Lab(seed=0)
    missing = lab.run("Set-AzResourceGroup -Name nope -Tag @{a='b'}", shell="pwsh")
    assert missing.stderr.strip() == "Set-AzResourceGroup: Provided resource group does not exist."
    for cmdlet in ("Get-AzResourceGroup -Name nope", "Remove-AzResourceGroup -Name nope -Force"):
        r = lab.run(cmdlet, shell="pwsh")
        assert r.stderr.strip() == f"{cmdlet.split()[0]}: Provided resource group does not exist."


def test_vault_create_and_get_azresource_read_the_group_with_its_get():
    """`az keyvault create` without `-l` reads its group's location with the group's GET (azure-cli keyvault
    _validators.py get_default_location_from_resource_group), and Get-AzResource lists only the groups the caller may
    read: a caller without group read is refused, or sees nothing, instead of reading the engine's state directly."""
    lab, who = _readerless()
    op = lab.new_session(who)
    denied = "does not have authorization to perform action 'Microsoft.Resources/subscriptions/resourceGroups/read'"
    code, _, err = op.run("az keyvault create -n kvnoread01 -g rg")
    assert code == 1 and "(AuthorizationFailed)" in err and denied in err
    op.mode = "pwsh"
    code, _, err = op.run("Get-AzResource -ResourceGroupName rg")
    assert code == 1 and denied in err
    code, out, err = op.run("Get-AzResource | Measure-Object | Select-Object -ExpandProperty Count")
    assert code == 0 and out.strip() == "0", err
