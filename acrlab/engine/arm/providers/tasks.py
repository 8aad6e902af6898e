"""Microsoft.ContainerRegistry/registries/tasks: PUT (the whole ARM body: step, platform, agent, triggers,
identity), GET, list and DELETE, as templates and `az acr task show|list|delete` send them (azure-rest-api-specs
specification/containerregistry/resource-manager/Microsoft.ContainerRegistry/preview/2019-06-01-preview/
containerregistry_build.json: Tasks_Create, Tasks_Get, Tasks_List, Tasks_Delete). Unlike `az acr task create`,
ARM applies no trigger defaults: a trigger exists only if the body declares it. The plan builds the whole Task and
checks every part; the commit makes the system identity, arms the timers and swaps the task in."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ... import names, tasks_identity
from ... import tasks as eng
from ...errors import ArmError, AzureError
from ..manager import Plan, register
from ..request import ResourceId
from .bound import nest
from .children import RegistryChild
from .task_merge import carry_over, merge
from .task_merge import keep_armed as _keep_armed

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...tenant import Principal

CR = "Microsoft.ContainerRegistry/registries"
STEP_DEFAULTS: dict[str, dict[str, Any]] = {
    "Docker": {"arguments": [], "baseImageDependencies": None, "contextAccessToken": None, "contextPath": None,
               "dockerFilePath": None, "imageNames": [], "isPushEnabled": True, "noCache": False, "target": None},
    "FileTask": {"baseImageDependencies": None, "contextAccessToken": None, "contextPath": None,
                 "taskFilePath": None, "values": [], "valuesFilePath": None},
    "EncodedTask": {"baseImageDependencies": None, "contextAccessToken": None, "contextPath": None,
                    "encodedTaskContent": None, "encodedValuesContent": None, "values": []},
}
REQUIRED_STEP = {"Docker": "dockerFilePath", "FileTask": "taskFilePath", "EncodedTask": "encodedTaskContent"}


def _bad(detail: str) -> ArmError:
    return ArmError("InvalidRequestContent", detail=detail)


def _step(props: dict) -> dict:
    step = props.get("step")
    if not isinstance(step, dict) or "type" not in step:
        raise _bad("Required property 'step' not found in JSON.")
    kind = next((k for k in STEP_DEFAULTS if k.lower() == str(step["type"]).lower()), None)
    if kind is None:
        raise _bad(f"Could not find member '{step['type']}' on object of type 'TaskStepProperties'. Expected one "
                   "of: Docker, FileTask, EncodedTask")
    if not step.get(REQUIRED_STEP[kind]):
        raise _bad(f"Required property '{REQUIRED_STEP[kind]}' not found in JSON.")
    return {**STEP_DEFAULTS[kind], **step, "type": kind}


def _triggers(task: eng.Task, trigger: dict) -> None:
    for t in trigger.get("timerTriggers") or []:
        if not isinstance(t, dict) or not t.get("name") or not t.get("schedule"):
            raise _bad("Required property 'name' or 'schedule' not found in JSON (timerTriggers).")
        if not eng.cron_is_valid(t["schedule"]):
            raise ArmError("InvalidTimerSchedule", schedule=t["schedule"])
        task.timer_triggers.append(eng.TimerTrigger(name=t["name"], schedule=t["schedule"],
                                                    status=t.get("status", "Enabled")))
    for s in trigger.get("sourceTriggers") or []:
        repo = (s.get("sourceRepository") if isinstance(s, dict) else None) or {}
        if not repo.get("repositoryUrl"):
            raise _bad("Required property 'repositoryUrl' not found in JSON (sourceTriggers).")
        auth = repo.get("sourceControlAuthProperties") or {}
        task.source_triggers.append(eng.SourceTrigger(
            name=s.get("name", "defaultSourceTriggerName"), repository_url=repo["repositoryUrl"],
            branch=repo.get("branch") or "master", source_control_type=repo.get("sourceControlType", "Github"),
            events=[str(e).lower() for e in s.get("sourceTriggerEvents") or []], status=s.get("status", "Enabled"),
            token=auth.get("token")))
    base = trigger.get("baseImageTrigger")
    if base:
        task.base_image_trigger = eng.BaseImageTrigger(name=base.get("name", "defaultBaseimageTriggerName"),
                                                       type=base.get("baseImageTriggerType", "Runtime"),
                                                       status=base.get("status", "Enabled"))


def _number(props: dict, path: tuple[str, ...], default: int) -> int:
    value: Any = props
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    if value is None:
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise _bad(f"Could not convert string to integer: {value}. Path 'properties.{'.'.join(path)}'.") from None


class TaskProvider(RegistryChild):
    type = f"{CR}/tasks"
    store = "tasks"

    def find(self, cloud: Cloud, rid: ResourceId) -> eng.Task | None:
        task = super().find(cloud, rid)
        return task if isinstance(task, eng.Task) else None

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[eng.Task]:
        reg = self.registry(cloud, rid)
        return eng.tasks_of(reg) if reg is not None else []  # the service lists them in creation order

    def to_arm(self, resource: eng.Task) -> dict:
        return nest(resource.to_json())

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: dict | None,
            existing: eng.Task | None) -> Plan:
        return self._plan(cloud, rid, body if isinstance(body, dict) else {}, existing)

    def patch(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: dict | None, existing: eng.Task) -> Plan:
        """Tasks_Update: the given fields merge into the task (triggers by name); the rest stays as it is."""
        if body is not None and not isinstance(body, dict):
            raise _bad("The request body must be a JSON object.")
        return self._plan(cloud, rid, merge(nest(existing.to_json()), body or {}), existing, body or {})

    def _plan(self, cloud: Cloud, rid: ResourceId, body: dict, existing: eng.Task | None,
              patch: dict | None = None) -> Plan:
        props: dict = body["properties"] if isinstance(body.get("properties"), dict) else {}
        reg = self.parent_of(cloud, rid)
        platform = props.get("platform") or ({"os": "Linux"} if props.get("isSystemTask") is True else {})
        if not isinstance(platform, dict) or not platform.get("os"):
            raise _bad("Required property 'platform' not found in JSON.")
        try:
            names.check("tasks", rid.name)
        except AzureError as e:
            raise ArmError("InvalidTaskName", message=e.message) from None
        system = props.get("isSystemTask") is True
        task = eng.Task(
            name=rid.name, registry=reg.name, resource_group=reg.resource_group, subscription_id=reg.subscription_id,
            location="".join(str(body.get("location") or reg.location).split()).lower(),
            created=existing.created if existing is not None else cloud.clock.now(),
            status=props.get("status", "Enabled"),
            platform={"architecture": platform.get("architecture", "amd64"), "os": str(platform["os"]).lower(),
                      "variant": platform.get("variant")},
            cpu=_number(props, ("agentConfiguration", "cpu"), 2), timeout=_number(props, ("timeout",), 3600),
            step={} if system and not props.get("step") else _step(props), is_system_task=system,
            log_template=props.get("logTemplate"), agent_pool=props.get("agentPoolName"), tags=body.get("tags"))
        _triggers(task, props.get("trigger") or {})
        _keep_armed(task, existing)
        creds: dict = props["credentials"] if isinstance(props.get("credentials"), dict) else {}
        source: dict = creds["sourceRegistry"] if isinstance(creds.get("sourceRegistry"), dict) else {}
        task.auth_mode = source.get("loginMode")
        if task.auth_mode not in (None, "Default", "None"):
            raise _bad(f"Could not find member '{task.auth_mode}' on object of type 'SourceRegistryLoginMode'. "
                       "Expected one of: None, Default")
        wants_system, users, task.source_identity = tasks_identity.planned_identity(  # InvalidIdentity if not found
            cloud, body.get("identity"), source.get("identity"))
        task.custom_registries = tasks_identity.request_credentials(props)
        if existing is not None and patch is not None:
            carry_over(task, existing, patch)
        task.identity = tasks_identity.identity_json(cloud, task.id, wants_system, users)
        if existing is not None and existing.to_json() == task.to_json():
            return Plan(resource=existing)  # the same request again: the task (and its armed timers) stay as they are
        if existing is not None:
            task.dependencies = list(existing.dependencies)

        def commit() -> None:
            task.identity = tasks_identity.identity_json(cloud, task.id, wants_system, users, create=True)
            enabled = existing is not None and existing.status != "Enabled" and task.status == "Enabled"
            for t in task.timer_triggers:
                if t.next_run is None or enabled:  # enabling a task re-arms its timers from now
                    eng.arm_timer(cloud, t)
            reg.tasks[task.name] = task
        return Plan(resource=task, commit=commit, status=200 if existing is not None else 201)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: eng.Task) -> Plan:
        reg = self.parent_of(cloud, rid)

        def commit() -> None:  # its timers stop with it (they look the task up when they fire)
            reg.tasks.pop(existing.name, None)
        return Plan(resource=existing, commit=commit)


TASKS = register(TaskProvider())
