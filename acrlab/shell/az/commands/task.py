"""az acr task create|show|list|update|delete|run|list-runs|logs|show-run|cancel-run|update-run, az acr task timer."""

from __future__ import annotations

import base64

from ....engine import names, tasks_git, tasks_identity
from ....engine import tasks as eng
from ....engine.arm import send
from ....engine.errors import CliError
from ..framework import Arg, command, group
from .acr import RG_OPT, load_registry, registry_arg
from .run import finish, is_remote, parse_platform, schedule, set_values, upload_context, values_of
from .task_format import _dt, _duration, _rows, gv, run_table, task_table  # noqa: F401 (shared by webhook, taskrun)

group("acr task", "Manage a collection of steps for building, testing and OS & Framework patching container images.")
group("acr task timer", "Manage timer triggers for a task.")

CR = "Microsoft.ContainerRegistry/registries"
REG = registry_arg(options="--registry -r")
NAME = Arg("task_name", "--name -n", "The name of the task.", required=True)
TASK_NOT_FOUND = "The resource '{}/{}' under resource group '{}' was not found."


def check_source_identity(value: str | None, auth_mode: str | None) -> None:
    """acr/task.py: --source-acr-auth-id needs the source registry login that '--auth-mode None' turns off."""
    if value is not None and (auth_mode or "") == "None" and value.lower() != "none":
        raise CliError("--source-acr-auth-id cannot be used with '--auth-mode None', which turns off the source "
                       "registry login.")


def _args(a) -> list[dict]:
    out = []
    for secret, items in ((False, a.get("arg")), (True, a.get("secret_arg"))):
        for x in items or []:
            k, _, v = x.partition("=")
            out.append({"isSecret": secret, "name": k, "value": v})
    return out


COMMON = [
    Arg("platform", "--platform", "The platform where build/task is run, Eg, 'windows' and 'linux'."),
    Arg("cpu", "--cpu", "The CPU configuration in terms of number of cores required for the run.", kind="int"),
    Arg("timeout", "--timeout", "The timeout in seconds.", kind="int"),
    Arg("file", "--file -f", "Relative path of the the task/docker file to the source code root folder. Task files "
        "must be suffixed with '.yaml' or piped from the standard input using '-'."),
    Arg("image_names", "--image -t", "The name and tag of the image using the format: '-t repo/image:tag'.",
        kind="repeat"),
    Arg("arg", "--arg", "Build argument in '--arg name[=value]' format.", kind="repeat"),
    Arg("secret_arg", "--secret-arg", "Secret build argument in '--secret-arg name[=value]' format.", kind="repeat"),
    Arg("set_value", "--set", "Task value in '--set name[=value]' format.", kind="repeat"),
    Arg("set_secret", "--set-secret", "Secret task value in '--set-secret name[=value]' format.", kind="repeat"),
    Arg("git_access_token", "--git-access-token", "The access token used to access the source control provider."),
    Arg("commit_trigger_enabled", "--commit-trigger-enabled", "Indicates whether the source control commit trigger "
        "is enabled.", kind="bool"),
    Arg("pull_request_trigger_enabled", "--pull-request-trigger-enabled", "Indicates whether the source control pull "
        "request trigger is enabled.", kind="bool"),
    Arg("base_image_trigger_enabled", "--base-image-trigger-enabled", "Indicates whether the base image trigger is "
        "enabled.", kind="bool"),
    Arg("base_image_trigger_type", "--base-image-trigger-type", "The type of the auto trigger for base image "
        "dependency updates.", choices=["All", "Runtime"]),
    Arg("no_push", "--no-push", "Indicates whether the image built should be pushed to the registry.", kind="bool"),
    Arg("no_cache", "--no-cache", "Indicates whether the image cache is enabled.", kind="bool"),
    Arg("target", "--target", "The name of the target build stage."),
    Arg("status", "--status", "The current status of task.", choices=["Disabled", "Enabled"]),
    Arg("branch", "--branch", "The source control branch name."),
    Arg("values_file", "--values", "The task values/parameters file path relative to the source context."),
    Arg("source_acr_auth_id", "--source-acr-auth-id", "Assign the managed identity used for source registry login. "
        "Use '[system]' to refer to the system-assigned identity or a resource ID to refer to a user-assigned "
        "managed identity."),
]


