"""Task runs (Microsoft.ContainerRegistry/registries/taskRuns): a run requested as a resource, so a template can build
an image or run a task when it deploys (azure-cli tests/latest/taskrunquickbuildsample.json and
task_abac_taskrun_manualrun.json; `az acr taskrun show|list|logs|delete`).

The run request is one of the service's four types (REST API RunRequest discriminator): DockerBuildRequest,
FileTaskRunRequest, EncodedTaskRunRequest (quick runs, runType QuickRun) and TaskRunRequest (a run of an existing
task). The resource keeps the request as the service echoes it (recordings/test_acr_taskrun.yaml: the given fields,
isPushEnabled and noCache defaulted, empty `values` and `credentials` left out) and the run it started as
`runResult`. PUT again with the same request and forceUpdateTag starts nothing; a changed request or tag runs again."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from .clock import iso
from .errors import ArmError
from .tasks_runs import Run

if TYPE_CHECKING:
    from .cloud import Cloud
    from .registry import Registry

CR = "Microsoft.ContainerRegistry/registries"
TYPE = f"{CR}/taskRuns"
REQUIRED = {"DockerBuildRequest": "dockerFilePath", "FileTaskRunRequest": "taskFilePath",
            "EncodedTaskRunRequest": "encodedTaskContent"}
STEP_TYPE = {"DockerBuildRequest": "Docker", "FileTaskRunRequest": "FileTask", "EncodedTaskRunRequest": "EncodedTask"}
KINDS = (*REQUIRED, "TaskRunRequest")


class TaskRun(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    name: str
    registry_id: str
    location: str
    run_request: dict[str, Any]
    force_update_tag: str | None = None
    run: Run | None = None
    created: datetime
    created_by: str
    created_by_type: str
    identity: dict | None = None
    """ARM IdentityProperties the run authenticates with (tasks_identity.task_run_identity)."""

    @property
    def id(self) -> str:
        return f"{self.registry_id}/taskRuns/{self.name}"

    @property
    def provisioning_state(self) -> str:
        """A task run's PUT completes with its run: Failed when the run did not succeed (azure-cli
        test_acr_task_abac_commands.py expects the deployment of a task run whose run cannot push to fail)."""
        failed = self.run is not None and self.run.status in ("Failed", "Error", "Timeout", "Canceled")
        return "Failed" if failed else "Succeeded"

    def system_data(self) -> dict:
        return {"createdBy": self.created_by, "createdByType": self.created_by_type, "createdAt": iso(self.created),
                "lastModifiedBy": self.created_by, "lastModifiedByType": self.created_by_type,
                "lastModifiedAt": iso(self.created)}

    def run_result(self) -> dict | None:
        """The run as the service nests it: type, properties (no null fields), id, name."""
        from .schedule_run import run_body
        return run_body(self.run) if self.run is not None else None

    def to_arm(self) -> dict:
        props: dict = {"provisioningState": self.provisioning_state, "runRequest": self.run_request}
        if self.force_update_tag is not None:
            props["forceUpdateTag"] = self.force_update_tag
        if self.run is not None:
            props["runResult"] = self.run_result()
        return {"type": TYPE, "properties": props, "location": self.location, "id": self.id, "name": self.name,
                "systemData": self.system_data(), **({"identity": self.identity} if self.identity else {})}

    def to_json(self) -> dict:
        """az's view: the SDK model flattened, the run result as `az acr task show-run` shows a run."""
        return {"forceUpdateTag": self.force_update_tag, "id": self.id, "identity": self.identity, "location": self.location,
                "name": self.name, "provisioningState": self.provisioning_state,
                "resourceGroup": self.registry_id.split("/")[4],
                "runRequest": self.run_request, "runResult": self.run.to_json() if self.run is not None else None,
                "systemData": self.system_data(), "type": TYPE}


def task_runs(reg: Registry) -> dict[str, TaskRun]:
    """The registry's task runs by lower-case name; reading changes nothing."""
    return reg.extra.get("task_runs", {})


def store(reg: Registry, task_run: TaskRun) -> None:
    reg.extra.setdefault("task_runs", {})[task_run.name.lower()] = task_run


def remove(reg: Registry, name: str) -> None:
    reg.extra.get("task_runs", {}).pop(name.lower(), None)


# -- the run request ------------------------------------------------------------------------------
def _bad(detail: str) -> ArmError:
    return ArmError("InvalidRequestContent", detail=detail)


