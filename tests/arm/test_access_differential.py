"""Microsoft.Authorization through every front end: a role assignment (and a custom role) made by az, PowerShell, an
ARM JSON template or Bicep is the same resource, because each sends the same request; a refusal gives each front end
its own text and changes nothing; a listing decides read access once per scope.

Property names: azure-rest-api-specs Microsoft.Authorization stable/2022-04-01 roleAssignments (via
Azure/bicep-types-az generated/authorization); az flags: Azure/azure-cli src/azure-cli/azure/cli/command_modules/role/
_params.py; cmdlet parameters: Azure/azure-powershell src/Resources/Resources/help/New-AzRoleAssignment.md."""

from __future__ import annotations

import json

import pytest

from acrlab import Lab

from .state import send_from, tenant_state

ACRPULL = "7f951dda-4ed3-4680-a7ca-43fe172d538d"
SETUP = ["az group create -n rg -l eastus -o none", "az acr create -n accdiff01 -g rg --sku Basic -o none",
         "ACR=$(az acr show -n accdiff01 --query id -o tsv)",
         "APP=$(az ad sp create-for-rbac -n puller --query appId -o tsv)",
         "SP=$(az ad sp show --id $APP --query id -o tsv)"]


def _template(principal: str, ptype: str = "ServicePrincipal") -> str:
    ra = {"type": "Microsoft.Authorization/roleAssignments", "apiVersion": "2022-04-01",
          "scope": "[resourceId('Microsoft.ContainerRegistry/registries', 'accdiff01')]",
          "name": "[guid(resourceGroup().id, 'puller')]",
          "properties": {"roleDefinitionId": f"[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', "
                                             f"'{ACRPULL}')]", "principalId": principal, "principalType": ptype}}
    return json.dumps({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                       "contentVersion": "1.0.0.0", "parameters": {"sp": {"type": "string"}}, "resources": [ra]})


def _bicep(principal: str, ptype: str = "ServicePrincipal") -> str:
    return ("param sp string\n"
            "resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = { name: 'accdiff01' }\n"
            "resource ra 'Microsoft.Authorization/roleAssignments@2022-04-01' = {\n"
            "  name: guid(resourceGroup().id, 'puller')\n  scope: acr\n  properties: {\n"
            f"    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '{ACRPULL}')\n"
            f"    principalId: {principal}\n    principalType: '{ptype}'\n  }}\n}}\n")


FRONT_ENDS = {
    "az": ("bash", "az role assignment create --assignee-object-id $SP --assignee-principal-type ServicePrincipal "
                   "--role AcrPull --scope $ACR -o none"),
    "pwsh": ("pwsh", "New-AzRoleAssignment -ObjectId $env:SP -RoleDefinitionName AcrPull -Scope $env:ACR"),
    "arm": ("arm", _template("[parameters('sp')]")),
    "bicep": ("bicep", _bicep("sp")),
}


def _lab() -> Lab:
    lab = Lab(seed=0)
    for line in SETUP:
        assert lab.run(line).exit_code == 0, line
    lab.run("export SP ACR")
    return lab


def _send(lab: Lab, kind: str, text: str):
    return send_from(lab, kind, text, '-p sp=$SP')


def _assignment(lab: Lab) -> dict:
    r = lab.run("az role assignment list --scope $ACR")
    assert r.exit_code == 0, r.stderr
    [found] = r.json()
    for volatile in ("id", "name", "createdOn", "updatedOn"):
        found.pop(volatile)
    return found


def test_every_front_end_makes_the_same_role_assignment():
    results = {}
    for kind, (shell, text) in FRONT_ENDS.items():
        lab = _lab()
        r = _send(lab, shell, text)
        assert r.exit_code == 0 and not r.stderr.strip(), f"{kind}: {r.output}"
        results[kind] = _assignment(lab)
    assert results["az"]["roleDefinitionName"] == "AcrPull" and results["az"]["principalName"]
    for kind, data in results.items():
        assert data == results["az"], f"{kind} differs from az"