@command("acr task create", "Creates a series of steps for building, testing and OS & Framework patching "
         "containers. Tasks support triggers from git commits and base image updates.", [
    NAME, REG, RG_OPT,
    Arg("context_path", "--context -c", "The full URL to the source code repository (Requires '.git' suffix for a "
        "github repo) or the repository of an OCI artifact in an Azure container registry. If '/dev/null' is "
        "specified, the value will be set to None and ignored."),
    Arg("cmd_value", "--cmd", "Commands to execute."),
    Arg("schedule", "--schedule", "Schedule for a timer trigger represented as a cron expression. An optional trigger "
        "name can be specified using `--schedule name:schedule` format. Multiples supported by passing --schedule "
        "multiple times.", kind="repeat"),
    Arg("assign_identity", "--assign-identity", "Assigns managed identities to the task. Use '[system]' to refer "
        "to the system-assigned identity or a resource ID to refer to a user-assigned identity.", kind="star"),
    Arg("auth_mode", "--auth-mode", "Auth mode of the source registry.", choices=["Default", "None"]),
    Arg("agent_pool", "--agent-pool", "The name of the agent pool."),
    *COMMON,
], examples=[
    ("Create a Linux task from a public GitHub repository which builds the hello-world image without triggers",
     "az acr task create -t hello-world:{{.Run.ID}} -n hello-world -r MyRegistry -c https://github.com/"
     "Azure-Samples/acr-build-helloworld-node.git -f Dockerfile --commit-trigger-enabled false "
     "--base-image-trigger-enabled false"),
    ("Create a Linux task using a specific branch of a private repository which builds the hello-world image on "
     "Arm64 (v8) and has triggers enabled", "az acr task create -t hello-world:{{.Run.ID}} -n hello-world -r "
     "MyRegistry -c https://github.com/Azure-Samples/acr-build-helloworld-node.git#main -f Dockerfile "
     "--git-access-token 0000000000000000000000000000000000000000 --platform linux/arm64/v8"),
    ("Create a task with the definition from the standard input and with a timer trigger that runs the task at the "
     "top of every hour and every 30 minutes.", "az acr task create -n hello-world -r MyRegistry "
     "--cmd '$Registry/myimage' -c /dev/null --schedule \"0 */1 * * *\" --schedule \"*/30 * * * *\""),
], table=task_table)
def task_create(ctx, a):
    reg = load_registry(ctx, a)
    context = a.context_path
    commit = True if a.commit_trigger_enabled is None else a.commit_trigger_enabled
    pr = bool(a.pull_request_trigger_enabled)
    if context is None:
        raise CliError("If the task is not a System Task, --context-path must be provided.")
    if context.lower() == "/dev/null":
        context, commit, pr = None, False, False
    elif context.lower().startswith("oci://"):  # an artifact context has no source control to trigger on
        commit, pr = False, False
    if (commit or pr) and not a.git_access_token:
        raise CliError("If source control trigger is enabled [--commit-trigger-enabled] or "
                       "[--pull-request-trigger-enabled] --git-access-token must be provided.")
    if a.cmd_value and a.file:
        raise CliError("Task can be created with either --cmd myCommand -c /dev/null or -f myFile -c myContext, "
                       "but not both.")
    timeout = a.timeout or 3600
    values = _values(a)
    if context:
        if not a.file:
            raise CliError("missing --file/-f argument")
        if a.file.endswith(eng.TASK_FILE_TYPES):
            step = {"baseImageDependencies": None, "contextAccessToken": None, "contextPath": context,
                    "taskFilePath": a.file, "type": "FileTask", "values": values,
                    "valuesFilePath": a.values_file}
        else:
            step = {"arguments": _args(a), "baseImageDependencies": None, "contextAccessToken": None,
                    "contextPath": context, "dockerFilePath": a.file, "imageNames": list(a.image_names or []),
                    "isPushEnabled": not a.no_push, "noCache": bool(a.no_cache), "target": a.target,
                    "type": "Docker"}
    else:
        if a.cmd_value:
            text = f"steps: \n  - cmd: {a.cmd_value}\n    timeout: {timeout}\n"
        else:
            name = a.file or "acb.yaml"
            text = ctx.io.stdin if name == "-" else ctx.sh.read_file(name)
            if not text:
                raise CliError(f"{name} does not exist.")
        step = {"baseImageDependencies": None, "contextAccessToken": None, "contextPath": None,
                "encodedTaskContent": base64.b64encode(text.encode()).decode(), "encodedValuesContent": None,
                "type": "EncodedTask", "values": values}
    names.check("tasks", a.task_name)
    for s in a.schedule or []:
        eng.validate_cron(s.partition(":")[2] if ":" in s else s)
    check_source_identity(a.source_acr_auth_id, a.auth_mode)
    trigger: dict = {"timerTriggers": [t.to_json() for t in eng.timers_from(a.schedule or [])] or None}
    if commit or pr:
        branch = a.branch or tasks_git.parse_context(context)[1] or "master"
        trigger["sourceTriggers"] = [{
            "name": "defaultSourceTriggerName", "sourceTriggerEvents": (["commit"] if commit else []) +
            (["pullrequest"] if pr else []), "status": "Enabled", "sourceRepository": {
                "repositoryUrl": context, "branch": branch, "sourceControlAuthProperties": {
                    "token": a.git_access_token, "tokenType": "PAT"},
                "sourceControlType": "Github" if "GITHUB.COM" in context.upper() else "VisualStudioTeamService"}}]
    if a.base_image_trigger_enabled is not False:
        trigger["baseImageTrigger"] = {"name": "defaultBaseimageTriggerName", "status": "Enabled",
                                       "baseImageTriggerType": a.base_image_trigger_type or "Runtime"}
    props = {"status": a.status or "Enabled", "platform": parse_platform(a.platform),
             "agentConfiguration": {"cpu": a.cpu or 2}, "timeout": timeout, "step": step, "trigger": trigger,
             "agentPoolName": a.agent_pool, "credentials": _source_registry(a.auth_mode, a.source_acr_auth_id)}
    body = {"location": reg.location, "identity": _identity_body(a.assign_identity), "properties": props}
    return send(ctx.cloud, ctx.principal, "PUT", f"{reg.id}/tasks/{a.task_name}", body).resource.to_json()


