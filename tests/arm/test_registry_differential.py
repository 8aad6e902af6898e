"""Differential test: each writable registry property set through az, PowerShell, an ARM JSON template, Bicep and
(for the fields it has) the portal form gives the same `az acr show` JSON, because every front end sends the same
request to the engine; a refusal gives each front end its own text and changes nothing.

Property names and values: azure-rest-api-specs Microsoft.ContainerRegistry stable/2025-04-01 (via
Azure/bicep-types-az generated/containerregistry/microsoft.containerregistry/2025-05-01-preview/types.md);
az flags: Azure/azure-cli src/azure-cli/azure/cli/command_modules/acr/_params.py; cmdlet parameters:
Azure/azure-powershell src/ContainerRegistry/ContainerRegistry/help/New-AzContainerRegistry.md."""

from __future__ import annotations

import json

import pytest

from acrlab import Lab

NAME = "difreg001"
SETUP = ["az group create -n rg -l eastus -o none"]
CMK_SETUP = ["az identity create -g rg -n cmkid -o none",
             "az keyvault create -g rg -n kvdiff001 --enable-purge-protection true -o none",
             "az role assignment create --role \"Key Vault Crypto Officer\" --scope $(az keyvault show -n kvdiff001 "
             "--query id -o tsv) --assignee $(az ad signed-in-user show --query id -o tsv) -o none",
             "KID=$(az keyvault key create --vault-name kvdiff001 -n k1 --query key.kid -o tsv)"]


def template(sku: str = "Premium", properties: dict | None = None, identity: dict | None = None) -> str:
    resource = {"type": "Microsoft.ContainerRegistry/registries", "apiVersion": "2025-04-01", "name": NAME,
                "location": "[resourceGroup().location]", "sku": {"name": sku}, "properties": properties or {}}
    if identity is not None:
        resource["identity"] = identity
    return json.dumps({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                       "contentVersion": "1.0.0.0", "resources": [resource]})


def bicep(sku: str = "Premium", properties: str = "{}", identity: str | None = None) -> str:
    ident = f"  identity: {identity}\n" if identity else ""
    return (f"resource acr 'Microsoft.ContainerRegistry/registries@2025-04-01' = {{\n  name: '{NAME}'\n"
            f"  location: resourceGroup().location\n  sku: {{ name: '{sku}' }}\n{ident}  properties: {properties}\n}}\n")


def az(*lines: str):
    return ("az", list(lines))


def pwsh(*lines: str):
    return ("pwsh", list(lines))


def arm(text: str):
    return ("arm", text)


def bic(text: str):
    return ("bicep", text)


def portal(sku: str, admin: bool):
    return ("portal", {"name": NAME, "rg": "rg", "new_rg": False, "location": "eastus", "sku": sku, "admin": admin})


