"""Microsoft.Resources/deployments through the resource manager: az deployment group create|validate|what-if|
show|list|delete and New-/Test-/Get-/Remove-AzResourceGroupDeployment send the same requests (PUT, POST validate|
whatIf, GET, DELETE), so the caller is authorized in one place and a refused deployment changes nothing; each
resource of a deployment, nested deployments included, is a request of its own.

Sources: azure-rest-api-specs specification/resources/resource-manager/Microsoft.Resources/stable/2024-03-01/
resources.json (Deployments_CreateOrUpdate, Deployments_Validate, Deployments_WhatIf, Deployments_Delete: 200 or
204 "no content" when there is nothing to delete); operations Microsoft.Resources/deployments/write,
validate/action, whatIf/action (Azure/azure-docs-powershell or the built-in roles' actions); az: Azure/azure-cli
src/azure-cli/azure/cli/command_modules/resource/custom.py (deploy_arm_template_at_resource_group)."""

from __future__ import annotations

import json

import pytest

from acrlab import Lab

from .state import tenant_state

TEMPLATE = json.dumps({
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "contentVersion": "1.0.0.0", "parameters": {"n": {"type": "string"}},
    "resources": [{"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
                   "name": "[parameters('n')]", "location": "[resourceGroup().location]"}],
    "outputs": {"name": {"type": "string", "value": "[parameters('n')]"}}})
NESTED = json.dumps({
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "contentVersion": "1.0.0.0",
    "resources": [{"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "inner",
                   "resourceGroup": "other", "properties": {"mode": "Incremental", "expressionEvaluationOptions":
                                                            {"scope": "inner"}, "template": json.loads(TEMPLATE),
                                                            "parameters": {"n": {"value": "id-nested"}}}}]})


def _lab() -> tuple[Lab, object]:
    """The learner (Owner) and a service principal that is Contributor on rg and Reader on other."""
    lab = Lab(seed=0)
    for line in ["az group create -n rg -l eastus -o none", "az group create -n other -l eastus -o none",
                 "APP=$(az ad sp create-for-rbac -n deployer --query appId -o tsv)",
                 "az role assignment create --assignee $APP --role Contributor -g rg -o none",
                 "az role assignment create --assignee $APP --role Reader -g other -o none"]:
        assert lab.run(line).exit_code == 0, line
    lab.write_file("t.json", TEMPLATE)
    lab.write_file("nested.json", NESTED)
    sp = lab.cloud.tenant.find_principal(lab.run("echo $APP").stdout.strip())
    return lab, sp


def _record(lab: Lab) -> dict:
    shown = lab.run("az deployment group show -g rg -n d1").json()
    props = shown["properties"]
    for volatile in ("correlationId", "timestamp", "duration"):
        props.pop(volatile)
    return shown


def test_az_and_pwsh_send_the_same_deployment():
    records = {}
    for kind, line, shell in [
            ("az", "az deployment group create -g rg -n d1 -f t.json -p n=id1 -o none", "bash"),
            ("pwsh", "$null = New-AzResourceGroupDeployment -ResourceGroupName rg -Name d1 -TemplateFile t.json "
                     "-n id1", "pwsh")]:
        lab, _ = _lab()
        r = lab.run(line, shell=shell)
        assert r.exit_code == 0 and not r.stderr.strip(), f"{kind}: {r.output}"
        records[kind] = _record(lab)
    assert records["az"]["properties"]["outputs"]["name"]["value"] == "id1"
    assert records["az"]["properties"]["outputResources"][0]["id"].endswith("/userAssignedIdentities/id1")
    assert records["pwsh"] == records["az"]


REFUSED = [
    ("bash", "az deployment group create -g other -n d1 -f t.json -p n=id9",
     "Microsoft.Resources/deployments/write"),
    ("pwsh", "New-AzResourceGroupDeployment -ResourceGroupName other -Name d1 -TemplateFile t.json -n id9",
     "Microsoft.Resources/deployments/write"),
    ("bash", "az deployment group validate -g other -f t.json -p n=id9", "Microsoft.Resources/deployments/validate/action"),
    ("bash", "az deployment group what-if -g other -f t.json -p n=id9", "Microsoft.Resources/deployments/whatIf/action"),
]


def _session(lab: Lab, sp, shell: str = "bash"):
    """A terminal signed in as the service principal, with the templates in its working directory."""
    session = lab.new_session(sp)
    session.write_file("t.json", TEMPLATE)
    session.write_file("nested.json", NESTED)
    session.mode = shell
    return session


@pytest.mark.parametrize(("shell", "line", "action"), REFUSED)
def test_a_reader_of_the_group_cannot_deploy_validate_or_what_if_there(shell, line, action):
    lab, sp = _lab()
    before = tenant_state(lab)
    _, _, err = _session(lab, sp, shell).run(line)
    assert "AuthorizationFailed" in err or "does not have authorization" in err, err
    assert action in err
    assert tenant_state(lab) == before
    assert lab.run("az deployment group list -g other").json() == []


def test_a_nested_deployment_is_a_request_of_its_own():
    """Contributor on rg may deploy there, but the nested deployment into `other` is refused as its own request."""
    lab, sp = _lab()
    code, _, err = _session(lab, sp).run("az deployment group create -g rg -n outer -f nested.json")
    assert code == 1 and "Microsoft.Resources/deployments/write" in err and "/resourceGroups/other/" in err, err
    assert lab.run("az identity list -g other").json() == []
    assert lab.run("az deployment group list -g other").json() == []
    assert lab.run("az deployment group create -g rg -n outer -f nested.json -o none").exit_code == 0
    assert [m["name"] for m in lab.run("az identity list -g other").json()] == ["id-nested"]
    assert [d["name"] for d in lab.run("az deployment group list -g other").json()] == ["inner"]


def test_history_reads_and_deletes_are_requests():
    lab, sp = _lab()
    assert lab.run("az deployment group create -g rg -n d1 -f t.json -p n=id1 -o none").exit_code == 0
    code, out, _ = _session(lab, sp).run("az deployment group list -g rg --query '[].name' -o tsv")
    assert code == 0 and out.split() == ["d1"]
    r = lab.run("az deployment group show -g rg -n nosuch")
    assert r.exit_code == 3 and "(DeploymentNotFound) Deployment 'nosuch' could not be found." in r.stderr
    assert lab.run("az deployment group delete -g rg -n nosuch").exit_code == 0  # ARM answers 204: nothing to do
    assert lab.run("az deployment group delete -g rg -n d1").exit_code == 0
    assert lab.run("az deployment group list -g rg").json() == []
    assert [m["name"] for m in lab.run("az identity list -g rg").json()] == ["id1"]  # the resources stay
