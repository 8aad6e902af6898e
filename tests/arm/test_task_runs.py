"""Task runs are requests (engine/arm/providers/task_runs.py): RBAC decides in the resource manager (taskRuns/write
for a template, runs/listLogSasUrl/action for `az acr taskrun logs`), and a run request is validated whole before
anything starts. Source for the body: Azure/azure-cli src/azure-cli/azure/cli/command_modules/acr/tests/latest/
recordings/test_acr_taskrun.yaml."""

from __future__ import annotations

from acrlab.engine.arm import send
from acrlab.engine.errors import AzureError

REQUEST = {"type": "DockerBuildRequest", "dockerFilePath": "Dockerfile", "imageNames": ["hello:v1"],
           "platform": {"os": "linux"}, "sourceLocation": "https://github.com/Azure-Samples/acr-build-helloworld-node.git"}


def test_rbac_and_the_run_a_put_starts(lab, cli):
    cli("az group create -n rg -l westus -o none\naz acr create -n trreg001 -g rg --sku Basic -o none")
    reg = lab.cloud.find_registry("trreg001")
    cli(f"az ad sp create-for-rbac -n reader1 --role Reader --scopes {reg.id} -o none")
    reader = lab.cloud.tenant.find_principal("reader1")
    try:
        send(lab.cloud, reader, "PUT", f"{reg.id}/taskRuns/build1", {"properties": {"runRequest": REQUEST}})
        raise AssertionError("a Reader created a task run")
    except AzureError as e:
        assert e.code == "AuthorizationFailed" and "taskRuns/write" in e.message
    assert reg.runs == {}
    response = send(lab.cloud, lab.cloud.learner, "PUT", f"{reg.id}/taskRuns/build1",
                    {"properties": {"runRequest": REQUEST}})
    assert response.status == 201 and response.body["properties"]["runResult"]["properties"]["status"] == "Succeeded"
    code, out, err = lab.new_session(reader).run("az acr taskrun list -r trreg001 --query '[].name' -o tsv")
    assert (code, out.split()) == (0, ["build1"])
    code, out, err = lab.new_session(reader).run("az acr taskrun logs -r trreg001 -n build1")
    assert code == 1 and "runs/listLogSasUrl/action" in err
