"""az's front door: parsing, help, output formats, --query and errors as az prints them."""

from __future__ import annotations

import json

import pytest


def test_misspelled_command_suggests(lab):
    r = lab.run("az acr creat")
    assert r.exit_code == 2
    assert r.stderr.startswith("ERROR: 'creat' is misspelled or not recognized by the system.\n")
    assert "Did you mean 'create' ?" in r.stderr


def test_missing_required_arguments(lab):
    r = lab.run("az acr create -n myacr")
    assert r.exit_code == 2
    assert "ERROR: the following arguments are required: --resource-group/-g, --sku" in r.stderr


def test_unrecognized_arguments(lab, rg):
    r = lab.run("az acr create -n myacr -g rg-containers --sku Basic --bogus 1")
    assert r.exit_code == 2
    assert "ERROR: unrecognized arguments: --bogus 1" in r.stderr


def test_invalid_choice(lab, rg):
    r = lab.run("az acr create -n myacr -g rg-containers --sku Free")
    assert r.exit_code == 2
    # azure-cli core parser._check_value lists the SDK SkuName enum in its own order (Classic included)
    assert "'Free' is not a valid value for '--sku'. Allowed values: Classic, Basic, Standard, Premium." in r.stderr


def test_choices_are_case_insensitive(cli, rg):
    cli("az acr create -n myacr -g rg-containers --sku standard", checks={"sku.name": "Standard"})


@pytest.mark.parametrize("text", ["az --help", "az acr --help", "az acr create --help", "az acr create -h",
                                  "az group --help", "az acr credential"])
def test_help_everywhere(lab, text):
    r = lab.run(text)
    assert r.exit_code == 0, r.stderr
    assert ("Command" in r.stdout) or ("Group" in r.stdout)


def test_command_help_has_arguments_and_examples(lab):
    out = " ".join(lab.run("az acr create --help").stdout.split())
    assert "--name -n [Required]" in out
    assert "Allowed values: Basic, Classic, Premium, Standard." in out  # knack help sorts the choices
    assert "Examples" in out and "az acr create -n myregistry -g MyResourceGroup --sku Standard" in out


def test_output_formats(cli, rg):
    cli("az acr create -n myacr -g rg-containers --sku Basic -o none")
    assert json.loads(cli("az acr show -n myacr -o jsonc").stdout)["name"] == "myacr"
    tsv = cli("az acr show -n myacr --query '[name, sku.name]' -o tsv").stdout
    assert tsv == "myacr\nBasic\n"  # knack: a top-level list prints one item per line
    table = cli("az acr list -o table").stdout.splitlines()
    assert table[0].split() == ["NAME", "RESOURCE", "GROUP", "LOCATION", "SKU", "LOGIN", "SERVER", "CREATION",
                                "DATE", "ADMIN", "ENABLED"]
    assert table[2].split()[:5] == ["myacr", "rg-containers", "brazilsouth", "Basic", "myacr.azurecr.io"]
    assert "name: myacr" in cli("az acr show -n myacr -o yaml").stdout
    assert cli("az acr show -n myacr -o none").stdout == ""


def test_query_table_uses_query_keys(cli, rg):
    cli("az acr create -n myacr -g rg-containers --sku Basic -o none")
    out = cli("az acr list --query \"[].{Name:name, Sku:sku.name}\" -o table").stdout.splitlines()
    assert out[0].split() == ["Name", "Sku"]
    assert out[2].split() == ["myacr", "Basic"]


def test_bad_query(lab):
    r = lab.run("az group list --query '[?'")
    assert r.exit_code == 2
    assert "argument --query: invalid jmespath_type value" in r.stderr


def test_configure_defaults_fill_arguments(cli):
    cli("az group create -n rg1 -l eastus -o none")
    cli("az configure --defaults group=rg1 location=westeurope")
    cli("az acr create -n defaulted1 --sku Basic", checks={"resourceGroup": "rg1", "location": "westeurope"})
    cli("az configure --defaults acr=defaulted1")
    cli("az acr show", checks={"name": "defaulted1"})


def test_logged_out_and_back(cli, lab):
    cli("az logout")
    r = lab.run("az group list")
    assert r.exit_code == 1 and "Please run 'az login' to setup account." in r.stderr
    cli("az login -o none")
    cli("az account show", checks={"user.name": "learner@contoso.onmicrosoft.com", "user.type": "user",
                                   "isDefault": True})


def test_prompts_fail_without_tty_unless_yes(cli, rg):
    cli("az acr create -n todelete1 -g rg-containers --sku Basic -o none")
    r = cli("az acr delete -n todelete1", expect_exit=1)
    assert "Use --yes" in r.stderr
    cli("az acr delete -n todelete1 --yes")
    cli("az acr list", checks={"length(@)": 0})


def test_interactive_front_ends_answer_prompts(cli, lab, rg):
    """acrlab shell and `lab --plain` ask az's y/n question on the terminal (knack re-asks until y or n)."""
    cli("az acr create -n askme1 -g rg-containers --sku Basic -o none")
    lab.session.interactive = True
    answers, asked = iter(["maybe", "n", "y"]), []
    lab.session.state["ask"] = lambda q: (asked.append(q), next(answers))[1]
    r = lab.run("az acr delete -n askme1")
    assert r.exit_code == 1 and "ERROR: Operation cancelled." in r.stderr
    assert asked == ["Are you sure you want to delete the registry 'askme1'? (y/n): "] * 2
    cli("az acr delete -n askme1")
    cli("az acr list", checks={"length(@)": 0})