NEW = f"New-AzContainerRegistry -ResourceGroupName rg -Name {NAME} -Location eastus"
CREATE = f"az acr create -n {NAME} -g rg"
CASES: dict[str, list] = {
    "sku": [az(f"{CREATE} --sku Standard"), pwsh(f"{NEW} -Sku Standard"), arm(template("Standard")),
            bic(bicep("Standard")), portal("Standard", False)],
    "admin user": [az(f"{CREATE} --sku Basic --admin-enabled true"), pwsh(f"{NEW} -Sku Basic -EnableAdminUser"),
                   arm(template("Basic", {"adminUserEnabled": True})),
                   bic(bicep("Basic", "{ adminUserEnabled: true }")), portal("Basic", True)],
    "public network access": [
        az(f"{CREATE} --sku Premium --public-network-enabled false"),
        pwsh(f"{NEW} -Sku Premium -PublicNetworkAccess Disabled"),
        arm(template(properties={"publicNetworkAccess": "Disabled"})),
        bic(bicep(properties="{ publicNetworkAccess: 'Disabled' }"))],
    "network rule set with IP rules": [
        az(f"{CREATE} --sku Premium --default-action Deny -o none",
           f"az acr network-rule add -n {NAME} --ip-address 203.0.113.9"),
        pwsh(f"{NEW} -Sku Premium -NetworkRuleSetDefaultAction Deny",
             "$rule = New-AzContainerRegistryIPRuleObject -IPAddressOrRange 203.0.113.9",
             f"Update-AzContainerRegistry -ResourceGroupName rg -Name {NAME} -NetworkRuleSetIPRule $rule"),
        arm(template(properties={"networkRuleSet": {"defaultAction": "Deny",
                                                    "ipRules": [{"action": "Allow", "value": "203.0.113.9"}]}})),
        bic(bicep(properties="{ networkRuleSet: { defaultAction: 'Deny', ipRules: [ { action: 'Allow', "
                             "value: '203.0.113.9' } ] } }"))],
    "network rule bypass options": [
        az(f"{CREATE} --sku Premium --allow-trusted-services false"),
        pwsh(f"{NEW} -Sku Premium -NetworkRuleBypassOption None"),
        arm(template(properties={"networkRuleBypassOptions": "None"})),
        bic(bicep(properties="{ networkRuleBypassOptions: 'None' }"))],
    "system identity": [
        az(f"{CREATE} --sku Standard -o none", f"az acr identity assign -n {NAME} --identities [system]"),
        arm(template("Standard", identity={"type": "SystemAssigned"})),
        bic(bicep("Standard", identity="{ type: 'SystemAssigned' }"))],
    "retention policy": [
        az(f"{CREATE} --sku Premium -o none",
           f"az acr config retention update -r {NAME} --status enabled --days 30 --type UntaggedManifests"),
        arm(template(properties={"policies": {"retentionPolicy": {"status": "enabled", "days": 30}}})),
        bic(bicep(properties="{ policies: { retentionPolicy: { status: 'enabled', days: 30 } } }"))],
    "soft delete policy": [
        az(f"{CREATE} --sku Standard -o none",
           f"az acr config soft-delete update -r {NAME} --status enabled --days 30"),
        arm(template("Standard", {"policies": {"softDeletePolicy": {"status": "enabled", "retentionDays": 30}}})),
        bic(bicep("Standard", "{ policies: { softDeletePolicy: { status: 'enabled', retentionDays: 30 } } }"))],
    "export policy": [
        az(f"{CREATE} --sku Premium --public-network-enabled false --allow-exports false"),
        pwsh(f"{NEW} -Sku Premium -PublicNetworkAccess Disabled -ExportPolicyStatus disabled"),
        arm(template(properties={"publicNetworkAccess": "Disabled",
                                 "policies": {"exportPolicy": {"status": "disabled"}}})),
        bic(bicep(properties="{ publicNetworkAccess: 'Disabled', policies: { exportPolicy: { status: 'disabled' } } "
                             "}"))],
    "quarantine policy": [
        arm(template(properties={"policies": {"quarantinePolicy": {"status": "enabled"}}})),
        bic(bicep(properties="{ policies: { quarantinePolicy: { status: 'enabled' } } }"))],
    "zone redundancy": [
        az(f"{CREATE} --sku Premium --zone-redundancy Enabled"), pwsh(f"{NEW} -Sku Premium -ZoneRedundancy Enabled"),
        arm(template(properties={"zoneRedundancy": "Enabled"})),
        bic(bicep(properties="{ zoneRedundancy: 'Enabled' }"))],
    "data endpoint": [
        az(f"{CREATE} --sku Premium -o none", f"az acr update -n {NAME} --data-endpoint-enabled true"),
        pwsh(f"{NEW} -Sku Premium -DataEndpointEnabled"),
        arm(template(properties={"dataEndpointEnabled": True})),
        bic(bicep(properties="{ dataEndpointEnabled: true }"))],
    "anonymous pull": [
        az(f"{CREATE} --sku Standard -o none", f"az acr update -n {NAME} --anonymous-pull-enabled true"),
        pwsh(f"{NEW} -Sku Standard -AnonymousPullEnabled"),
        arm(template("Standard", {"anonymousPullEnabled": True})),
        bic(bicep("Standard", "{ anonymousPullEnabled: true }"))],
    "role assignment mode": [
        az(f"{CREATE} --sku Standard --role-assignment-mode rbac-abac"),
        arm(template("Standard", {"roleAssignmentMode": "AbacRepositoryPermissions"})),
        bic(bicep("Standard", "{ roleAssignmentMode: 'AbacRepositoryPermissions' }"))],
}
IDENTITY_ID = "/subscriptions/{sub}/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/cmkid"


def run_front_end(kind: str, script, setup: list[str]) -> tuple[Lab, int, str]:
    """A fresh lab, the set-up, then the front end's input; returns the lab, exit code and error text."""
    lab = Lab(seed=0)
    for line in SETUP + setup:
        assert lab.run(line).exit_code == 0, line
    if kind in ("az", "pwsh"):
        r = lab.run("\n".join(script), shell="bash" if kind == "az" else "pwsh")
    elif kind == "portal":
        from acrlab.tui.screens.portal import PortalScreen
        r = lab.run("\n".join(PortalScreen.commands(script)))
    else:
        text = script.replace("{sub}", lab.cloud.subscription.subscription_id)
        lab.write_file("main.json" if kind == "arm" else "main.bicep", text)
        r = lab.run(f"az deployment group create -g rg -n d1 --template-file main.{'json' if kind == 'arm' else 'bicep'}"
                    " -o none" + (" --parameters kid=$KID" if "kid" in text else ""))
    failed = r.exit_code != 0 or (kind == "pwsh" and bool(r.stderr.strip()))
    return lab, (1 if failed else 0), r.stderr


def shown(lab: Lab) -> dict:
    r = lab.run(f"az acr show -n {NAME}")
    assert r.exit_code == 0, r.stderr
    data = r.json()
    ident = data.get("identity") or {}
    if ident.get("principalId"):
        ident["principalId"] = "<system identity>"
    return data


