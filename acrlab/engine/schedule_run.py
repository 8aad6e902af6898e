"""POST registries/{name}/scheduleRun (Registries_ScheduleRun) and listBuildSourceUploadUrl: what `az acr build`,
`az acr run` and `az acr task run` send (azure-cli acr/build.py, run.py, task.py acr_task_run).

The resource manager authorizes the action (scheduleRun/action, listBuildSourceUploadUrl/action); here the request is
validated whole (engine/run_requests.py), its context resolved (an uploaded archive by relativePath
(engine/source_uploads.py), a Git URL, or none) and its task file parsed, all before anything changes; the commit
queues the run and the response is ARM's Run body. A request the agent cannot start (a context that cannot be
downloaded, a task file missing from the context) still queues a run, which fails as acb fails."""

from __future__ import annotations

import base64
import binascii
import shlex
from typing import TYPE_CHECKING

from . import run_requests as rr
from . import source_uploads, tasks_git
from .errors import ArmError
from .tasks_runs import RunSpec, Step, execute
from .tasks_sequence import base36, next_run_id
from .tasks_yaml import load_values, parse_steps, registry_image, render, run_variables

if TYPE_CHECKING:
    from .arm.manager import Plan
    from .cloud import Cloud
    from .registry import Registry
    from .tenant import Principal

CR = "Microsoft.ContainerRegistry/registries"
QUICK_BUILD_TIMEOUT = 28800
"""What a quick build may take when the request names no timeout (the lab's az acr build default)."""
QUICK_RUN_TIMEOUT = 600


def upload_url(cloud: Cloud, caller: Principal, reg: Registry, body: dict | None) -> Plan:
    from .arm.manager import Plan
    up_holder: list = []

    def commit() -> None:
        up_holder.append(source_uploads.reserve(cloud, reg))
    plan = Plan(resource=reg, commit=commit, body=None)
    plan.after.append(lambda: setattr(plan, "body", source_uploads.definition(up_holder[0])))
    return plan


def schedule(cloud: Cloud, caller: Principal, reg: Registry, body: dict | None) -> Plan:
    """Plan one run: every check first; the commit queues and runs it; the body is the Run."""
    from .arm.manager import Plan
    refuse_dual_stack(reg)
    request = rr.parse(body)
    if request.agent_pool_name:
        from . import agent_pools
        agent_pools.require(reg, request.agent_pool_name)
    start = _task_run(cloud, reg, request) if isinstance(request, rr.TaskRunRequest) \
        else _quick_run(cloud, caller, reg, request)
    plan = Plan(resource=reg, body=None)

    def run() -> None:
        got = start()
        plan.body = run_body(got)
        plan.resource = got
    plan.after.append(run)
    return plan


def refuse_dual_stack(reg: Registry) -> None:
    """ACR Tasks does not run on a registry whose endpoint protocol is IPv4AndIPv6: quick builds, quick runs and task
    runs alike (MicrosoftDocs/azure-management-docs container-registry-ipv6-dual-stack.md)."""
    if reg.endpoint_protocol == "IPv4AndIPv6":
        raise ArmError("TasksNotSupportedWithDualStack", registry=reg.name)


def run_body(run) -> dict:
    """ARM's Run: type, properties (no null fields), id, name."""
    flat = run.to_json()
    props = {k: v for k, v in flat.items() if v is not None and k not in ("id", "name", "type", "resourceGroup")}
    return {"type": f"{CR}/runs", "properties": props, "id": flat["id"], "name": flat["name"]}


def _peek_id(reg: Registry) -> str:
    return "ca" + base36(reg.extra.get("run_counter", 0) + 1)


def context_files(cloud: Cloud, reg: Registry, location: str | None) -> tuple[dict[str, str], dict]:
    """A run's context: none, an uploaded archive (relativePath) or a remote (Git) URL the agent downloads.
    Returns (files, RunSpec extras)."""
    from .tasks import DOWNLOAD_FAILED
    if not location:
        return {}, {}
    if source_uploads.is_relative_path(location):
        data = source_uploads.archive(cloud, reg, location)
        if data is None:
            return {}, {"setup_error": DOWNLOAD_FAILED}
        try:
            return source_uploads.unpack(data), {}
        except source_uploads.ArchiveError as e:
            return {}, {"setup_error": f"failed to extract the source archive: {e}"}
    files = tasks_git.checkout(cloud, location)
    if files is None:
        return {}, {"remote_context": True, "setup_error": DOWNLOAD_FAILED}
    base, branch, _ = tasks_git.parse_context(location)
    head = tasks_git.head(cloud, base, branch)
    return files, {"remote_context": True, "commit": head.sha if head else ""}


def _source_principal(caller: Principal, request) -> str | None:
    source = request.credentials.source_registry if request.credentials else None
    if source is not None and (source.identity or "").lower() == "[caller]":
        return caller.object_id
    return None