def _identity_body(assign: list[str] | None) -> dict | None:
    """acr/task.py _build_identities_info: '[system]' (or no value) is the system identity, ids are user ones."""
    if assign is None:
        return None
    users = {rid: {} for rid in assign if rid != tasks_identity.SYSTEM}
    kinds = (["SystemAssigned"] if not assign or tasks_identity.SYSTEM in assign else []) + \
        (["UserAssigned"] if users else [])
    return {"type": ", ".join(kinds), "userAssignedIdentities": users or None}


def _source_registry(auth_mode: str | None, source_id: str | None) -> dict | None:
    """credentials.sourceRegistry: the login mode and the identity the task's runs sign in to their registry with."""
    source = {k: v for k, v in (("loginMode", auth_mode), ("identity", source_id)) if v is not None}
    return {"sourceRegistry": source} if source else None


@command("acr task show", "Get the properties of a named task for an Azure Container Registry.",
         [NAME, REG, RG_OPT, Arg("with_secure_properties", "--with-secure-properties", "Indicates whether the secure "
                                 "properties of a task should be returned.", kind="flag")],
         examples=[("Get the properties of a task, displaying the results in a table.",
                    "az acr task show -n MyTask -r MyRegistry -o table"),
                   ("Get the properties of a task, including secure properties.",
                    "az acr task show -n MyTask -r MyRegistry --with-secure-properties")], table=task_table)
def task_show(ctx, a):
    return send(ctx.cloud, ctx.principal, "GET", f"{load_registry(ctx, a).id}/tasks/{a.task_name}").resource.to_json()


@command("acr task list", "List the tasks for an Azure Container Registry.", [REG, RG_OPT],
         examples=[("List tasks and show the results in a table.", "az acr task list -r MyRegistry -o table")],
         table=task_table)
def task_list(ctx, a):
    # the service lists tasks in creation order (recordings/test_acr_task.yaml: testTask before contextlessTask)
    return [t.to_json() for t in send(ctx.cloud, ctx.principal, "GET", f"{load_registry(ctx, a).id}/tasks").resources]


@command("acr task delete", "Delete a task from an Azure Container Registry.", [
    NAME, REG, RG_OPT, Arg("yes", "--yes -y", "Do not prompt for confirmation.", kind="flag")],
         examples=[("Delete a task from an Azure Container Registry.", "az acr task delete -n MyTask -r MyRegistry")],
         table=task_table)
def task_delete(ctx, a):
    # acr/task.py acr_task_delete: user_confirmation("Are you sure you want to delete the task '<name>' ", yes)
    rid = f"{load_registry(ctx, a).id}/tasks/{a.task_name}"
    send(ctx.cloud, ctx.principal, "GET", rid)  # a task that is not there is reported before the prompt
    ctx.confirm(f"Are you sure you want to delete the task '{a.task_name}' ")
    send(ctx.cloud, ctx.principal, "DELETE", rid)


