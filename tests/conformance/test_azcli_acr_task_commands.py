"""azure-cli's ACR Tasks scenario tests, translated: the same commands and checks in a fresh lab.

Source: Azure/azure-cli src/azure-cli/azure/cli/command_modules/acr/tests/latest/test_acr_task_commands.py
(AcrTaskCommandsTests.test_acr_task, recordings/test_acr_task.yaml). The registry name stands for
`create_random_name('clireg', 20)`."""

from __future__ import annotations

from .azcli import Scenario, check, upstream


@upstream("test_acr_task_commands.py", "test_acr_task")
def test_acr_task(lab):
    """test_acr_task_commands.py: test_acr_task"""
    s = Scenario(lab, registry_name="clireg000002", task_name="testTask", task_no_context="contextlessTask",
                 sku="Standard", no_context="/dev/null", context="https://github.com/SteveLasker/node-helloworld",
                 file="Dockerfile", image="testtask:v1", existing_image="bash", trigger_enabled="False",
                 identity="[system]", loginServer="test.acr.com")
    s.cmd("acr create -n {registry_name} -g {rg} -l {rg_loc} --sku {sku}",
          checks=[check("name", "{registry_name}"), check("location", "{rg_loc}"), check("adminUserEnabled", False),
                  check("sku.name", "Standard"), check("sku.tier", "Standard"),
                  check("provisioningState", "Succeeded")])
    s.cmd("acr task create -n {task_name} -r {registry_name} --context {context} --image {image} -f {file} "
          "--commit-trigger-enabled {trigger_enabled} --pull-request-trigger-enabled {trigger_enabled} "
          "--assign-identity {identity}",
          checks=[check("name", "{task_name}"), check("location", "{rg_loc}"), check("platform.os", "linux"),
                  check("agentConfiguration.cpu", 2), check("provisioningState", "Succeeded"),
                  check("status", "Enabled"), check("timeout", 3600), check("step.dockerFilePath", "{file}"),
                  check("step.imageNames", ["testtask:v1"]), check("step.arguments", []),
                  check("step.isPushEnabled", True), check("step.noCache", False), check("step.type", "Docker"),
                  check("identity.type", "SystemAssigned")])
    s.cmd("acr task create -n {task_no_context} -r {registry_name} --cmd {existing_image} -c {no_context}",
          checks=[check("name", "{task_no_context}"), check("location", "{rg_loc}"), check("platform.os", "linux"),
                  check("agentConfiguration.cpu", 2), check("provisioningState", "Succeeded"),
                  check("status", "Enabled"), check("timeout", 3600), check("step.type", "EncodedTask")])
    s.cmd("acr task list -r {registry_name}", checks=[check("[0].name", "{task_name}")])
    s.cmd("acr task run -n {task_no_context} -r {registry_name} --no-logs",
          checks=[check("type", "Microsoft.ContainerRegistry/registries/runs"), check("status", "Succeeded")])
    response = s.cmd("acr task run -n {task_name} -r {registry_name} --no-logs",
                     checks=[check("type", "Microsoft.ContainerRegistry/registries/runs"),
                             check("status", "Succeeded")]).json()
    s.kwargs["run_id"] = response["runId"]
    s.cmd("acr task list-runs -n {task_name} -r {registry_name}",
          checks=[check("[0].type", "Microsoft.ContainerRegistry/registries/runs"), check("[0].runId", "{run_id}"),
                  check("[0].isArchiveEnabled", False)])
    s.cmd("acr task show -n {task_name} -r {registry_name}", checks=[check("name", "{task_name}")])
    s.cmd("acr task update -n {task_name} -r {registry_name} --platform linux/arm",
          checks=[check("name", "{task_name}"), check("platform.os", "linux"),
                  check("platform.architecture", "arm")])
    s.cmd("acr task update-run -r {registry_name} --run-id {run_id} --no-archive false",
          checks=[check("type", "Microsoft.ContainerRegistry/registries/runs"), check("runId", "{run_id}"),
                  check("isArchiveEnabled", True), check("provisioningState", "Succeeded")])
    s.cmd("acr task credential add -n {task_name} -r {registry_name} --login-server {loginServer} -u testuser "
          "-p random --use-identity {identity}", checks=[check("{loginServer}", None)])
    s.cmd("acr task credential update -n {task_name} -r {registry_name} --login-server {loginServer} -u testuser "
          "-p random", checks=[check("{loginServer}", None)])
    s.cmd("acr task delete -n {task_name} -r {registry_name} -y")
    s.cmd("acr delete -n {registry_name} -g {rg} -y")