def _platform(request: dict) -> dict:
    platform = request.get("platform")
    if not isinstance(platform, dict) or not platform.get("os"):
        raise _bad("Required property 'platform' not found in JSON. Path 'properties.runRequest'.")
    os_ = str(platform["os"]).lower()
    if os_ not in ("linux", "windows"):
        raise _bad(f"Error converting value \"{platform['os']}\" to type 'OS'. Path 'properties.runRequest.platform.os'.")
    return {"architecture": str(platform.get("architecture") or "amd64").lower(), "os": os_,
            "variant": platform.get("variant")}


def normalize(request: Any) -> dict:
    """The request as the service keeps and echoes it; refuses what the service cannot read."""
    if not isinstance(request, dict) or "type" not in request:
        raise _bad("Required property 'runRequest' not found in JSON. Path 'properties'.")
    kind = next((k for k in KINDS if k.lower() == str(request["type"]).lower()), None)
    if kind is None:
        raise _bad(f"Could not find member '{request['type']}' on object of type 'RunRequest'. Expected one of: "
                   f"{', '.join(KINDS)}. Path 'properties.runRequest.type'.")
    out = {k: v for k, v in request.items() if not (k in ("values", "credentials", "arguments") and not v)}
    out["type"] = kind
    if kind == "TaskRunRequest":
        if not (request.get("taskId") or request.get("taskName")):
            raise _bad("Required property 'taskId' not found in JSON. Path 'properties.runRequest'.")
        return out
    if not request.get(REQUIRED[kind]):
        raise _bad(f"Required property '{REQUIRED[kind]}' not found in JSON. Path 'properties.runRequest'.")
    _platform(request)
    from .run_requests import parse
    parse(out, "properties.runRequest")  # every field the service reads, checked as scheduleRun checks it
    if kind == "DockerBuildRequest":
        out.setdefault("isPushEnabled", True)
        out.setdefault("noCache", False)
    return out


def find_task(reg: Registry, request: dict):
    """The task a TaskRunRequest names (taskId's last segment, else taskName) in this registry."""
    from .tasks import Task
    ref = request.get("taskId") or request.get("taskName") or ""
    name = ref.rstrip("/").rsplit("/", 1)[-1]
    task = reg.tasks.get(name)
    if not isinstance(task, Task):
        raise ArmError("ResourceNotFound", resource=f"{CR}/{reg.name}/tasks/{name}", resource_group=reg.resource_group)
    return task


def check_agent_pool(reg: Registry, request: dict) -> None:
    if request.get("agentPoolName"):
        from .agent_pools import require
        require(reg, request["agentPoolName"])


def start(cloud: Cloud, reg: Registry, name: str, request: dict, identity: dict | None = None) -> Run:
    """Run the (validated) request now: a task's run, or a quick run shaped as a transient task with the task run's
    identity and the request's custom registry credentials."""
    from . import source_uploads, tasks
    from .tasks_identity import request_credentials
    pool = request.get("agentPoolName")
    values = {v.get("name"): v.get("value") for v in request.get("values") or [] if isinstance(v, dict)}
    if request["type"] == "TaskRunRequest":
        task = find_task(reg, request)
        override = request.get("overrideTaskStepProperties") or {}
        values |= {v.get("name"): v.get("value") for v in override.get("values") or [] if isinstance(v, dict)}
        return tasks.run_task(cloud, reg, task, values=values, agent_pool=pool)
    kind = STEP_TYPE[request["type"]]
    step: dict = {"type": kind, "contextPath": request.get("sourceLocation")}
    files = None
    if source_uploads.is_relative_path(step["contextPath"]):  # an uploaded archive (listBuildSourceUploadUrl)
        from .schedule_run import context_files
        files, step["contextPath"] = context_files(cloud, reg, step["contextPath"])[0], None
    if kind == "Docker":
        step |= {"dockerFilePath": request["dockerFilePath"], "imageNames": list(request.get("imageNames") or []),
                 "isPushEnabled": request.get("isPushEnabled", True), "noCache": request.get("noCache", False),
                 "target": request.get("target"), "arguments": list(request.get("arguments") or [])}
    elif kind == "FileTask":
        step |= {"taskFilePath": request["taskFilePath"], "valuesFilePath": request.get("valuesFilePath"),
                 "values": list(request.get("values") or [])}
    else:
        step |= {"encodedTaskContent": request["encodedTaskContent"], "values": list(request.get("values") or [])}
    transient = tasks.Task(name=name, registry=reg.name, resource_group=reg.resource_group,
                           subscription_id=reg.subscription_id, location=reg.location, created=cloud.clock.now(),
                           platform=_platform(request), cpu=int((request.get("agentConfiguration") or {}).get("cpu", 2)),
                           timeout=int(request.get("timeout") or 3600), step=step, identity=identity,
                           custom_registries=request_credentials(request))
    return tasks.run_task(cloud, reg, transient, agent_pool=pool, transient=True, files_override=files)