@pytest.mark.parametrize("prop", list(CASES))
def test_every_front_end_sets_the_property_alike(prop):
    results = {}
    for kind, script in CASES[prop]:
        lab, code, err = run_front_end(kind, script, [])
        assert code == 0, f"{prop} via {kind}: {err}"
        results[kind] = shown(lab)
    first_kind, first = next(iter(results.items()))
    for kind, data in results.items():
        assert data == first, f"{prop}: {kind} differs from {first_kind}: " + json.dumps(
            {k: (first.get(k), v) for k, v in data.items() if first.get(k) != v})


def test_customer_managed_key_alike_from_az_and_templates():
    arm_body = template(properties={"encryption": {"status": "enabled", "keyVaultProperties": {
        "keyIdentifier": "[parameters('kid')]", "identity": "[reference(parameters('mi'), '2023-01-31').clientId]"}}},
        identity={"type": "UserAssigned", "userAssignedIdentities": {"[parameters('mi')]": {}}})
    doc = json.loads(arm_body)
    doc["parameters"] = {"kid": {"type": "string"}, "mi": {"type": "string", "defaultValue": IDENTITY_ID}}
    results = {}
    for kind, script in [az(f"{CREATE} --sku Premium --identity cmkid --key-encryption-key $KID"),
                         arm(json.dumps(doc))]:
        lab, code, err = run_front_end(kind, script, CMK_SETUP)
        assert code == 0, f"CMK via {kind}: {err}"
        results[kind] = shown(lab)
    assert results["az"]["encryption"]["status"] == "enabled"
    assert results["az"] == results["arm"]


REFUSALS = [
    ("az", [f"{CREATE} --sku Basic --public-network-enabled false"],
     "ERROR: (DisablingPublicNetworkAccessNotSupported) Disabling public network access is not supported for the "
     "SKU Basic."),
    ("pwsh", [f"{NEW} -Sku Basic -PublicNetworkAccess Disabled"],
     "Disabling public network access is not supported for the SKU Basic."),
    ("arm", template("Basic", {"publicNetworkAccess": "Disabled"}),
     '"code":"DisablingPublicNetworkAccessNotSupported"'),
    ("az", [f"{CREATE} --sku Basic --default-action Deny"],
     "ERROR: Network rules are only supported for managed registries in Premium SKU."),
    ("pwsh", [f"{NEW} -Sku Basic -NetworkRuleSetDefaultAction Deny"], "The SKU Basic is not supported."),
    ("bicep", bicep("Basic", "{ networkRuleSet: { defaultAction: 'Deny' } }"), '"code":"SkuNotSupported"'),
    # Docker Content Trust cannot be newly enabled since 2026-05-31 (engine/dated_rules.py): az refuses the value,
    # the service refuses the body.
    ("az", [f"{CREATE} --sku Premium -o none", f"az acr config content-trust update -r {NAME} --status enabled"],
     "'enabled' is not a valid value for '--status'. Allowed values: disabled."),
    ("arm", template(properties={"policies": {"trustPolicy": {"status": "enabled", "type": "Notary"}}}),
     '"code":"ContentTrustDeprecated"'),
]


# Docker Content Trust cannot be enabled on a registry that never had it (since 2026-05-31, engine/trust.py):
# every front end is refused, az client-side by its --status choices, templates by the service.
TRUST_REFUSALS = [
    ("az", [f"{CREATE} --sku Premium -o none", f"az acr config content-trust update -r {NAME} --status enabled"],
     "'enabled' is not a valid value for '--status'. Allowed values: disabled."),
    ("arm", template(properties={"policies": {"trustPolicy": {"status": "enabled", "type": "Notary"}}}),
     '"code":"ContentTrustDeprecated"'),
    ("bicep", bicep(properties="{ policies: { trustPolicy: { status: 'enabled', type: 'Notary' } } }"),
     '"code":"ContentTrustDeprecated"'),
]


@pytest.mark.parametrize(("kind", "script", "text"), TRUST_REFUSALS)
def test_trust_policy_refused_by_every_front_end_on_a_new_registry(kind, script, text):
    lab, code, err = run_front_end(kind, script, [])
    assert code == 1 and text in err, err
    reg = lab.cloud.find_registry(NAME)
    assert reg is None or lab.run(f"az acr show -n {NAME} --query policies.trustPolicy.status -o tsv").stdout == \
        "disabled\n"


@pytest.mark.parametrize(("kind", "script", "text"), REFUSALS)
def test_refusals_give_each_front_end_its_own_text_and_change_nothing(kind, script, text):
    lab, code, err = run_front_end(kind, script, [])
    assert code != 0 and text in err, err
    reg = lab.cloud.find_registry(NAME)
    assert reg is None or reg.policies.trust_status == "disabled"