def _values(a) -> list[dict]:
    return [{"isSecret": s, "name": k, "value": v} for s, src in ((False, a.set_value), (True, a.set_secret))
            for k, v in values_of(src).items()]


@command("acr task update", "Update a task for an Azure Container Registry.", [
    NAME, REG, RG_OPT,
    Arg("context_path", "--context -c", "The full URL to the source code repository."),
    Arg("auth_mode", "--auth-mode", "Auth mode of the source registry.", choices=["Default", "None"]),
    Arg("agent_pool", "--agent-pool", "The name of the agent pool."),
    *COMMON,
], examples=[("Update base image updates to trigger on all dependent images of a multi-stage dockerfile, and status "
               "of a task in an Azure Container Registry.",
               "az acr task update -n MyTask -r MyRegistry --base-image-trigger-type All --status Disabled"),
              ("Update platform for the Build step of your Task to Windows (prev Linux).",
               "az acr task update -n MyTask -r MyRegistry --platform Windows"),
              ("Update task's triggers and context for an Azure Container Registry.",
               "az acr task update -n hello-world -r MyRegistry -f Dockerfile --commit-trigger-enabled false "
               "--pull-request-trigger-enabled true -c https://msazure.visualstudio.com/DefaultCollection/Project/"
               "_git/Repo#Branch:Folder")],
    table=task_table)
def task_update(ctx, a):
    reg = load_registry(ctx, a)
    rid = f"{reg.id}/tasks/{a.task_name}"
    task = send(ctx.cloud, ctx.principal, "GET", rid).resource
    check_source_identity(a.source_acr_auth_id, a.auth_mode or task.auth_mode)
    props: dict = {k: v for k, v in (("status", a.status), ("agentPoolName", a.agent_pool), ("timeout", a.timeout))
                   if v}
    if a.platform:
        props["platform"] = parse_platform(a.platform)
    if a.cpu:
        props["agentConfiguration"] = {"cpu": a.cpu}
    step = _step_update(task.step, a)
    if step:
        props["step"] = step
    trigger = _trigger_update(task, a)
    if trigger:
        props["trigger"] = trigger
    source = _source_registry(a.auth_mode, a.source_acr_auth_id)
    if source:
        props["credentials"] = source
    return send(ctx.cloud, ctx.principal, "PATCH", rid, {"properties": props}).resource.to_json()


def _step_update(step: dict, a) -> dict:
    """acr/task.py acr_task_update's step update: only what was given (Docker-only fields on a Docker step)."""
    out: dict = {}
    if a.context_path:
        out["contextPath"] = a.context_path
    if a.file:
        out["taskFilePath" if step["type"] == "FileTask" else "dockerFilePath"] = a.file
    if a.values_file and step["type"] == "FileTask":
        out["valuesFilePath"] = a.values_file
    if (a.set_value or a.set_secret) and step["type"] in ("FileTask", "EncodedTask"):
        out["values"] = _values(a)  # the --set and --set-secret given replace the old values
    if step["type"] == "Docker":
        if a.image_names:
            out["imageNames"] = list(a.image_names)
        if a.no_push is not None:
            out["isPushEnabled"] = not a.no_push
        if a.no_cache is not None:
            out["noCache"] = a.no_cache
        if a.arg or a.secret_arg:
            out["arguments"] = _args(a)
        if a.target:
            out["target"] = a.target
    return {**out, "type": step["type"]} if out else {}


