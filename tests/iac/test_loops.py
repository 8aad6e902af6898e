"""for-expressions in properties, variables and outputs compile to ARM copy loops, as `bicep build` emits them."""

from __future__ import annotations

import json
import pathlib

from acrlab.iac import build

LOOPS = (pathlib.Path(__file__).parent / "loops.bicep").read_text()


def test_property_variable_and_output_loops_compile_to_copy():
    arm = json.loads(build(LOOPS).json_text())
    assert arm["variables"]["copy"] == [{"name": "prefixes", "count": "[length(parameters('subnetNames'))]",
                                         "input": "[format('10.2.{0}.0/24', copyIndex('prefixes'))]"}]
    sub = arm["resources"][0]["properties"]["copy"][0]
    assert sub["name"] == "subnets" and sub["count"] == "[length(parameters('subnetNames'))]"
    assert sub["input"]["name"] == "[parameters('subnetNames')[copyIndex('subnets')]]"
    assert "subnets" not in arm["resources"][0]["properties"]
    assert arm["outputs"]["hookNames"] == {"type": "array", "copy": {
        "count": "[length(parameters('hooks'))]", "input": "[toUpper(parameters('hooks')[copyIndex()])]"}}


def test_loops_deploy_and_redeploy_unchanged(cli, lab, rg):
    lab.write_file("main.bicep", LOOPS)
    out = json.loads(cli("az deployment group create -g rg-containers -f main.bicep -p subnetNames='[\"a\",\"b\",\"c\"]'"
                         ).stdout)["properties"]["outputs"]
    assert out["hookNames"]["value"] == ["ALPHA", "BRAVO"] and len(out["subnetIds"]["value"]) == 3
    subnets = json.loads(cli("az network vnet subnet list -g rg-containers --vnet-name vnet-loop").stdout)
    assert sorted((s["name"], s["addressPrefix"]) for s in subnets) == [
        ("a", "10.2.0.0/24"), ("b", "10.2.1.0/24"), ("c", "10.2.2.0/24")]
    what_if = cli("az deployment group what-if -g rg-containers -f main.bicep -p subnetNames='[\"a\",\"b\",\"c\"]'").stdout
    assert what_if.rstrip().endswith("Resource changes: 1 no change.")


def test_arm_json_copy_with_named_index_in_nested_loops(cli, lab, rg):
    template = {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                "contentVersion": "1.0.0.0", "resources": [],
                "variables": {"copy": [{"name": "outer", "count": 2, "input": {
                    "copy": [{"name": "inner", "count": 2,
                              "input": "[format('{0}-{1}', copyIndex('outer'), copyIndex('inner', 10))]"}]}}]},
                "outputs": {"grid": {"type": "array", "value": "[variables('outer')]"}}}
    lab.write_file("grid.json", json.dumps(template))
    out = json.loads(cli("az deployment group create -g rg-containers -f grid.json").stdout)
    assert out["properties"]["outputs"]["grid"]["value"] == [{"inner": ["0-10", "0-11"]}, {"inner": ["1-10", "1-11"]}]
    template["variables"]["copy"][0]["input"]["copy"][0]["input"] = "[copyIndex('nope')]"
    lab.write_file("grid.json", json.dumps(template))
    assert "invalid loop name 'nope'" in cli("az deployment group create -g rg-containers -f grid.json",
                                            expect_exit=1).stderr
