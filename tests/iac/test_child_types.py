"""Bicep for registry children (replications, webhooks, tasks) and private endpoints; Complete mode."""

from __future__ import annotations

import json
import pathlib

CHILDREN = (pathlib.Path(__file__).parent / "children.bicep").read_text()
DEPLOY = "az deployment group create -g rg-containers -f main.bicep -o none"


def test_children_and_private_endpoint_deploy_and_cli_sees_them(cli, lab, rg):
    lab.write_file("main.bicep", CHILDREN)
    cli(DEPLOY)
    hooks = json.loads(cli("az acr webhook list -r childacr01").stdout)
    assert [(h["name"], h["actions"], h["scope"]) for h in hooks] == [("pushhook1", ["push"], "app:*")]
    assert json.loads(cli("az acr webhook get-config -n pushhook1 -r childacr01").stdout)["serviceUri"] == \
        "https://ci.contoso.com/hook"
    task = json.loads(cli("az acr task show -n nightly -r childacr01").stdout)
    assert task["step"]["type"] == "EncodedTask" and task["trigger"]["timerTriggers"][0]["schedule"] == "0 2 * * *"
    assert task["trigger"]["sourceTriggers"] is None  # ARM applies no az defaults
    reps = json.loads(cli("az acr replication list -r childacr01").stdout)
    assert sorted(r["location"] for r in reps) == ["brazilsouth", "eastus"]
    pe = json.loads(cli("az network private-endpoint show -n pe-acr -g rg-containers").stdout)
    assert pe["privateLinkServiceConnections"][0]["privateLinkServiceConnectionState"]["status"] == "Approved"
    conns = lab.cloud.find_registry("childacr01").private_endpoint_connections
    assert len(conns) == 1


def test_timer_from_bicep_runs_on_the_clock(cli, lab, rg):
    lab.write_file("main.bicep", CHILDREN)
    cli(DEPLOY)
    lab.advance("1d")
    runs = json.loads(cli("az acr task list-runs -r childacr01").stdout)
    assert [(r["task"], r["runType"], r["status"]) for r in runs] == [("nightly", "AutoRun", "Succeeded")]


def test_redeploy_changes_nothing_and_what_if_says_so(cli, lab, rg):
    lab.write_file("main.bicep", CHILDREN)
    cli(DEPLOY)
    reg = lab.cloud.find_registry("childacr01")
    hook, task = reg.webhooks["pushhook1"], reg.tasks["nightly"]
    lab.run("az acr webhook ping -n pushhook1 -r childacr01 -o none")
    cli(DEPLOY)
    assert reg.webhooks["pushhook1"] is hook and len(hook.events) == 1  # history kept
    assert reg.tasks["nightly"] is task and len(reg.private_endpoint_connections) == 1
    out = cli("az deployment group what-if -g rg-containers -f main.bicep").stdout
    assert out.rstrip().endswith("Resource changes: 6 no change.")
    lab.write_file("main.bicep", CHILDREN.replace("'push'", "'push'\n      'delete'"))
    out = cli("az deployment group what-if -g rg-containers -f main.bicep").stdout
    assert "~ Microsoft.ContainerRegistry/registries/childacr01/webhooks/pushhook1" in out
    assert '+ properties.actions[1]: "delete"' in out or '~ properties.actions' in out
    assert "Resource changes: 1 to modify, 5 no change." in out
    cli(DEPLOY)
    assert reg.webhooks["pushhook1"].actions == ["delete", "push"]


def test_what_if_lists_the_new_children(cli, lab, rg):
    lab.write_file("main.bicep", CHILDREN)
    out = cli("az deployment group what-if -g rg-containers -f main.bicep").stdout
    for rid in ("registries/childacr01/webhooks/pushhook1", "registries/childacr01/tasks/nightly",
                "registries/childacr01/replications/eastus", "Microsoft.Network/privateEndpoints/pe-acr"):
        assert f"+ {'Microsoft.ContainerRegistry/' if rid.startswith('reg') else ''}{rid}" in out
    assert "Resource changes: 6 to create." in out


def test_webhook_errors_come_from_the_engine(cli, lab, rg):
    lab.write_file("main.bicep", CHILDREN.replace("'pushhook1'", "'hk'"))
    r = cli(DEPLOY, expect_exit=1)
    assert "WebhookNameInvalid" in r.stderr
    lab.write_file("main.bicep", CHILDREN.replace("'pushhook1'", "'pushhook2'").replace("'push'", "'pull'"))
    assert "WebhookAction" in cli(DEPLOY, expect_exit=1).stderr


