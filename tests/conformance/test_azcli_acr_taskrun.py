"""azure-cli's task run scenario test, translated, and the task-run templates of azure-cli's ACR tests deployed as
in Azure. Sources: Azure/azure-cli src/azure-cli/azure/cli/command_modules/acr/tests/latest/
test_acr_taskrun_commands.py (test_acr_taskrun), recordings/test_acr_taskrun.yaml (the commands' parameter sets
`-r -n -g`, the taskRun body: runRequest echoed with isPushEnabled and noCache, runResult a QuickRun that pushed
testtaskrun:v1), taskrunquickbuildsample.json and task_abac_taskrun_manualrun.json (copied unchanged in
tests/conformance/azcli_templates/, whose resource type keeps its trailing slash)."""

from __future__ import annotations

import pathlib

import pytest

from acrlab.engine.arm import send

from .azcli import Scenario, check, upstream

TEMPLATES = pathlib.Path(__file__).with_name("azcli_templates")


def _with_templates(lab):
    for p in TEMPLATES.glob("*.json"):
        lab.write_file(p.name, p.read_text(encoding="utf-8"))


@upstream("test_acr_taskrun_commands.py", "test_acr_taskrun")
def test_acr_taskrun(lab):
    _with_templates(lab)
    s = Scenario(lab, registry_name="clireg000002", taskrun_name="testTaskRun", sku="Standard",
                 sourceLocation="https://github.com/Azure-Samples/acr-build-helloworld-node.git",
                 dockerFilePath="Dockerfile", image="testtaskrun:v1", tf="taskrunquickbuildsample.json")
    s.cmd("acr create -n {registry_name} -g {rg} -l {rg_loc} --sku {sku}",
          checks=[check("name", "{registry_name}"), check("location", "{rg_loc}"), check("adminUserEnabled", False),
                  check("sku.name", "Standard"), check("sku.tier", "Standard"), check("provisioningState", "Succeeded")])
    s.cmd("group deployment create --resource-group {rg} --template-file {tf} --parameters "
          "registryName={registry_name} --parameters taskRunName={taskrun_name} --parameters "
          "sourceLocation={sourceLocation} --parameters dockerFilePath={dockerFilePath} --parameters image={image} ")
    assert "Use 'deployment group' instead." in s.last.stderr  # the command group is deprecated, still served
    s.cmd("acr taskrun show -r {registry_name} -n {taskrun_name} -g {rg}",
          checks=[check("name", "{taskrun_name}"), check("provisioningState", "Succeeded"),
                  check("runRequest.type", "DockerBuildRequest")])
    s.cmd("acr taskrun list -r {registry_name} -g {rg}",
          checks=[check("[0].name", "{taskrun_name}"), check("[0].provisioningState", "Succeeded"),
                  check("[0].runRequest.type", "DockerBuildRequest")])
    s.cmd("acr taskrun delete -r {registry_name} -n {taskrun_name} -g {rg} -y")


def test_the_task_run_body_matches_the_recording(lab):
    _with_templates(lab)
    assert lab.run("az group create -n clitest.rg000001 -l westus -o none\n"
                   "az acr create -n clireg000002 -g clitest.rg000001 --sku Standard -o none\n"
                   "az deployment group create -g clitest.rg000001 -f taskrunquickbuildsample.json -p "
                   "registryName=clireg000002 taskRunName=testTaskRun image=testtaskrun:v1 -o none").exit_code == 0
    reg = lab.cloud.find_registry("clireg000002")
    body = send(lab.cloud, lab.cloud.learner, "GET", f"{reg.id}/taskRuns/testTaskRun").body
    assert body["properties"]["runRequest"] == {
        "type": "DockerBuildRequest", "imageNames": ["testtaskrun:v1"], "isPushEnabled": True, "noCache": False,
        "dockerFilePath": "Dockerfile", "platform": {"os": "linux", "architecture": "amd64"},
        "sourceLocation": "https://github.com/Azure-Samples/acr-build-helloworld-node.git"}
    result = body["properties"]["runResult"]
    assert result["type"] == "Microsoft.ContainerRegistry/registries/runs" and result["name"] == "ca1"
    props = result["properties"]
    assert (props["runType"], props["status"], props["isArchiveEnabled"]) == ("QuickRun", "Succeeded", False)
    assert [(o["repository"], o["tag"]) for o in props["outputImages"]] == [("testtaskrun", "v1")]
    assert lab.run("az acr repository show-tags -n clireg000002 --repository testtaskrun -o tsv").stdout.split() == \
        ["v1"]
    r = lab.run("az acr taskrun logs -r clireg000002 -n testTaskRun")
    assert r.exit_code == 0 and "Run ID: ca1 was successful" in r.stdout
    assert lab.run("az acr taskrun list -r clireg000002 -o table").stdout.split("\n")[0].split() == \
        ["NAME", "RUN", "ID", "TASK", "PLATFORM", "STATUS", "STARTED", "DURATION"]