def _trigger_update(task: eng.Task, a) -> dict:
    """Source triggers updated by name (events, branch, token) or created; the base image trigger's status/type."""
    out: dict = {}
    sources = []
    for trig in task.source_triggers:
        events = set(trig.events)
        for flag, ev in ((a.commit_trigger_enabled, "commit"), (a.pull_request_trigger_enabled, "pullrequest")):
            if flag is not None:
                events = events | {ev} if flag else events - {ev}
        ordered = [e for e in ("commit", "pullrequest") if e in events]
        repo: dict = {"branch": a.branch} if a.branch else {}
        if a.git_access_token:
            repo["sourceControlAuthProperties"] = {"token": a.git_access_token, "tokenType": "PAT"}
        sources.append({"name": trig.name, "sourceTriggerEvents": ordered,
                        "status": "Enabled" if ordered else "Disabled", **({"sourceRepository": repo} if repo else {})})
    if not task.source_triggers and (a.commit_trigger_enabled or a.pull_request_trigger_enabled):
        ctx_path = task.step.get("contextPath")
        if not ctx_path or not a.git_access_token:
            raise CliError("If source control trigger is enabled [--commit-trigger-enabled] or "
                           "[--pull-request-trigger-enabled] --git-access-token must be provided.")
        base, branch = tasks_git.parse_context(ctx_path)[:2]
        sources.append({"name": "defaultSourceTriggerName", "status": "Enabled", "sourceTriggerEvents":
                        (["commit"] if a.commit_trigger_enabled else []) +
                        (["pullrequest"] if a.pull_request_trigger_enabled else []), "sourceRepository": {
            "repositoryUrl": base, "branch": a.branch or branch or "master",
            "sourceControlType": "Github" if "GITHUB.COM" in ctx_path.upper() else "VisualStudioTeamService",
            "sourceControlAuthProperties": {"token": a.git_access_token, "tokenType": "PAT"}}})
    if sources:
        out["sourceTriggers"] = sources
    if a.base_image_trigger_enabled is not None or a.base_image_trigger_type:
        old = task.base_image_trigger
        out["baseImageTrigger"] = {
            "name": old.name if old else "defaultBaseimageTriggerName",
            "status": ("Enabled" if a.base_image_trigger_enabled else "Disabled")
            if a.base_image_trigger_enabled is not None else (old.status if old else "Disabled"),
            "baseImageTriggerType": a.base_image_trigger_type or (old.type if old else "Runtime")}
    return out


@command("acr task run", "Manually trigger a task that might otherwise be waiting for git commits or base image "
         "update triggers.", [
    NAME, REG, RG_OPT,
    Arg("set_value", "--set", "Task value in '--set name[=value]' format.", kind="repeat"),
    Arg("set_secret", "--set-secret", "Secret task value in '--set-secret name[=value]' format.", kind="repeat"),
    Arg("arg", "--arg", "Build argument in '--arg name[=value]' format.", kind="repeat"),
    Arg("context_path", "--context -c", "The full URL to the source code repository."),
    Arg("file", "--file -f", "The task/docker file path relative to the source context."),
    Arg("no_logs", "--no-logs", "Do not show logs after successfully queuing the build.", kind="flag"),
    Arg("no_wait", "--no-wait", "Do not wait for the run to complete and return immediately after queuing the run.",
        kind="flag"),
    Arg("no_format", "--no-format", "Indicates whether the logs should be displayed in raw format.", kind="flag"),
    Arg("agent_pool", "--agent-pool", "The name of the agent pool."),
], examples=[("Trigger a task run.", "az acr task run -n MyTask -r MyRegistry"),
             ("Trigger a task run by overriding the context and file passed during Task create with a remote "
              "repository.", "az acr task run -n MyTask -r MyRegistry -c https://github.com/Azure-Samples/"
              "acr-build-helloworld-node.git -f Dockerfile"),
             ("Trigger a task run by overriding the context and file passed during Task create with a local context.",
              "az acr task run -n MyTask -r MyRegistry -c . -f Dockerfile"),
             ("Trigger a task run by adding or overriding build arguments set during Task create.",
              "az acr task run -n MyTask -r MyRegistry --arg DOCKER_CLI_BASE_IMAGE=docker:18.03.0-ce-git")],
    table=run_table)
def task_run(ctx, a):
    """acr/task.py acr_task_run: a TaskRunRequest naming the task by id, with this run's overrides."""
    reg = load_registry(ctx, a)
    request: dict = {"type": "TaskRunRequest", "taskId": f"{reg.id}/tasks/{a.task_name}"}
    override = _override(ctx, reg, a)
    if override:
        request["overrideTaskStepProperties"] = override
    if a.agent_pool:
        request["agentPoolName"] = a.agent_pool
    run = schedule(ctx, reg, request)
    ctx.warn(f"Queued a run with ID: {run.run_id}")
    return finish(ctx, reg, run, a.no_logs, a.no_wait)


def _override(ctx, reg, a) -> dict:
    """`--context/--file/--arg/--set/--set-secret`: OverrideTaskStepProperties, for this run only (a local context is
    uploaded as for az acr build)."""
    out: dict = {}
    values = set_values(a.set_value) + set_values(a.set_secret, secret=True)
    if values:
        out["values"] = values
    if a.file:
        out["file"] = a.file
    if a.arg:
        out["arguments"] = _args(a)
    if a.context_path:
        out["contextPath"] = upload_context(ctx, reg, a.context_path, "run") if not is_remote(a.context_path) \
            else a.context_path
    return out
