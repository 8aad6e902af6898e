"""az deployment sub + Bicep modules: create the group, then a registry and an AcrPull assignment in it."""

import json

import pytest

REGISTRY = """param acrName string
param location string = resourceGroup().location
param principalId string

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: acrName
  location: location
  sku: { name: 'Basic' }
}

resource pull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(acr.id, principalId, 'acrpull')
  scope: acr
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
    principalId: principalId
    principalType: 'User'
  }
}

output loginServer string = acr.properties.loginServer
"""

MAIN = """targetScope = 'subscription'

param principalId string

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-containers'
  location: 'brazilsouth'
}

module registry 'modules/registry.bicep' = {
  name: 'registry'
  scope: rg
  params: {
    acrName: 'contosoacr1'
    principalId: principalId
  }
}

output loginServer string = registry.outputs.loginServer
"""


@pytest.fixture
def files(lab):
    lab.write_file("modules/registry.bicep", REGISTRY)
    lab.write_file("main.bicep", MAIN)
    return lab


def _pid(lab):
    return lab.cloud.learner.object_id


def test_sub_create_group_registry_and_acrpull_via_module(files):
    lab = files
    r = lab.run(f"az deployment sub create -l brazilsouth -f main.bicep -p principalId={_pid(lab)}")
    assert r.exit_code == 0, r.stderr
    out = r.json()
    assert out["id"].endswith("/providers/Microsoft.Resources/deployments/main")
    assert "/resourceGroups/" not in out["id"] and "resourceGroup" not in out
    assert out["location"] == "brazilsouth"
    assert out["properties"]["outputs"]["loginServer"]["value"] == "contosoacr1.azurecr.io"
    assert lab.cloud.group("rg-containers").location == "brazilsouth"
    assert lab.cloud.find_registry("contosoacr1").resource_group == "rg-containers"
    ras = lab.run("az role assignment list --scope "
                  "$(az acr show -n contosoacr1 --query id -o tsv) --query [].roleDefinitionName -o tsv")
    assert "AcrPull" in ras.stdout
    nested = lab.run("az deployment group list -g rg-containers --query [].name -o tsv")
    assert nested.stdout.split() == ["registry"]
    assert lab.run("az deployment sub list --query [].name -o tsv").stdout.split() == ["main"]
    shown = lab.run("az deployment sub show -n main").json()
    assert shown["properties"]["provisioningState"] == "Succeeded"


def test_redeploy_is_idempotent_and_what_if_reports_no_change(files):
    lab = files
    cmd = f"az deployment sub create -l brazilsouth -f main.bicep -p principalId={_pid(lab)}"
    assert lab.run(cmd).exit_code == 0
    before = len(lab.cloud.role_assignments)
    assert lab.run(cmd).exit_code == 0, "redeploying the same template must succeed"
    assert len(lab.cloud.role_assignments) == before
    r = lab.run(f"az deployment sub what-if -l brazilsouth -f main.bicep -p principalId={_pid(lab)} "
                "--no-pretty-print")
    changes = {c["resourceId"].rsplit("/", 1)[-1]: c["changeType"] for c in r.json()["changes"]}
    assert changes["rg-containers"] == "NoChange" and changes["contosoacr1"] == "NoChange"


def test_what_if_before_create_lists_group_and_module_resources(files):
    lab = files
    r = lab.run(f"az deployment sub what-if -l brazilsouth -f main.bicep -p principalId={_pid(lab)}")
    assert r.exit_code == 0, r.stderr
    assert "+ Microsoft.ContainerRegistry/registries/contosoacr1" in r.stdout
    sub = lab.cloud.subscription.id
    assert f"Scope: {sub}\n\n  + resourceGroups/rg-containers [2024-03-01]" in r.stdout
    assert "Resource changes: 3 to create." in r.stdout
    assert lab.cloud.subscription.find_group("rg-containers") is None, "what-if changes nothing"


def test_group_scope_bicep_sent_to_sub_create_and_vice_versa(files, rg):
    lab = files
    r = lab.run(f"az deployment sub create -l brazilsouth -f modules/registry.bicep -p acrName=x1 "
                f"principalId={_pid(lab)}")
    assert r.exit_code == 1
    assert 'The target scope "resourceGroup" does not match the deployment scope "subscription".' in r.stderr
    r = lab.run(f"az deployment group create -g rg-containers -f main.bicep -p principalId={_pid(lab)}")
    assert r.exit_code == 1
    assert 'The target scope "subscription" does not match the deployment scope "resourceGroup".' in r.stderr


def test_arm_json_with_subscription_schema_refused_at_group_scope(lab, rg):
    lab.write_file("sub.json", json.dumps({
        "$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
        "contentVersion": "1.0.0.0", "resources": []}))
    r = lab.run("az deployment group create -g rg-containers -f sub.json")
    assert r.exit_code == 1 and "InvalidTemplate" in r.stderr and "Traceback" not in r.stderr


