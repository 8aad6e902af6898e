"""Microsoft.ContainerRegistry/registries/tasks through the resource manager: a template's task is one PUT with the
whole body (checked whole: step, platform, timer schedules; nothing is made when any part is refused; the same PUT
again changes nothing), `az acr task show|list|delete` are GET, list and DELETE requests, and the manager decides
who may read or delete a task.

Sources: azure-rest-api-specs specification/containerregistry/resource-manager/Microsoft.ContainerRegistry/preview/
2019-06-01-preview/containerregistry_build.json (Tasks_Create body: properties.platform, step (Docker | FileTask |
EncodedTask), trigger.timerTriggers; identity); Azure/azure-cli src/azure-cli/azure/cli/command_modules/acr/task.py
(acr_task_show, acr_task_list, acr_task_delete with its confirmation)."""

from __future__ import annotations

import json

import pytest

from .state import lab_with, refused_unchanged, tenant_state

NAME = "taskacr1"


def _template(schedule: str = "0 2 * * *", step_type: str = "EncodedTask", identity: str = "SystemAssigned",
              extra: dict | None = None) -> str:
    task = {"type": "Microsoft.ContainerRegistry/registries/tasks", "apiVersion": "2019-06-01-preview",
            "name": f"{NAME}/nightly", "location": "eastus", "identity": {"type": identity},
            "properties": {"platform": {"os": "Linux"}, "step": {
                "type": step_type, "encodedTaskContent": "dmVyc2lvbjogdjEuMS4wCnN0ZXBzOgogIC0gY21kOiBiYXNoIGVjaG8gaGkK"},
                "trigger": {"timerTriggers": [{"name": "t1", "schedule": schedule}]}, **(extra or {})}}
    return json.dumps({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                       "contentVersion": "1.0.0.0", "resources": [task]})


def _lab():
    return lab_with(f"az acr create -n {NAME} -g rg --sku Standard -o none")


def _tasks(lab) -> dict:
    reg = lab.cloud.find_registry(NAME)
    return {n: t.model_dump(mode="json") for n, t in reg.tasks.items()}


def test_a_template_task_is_one_put_and_the_same_put_again_changes_nothing():
    lab = _lab()
    lab.write_file("main.json", _template())
    assert lab.run("az deployment group create -g rg -n d1 -f main.json -o none").exit_code == 0
    shown = lab.run(f"az acr task show -r {NAME} -n nightly").json()
    assert shown["identity"]["type"] == "SystemAssigned" and shown["identity"]["principalId"]
    assert shown["trigger"]["timerTriggers"] == [{"name": "t1", "schedule": "0 2 * * *", "status": "Enabled"}]
    assert shown["trigger"]["sourceTriggers"] is None  # ARM applies no trigger defaults
    before, principals = _tasks(lab), len(lab.cloud.tenant.principals)
    assert lab.run("az deployment group create -g rg -n d2 -f main.json -o none").exit_code == 0
    assert _tasks(lab) == before and len(lab.cloud.tenant.principals) == principals


@pytest.mark.parametrize("template,expected", [
    (_template(schedule="every night"), "InvalidTimerSchedule"),
    (_template(step_type="Shell"), "Expected one of: Docker, FileTask, EncodedTask"),
    (_template(identity="UserAssigned"), "needs at least one identity in 'userAssignedIdentities'"),
    (_template(extra={"timeout": "long"}), "Could not convert string to integer: long. Path 'properties.timeout'"),
])
def test_a_refused_task_is_refused_whole(template, expected):
    refused_unchanged(_lab(), "arm", template, expected)


def test_the_manager_decides_who_reads_and_deletes_tasks():
    lab = lab_with(f"az acr create -n {NAME} -g rg --sku Standard -o none",
                   "ACR=$(az acr show -n " + NAME + " --query id -o tsv)",
                   "APP=$(az ad sp create-for-rbac -n reader --query appId -o tsv)",
                   "az role assignment create --assignee $APP --role Reader --scope $ACR -o none")
    lab.write_file("main.json", _template())
    assert lab.run("az deployment group create -g rg -n d1 -f main.json -o none").exit_code == 0
    reader = lab.new_session(lab.cloud.tenant.find_principal(lab.run("echo $APP").stdout.strip()))
    code, out, _ = reader.run(f"az acr task list -r {NAME} --query '[].name' -o tsv")
    assert (code, out.split()) == (0, ["nightly"])
    before = tenant_state(lab)
    code, _, err = reader.run(f"az acr task delete -r {NAME} -n nightly --yes")
    assert code == 1 and "Microsoft.ContainerRegistry/registries/tasks/delete" in err, err
    assert tenant_state(lab) == before
    assert lab.run(f"az acr task delete -r {NAME} -n nightly --yes").exit_code == 0
    r = lab.run(f"az acr task show -r {NAME} -n nightly")
    assert r.exit_code == 3 and "(ResourceNotFound)" in r.stderr
