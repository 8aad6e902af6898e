"""azure-cli's ACR Tasks ABAC scenario tests, translated: the same commands and checks in a fresh lab.

Source: Azure/azure-cli src/azure-cli/azure/cli/command_modules/acr/tests/latest/test_acr_task_abac_commands.py
(AcrTaskAbacCommandsTests; live_only upstream, so there are no recordings). `time.sleep(45)` for role propagation
is dropped (the lab's assignments apply at once); registry and identity names stand for `create_random_name`.
The task runs are deployed with the test's own template, task_abac_taskrun_manualrun.json (copied unchanged in
tests/conformance/azcli_templates/)."""

from __future__ import annotations

import pathlib

from .azcli import Scenario, check, upstream

FILE = "test_acr_task_abac_commands.py"
CONTEXT = "https://github.com/Azure-Samples/acr-build-helloworld-node"
DOCKER_TASK = [check("location", "{rg_loc}"), check("platform.os", "linux"), check("agentConfiguration.cpu", 2),
               check("provisioningState", "Succeeded"), check("status", "Enabled"), check("timeout", 3600),
               check("step.dockerFilePath", "{file}"), check("step.imageNames", ["testtask:v1"]),
               check("step.arguments", []), check("step.isPushEnabled", True), check("step.noCache", False),
               check("step.type", "Docker")]
RUN_OK = [check("type", "Microsoft.ContainerRegistry/registries/runs"), check("status", "Succeeded")]


def _registry(s: Scenario, mode: str, expected: str) -> str:
    s.kwargs["role_assignment_mode"] = mode
    return s.cmd("acr create -n {registry_name} -g {rg} -l {rg_loc} --sku {sku} --role-assignment-mode "
                 "{role_assignment_mode}",
                 checks=[check("name", "{registry_name}"), check("location", "{rg_loc}"),
                         check("adminUserEnabled", False), check("sku.name", "Standard"),
                         check("sku.tier", "Standard"), check("provisioningState", "Succeeded"),
                         check("roleAssignmentMode", expected)]).json()["id"]


TEMPLATE = pathlib.Path(__file__).with_name("azcli_templates") / "task_abac_taskrun_manualrun.json"
TASKRUN = ('group deployment create --resource-group {rg} --template-file "{tf}" --parameters '
           "registryName={registry_name} taskRunName={taskrun_name} taskName={task_name} taskRunId={task_resource_id}")


