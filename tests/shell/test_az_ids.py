"""`--ids` as azure-cli core adds it (commands/arm.py register_ids_argument): only where arguments carry an id_part."""

from __future__ import annotations

import pytest

from acrlab.shell.az.framework import COMMANDS, load
from acrlab.shell.az.ids import is_valid_resource_id, parse_resource_id


@pytest.fixture
def ids(cli, rg):
    cli("az identity create -n id-one -g rg-containers -o none")
    cli("az identity create -n id-two -g rg-containers -o none")
    return [cli(f"az identity show -n {n} -g rg-containers --query id -o tsv").stdout.strip() for n in ("id-one", "id-two")]


def test_parse_resource_id_matches_mgmt_core():
    rid = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/sn"
    p = parse_resource_id(rid)
    assert (p["subscription"], p["resource_group"], p["name"], p["child_name_1"], p["resource_name"]) == \
        ("s", "rg", "v", "sn", "sn")
    assert is_valid_resource_id(rid) and is_valid_resource_id(rid.lower())
    assert not is_valid_resource_id("myregistry")
    assert not is_valid_resource_id(rid + "/")
    assert is_valid_resource_id("/subscriptions/s/resourceGroups/rg")


def test_show_by_id_and_by_several_ids(cli, ids):
    cli(f"az identity show --ids {ids[0]}", checks={"name": "id-one", "resourceGroup": "rg-containers"})
    cli(f"az identity show --ids {ids[0]} {ids[1]}", checks={"[].name": ["id-one", "id-two"]})
    # tsv piping of a list (one id a line) and JSON piping (objects with an 'id') both work, as in az
    cli('az identity show --ids "$(az identity list -g rg-containers --query [].id -o tsv)" --query [].name',
        checks={"@": ["id-one", "id-two"]})
    cli('az identity show --ids "$(az identity list -g rg-containers)" --query "length(@)"', checks={"@": 2})


def test_names_given_with_ids_are_ignored_with_a_warning(cli, ids):
    r = cli(f"az identity show -n id-two --ids {ids[0]}", checks={"name": "id-one"})
    assert "WARNING: option '--name' will be ignored due to use of '--ids'." in r.stderr


def test_configured_defaults_are_not_warned_about(cli, ids):
    cli("az configure --defaults group=rg-containers")
    r = cli(f"az identity show --ids {ids[1]}", checks={"name": "id-two"})
    assert "ignored" not in r.stderr


def test_name_or_ids_required(lab, rg):
    r = lab.run("az identity show")
    assert r.exit_code == 1
    assert r.stderr == "ERROR: (--resource-group --name | --ids) are required\n"
    r = lab.run("az identity show -g rg-containers")
    assert r.stderr == "ERROR: (--name | --ids) are required\n"


def test_malformed_and_incomplete_ids(lab, rg):
    r = lab.run("az identity show --ids id-one")
    assert (r.exit_code, r.stderr) == (1, "ERROR: invalid resource ID: id-one\n")
    rid = "/subscriptions/x/resourceGroups/rg-containers"
    r = lab.run(f"az identity show --ids {rid}")
    assert r.exit_code == 1
    assert r.stderr == (f"ERROR: Argument --name cannot be derived from ID {rid}. Please provide a complete resource "
                        "ID containing all information of 'Resource Id' arguments. \n")
    r = lab.run("az identity show --ids")
    assert r.exit_code == 2 and "argument --ids: expected at least one argument" in r.stderr


def test_id_in_another_subscription(lab, ids):
    other = ids[0].replace(ids[0].split("/")[2], "00000000-0000-0000-0000-000000000000")
    r = lab.run(f"az identity show --ids {other}")
    assert r.exit_code == 1
    assert r.stderr == ("ERROR: Subscription '00000000-0000-0000-0000-000000000000' not found. Check the spelling and "
                        "casing and try again.\n")


