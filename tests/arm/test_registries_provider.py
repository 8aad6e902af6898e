"""The resource manager's registries provider, at the learner's front door: a failed request changes nothing,
PUT replaces and PATCH merges, templates pass the whole body, and PowerShell gets the service's errors."""

from __future__ import annotations

import json

import pytest

from acrlab.engine.arm import ArmError, send
from acrlab.engine.errors import CATALOGUE, AuthorizationFailed


def state(lab) -> str:
    return json.dumps({n: r.to_json() for n, r in lab.cloud.registries.items()}, sort_keys=True)


def test_create_over_existing_registry_refused_changes_nothing(cli, lab, rg):
    # given: a Premium registry
    cli("az acr create -n prem12345 -g rg-containers --sku Premium -o none")
    before = state(lab)
    # when: a PUT that would make it Basic with the admin user on, but with public access off (Premium only)
    r = cli("az acr create -n prem12345 -g rg-containers --sku Basic --admin-enabled true "
            "--public-network-enabled false", expect_exit=1)
    # then: the service's refusal, and the registry is exactly as before
    assert "(DisablingPublicNetworkAccessNotSupported)" in r.stderr
    assert state(lab) == before


def test_update_refused_by_the_service_keeps_admin_and_tags(cli, lab, rg):
    cli("az acr create -n std12345 -g rg-containers --sku Basic -o none")
    before = state(lab)
    r = cli("az acr update -n std12345 --admin-enabled true --tags team=a --anonymous-pull-enabled true",
            expect_exit=1)
    assert r.stderr.startswith("ERROR: (BadRequest) Anonymous pull is not supported for Basic SKU registries.")
    assert state(lab) == before


def test_put_resets_what_it_leaves_out_as_acr_create_does(cli, lab, rg):
    # azure-cli acr/tests/latest/test_acr_commands.py test_acr_export_policy
    cli("az acr create -n exp12345 -g rg-containers --sku Premium --public-network-enabled false "
        "--allow-exports false", checks={"policies.exportPolicy.status": "disabled"})
    cli("az acr create -n exp12345 -g rg-containers --sku Premium --public-network-enabled false",
        checks={"policies.exportPolicy.status": "enabled"})
    cli("az acr update -n exp12345 --allow-exports false", checks={"policies.exportPolicy.status": "disabled"})
    cli("az acr update -n exp12345 --sku Premium", checks={"policies.exportPolicy.status": "disabled"})
    cli("az acr update -n exp12345 --admin-enabled true", checks={"adminUserEnabled": True})
    cli("az acr create -n exp12345 -g rg-containers --sku Premium --public-network-enabled false",
        checks={"adminUserEnabled": False, "policies.exportPolicy.status": "enabled"})


def test_export_policy_needs_public_access_disabled(cli, rg):
    cli("az acr create -n exp54321 -g rg-containers --sku Premium -o none")
    r = cli("az acr update -n exp54321 --allow-exports false", expect_exit=1)
    assert "(ExportPolicyNotAllowed) Export policy can be disabled only when public network access is disabled." \
        in r.stderr


def test_template_passes_identity_ip_rules_and_bypass_options(cli, lab, rg):
    lab.write_file("acr.json", json.dumps({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "resources": [{
            "type": "Microsoft.ContainerRegistry/registries", "apiVersion": "2023-07-01", "name": "tmpl12345",
            "location": "[resourceGroup().location]", "sku": {"name": "Premium"},
            "identity": {"type": "SystemAssigned"},
            "properties": {"networkRuleSet": {"defaultAction": "Deny", "ipRules": [{"action": "Allow",
                                                                                    "value": "203.0.113.0/24"}]},
                           "networkRuleBypassOptions": "None"}}]}))
    cli("az deployment group create -g rg-containers --template-file acr.json -o none")
    r = cli("az acr show -n tmpl12345", checks={
        "identity.type": "systemAssigned", "networkRuleBypassOptions": "None",
        "networkRuleSet.defaultAction": "Deny", "networkRuleSet.ipRules[0].ipAddressOrRange": "203.0.113.0/24"})
    principal = r.json()["identity"]["principalId"]
    assert lab.cloud.tenant.principals[principal].assigned_to == lab.cloud.find_registry("tmpl12345").id