@upstream(FILE, "test_acr_abac_task")
def test_acr_abac_task(lab):
    lab.write_file(TEMPLATE.name, TEMPLATE.read_text(encoding="utf-8"))
    s = Scenario(lab, rg="cli_test_acrabac_000001", registry_name="clireg000002", task_name="testTask",
                 task_name2="testTask2", task_name3="testTask3", sku="Standard", context=CONTEXT,
                 file="Dockerfile", image="testtask:v1", trigger_enabled="False", identity="[system]",
                 uami_name="acr0000003", auth_mode="None", tf=TEMPLATE.name, taskrun_name="taskrun1")
    uami = s.cmd("identity create --name {uami_name} --resource-group {rg}", checks=[check("name", "{uami_name}")]
                 ).json()
    s.kwargs.update(uami_resource_id=uami["id"], uami_client_id=uami["clientId"])
    s.kwargs["registry_resource_id"] = _registry(s, "rbac-abac", "AbacRepositoryPermissions")
    s.cmd('role assignment create --role "Container Registry Repository Contributor" --assignee {uami_client_id} '
          "--scope {registry_resource_id}", checks=[check("scope", "{registry_resource_id}")])
    task = s.cmd("acr task create -n {task_name} -r {registry_name} --source-acr-auth-id {identity} --context "
                 "{context} --image {image} -f {file} --commit-trigger-enabled {trigger_enabled}",
                 checks=[check("name", "{task_name}"), *DOCKER_TASK, check("identity.type", "SystemAssigned")]).json()
    s.kwargs.update(principal_id=task["identity"]["principalId"], task_resource_id=task["id"])
    s.cmd("acr task run -n {task_name} -r {registry_name} --no-logs", expect_failure=True)  # no repository role
    s.cmd(TASKRUN, expect_failure=True)  # the task run's run fails the same way, and so does the deployment
    s.cmd('role assignment create --role "Container Registry Repository Contributor" --assignee {principal_id} '
          "--scope {registry_resource_id}", checks=[check("principalId", "{principal_id}")])
    s.cmd("acr task run -n {task_name} -r {registry_name} --no-logs", checks=RUN_OK)
    s.cmd(TASKRUN, checks=[check("type", "Microsoft.Resources/deployments"),
                           check("properties.provisioningState", "Succeeded")])
    s.cmd("acr taskrun show -r {registry_name} -n {taskrun_name} -g {rg}",
          checks=[check("name", "{taskrun_name}"), check("provisioningState", "Succeeded"),
                  check("runRequest.type", "TaskRunRequest")])
    s.cmd("acr taskrun delete -r {registry_name} -n {taskrun_name} -g {rg} -y")
    updated = s.cmd("acr task update -n {task_name} -r {registry_name} --source-acr-auth-id {uami_resource_id}",
                    checks=[check("name", "{task_name}"), check("identity.type", "SystemAssigned, UserAssigned")]
                    ).json()
    assert updated["identity"]["userAssignedIdentities"][uami["id"]]["clientId"] == uami["clientId"]
    s.cmd("acr task run -n {task_name} -r {registry_name} --no-logs", checks=RUN_OK)
    s.cmd("acr task create -n {task_name2} -r {registry_name} --source-acr-auth-id {uami_resource_id} --context "
          "{context} --image {image} -f {file} --commit-trigger-enabled {trigger_enabled}",
          checks=[check("name", "{task_name2}"), *DOCKER_TASK, check("identity.type", "UserAssigned")])
    s.cmd("acr task run -n {task_name2} -r {registry_name} --no-logs", checks=RUN_OK)
    s.cmd("acr task create -n {task_name3} -r {registry_name} --context {context} --image {image} -f {file} "
          "--commit-trigger-enabled {trigger_enabled}", checks=[check("name", "{task_name3}"), *DOCKER_TASK])
    s.cmd("acr task run -n {task_name3} -r {registry_name} --no-logs", expect_failure=True)  # no identity at all
    s.kwargs["role_assignment_mode"] = "rbac"
    s.cmd("acr update -n {registry_name} -g {rg} --role-assignment-mode {role_assignment_mode}",
          checks=[check("roleAssignmentMode", "LegacyRegistryPermissions")])
    s.cmd("acr task create -n failedTask -r {registry_name} --source-acr-auth-id {identity} --auth-mode {auth_mode} "
          "--context {context} --image {image} -f {file} --commit-trigger-enabled {trigger_enabled}",
          expect_failure=True)
    for name in ("{task_name}", "{task_name2}", "{task_name3}"):
        s.cmd(f"acr task delete -n {name} -r {{registry_name}} -y")
    s.cmd("acr delete -n {registry_name} -g {rg} -y")


@upstream(FILE, "test_acr_rbac_auto_task")
def test_acr_rbac_auto_task(lab):
    s = Scenario(lab, rg="cli_test_acrrbac_000001", registry_name="clireg000002", task_name="timerTask",
                 sku="Standard", context="/dev/null", command="mcr.microsoft.com/hello-world", identity="[system]",
                 auth_mode="Default", schedule='"0 21 * * *"')
    s.kwargs["registry_resource_id"] = _registry(s, "rbac", "LegacyRegistryPermissions")
    task = s.cmd("acr task create -n {task_name} -r {registry_name} --source-acr-auth-id {identity} --cmd {command} "
                 "--context {context} --schedule {schedule} --auth-mode {auth_mode}",
                 checks=[check("name", "{task_name}"), check("location", "{rg_loc}"), check("platform.os", "linux"),
                         check("agentConfiguration.cpu", 2), check("provisioningState", "Succeeded"),
                         check("credentials.sourceRegistry.identity", "{identity}"),
                         check("credentials.sourceRegistry.loginMode", "{auth_mode}"),
                         check("trigger.timerTriggers[0].status", "Enabled"), check("status", "Enabled"),
                         check("timeout", 3600), check("identity.type", "SystemAssigned")]).json()
    s.kwargs["principal_id"] = task["identity"]["principalId"]
    s.cmd("acr task run -n {task_name} -r {registry_name} --no-logs", expect_failure=True)
    s.cmd('role assignment create --role "Container Registry Repository Contributor" --assignee {principal_id} '
          "--scope {registry_resource_id}", checks=[check("principalId", "{principal_id}")])
    # an RBAC registry honours the registry roles, not the repository (data-plane) ones
    s.cmd("acr task run -n {task_name} -r {registry_name} --no-logs", expect_failure=True)
    s.cmd('role assignment create --role "AcrPush" --assignee {principal_id} --scope {registry_resource_id}',
          checks=[check("principalId", "{principal_id}")])
    s.cmd("acr task run -n {task_name} -r {registry_name} --no-logs", checks=RUN_OK)
    s.kwargs["identity"] = "None"
    s.cmd("acr task update -n {task_name} -r {registry_name} --source-acr-auth-id {identity}",
          checks=[check("name", "{task_name}"), check("credentials.sourceRegistry.identity", "{identity}"),
                  check("credentials.sourceRegistry.loginMode", "{auth_mode}")])
    s.cmd('role assignment delete --role "AcrPush" --assignee {principal_id} --scope {registry_resource_id}')
    s.cmd('role assignment delete --role "Container Registry Repository Contributor" --assignee {principal_id} '
          "--scope {registry_resource_id}")
    s.cmd("acr task run -n {task_name} -r {registry_name} --no-logs", checks=RUN_OK)  # the run's own token
    s.cmd("acr task delete -n {task_name} -r {registry_name} -y")
    s.cmd("acr delete -n {registry_name} -g {rg} -y")


