"""Bicep and ARM JSON at the learner's front door: az bicep build, az deployment group create|what-if|show."""

from __future__ import annotations

import json
import pathlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from acrlab.iac import BicepCompileError, build
from acrlab.iac.arm_functions import arm_guid, unique_string

SEED = pathlib.Path("/work/shared/seed/000_a2a4ba9808cfa264.txt")


def seed_sample() -> str:
    """Section 6.4 of the seed, verbatim (from `param location` to the output line)."""
    text = SEED.read_text(encoding="utf-8")
    start = text.index("param location string = resourceGroup().location")
    end = text.index("output acrLoginServer string = acr.properties.loginServer")
    return text[start:end] + "output acrLoginServer string = acr.properties.loginServer\n"


WITH_PARAM = seed_sample().replace("param acrName string = 'myacr'",
                                   "param acrName string = 'myacr'\nparam aksIdentityObjectId string")


def test_seed_sample_fails_like_bicep_with_bcp057(cli, lab, rg):
    lab.write_file("main.bicep", seed_sample())
    r = cli("az deployment group create -g rg-containers --template-file main.bicep", expect_exit=1)
    assert r.stderr.startswith('ERROR: /home/learner/main.bicep(23,20) : Error BCP057: The name "aksIdentityObjectId" '
                               'does not exist in the current context. [https://aka.ms/bicep/core-diagnostics#BCP057]')
    assert "main.bicep(30,14) : Error BCP057" in r.stderr  # the second use, principalId:, is reported too
    assert "Traceback" not in r.stderr
    assert lab.cloud.find_registry("myacr") is None


def test_seed_sample_with_param_on_standard_is_refused_by_the_service(cli, lab, rg):
    lab.write_file("main.bicep", WITH_PARAM)
    oid = lab.cloud.learner.object_id
    r = cli(f"az deployment group create -g rg-containers -f main.bicep -p aksIdentityObjectId={oid}", expect_exit=1)
    err = json.loads(r.stderr.removeprefix("ERROR: "))
    assert err["error"]["code"] == "DeploymentFailed"
    assert err["error"]["details"] == [{"code": "SkuNotSupported", "message": "The SKU Standard is not supported."}]
    cli("az deployment group show -g rg-containers -n main", checks={"properties.provisioningState": "Failed"})


def test_seed_sample_on_premium_deploys_and_cli_sees_it(cli, lab, rg):
    sp = json.loads(cli("az ad sp create-for-rbac -n aks-kubelet").stdout)
    sp_oid = cli(f"az ad sp show --id {sp['appId']} --query id -o tsv").stdout.strip()
    lab.write_file("main.bicep", WITH_PARAM.replace("name: 'Standard'", "name: 'Premium'"))
    r = cli(f"az deployment group create -g rg-containers -f main.bicep --parameters aksIdentityObjectId={sp_oid}",
            checks={"properties.provisioningState": "Succeeded", "name": "main",
                    "properties.outputs.acrLoginServer.value": "myacr.azurecr.io",
                    "properties.outputs.acrLoginServer.type": "String", "resourceGroup": "rg-containers"})
    assert len(r.json()["properties"]["outputResources"]) == 2
    cli("az acr show -n myacr", checks={"sku.name": "Premium", "adminUserEnabled": False,
                                        "policies.retentionPolicy.status": "enabled",
                                        "policies.retentionPolicy.days": 30})
    acr_id = cli("az acr show -n myacr --query id -o tsv").stdout.strip()
    rows = cli(f"az role assignment list --scope {acr_id}").json()
    pull = [x for x in rows if x["principalId"] == sp_oid]
    assert len(pull) == 1 and pull[0]["roleDefinitionName"] == "AcrPull"
    assert pull[0]["name"] == arm_guid(acr_id, sp_oid, "AcrPull")


def test_same_end_state_by_cli_and_bicep(lab, cli, rg):
    from acrlab import Lab
    oid = lab.cloud.learner.object_id
    cli("az acr create -n labacr01 -g rg-containers --sku Standard -o none")
    acr_id = cli("az acr show -n labacr01 --query id -o tsv").stdout.strip()
    cli(f"az role assignment create --assignee {oid} --role AcrPull --scope {acr_id} -o none")
    other = Lab(seed=0)
    other.run("az group create -n rg-containers -l brazilsouth -o none")
    other.write_file("main.bicep", """
param acrName string = 'labacr01'
param principalId string
resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: acrName
  location: resourceGroup().location
  sku: {
    name: 'Standard'
  }
}
resource pull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(acr.id, principalId, 'AcrPull')
  scope: acr
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
    principalId: principalId
    principalType: 'User'
  }
}
""")
    r = other.run(f"az deployment group create -g rg-containers -f main.bicep -p principalId={oid}")
    assert r.exit_code == 0, r.stderr
    keys = ("sku", "adminUserEnabled", "loginServer", "location", "publicNetworkAccess", "policies", "id")
    a = json.loads(lab.run("az acr show -n labacr01").stdout)
    b = json.loads(other.run("az acr show -n labacr01").stdout)
    assert {k: a[k] for k in keys} == {k: b[k] for k in keys}
    q = f"az role assignment list --scope {acr_id} --query \"[].{{r:roleDefinitionName,p:principalId}}\""
    assert json.loads(lab.run(q).stdout) == json.loads(other.run(q).stdout)


