"""Microsoft.Security/pricings (Defender plans) through every front end: az, PowerShell, an ARM JSON and a Bicep
deployment at subscription scope send the same PUT, so they make the same plan; a plan that does not exist is the
service's InvalidResourceName in each front end's words; a Reader is refused by the resource manager; a refused
request changes nothing.

Sources: azure-rest-api-specs specification/security/resource-manager/Microsoft.Security/stable/2024-01-01/
pricings.json (Pricings_Update: properties.pricingTier Free|Standard, subPlan); Azure/azure-cli
src/azure-cli/azure/cli/command_modules/security/_params.py (az security pricing create --name --tier --subplan);
Azure/azure-powershell src/Security/Security/help/Set-AzSecurityPricing.md (-Name -PricingTier -SubPlan); the
service's refusal of an unknown plan: Azure/azure-powershell issue 10842 and Azure/ResourceModules issue 453."""

from __future__ import annotations

import json

import pytest

from acrlab import Lab

from .state import lab_with, refused_unchanged, shown_by_each, tenant_state

PRICING = {"type": "Microsoft.Security/pricings", "apiVersion": "2024-01-01", "name": "Containers",
           "properties": {"pricingTier": "Standard"}}
ARM = json.dumps({"$schema": "https://schema.management.azure.com/schemas/2018-05-01/"
                             "subscriptionDeploymentTemplate.json#", "contentVersion": "1.0.0.0",
                  "resources": [PRICING]})
BICEP = ("targetScope = 'subscription'\n\nresource containers 'Microsoft.Security/pricings@2024-01-01' = {\n"
         "  name: 'Containers'\n  properties: {\n    pricingTier: 'Standard'\n  }\n}\n")
FRONT_ENDS = {
    "az": ("bash", "az security pricing create -n containers --tier standard -o none"),
    "pwsh": ("pwsh", "$null = Set-AzSecurityPricing -Name Containers -PricingTier Standard"),
    "arm": ("arm-sub", ARM),
    "bicep": ("bicep-sub", BICEP),
}


def _show(lab: Lab) -> dict:
    r = lab.run("az security pricing show -n Containers")
    assert r.exit_code == 0, r.stderr
    return r.json()


def test_every_front_end_sets_the_same_plan():
    shown = shown_by_each(FRONT_ENDS, _show)
    assert shown["az"]["pricingTier"] == "Standard" and shown["az"]["freeTrialRemainingTime"] == "30 days, 0:00:00"
    for kind, data in shown.items():
        assert data == shown["az"], f"{kind} differs from az"


UNKNOWN = "The name 'Nope' is not a valid name. Possible pricing bundle names: VirtualMachines,"


@pytest.mark.parametrize("kind,text,expected", [
    ("bash", "az security pricing create -n Nope --tier Standard", f"ERROR: (InvalidResourceName) {UNKNOWN}"),
    ("bash", "az security pricing show -n Nope", f"ERROR: (InvalidResourceName) {UNKNOWN}"),
    ("pwsh", "Set-AzSecurityPricing -Name Nope -PricingTier Standard", f"Set-AzSecurityPricing: {UNKNOWN}"),
    ("arm-sub", ARM.replace('"Containers"', '"Nope"'), '"code":"InvalidResourceName"'),
    ("bicep-sub", BICEP.replace("'Containers'", "'Nope'"), "InvalidResourceName"),
    ("arm-sub", ARM.replace('"Standard"', '"Premium"'), "Error converting value \\\"Premium\\\" to type 'PricingTier'"),
])
def test_a_refused_plan_changes_nothing_and_says_why(kind, text, expected):
    refused_unchanged(lab_with("az security pricing create -n KeyVaults --tier Standard -o none"), kind, text,
                      expected)


def test_a_reader_reads_the_plans_but_cannot_change_them():
    lab = lab_with("APP=$(az ad sp create-for-rbac -n reader --query appId -o tsv)",
                   "SUB=$(az account show --query id -o tsv)",
                   "az role assignment create --assignee $APP --role Reader --scope /subscriptions/$SUB -o none")
    reader = lab.new_session(lab.cloud.tenant.find_principal(lab.run("echo $APP").stdout.strip()))
    code, out, _ = reader.run("az security pricing list --query \"value[?name=='Containers'].pricingTier\" -o tsv")
    assert (code, out.strip()) == (0, "Free")
    before = tenant_state(lab)
    code, _, err = reader.run("az security pricing create -n Containers --tier Standard")
    assert code == 1 and "(AuthorizationFailed)" in err and "Microsoft.Security/pricings/write" in err
    code, _, err = reader.run("pwsh -Command 'Set-AzSecurityPricing -Name Containers -PricingTier Standard'")
    assert "AuthorizationFailed" in err or "does not have authorization" in err, err
    assert tenant_state(lab) == before


def test_the_trial_counts_down_once_standard_and_a_template_reads_as_the_rest_api_writes():
    lab = lab_with("az security pricing create -n Containers --tier Standard -o none")
    lab.advance("1d2h")
    assert _show(lab)["freeTrialRemainingTime"] == "28 days, 22:00:00"
    from acrlab.engine.arm import send
    body = send(lab.cloud, lab.cloud.learner, "GET", f"{lab.cloud.subscription.id}/providers/Microsoft.Security/"
                                                     "pricings/Containers").body
    assert body["properties"]["freeTrialRemainingTime"] == "P28DT22H"
    assert body["properties"]["pricingTier"] == "Standard" and body["type"] == "Microsoft.Security/pricings"