def _quick_run(cloud: Cloud, caller: Principal, reg: Registry, request):
    platform = request.platform.as_run()
    files, extras = context_files(cloud, reg, request.source_location)
    run_id = _peek_id(reg)
    variables = run_variables(run_id, reg.login_server, reg.name, cloud.clock.now(), platform)
    common = {"files": files, "platform": platform, "source_principal": _source_principal(caller, request),
              "agent_pool": request.agent_pool_name,
              "cpu": (request.agent_configuration.cpu if request.agent_configuration else None) or 2, **extras}
    if isinstance(request, rr.DockerBuildRequest):
        spec = _docker_spec(reg, request, variables, common)
    else:
        spec = _task_file_spec(cloud, request, files, variables, common)

    def start():
        return execute(cloud, reg, spec, run_id=next_run_id(reg))
    return start


def _docker_spec(reg: Registry, request: rr.DockerBuildRequest, variables: dict, common: dict) -> RunSpec:
    images = [registry_image(reg.login_server, render(i, variables, {})) for i in request.image_names]
    args = [render(a.name if a.value is None else f"{a.name}={a.value}", variables, {}) for a in request.arguments]
    build = " ".join(["-f", shlex.quote(request.docker_file_path), *(f"-t {shlex.quote(i)}" for i in images),
                      *(f"--build-arg {shlex.quote(x)}" for x in args),
                      *([f"--target {shlex.quote(request.target)}"] if request.target else []), "."])
    timeout = request.timeout or QUICK_BUILD_TIMEOUT
    steps = [Step(kind="build", id="build", value=build, timeout=timeout)]
    if request.is_push_enabled and images:
        steps.append(Step(kind="push", id="push", value=images, timeout=timeout))
    return RunSpec(steps=steps, run_type="QuickBuild", timeout=timeout, quick_build=True, **common)


def _decode(text: str, what: str) -> str:
    try:
        return base64.b64decode(text, validate=True).decode()
    except (binascii.Error, ValueError):
        raise ArmError("InvalidRequestContent", detail=f"The value of '{what}' is not valid base64.") from None


def _task_file_spec(cloud: Cloud, request, files: dict[str, str], variables: dict, common: dict) -> RunSpec:
    values = {v.name: v.value for v in request.values}
    text: str | None
    setup_error = common.pop("setup_error", None)
    if isinstance(request, rr.EncodedTaskRunRequest):
        text = _decode(request.encoded_task_content, "encodedTaskContent")
        if request.encoded_values_content:
            values = {**load_values(cloud, _decode(request.encoded_values_content, "encodedValuesContent"),
                                    "values"), **values}
    elif setup_error:
        text = None  # the agent never gets the task file: the run fails while downloading the context
    else:
        text = files.get(request.task_file_path.removeprefix("./"))
        if text is None:
            setup_error = f"failed to find the task file: {request.task_file_path}"
        elif request.values_file_path:
            vname = request.values_file_path.removeprefix("./")
            if vname not in files:
                setup_error = f"failed to find the values file: {request.values_file_path}"
            else:
                values = {**load_values(cloud, files[vname], request.values_file_path), **values}
    steps: list[Step] = []
    secrets: list[dict] = []
    if text is not None and not setup_error:
        steps, doc = parse_steps(cloud, text, variables, values)  # StepFailed: refused before anything changes
        secrets = doc["secrets"]
    if request.timeout:
        steps = [s.model_copy(update={"timeout": request.timeout}) for s in steps]
    return RunSpec(steps=steps, run_type="QuickRun", timeout=request.timeout or QUICK_RUN_TIMEOUT,
                   secrets=secrets, setup_error=setup_error, **common)


def _task_run(cloud: Cloud, reg: Registry, request: rr.TaskRunRequest):
    from . import tasks
    from .task_runs import find_task
    task = find_task(reg, {"taskId": request.task_id})
    if task.is_system_task or not task.step:
        raise ArmError("OperationNotAllowed", detail=f"The task '{task.name}' is a system task: it has no step to "
                                                     "run.")
    override = request.override_task_step_properties or rr.OverrideTaskStepProperties()
    values = {v.name: v.value for v in override.values}
    extra: dict = {}
    if override.context_path or override.file or override.arguments or override.target:
        step = dict(task.step)
        if override.file:
            step["dockerFilePath" if step["type"] == "Docker" else "taskFilePath"] = override.file
        if override.arguments:
            if step["type"] != "Docker":
                raise ArmError("InvalidRequestContent", detail="Arguments can only be overridden for a Docker "
                                                               "build step. Path 'overrideTaskStepProperties.arguments'.")
            names = {a.name for a in override.arguments}
            step["arguments"] = [x for x in step.get("arguments") or [] if x["name"] not in names] + \
                [{"name": a.name, "value": a.value or "", "isSecret": a.is_secret} for a in override.arguments]
        if override.target:
            step["target"] = override.target
        if override.context_path and source_uploads.is_relative_path(override.context_path):
            files, extras = context_files(cloud, reg, override.context_path)
            if extras.get("setup_error"):
                raise ArmError("InvalidRequestContent", detail=f"The source location '{override.context_path}' "
                                                               "has no uploaded archive.")
            extra["files_override"] = files
            step["contextPath"] = None
        elif override.context_path:
            step["contextPath"] = override.context_path
        extra["step_override"] = step

    def start():
        return tasks.run_task(cloud, reg, task, values=values, agent_pool=request.agent_pool_name, **extra)
    return start
