"""Microsoft.ContainerRegistry/registries/tasks: the ARM body (step, platform, agent, triggers, identity) as an
engine Task. Unlike `az acr task create`, ARM applies no trigger defaults: a trigger exists only if the body
declares it."""

from __future__ import annotations

from ..engine import identity, names
from ..engine import tasks as eng
from ..engine.cloud import Cloud
from ..engine.errors import CliError
from ..engine.tenant import Principal
from .provider_base import ResourceFailure

CR = "Microsoft.ContainerRegistry/registries"
STEP_DEFAULTS = {
    "Docker": {"arguments": [], "baseImageDependencies": None, "contextAccessToken": None, "contextPath": None,
               "dockerFilePath": None, "imageNames": [], "isPushEnabled": True, "noCache": False, "target": None},
    "FileTask": {"baseImageDependencies": None, "contextAccessToken": None, "contextPath": None,
                 "taskFilePath": None, "values": [], "valuesFilePath": None},
    "EncodedTask": {"baseImageDependencies": None, "contextAccessToken": None, "contextPath": None,
                    "encodedTaskContent": None, "encodedValuesContent": None, "values": []},
}
REQUIRED_STEP = {"Docker": "dockerFilePath", "FileTask": "taskFilePath", "EncodedTask": "encodedTaskContent"}


def _bad(message: str) -> ResourceFailure:
    return ResourceFailure("InvalidRequestContent", f"The request content was invalid and could not be "
                           f"deserialized: '{message}'.")


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
        if not t.get("name") or not t.get("schedule"):
            raise _bad("Required property 'name' or 'schedule' not found in JSON (timerTriggers).")
        try:
            eng.validate_cron(t["schedule"])
        except CliError as e:
            raise ResourceFailure("InvalidTimerSchedule", e.message.split(") ", 1)[-1]) from None
        task.timer_triggers.append(eng.TimerTrigger(name=t["name"], schedule=t["schedule"],
                                                    status=t.get("status", "Enabled")))
    for s in trigger.get("sourceTriggers") or []:
        repo = s.get("sourceRepository") or {}
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


def put_task(cloud: Cloud, caller: Principal, reg, p: dict, rid: str, body: dict) -> None:
    cloud.require(caller, f"{CR}/tasks/write", rid)
    props = body.get("properties") or {}
    platform = props.get("platform") or ({"os": "Linux"} if props.get("isSystemTask") is True else {})
    if not platform.get("os"):
        raise _bad("Required property 'platform' not found in JSON.")
    name = p["names"][1]
    names.check("tasks", name)
    old = reg.tasks.get(name)
    task = eng.Task(name=name, registry=reg.name, resource_group=reg.resource_group,
                    subscription_id=reg.subscription_id, location="".join(str(body.get("location") or
                                                                              reg.location).split()).lower(),
                    created=old.created if old is not None else cloud.clock.now(), status=props.get("status", "Enabled"),
                    platform={"architecture": platform.get("architecture", "amd64"), "os": platform["os"].lower(),
                              "variant": platform.get("variant")},
                    cpu=int((props.get("agentConfiguration") or {}).get("cpu", 2)), timeout=int(props.get("timeout", 3600)),
                    step={} if props.get("isSystemTask") is True and not props.get("step") else _step(props),
                    is_system_task=props.get("isSystemTask") is True, log_template=props.get("logTemplate"),
                    agent_pool=props.get("agentPoolName"), tags=body.get("tags"))
    _triggers(task, props.get("trigger") or {})
    wanted = str((body.get("identity") or {}).get("type", "None"))
    if "systemassigned" in wanted.lower():
        principal = identity.create_system_identity(cloud, task.id)
        task.identity = {"principalId": principal.object_id, "tenantId": cloud.tenant.tenant_id,
                         "type": "SystemAssigned", "userAssignedIdentities": None}
    elif wanted.lower() != "none":
        raise ResourceFailure("BadRequest", "User-assigned task identities are not available in this lab; use "
                              "SystemAssigned.")
    if old is not None:
        if old.to_json() == task.to_json():
            return  # same PUT again: the task (and its armed timers) stay as they are
        task.dependencies = list(old.dependencies)
    for t in task.timer_triggers:
        eng.arm_timer(cloud, t)
    reg.tasks[name] = task
