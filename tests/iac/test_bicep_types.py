"""User-defined types compile as `bicep build` emits them (languageVersion 2.0: definitions, $ref, nullable members,
resources keyed by symbolic name, `existing` resources kept for reference) and ARM checks parameter values against
them before anything is deployed. Decorators @metadata, @sys.description, @minLength, @allowed, @secure."""

from __future__ import annotations

import json
import pathlib

import pytest

from acrlab.iac import BicepCompileError, build

TYPES = (pathlib.Path(__file__).parent / "types.bicep").read_text()


def test_types_compile_to_language_version_2():
    arm = build(TYPES).template
    assert arm["languageVersion"] == "2.0"
    assert arm["definitions"]["tagSet"] == {
        "type": "object", "metadata": {"description": "Tags every resource carries"},
        "properties": {"env": {"type": "string", "allowedValues": ["dev", "prod"],
                               "metadata": {"description": "Environment name"}},
                       "owner": {"type": "string", "nullable": True}}}
    assert arm["parameters"]["sku"] == {"$ref": "#/definitions/skuName", "defaultValue": "Premium"}
    assert arm["parameters"]["acrName"] == {"type": "string", "minLength": 5,
                                            "metadata": {"owner": "platform", "description": "Registry name"}}
    assert arm["parameters"]["regions"]["items"] == {"type": "string"}
    assert set(arm["resources"]) == {"acr", "replicas", "pullIdentity"}
    assert arm["resources"]["pullIdentity"] == {"existing": True, "type": "Microsoft.ManagedIdentity/"
                                                "userAssignedIdentities", "apiVersion": "2023-01-31", "name": "id-pull"}
    assert arm["resources"]["replicas"]["dependsOn"] == ["acr"]
    assert arm["outputs"]["loginServer"]["value"] == "[reference('acr').loginServer]"
    assert arm["outputs"]["info"]["$ref"] == "#/definitions/tagSet"


def test_metadata_decorator_and_primitive_only_files_stay_version_1():
    arm = build("@metadata({\n  owner: 'me'\n})\n@secure()\nparam pw string\noutput n int = length(pw)\n").template
    assert "languageVersion" not in arm
    assert arm["parameters"]["pw"] == {"type": "securestring", "metadata": {"owner": "me"}}


@pytest.mark.parametrize("text, code", [
    ("param p colour = 'red'\n", "BCP302"),
    ("type t = 'a' | string\n", "BCP293"),
    ("param x = 1\n", "BCP014"),
])
def test_type_errors_are_bicep_diagnostics(text, code):
    with pytest.raises(BicepCompileError) as e:
        build(text)
    assert e.value.errors[0].code == code


def _deploy(cli, lab, params: str, expect_exit: int = 0):
    lab.write_file("main.bicep", TYPES)
    return cli(f"az deployment group create -g rg-containers -f main.bicep -p acrName=acrtypes01 {params}",
               expect_exit=expect_exit)


def test_typed_parameters_deploy_and_outputs_follow_their_types(cli, lab, rg):
    cli("az identity create -g rg-containers -n id-pull -o none")
    out = json.loads(_deploy(cli, lab, "tags='{\"env\":\"prod\",\"owner\":\"ops\"}'").stdout)["properties"]["outputs"]
    assert out["loginServer"]["value"] == "acrtypes01.azurecr.io"
    assert out["info"] == {"type": "Object", "value": {"env": "prod", "owner": "ops"}}
    assert out["firstReplica"]["value"] == "eastus"  # a child's .name is its own segment, as in Bicep
    pid = cli("az identity show -g rg-containers -n id-pull --query principalId -o tsv").stdout.strip()
    assert out["principal"]["value"] == pid
    cli("az acr show -n acrtypes01", checks={"sku.name": "Premium", "tags.env": "prod"})


@pytest.mark.parametrize("params, text", [
    ("sku=Gold", "The provided value 'Gold' is not valid. The value is not part of the allowed value(s): "
                 "'Basic,Standard,Premium'."),
    ("tags='{\"owner\":\"ops\"}'", "The property 'env' is required but was not provided."),
    ("tags='{\"env\":\"test\"}'", "The provided value 'test' at 'env' is not valid."),
])
def test_values_outside_the_type_are_refused_before_deploying(cli, lab, rg, params, text):
    r = _deploy(cli, lab, params, expect_exit=1)
    assert "InvalidTemplate" in r.stderr and text in r.stderr
    cli("az acr list -g rg-containers", checks={"length(@)": 0})


def test_output_decorators_become_the_outputs_metadata():
    import json

    from acrlab import iac
    src = ("@sys.description('login server')\noutput ls string = 'x'\n"
           "@description('ids')\noutput ids array = [for i in range(0, 2): 'id${i}']\n")
    out = json.loads(iac.compile_source(src))["outputs"]
    assert out["ls"] == {"type": "string", "metadata": {"description": "login server"}, "value": "x"}
    assert out["ids"]["metadata"] == {"description": "ids"} and "copy" in out["ids"]