def test_one_missing_among_several_warns_and_prints_the_rest(lab, ids):
    gone = ids[1].replace("id-two", "id-gone")
    r = lab.run(f"az identity show --ids {ids[0]} {gone} --query name -o tsv")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == "id-one\n"  # a single surviving result prints alone, not as a list
    assert f'WARNING: {gone}: "' in r.stderr
    assert r.stderr.rstrip().endswith("WARNING: Encountered more than one exception.")
    r = lab.run(f"az identity show --ids {gone} {gone.replace('id-gone', 'id-gone2')}")
    assert r.exit_code == 1 and r.stderr.rstrip().endswith("ERROR: Encountered more than one exception.")


def test_delete_several_ids(cli, ids):
    r = cli(f"az identity delete --ids {' '.join(ids)}")
    assert r.json() == [None, None]  # one result per id, as AzCliCommandInvoker collects them
    cli("az identity list -g rg-containers", checks={"length(@)": 0})


def test_child_resource_ids(cli):
    cli("az group create -n rg-net -l eastus -o none")
    cli("az network vnet create -g rg-net -n vnet1 --address-prefix 10.1.0.0/16 --subnet-name sn1 "
        "--subnet-prefix 10.1.1.0/24 -o none")
    sid = cli("az network vnet subnet show -g rg-net --vnet-name vnet1 -n sn1 --query id -o tsv").stdout.strip()
    cli(f"az network vnet subnet show --ids {sid}", checks={"name": "sn1"})
    cli(f"az network vnet subnet update --ids {sid} --private-endpoint-network-policies Disabled",
        checks={"privateEndpointNetworkPolicies": "Disabled"})
    vid = sid.rsplit("/subnets/", 1)[0]
    cli(f"az network vnet show --ids {vid}", checks={"name": "vnet1"})
    r = cli(f"az network vnet subnet show --ids {vid}", expect_exit=1)
    assert "Argument --name cannot be derived from ID" in r.stderr


def test_acr_commands_take_no_ids(lab, rg):
    """azure-cli acr/_params.py declares no id_part, so real az rejects `az acr update --ids`."""
    lab.run("az acr create -n acrids -g rg-containers --sku Basic -o none")
    acr_id = lab.run("az acr show -n acrids --query id -o tsv").stdout.strip()
    r = lab.run(f"az acr update --ids {acr_id} --admin-enabled true")
    assert r.exit_code == 2
    assert r.stderr.startswith("ERROR: the following arguments are required: --name/-n")
    r = lab.run(f"az acr update -n acrids --ids {acr_id} --admin-enabled true")
    assert r.exit_code == 2 and f"ERROR: unrecognized arguments: --ids {acr_id}" in r.stderr


def test_which_commands_take_ids():
    load()
    with_ids = {p for p, c in COMMANDS.items() if any(a.dest == "_ids" for a in c.args)}
    for path in ("vm show", "vm delete", "vm identity show", "vm identity assign", "vm list-ip-addresses",
                 "identity show", "identity delete", "network vnet show", "network vnet delete",
                 "network vnet subnet show", "network vnet subnet update", "network private-endpoint show",
                 "network private-endpoint delete", "network private-dns zone show",
                 "network private-dns link vnet delete"):
        assert path in with_ids, path
    assert not {p for p in with_ids if p.startswith(("acr ", "aks ", "keyvault ", "group "))}
    assert not {p for p in with_ids if p.endswith(" create") or p.endswith(" list")}


def test_help_shows_resource_id_arguments(lab):
    out = lab.run("az vm show --help").stdout
    section = out.split("Resource Id Arguments\n", 1)[1].split("\n\n", 1)[0]
    names = [line.split(":")[0].strip() for line in section.splitlines() if line.startswith("    --")]
    assert names == ["--ids", "--name -n", "--resource-group -g"]
    assert "[Required]" not in section
    assert out.index("Resource Id Arguments") < out.index("Global Arguments")