@upstream("test_acr_task_commands.py", "test_acr_task")
def test_acr_task_with_artifact_context(lab):
    """test_acr_task as of commit 048664936c49f35ea8b68096dc5079b1a7314e21: a Docker task whose context is an OCI
    artifact (`oci://...`; no source control, so no commit trigger and no Git token), beside the others."""
    s = Scenario(lab, registry_name="clireg000002", task_name="testTask", task_artifact="artifactTask",
                 task_no_context="contextlessTask", sku="Standard", no_context="/dev/null",
                 context="https://github.com/SteveLasker/node-helloworld",
                 artifactContext="oci://myregistry.azurecr.io/hello-world:v1", file="Dockerfile", image="testtask:v1",
                 existing_image="bash", trigger_enabled="False")
    s.cmd("acr create -n {registry_name} -g {rg} -l {rg_loc} --sku {sku}",
          checks=[check("name", "{registry_name}"), check("provisioningState", "Succeeded")])
    docker_task = [check("location", "{rg_loc}"), check("platform.os", "linux"), check("agentConfiguration.cpu", 2),
                   check("provisioningState", "Succeeded"), check("status", "Enabled"), check("timeout", 3600),
                   check("step.dockerFilePath", "{file}"), check("step.imageNames", ["testtask:v1"]),
                   check("step.arguments", []), check("step.isPushEnabled", True), check("step.noCache", False)]
    s.cmd("acr task create -n {task_name} -r {registry_name} --context {context} --image {image} -f {file} "
          "--commit-trigger-enabled {trigger_enabled} --pull-request-trigger-enabled {trigger_enabled}",
          checks=[check("name", "{task_name}"), *docker_task])
    s.cmd("acr task create -n {task_artifact} -r {registry_name} --context {artifactContext} --image {image} -f {file}",
          checks=[check("name", "{task_artifact}"), *docker_task])
    assert s.json()["step"]["contextPath"] == "oci://myregistry.azurecr.io/hello-world:v1"
    assert not s.json()["trigger"]["sourceTriggers"]
    s.cmd("acr task create -n {task_no_context} -r {registry_name} --cmd {existing_image} -c {no_context}",
          checks=[check("name", "{task_no_context}"), check("step.type", "EncodedTask")])
    s.cmd("acr task list -r {registry_name}", checks=[check("[0].name", "{task_name}")])
    s.cmd("acr task run -n {task_no_context} -r {registry_name} --no-logs",
          checks=[check("type", "Microsoft.ContainerRegistry/registries/runs"), check("status", "Succeeded")])
    run_id = s.cmd("acr task run -n {task_name} -r {registry_name} --no-logs",
                   checks=[check("status", "Succeeded")]).json()["runId"]
    s.kwargs["run_id"] = run_id
    s.cmd("acr task list-runs -n {task_name} -r {registry_name}",
          checks=[check("[0].runId", "{run_id}"), check("[0].isArchiveEnabled", False)])
    s.cmd("acr task update -n {task_name} -r {registry_name} --platform linux/arm",
          checks=[check("platform.os", "linux"), check("platform.architecture", "arm")])
    s.cmd("acr task update-run -r {registry_name} --run-id {run_id} --no-archive false",
          checks=[check("runId", "{run_id}"), check("isArchiveEnabled", True), check("provisioningState", "Succeeded")])
    s.cmd("acr task delete -n {task_name} -r {registry_name} -y")
    s.cmd("acr delete -n {registry_name} -g {rg} -y")