def test_redeploy_is_idempotent_and_what_if_says_nochange(cli, lab, rg):
    lab.write_file("main.bicep", WITH_PARAM.replace("name: 'Standard'", "name: 'Premium'")
                   .replace("'ServicePrincipal'", "'User'"))
    cmd = f"az deployment group create -g rg-containers -f main.bicep -p aksIdentityObjectId={lab.cloud.learner.object_id}"
    cli(cmd + " -o none")
    before = (len(lab.cloud.role_assignments), json.loads(lab.run("az acr show -n myacr").stdout))
    cli(cmd + " -o none")
    assert (len(lab.cloud.role_assignments), json.loads(lab.run("az acr show -n myacr").stdout)) == before
    out = cli(cmd.replace("create", "what-if")).stdout
    assert "= Microsoft.ContainerRegistry/registries/myacr [2023-07-01]" in out
    assert out.rstrip().endswith("Resource changes: 2 no change.")
    lab.write_file("main.bicep", lab.run("cat main.bicep").stdout.replace("adminUserEnabled: false",
                                                                          "adminUserEnabled: true"))
    out = cli(cmd.replace("create", "what-if")).stdout
    assert "~ properties.adminUserEnabled: false => true" in out
    assert "Resource changes: 1 to modify, 1 no change." in out
    assert lab.cloud.find_registry("myacr").admin_user_enabled is False  # what-if changed nothing


def test_what_if_lists_creates(cli, lab, rg):
    lab.write_file("main.bicep", "param name string = 'whatifacr1'\nresource r 'Microsoft.ContainerRegistry/"
                   "registries@2023-07-01' = {\n  name: name\n  location: 'brazilsouth'\n  sku: {\n    name: 'Basic'\n"
                   "  }\n}\n")
    out = cli("az deployment group what-if -g rg-containers -f main.bicep").stdout
    assert "  + Microsoft.ContainerRegistry/registries/whatifacr1 [2023-07-01]" in out
    assert 'sku.name:   "Basic"' in out and "Resource changes: 1 to create." in out
    assert lab.cloud.find_registry("whatifacr1") is None


def test_bicep_build_emits_arm_json(cli, lab):
    lab.write_file("main.bicep", WITH_PARAM)
    cli("az bicep build --file main.bicep")
    tpl = json.loads(lab.run("cat main.json").stdout)
    assert tpl["$schema"].endswith("deploymentTemplate.json#") and tpl["contentVersion"] == "1.0.0.0"
    assert tpl["parameters"]["location"] == {"type": "string", "defaultValue": "[resourceGroup().location]"}
    ra = tpl["resources"][1]
    assert ra["name"] == ("[guid(resourceId('Microsoft.ContainerRegistry/registries', parameters('acrName')), "
                          "parameters('aksIdentityObjectId'), 'AcrPull')]")
    assert ra["scope"] == "[format('Microsoft.ContainerRegistry/registries/{0}', parameters('acrName'))]"
    assert ra["dependsOn"] == ["[resourceId('Microsoft.ContainerRegistry/registries', parameters('acrName'))]"]
    assert tpl["outputs"]["acrLoginServer"]["value"] == (
        "[reference(resourceId('Microsoft.ContainerRegistry/registries', parameters('acrName')), "
        "'2023-07-01').loginServer]")
    assert cli("az bicep build -f main.bicep --stdout").json() == tpl