def test_private_endpoint_needs_premium(cli, lab, rg):
    text = CHILDREN.replace("name: 'Premium'", "name: 'Standard'")
    text = text[:text.index("resource rep ")] + text[text.index("resource vnet "):]
    lab.write_file("main.bicep", text.replace("output hookId string = hook.id\n", ""))
    r = cli(DEPLOY, expect_exit=1)
    assert "PrivateEndpointBadRequest" in r.stderr and "Premium" in r.stderr


def test_bad_task_step_and_cron_are_refused(cli, lab, rg):
    lab.write_file("main.bicep", CHILDREN.replace("'0 2 * * *'", "'every night'"))
    assert "InvalidTimerSchedule" in cli(DEPLOY, expect_exit=1).stderr
    lab.write_file("main.bicep", CHILDREN.replace("type: 'EncodedTask'", "type: 'Shell'"))
    assert "Expected one of: Docker, FileTask, EncodedTask" in cli(DEPLOY, expect_exit=1).stderr


SMALL = ("resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n  name: 'keepacr01'\n"
         "  location: resourceGroup().location\n  sku: {\n    name: 'Basic'\n  }\n}\n")


def test_complete_mode_deletes_what_the_template_leaves_out(cli, lab, rg):
    cli("az acr create -n dropacr01 -g rg-containers --sku Basic -o none")
    cli("az identity create -n id-drop -g rg-containers -o none")
    lab.write_file("main.bicep", SMALL)
    out = cli("az deployment group what-if -g rg-containers -f main.bicep --mode Complete").stdout
    assert "- Microsoft.ContainerRegistry/registries/dropacr01" in out
    assert "- Microsoft.ManagedIdentity/userAssignedIdentities/id-drop" in out
    assert "+ Microsoft.ContainerRegistry/registries/keepacr01" in out
    assert "Resource changes: 2 to delete, 1 to create." in out
    assert lab.cloud.find_registry("dropacr01") is not None  # what-if changed nothing
    incremental = cli("az deployment group what-if -g rg-containers -f main.bicep").stdout
    assert "dropacr01" not in incremental
    dep = json.loads(cli("az deployment group create -g rg-containers -f main.bicep --mode Complete").stdout)
    assert dep["properties"]["mode"] == "Complete"
    assert lab.cloud.find_registry("dropacr01") is None and lab.cloud.find_registry("keepacr01") is not None
    assert json.loads(cli("az identity list -g rg-containers").stdout) == []


def test_complete_mode_keeps_resources_whose_condition_is_false(cli, lab, rg):
    cli("az acr create -n condacr01 -g rg-containers --sku Basic -o none")
    lab.write_file("main.bicep", SMALL + "param make bool = false\nresource c 'Microsoft.ContainerRegistry/"
                   "registries@2023-07-01' = if (make) {\n  name: 'condacr01'\n  location: 'brazilsouth'\n"
                   "  sku: {\n    name: 'Basic'\n  }\n}\n")
    cli("az deployment group create -g rg-containers -f main.bicep --mode Complete -o none")
    assert lab.cloud.find_registry("condacr01") is not None


def test_complete_mode_runs_as_the_caller(cli, lab, rg):
    """A Contributor service principal's Complete deployment deletes through the engine as that principal."""
    cli("az acr create -n rbacacr01 -g rg-containers --sku Basic -o none")
    cli("az ad sp create-for-rbac -n deployer -o none")
    sp = lab.cloud.tenant.find_principal("deployer")
    other = lab.new_session(sp)
    other.write_file("main.bicep", SMALL)
    code, _, err = other.run("az deployment group create -g rg-containers -f main.bicep --mode Complete -o none")
    assert code == 1 and "AuthorizationFailed" in err and lab.cloud.find_registry("rbacacr01") is not None
    lab.cloud.assign_role(sp, "Contributor", lab.cloud.group("rg-containers").id)
    code, _, err = other.run("az deployment group create -g rg-containers -f main.bicep --mode Complete -o none")
    assert code == 0, err
    assert lab.cloud.find_registry("rbacacr01") is None and lab.cloud.find_registry("keepacr01") is not None