REFUSALS = [  # a principal the directory does not hold: the service's PrincipalNotFound through every front end
    ("bash", "az role assignment create --assignee-object-id 00000000-0000-0000-0000-0000000000aa "
             "--assignee-principal-type User --role AcrPull --scope $ACR",
     "ERROR: (PrincipalNotFound) Principal 000000000000000000000000000000aa does not exist in the directory"),
    ("pwsh", "New-AzRoleAssignment -ObjectId 00000000-0000-0000-0000-0000000000aa -RoleDefinitionName AcrPull "
             "-Scope $env:ACR", "Principal 000000000000000000000000000000aa does not exist in the directory"),
    ("arm", _template("00000000-0000-0000-0000-0000000000aa"), '"code":"PrincipalNotFound"'),
    ("bash", "az role assignment create --assignee-object-id $SP --assignee-principal-type User --role AcrPull "
             "--scope $ACR", "ERROR: (UnmatchedPrincipalType) The PrincipalId"),
    ("bicep", _bicep("sp", "User"), '"code":"UnmatchedPrincipalType"'),
    ("pwsh", "New-AzRoleAssignment -ObjectId $env:SP -RoleDefinitionName NoSuchRole -Scope $env:ACR",
     "Cannot find role definition with name 'NoSuchRole'."),
    ("bash", "az role assignment create --assignee $APP --role NoSuchRole --scope $ACR",
     "ERROR: Role 'NoSuchRole' doesn't exist."),
]


@pytest.mark.parametrize(("shell", "text", "expected"), REFUSALS)
def test_refusals_give_each_front_end_its_own_text_and_change_nothing(shell, text, expected):
    lab = _lab()
    before = tenant_state(lab)
    r = _send(lab, shell, text)
    assert (r.exit_code != 0 or r.stderr.strip()) and expected in r.stderr, r.stderr
    assert tenant_state(lab) == before


def test_custom_role_alike_from_az_and_pwsh():
    body = {"Name": "Registry Reader Plus", "Description": "Read registries and pull.", "IsCustom": True,
            "Actions": ["Microsoft.ContainerRegistry/registries/read"], "NotActions": [],
            "DataActions": ["Microsoft.ContainerRegistry/registries/repositories/content/read"], "NotDataActions": [],
            "AssignableScopes": ["/subscriptions/{sub}"]}
    shown = []
    for shell, line in [("bash", "az role definition create --role-definition @role.json -o none"),
                        ("pwsh", "New-AzRoleDefinition -InputFile role.json")]:
        lab = _lab()
        lab.write_file("role.json", json.dumps(body).replace("{sub}", lab.cloud.subscription.subscription_id))
        r = lab.run(line, shell=shell)
        assert r.exit_code == 0 and not r.stderr.strip(), r.output
        [role] = lab.run("az role definition list --custom-role-only").json()
        shown.append({k: v for k, v in role.items() if k not in ("id", "name", "createdOn", "updatedOn")})
    assert shown[0] == shown[1] and shown[0]["roleName"] == "Registry Reader Plus"


def test_a_listing_decides_read_access_once_per_scope():
    lab = _lab()
    assert lab.run("for i in 1 2 3 4 5; do az ad sp create-for-rbac -n sp$i --role AcrPull --scopes $ACR -o none; "
                   "done").exit_code == 0
    decisions = []
    real = lab.cloud.authorize
    lab.cloud.authorize = lambda p, action, scope, *a, **kw: decisions.append((action, scope)) or real(
        p, action, scope, *a, **kw)
    listed = lab.run("az role assignment list --all").json()
    assert len(listed) == 6  # the learner's Owner and five AcrPull
    reads = [s for action, s in decisions if action.endswith("roleAssignments/read")]
    assert len(reads) == len(set(reads)) == 2  # the subscription and the registry, once each