def test_arm_json_template_and_missing_parameter(cli, lab, rg):
    tpl = {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
           "contentVersion": "1.0.0.0",
           "parameters": {"registryName": {"type": "string", "minLength": 5}},
           "variables": {"suffix": "[uniqueString(resourceGroup().id)]"},
           "resources": [{"type": "Microsoft.ContainerRegistry/registries", "apiVersion": "2023-07-01",
                          "name": "[parameters('registryName')]", "location": "[resourceGroup().location]",
                          "sku": {"name": "Basic"}, "properties": {"adminUserEnabled": True}}],
           "outputs": {"suffix": {"type": "string", "value": "[variables('suffix')]"}}}
    lab.write_file("azuredeploy.json", json.dumps(tpl, indent=2))
    r = cli("az deployment group create -g rg-containers -f azuredeploy.json --no-prompt true", expect_exit=1)
    err = json.loads(r.stderr.split("ERROR: ", 1)[1])
    assert err["code"] == "InvalidTemplate"
    assert err["message"] == ("Deployment template validation failed: 'The value for the template parameter "
                              "'registryName' at line '5' and column '21' is not provided. Please see "
                              "https://aka.ms/arm-create-parameter-file for usage details.'.")
    cli("az deployment group create -g rg-containers -f azuredeploy.json", expect_exit=1)  # Missing input parameters
    lab.write_file("p.json", json.dumps({"parameters": {"registryName": {"value": "armacr01"}}}))
    rg_id = cli("az group show -n rg-containers --query id -o tsv").stdout.strip()
    cli("az deployment group create -g rg-containers -f azuredeploy.json -p @p.json",
        checks={"name": "azuredeploy", "properties.outputs.suffix.value": unique_string(rg_id)})
    cli("az acr show -n armacr01", checks={"adminUserEnabled": True, "sku.name": "Basic"})
    r = cli("az deployment group create -g rg-containers -f azuredeploy.json -p registryName=abc", expect_exit=1)
    assert "Length of the value should be greater than or equal to '5'" in r.stderr


def test_caller_rbac_applies(cli, lab, rg):
    lab.write_file("main.bicep", "resource r 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n"
                   "  name: 'rbacacr01'\n  location: 'brazilsouth'\n  sku: {\n    name: 'Basic'\n  }\n}\n")
    sp = json.loads(cli("az ad sp create-for-rbac -n reader-sp").stdout)
    rg_id = cli("az group show -n rg-containers --query id -o tsv").stdout.strip()
    cli(f"az role assignment create --assignee {sp['appId']} --role Reader --scope {rg_id} -o none")
    cli(f"az login --service-principal -u {sp['appId']} -p {sp['password']} --tenant {sp['tenant']} -o none")
    r = cli("az deployment group create -g rg-containers -f main.bicep", expect_exit=1)
    assert "AuthorizationFailed" in r.stderr and "Microsoft.Resources/deployments/write" in r.stderr


@pytest.mark.parametrize("source,code,line,col", [
    ("param x", "BCP014", 1, 8),
    ("var = 1", "BCP015", 1, 5),
    ("foo bar", "BCP007", 1, 1),
    ("var a = {\n  b: 1 c: 2\n}", "BCP019", 2, 8),
    ("var a = 'abc", "BCP003", 1, 9),
    ("var a = \"x\"", "BCP103", 1, 9),
    ("var a = 1\nvar a = 2", "BCP028", 1, 5),
    ("output o string = undefinedThing", "BCP057", 1, 19),
    ("param storage string\noutput o string = storag", "BCP082", 2, 19),
    ("var a = toLower('A', 'B')", "BCP071", 1, 9),
    ("resource r 'Microsoft.ContainerRegistry/registries' = {\n  name: 'x'\n}", "BCP029", 1, 12),
    ("resource r 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n  location: 'x'\n}", "BCP035", 1, 10),
    ("param p int = 'text'", "BCP027", 1, 15),
    ("@minLength(3)\nparam p int", "BCP124", 1, 2),
])
def test_malformed_bicep_gets_code_and_position(source, code, line, col):
    with pytest.raises(BicepCompileError) as e:
        build(source)
    d = e.value.errors[0]
    assert (d.code, d.line, d.column) == (code, line, col), d


def test_unused_parameter_is_a_warning_not_an_error(cli, lab):
    lab.write_file("main.bicep", "param unused string = 'x'\noutput o int = 1\n")
    r = cli("az bicep build -f main.bicep --stdout")
    assert 'Warning no-unused-params: Parameter "unused" is declared but never used.' in r.stderr


def test_unique_string_and_guid_match_arm():
    assert unique_string("test") == "rbgf3xv4ufgzg"
    assert unique_string("foo", "bar", "baz") == "xzi4ioaxtmth4"
    assert arm_guid("a", "b") == arm_guid("a-b")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="paramvoutsig{}[]()'$:=.,@\n /*-+!?~|&resource123xyz", max_size=80))
def test_fuzzed_bicep_never_tracebacks(text):
    try:
        build(text)
    except BicepCompileError as e:
        assert e.diagnostics and all(d.line >= 1 and d.column >= 1 for d in e.diagnostics)