def test_registry_resource_in_subscription_file_is_bcp135(lab):
    lab.write_file("bad.bicep", "targetScope = 'subscription'\nresource acr "
                   "'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n  name: 'x'\n  location: 'eastus'\n"
                   "  sku: { name: 'Basic' }\n}\n")
    r = lab.run("az deployment sub create -l eastus -f bad.bicep")
    assert r.exit_code == 1
    assert "bad.bicep(2,68) : Error BCP135: Scope \"subscription\" is not valid for this resource type. " \
           "Permitted scopes: \"resourceGroup\"." in r.stderr


@pytest.mark.parametrize("path,code", [
    ("modules/missing.bicep", "BCP091"), ("", "BCP050"), ("/abs/x.bicep", "BCP051"),
    ("modules\\\\registry.bicep", "BCP098"), ("modules/re?.bicep", "BCP085"),
])
def test_malformed_module_paths_report_line_and_column(files, path, code):
    lab = files
    lab.write_file("broken.bicep", MAIN.replace("'modules/registry.bicep'", f"'{path}'"))
    r = lab.run(f"az deployment sub create -l brazilsouth -f broken.bicep -p principalId={_pid(lab)}")
    assert r.exit_code == 1
    assert f"broken.bicep(10,17) : Error {code}:" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr


def test_module_with_errors_and_missing_params(files):
    lab = files
    lab.write_file("modules/bad.bicep", "param x string\noutput y string = nope\n")
    lab.write_file("m2.bicep", "module m 'modules/bad.bicep' = {\n  name: 'm'\n  params: { x: 'a' }\n}\n")
    r = lab.run("az bicep build -f m2.bicep")
    assert r.exit_code == 1 and "m2.bicep(1,10) : Error BCP104: The referenced module has errors." in r.stderr
    lab.write_file("m3.bicep", "module m 'modules/registry.bicep' = {\n  name: 'm'\n  params: { acrName: 'a' }\n}\n")
    r = lab.run("az bicep build -f m3.bicep")
    assert "Error BCP035" in r.stderr and '"principalId"' in r.stderr


def test_arm_json_group_type_at_subscription_scope_fails_without_creating(lab):
    lab.write_file("a.json", json.dumps({
        "$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "resources": [{"type": "Microsoft.ContainerRegistry/registries", "apiVersion": "2023-07-01",
                       "name": "subacr1", "location": "eastus", "sku": {"name": "Basic"}}]}))
    r = lab.run("az deployment sub create -l eastus -f a.json")
    assert r.exit_code == 1 and "DeploymentFailed" in r.stderr and "No HTTP resource was found" in r.stderr
    assert lab.cloud.find_registry("subacr1") is None
    assert lab.run("az deployment sub show -n a --query properties.provisioningState -o tsv").stdout.strip() == "Failed"


def test_module_into_missing_group_and_location_change(lab):
    lab.write_file("m.bicep", "targetScope = 'subscription'\nmodule m 'r.bicep' = {\n  name: 'm'\n"
                   "  scope: resourceGroup('nope')\n}\n")
    lab.write_file("r.bicep", "resource a 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n  name: 'zzacr1'\n"
                   "  location: 'eastus'\n  sku: { name: 'Basic' }\n}\n")
    r = lab.run("az deployment sub create -l eastus -f m.bicep")
    assert r.exit_code == 1 and "Resource group 'nope' could not be found." in r.stderr
    r = lab.run("az deployment sub create -l westus -f m.bicep")
    assert "(InvalidDeploymentLocation) Invalid deployment location 'westus'. The deployment 'm' already exists in " \
           "location 'eastus'." in r.stderr
    assert lab.run("az deployment sub delete -n m").exit_code == 0
    assert lab.run("az deployment sub list --query \"length(@)\"").stdout.strip() == "0"


def test_group_deployment_delete_keeps_resources(files):
    lab = files
    assert lab.run(f"az deployment sub create -l brazilsouth -f main.bicep -p principalId={_pid(lab)}").exit_code == 0
    assert lab.run("az deployment group delete -g rg-containers -n registry").exit_code == 0
    assert lab.run("az deployment group list -g rg-containers --query \"length(@)\"").stdout.strip() == "0"
    assert lab.cloud.find_registry("contosoacr1") is not None


def test_group_scope_module_without_scope_deploys_into_same_group(lab, rg):
    lab.write_file("infra/acr.bicep", "param n string\nresource a 'Microsoft.ContainerRegistry/registries@2023-07-01'"
                   " = {\n  name: n\n  location: resourceGroup().location\n  sku: { name: 'Standard' }\n}\n"
                   "output id string = a.id\n")
    lab.write_file("infra/main.bicep", "module acr './acr.bicep' = {\n  name: 'acrDeploy'\n  params: { n: 'grpacr1' }\n}\n"
                   "output acrId string = acr.outputs.id\n")
    r = lab.run("az deployment group create -g rg-containers -f infra/main.bicep --query properties.outputs.acrId.value"
                " -o tsv")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.strip().endswith("/resourceGroups/rg-containers/providers/Microsoft.ContainerRegistry/"
                                     "registries/grpacr1")
    names = lab.run("az deployment group list -g rg-containers --query [].name -o tsv").stdout.split()
    assert sorted(names) == ["acrDeploy", "main"]