def _caller_runs(s: Scenario, verb: str, refused_ids: list[str]) -> None:
    """test_acr_abac_run / test_acr_abac_build: '[caller]' is the only identity build/run accept."""
    s.kwargs["user_id"] = s.cmd("ad signed-in-user show").json()["id"]
    s.kwargs["registry_resource_id"] = _registry(s, "rbac-abac", "AbacRepositoryPermissions")
    for bad in refused_ids:  # assertRaises(SystemExit): the parser refuses the value (exit 2)
        s.kwargs["bad"] = bad
        s.cmd(f"acr {verb} -r {{registry_name}} --source-acr-auth-id {{bad}} {{args}}", expect_failure=True)
        assert s.last.exit_code == 2, s.last.output
    s.cmd(f"acr {verb} -r {{registry_name}} --source-acr-auth-id {{identity}} {{args}} --no-logs",
          expect_failure=True)  # the signed-in user has no repository role yet
    s.cmd('role assignment create --role "Container Registry Repository Contributor" --assignee {user_id} '
          "--scope {registry_resource_id}", checks=[check("scope", "{registry_resource_id}")])
    s.cmd(f"acr {verb} -r {{registry_name}} --source-acr-auth-id {{identity}} {{args}} --no-logs",
          checks=[check("status", "Succeeded"), check("type", "Microsoft.ContainerRegistry/registries/runs")])
    s.kwargs["role_assignment_mode"] = "rbac"
    s.cmd("acr update -n {registry_name} -g {rg} --role-assignment-mode {role_assignment_mode}",
          checks=[check("roleAssignmentMode", "LegacyRegistryPermissions")])
    s.cmd(f"acr {verb} -r {{registry_name}} --source-acr-auth-id {{identity}} --auth-mode {{auth_mode}} {{args}} "
          "--no-logs", expect_failure=True)
    s.cmd("acr delete -n {registry_name} -g {rg} -y")


BAD_IDS = ["[system]", '"/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/MyRG/providers/'
           'Microsoft.ManagedIdentity/userAssignedIdentities/uami"']


@upstream(FILE, "test_acr_abac_run")
def test_acr_abac_run(lab):
    s = Scenario(lab, rg="cli_test_acrabac_000001", registry_name="clireg000002", sku="Standard",
                 identity="[caller]", auth_mode="None",
                 args="-f build-push-hello-world.yaml https://github.com/Azure-Samples/acr-tasks.git")
    _caller_runs(s, "run", BAD_IDS)


@upstream(FILE, "test_acr_abac_build")
def test_acr_abac_build(lab):
    s = Scenario(lab, rg="cli_test_acrabac_000001", registry_name="clireg000002", sku="Standard",
                 identity="[caller]", auth_mode="None",
                 args="--image myimage:tag https://github.com/Azure-Samples/acr-build-helloworld-node.git")
    _caller_runs(s, "build", BAD_IDS)
