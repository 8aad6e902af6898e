""".bicepparam files (`using`, `param x = value`, `var`, readEnvironmentVariable) checked against their template
(BCP258/BCP259/BCP261) and deployed with or without --template-file; module loops (`[for ...]` over modules) with
their outputs read per item."""

from __future__ import annotations

import json
import pathlib

TYPES = (pathlib.Path(__file__).parent / "types.bicep").read_text()
PARAMS = """using './main.bicep'

var prefix = 'acr'
param acrName = '${prefix}bp${readEnvironmentVariable('SUFFIX', '01')}'
param sku = 'Premium'
param tags = {
  env: 'prod'
  owner: 'team'
}
"""


def _server(cli, cmd: str) -> str:
    return cli(cmd + " --query properties.outputs.loginServer.value -o tsv").stdout.strip()


def test_bicepparam_names_its_template_and_reads_the_environment(cli, lab, rg):
    cli("az identity create -g rg-containers -n id-pull -o none")
    lab.write_file("main.bicep", TYPES)
    lab.write_file("main.bicepparam", PARAMS)
    assert _server(cli, "az deployment group create -g rg-containers -p main.bicepparam") == "acrbp01.azurecr.io"
    assert _server(cli, "export SUFFIX=77; az deployment group create -g rg-containers -f main.bicep "
                        "-p main.bicepparam") == "acrbp77.azurecr.io"
    cli("az acr show -n acrbp77", checks={"tags": {"env": "prod", "owner": "team"}})


def test_bicepparam_errors_name_the_missing_and_the_undeclared(cli, lab, rg):
    lab.write_file("main.bicep", TYPES)
    lab.write_file("bad.bicepparam", "using './main.bicep'\nparam nope = 1\n")
    r = cli("az deployment group create -g rg-containers -p bad.bicepparam", expect_exit=1)
    assert 'BCP258: The following parameters are declared in the Bicep file but are missing an assignment in the ' \
           'params file: "acrName".' in r.stderr
    assert 'BCP259: The parameter "nope" is assigned in the params file without being declared' in r.stderr
    lab.write_file("nousing.bicepparam", "param acrName = 'x'\n")
    r = cli("az deployment group create -g rg-containers -f main.bicep -p nousing.bicepparam", expect_exit=1)
    assert "BCP261" in r.stderr
    lab.write_file("env.bicepparam", "using './main.bicep'\nparam acrName = readEnvironmentVariable('NOPE')\n")
    r = cli("az deployment group create -g rg-containers -p env.bicepparam", expect_exit=1)
    assert 'BCP338: Failed to evaluate parameter "acrName"' in r.stderr


MODULE = """param name string
resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: name
  location: resourceGroup().location
  sku: { name: 'Basic' }
}
output loginServer string = acr.properties.loginServer
"""
MAIN = """param names array = ['acrmodloop1', 'acrmodloop2']
param withSingle bool = true
module regs 'acr.bicep' = [for (n, i) in names: {
  name: 'reg-${i}'
  params: { name: n }
}]
module single 'acr.bicep' = if (withSingle) {
  name: 'single'
  params: { name: 'acrmodsingle' }
  dependsOn: [ regs ]
}
output servers array = [for (n, i) in names: regs[i].outputs.loginServer]
output one string = withSingle ? single.outputs.loginServer : ''
"""


def test_module_loops_deploy_one_nested_deployment_per_item(cli, lab, rg):
    lab.write_file("acr.bicep", MODULE)
    lab.write_file("main.bicep", MAIN)
    arm = json.loads(cli("az bicep build -f main.bicep --stdout").stdout)
    assert arm["resources"][0]["copy"] == {"name": "regs", "count": "[length(parameters('names'))]"}
    assert arm["resources"][1]["dependsOn"] == ["regs"]
    out = json.loads(cli("az deployment group create -g rg-containers -f main.bicep").stdout)["properties"]["outputs"]
    assert out["servers"]["value"] == ["acrmodloop1.azurecr.io", "acrmodloop2.azurecr.io"]
    assert out["one"]["value"] == "acrmodsingle.azurecr.io"
    names = json.loads(cli("az deployment group list -g rg-containers --query [].name").stdout)
    assert {"reg-0", "reg-1", "single", "main"} <= set(names)