def test_a_task_run_request_runs_an_existing_task(lab):
    """task_abac_taskrun_manualrun.json: a TaskRunRequest naming the task by taskName (taskId left empty)."""
    _with_templates(lab)
    r = lab.run("az group create -n rg -l westus -o none\naz acr create -n taskrunreg1 -g rg --sku Standard -o none\n"
                "az acr task create -r taskrunreg1 -n hellotask -t hello:{{.Run.ID}} -f Dockerfile "
                "-c https://github.com/Azure-Samples/acr-build-helloworld-node.git --commit-trigger-enabled false -o none"
                "\naz deployment group create -g rg -f task_abac_taskrun_manualrun.json -p registryName=taskrunreg1 "
                "taskRunName=manualrun taskName=hellotask -o none")
    assert r.exit_code == 0, r.output
    run = lab.run("az acr taskrun show -r taskrunreg1 -n manualrun --query runResult").json()
    assert (run["task"], run["status"], run["runType"]) == ("hellotask", "Succeeded", "AutoBuild")
    assert lab.run("az acr repository show-tags -n taskrunreg1 --repository hello -o tsv").stdout.split() == ["ca1"]


BICEP = """param tag string = 'v1'
resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: 'taskrunreg1'
}
resource build 'Microsoft.ContainerRegistry/registries/taskRuns@2019-06-01-preview' = {
  parent: acr
  name: 'buildonce'
  location: resourceGroup().location
  properties: {
    forceUpdateTag: tag
    runRequest: {
      type: 'DockerBuildRequest'
      dockerFilePath: 'Dockerfile'
      imageNames: [ 'hello:{{.Run.ID}}' ]
      platform: { os: 'Linux' }
      sourceLocation: 'https://github.com/Azure-Samples/acr-build-helloworld-node.git'
    }
  }
}
"""


def test_force_update_tag_runs_again_and_an_unchanged_request_does_not(lab):
    assert lab.run("az group create -n rg -l westus -o none\n"
                   "az acr create -n taskrunreg1 -g rg --sku Standard -o none").exit_code == 0
    lab.write_file("main.bicep", BICEP)
    for tag in ("v1", "v1", "v2"):
        assert lab.run(f"az deployment group create -g rg -f main.bicep -p tag={tag} -o none").exit_code == 0
    assert lab.run("az acr repository show-tags -n taskrunreg1 --repository hello -o tsv").stdout.split() == \
        ["ca1", "ca2"]
    assert lab.run("az acr taskrun show -r taskrunreg1 -n buildonce --query '[forceUpdateTag, runResult.runId]' "
                   "-o tsv").stdout.split() == ["v2", "ca2"]


@pytest.mark.parametrize("request_body,message", [
    ('{"type": "DockerBuild", "dockerFilePath": "Dockerfile", "platform": {"os": "linux"}}',
     "Could not find member 'DockerBuild' on object of type 'RunRequest'"),
    ('{"type": "DockerBuildRequest", "platform": {"os": "linux"}}', "Required property 'dockerFilePath'"),
    ('{"type": "EncodedTaskRunRequest", "encodedTaskContent": "c3RlcHM6IFtdCg=="}', "Required property 'platform'"),
    ('{"type": "TaskRunRequest", "taskId": "nosuchtask"}', "tasks/nosuchtask' under resource group 'rg' was not found"),
    ('{"type": "FileTaskRunRequest", "taskFilePath": "acb.yaml", "platform": {"os": "linux"}, '
     '"agentPoolName": "nopool"}', "agentPools/nopool' under resource group 'rg' was not found"),
])
def test_a_refused_task_run_changes_nothing(lab, request_body, message):
    assert lab.run("az group create -n rg -l westus -o none\n"
                   "az acr create -n taskrunreg1 -g rg --sku Standard -o none").exit_code == 0
    lab.write_file("bad.json", '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate'
                   '.json#", "contentVersion": "1.0.0.0", "resources": [{"type": "Microsoft.ContainerRegistry/'
                   'registries/taskRuns", "apiVersion": "2019-06-01-preview", "name": "taskrunreg1/bad", '
                   '"location": "westus", "properties": {"runRequest": ' + request_body + '}}]}')
    reg = lab.cloud.find_registry("taskrunreg1")
    before = reg.model_dump_json()
    r = lab.run("az deployment group create -g rg -n d1 -f bad.json -o none")
    assert r.exit_code == 1 and message in r.output, r.output
    assert lab.run("az acr taskrun list -r taskrunreg1").json() == []
    assert reg.model_dump_json() == before  # no task run, no run, no run id consumed