def test_bicep_premium_policy_on_basic_is_refused_whole(cli, lab, rg):
    lab.write_file("main.bicep", "resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n"
                   "  name: 'bic12345'\n  location: resourceGroup().location\n  sku: { name: 'Basic' }\n"
                   "  properties: { adminUserEnabled: true, policies: { retentionPolicy: { status: 'enabled' } } }\n"
                   "}\n")
    r = cli("az deployment group create -g rg-containers --template-file main.bicep", expect_exit=1)
    assert "SkuNotSupported" in r.stderr and "The SKU Basic is not supported." in r.stderr
    assert lab.cloud.find_registry("bic12345") is None


def test_powershell_gets_the_service_error_not_az_text(cli, lab, rg):
    r = lab.run("New-AzContainerRegistry -ResourceGroupName rg-containers -Name psreg12345 -Sku Basic "
                "-Location brazilsouth -NetworkRuleSetDefaultAction Deny", shell="pwsh")
    assert r.exit_code != 0 or r.stderr
    assert "The SKU Basic is not supported." in r.stderr
    assert "Network rules are only supported" not in r.stderr
    assert lab.cloud.find_registry("psreg12345") is None


def test_powershell_ip_rules_patch_keeps_default_action(cli, lab, rg):
    cli("az acr create -n psip12345 -g rg-containers --sku Premium --default-action Deny -o none")
    lab.run("$r = New-AzContainerRegistryIpRuleObject -IPAddressOrRange 198.51.100.7\n"
            "Update-AzContainerRegistry -ResourceGroupName rg-containers -Name psip12345 -NetworkRuleSetIPRule $r",
            shell="pwsh")
    cli("az acr show -n psip12345", checks={"networkRuleSet.defaultAction": "Deny",
                                            "networkRuleSet.ipRules[0].ipAddressOrRange": "198.51.100.7"})


def test_manager_refuses_unknown_type_and_bad_body(lab, rg):
    c = lab.cloud
    base = f"{c.subscription.id}/resourceGroups/rg-containers/providers"
    with pytest.raises(ArmError) as e:
        send(c, c.learner, "PUT", f"{base}/Microsoft.ContainerRegistry/gadgets/g1", {})
    assert e.value.code == "InvalidResourceType"
    with pytest.raises(ArmError) as e:
        send(c, c.learner, "PUT", f"{base}/Microsoft.ContainerRegistry/registries/bad12345",
             {"location": "eastus", "sku": {"name": "Gold"}})
    assert e.value.code == "InvalidRequestContent" and "Gold" in e.value.message
    assert c.find_registry("bad12345") is None


def test_listing_shows_only_what_the_caller_may_read(cli, lab, rg):
    cli("az acr create -n seen12345 -g rg-containers --sku Basic -o none")
    cli("az acr create -n hide12345 -g rg-containers --sku Basic -o none")
    c = lab.cloud
    sp = c.tenant.find_principal(cli("az ad sp create-for-rbac -n reader --query appId -o tsv").stdout.strip())
    c.assign_role(sp, "Reader", c.find_registry("seen12345").id)
    listing = send(c, sp, "GET", f"{c.subscription.id}/providers/Microsoft.ContainerRegistry/registries")
    assert [r["name"] for r in listing.body["value"]] == ["seen12345"]
    with pytest.raises(AuthorizationFailed):
        send(c, sp, "PATCH", c.find_registry("seen12345").id, {"properties": {"adminUserEnabled": True}})
    assert c.find_registry("seen12345").admin_user_enabled is False


def test_every_catalogue_entry_formats_and_names_its_source():
    for key, spec in CATALOGUE.items():
        assert spec.source, key
        assert 400 <= spec.status < 600, key


def test_body_property_names_are_read_case_insensitively(cli, lab, rg):
    # ARM resource providers read request-body property names in any case (a template may write `Sku`/`AdminUserEnabled`
    # as the CMK tutorial's template writes `KeyIdentifier`); nested models and maps of models too
    rid = f"{lab.cloud.group('rg-containers').id}/providers/Microsoft.ContainerRegistry/registries/ci12345"
    send(lab.cloud, lab.cloud.learner, "PUT", rid, {"Location": "eastus", "SKU": {"NAME": "Premium"},
                                                     "Properties": {"AdminUserEnabled": True}, "tags": {"Env": "x"}})
    reg = cli("az acr show -n ci12345").json()
    assert reg["sku"]["name"] == "Premium" and reg["adminUserEnabled"] is True and reg["tags"] == {"Env": "x"}
    with pytest.raises(ArmError) as e:  # a misspelt name is still unknown, whatever its case
        send(lab.cloud, lab.cloud.learner, "PUT", rid, {"location": "eastus", "skew": {"name": "Basic"}})
    assert "sku" in str(e.value.detail if hasattr(e.value, "detail") else e.value)
