"""Continuous Patching (preview): the acrcssc extension's `continuouspatchv1` workflow in a registry.

The workflow is three ACR Tasks the extension deploys with one template (cssc-trigger-workflow on a timer,
cssc-scan-image, cssc-patch-image) and a JSON configuration kept as an OCI artifact in
`csscpolicies/patchpolicy:v1`. This module owns its rules: the configuration's schema, the schedule (`<n>d`, 1 to 30
days, as a cron of the creation time's minute and hour `*/n` days of the month), which images a configuration
selects, and the tasks' bodies, created, changed and deleted through the registry's task requests (so RBAC and the
task rules apply). The tasks' runs (scan, patch) are in continuous_patching_runs.py.

Sources: Azure/azure-cli-extensions src/acrcssc/azext_acrcssc/helper/_constants.py (task names, repository and tag of
the configuration, schema, messages), helper/_utility.py (convert_timespan_to_cron), templates/arm/
CSSC-AutoImagePatching-encodedtasks.json (task bodies, tags, the timer `azcli_defined_schedule`), _params.py (the
tag conventions); MicrosoftDocs/azure-management-docs articles/container-registry/how-to-continuous-patching.md."""

from __future__ import annotations

import base64
import json
import re

from .arm import send

WORKFLOW_TYPE = "continuouspatchv1"
POLICY_REPOSITORY = "csscpolicies/patchpolicy"
POLICY_TAG = "v1"
TRIGGER_TASK, SCAN_TASK, PATCH_TASK = "cssc-trigger-workflow", "cssc-scan-image", "cssc-patch-image"
TASKS = (PATCH_TASK, SCAN_TASK, TRIGGER_TASK)
TIMER = "azcli_defined_schedule"
CONFIG_FILE = "continuouspatching.json"
ARTIFACT_TYPE = "application/vnd.unknown.artifact.v1"
ACR_CLI = "mcr.microsoft.com/acr/acr-cli:0.19"
MIN_DAYS, MAX_DAYS = 1, 30
SCHEDULE_HELP = (f"Schedule must be in the format of <number><unit> where unit is d for days. Example: {MIN_DAYS}d. "
                 f"Max value for d is {MAX_DAYS}d.")
INVALID_JSON = ("File used for --config cannot be parsed as a JSON file. Use --help to see the schema of the config "
                "file.")
INVALID_SCHEMA = ("File used for --config is not a valid config JSON file. Use --help to see the schema of the config "
                  "file.")
NOT_EXIST = (f"{WORKFLOW_TYPE} workflow tasks does not exist. Run 'az acr supply-chain workflow create' command to "
             "create workflow tasks.")
ALREADY_EXISTS = (f"{WORKFLOW_TYPE} workflow tasks already exists. Use 'az acr supply-chain workflow update' command "
                  "to perform updates.")
DESCRIPTIONS = {
    PATCH_TASK: "This task will patch the OS vulnerabilities on a given image using Copacetic.",
    SCAN_TASK: "This task will perform vulnerability OS scan on a given image using Trivy. If there are any "
               f"vulnerabilities found, it will trigger the patching task using {PATCH_TASK} task.",
    TRIGGER_TASK: "This task will trigger the continuous patching workflow based on the schedule set during the "
                  "creation. It will match the filter repositories set with config parameter and schedule "
                  f"vulnerability scan check using {SCAN_TASK} task.",
}
# The steps the lab's agent runs for each task: the acr-cli image's `cssc` commands (continuous_patching_runs.py)
# stand for the extension's Trivy and Copacetic containers.
STEPS = {
    TRIGGER_TASK: f"  - cmd: {ACR_CLI} cssc trigger --filter-policy {POLICY_REPOSITORY}:{POLICY_TAG}\n",
    SCAN_TASK: f"  - cmd: {ACR_CLI} cssc scan --image {{{{.Values.SOURCE_REPOSITORY}}}}:"
               "{{.Values.SOURCE_IMAGE_TAG}}\n",
    PATCH_TASK: f"  - cmd: {ACR_CLI} cssc patch --image {{{{.Values.SOURCE_REPOSITORY}}}}:"
                "{{.Values.SOURCE_IMAGE_TAG}} --new-tag {{.Values.NEW_TAG}}\n",
}


class WorkflowError(ValueError):
    """A bad argument, configuration or workflow state, worded as the extension words it (its client-side
    InvalidArgumentValueError / AzCLIError: front ends print it bare)."""


def check_type(workflow_type: str) -> None:
    if workflow_type != WORKFLOW_TYPE:
        raise WorkflowError(f"Workflow type {workflow_type} is invalid")


def schedule_days(schedule: str) -> int:
    m = re.fullmatch(r"(\d+)d", schedule or "")
    if m is None or not MIN_DAYS <= int(m.group(1)) <= MAX_DAYS:
        raise WorkflowError(f"Schedule value is invalid. {SCHEDULE_HELP}")
    return int(m.group(1))


def cron(cloud, days: int) -> str:
    now = cloud.clock.now()
    return f"{now.minute} {now.hour} */{days} * *"


def parse_config(text: str) -> dict:
    """The configuration file, checked against the v1 schema; tag-convention defaults to incremental."""
    try:
        doc = json.loads(text)
    except ValueError:
        raise WorkflowError(INVALID_JSON) from None
    if not _valid(doc):
        raise WorkflowError(INVALID_SCHEMA)
    return {**doc, "tag-convention": doc.get("tag-convention", "incremental")}


def _valid(doc) -> bool:
    if not isinstance(doc, dict) or doc.get("version") != "v1":
        return False
    if doc.get("tag-convention", "incremental") not in ("incremental", "floating"):
        return False
    repos = doc.get("repositories")
    if not isinstance(repos, list) or not repos or _duplicates(repos):
        return False
    for r in repos:
        if not isinstance(r, dict) or not isinstance(r.get("repository"), str):
            return False
        tags = r.get("tags")
        if not isinstance(tags, list) or not tags or not all(isinstance(t, str) for t in tags) or len(set(tags)) < len(tags):
            return False
        if "enabled" in r and not isinstance(r["enabled"], bool):
            return False
    return True


def _duplicates(items: list) -> bool:
    seen = [json.dumps(i, sort_keys=True) for i in items]
    return len(set(seen)) < len(seen)


def is_patch_tag(original: str, tag: str) -> bool:
    rest = tag.removeprefix(original + "-") if tag.startswith(original + "-") else None
    return rest is not None and (rest == "patched" or rest.isdigit())


def patch_outputs(reg) -> set[tuple[str, str]]:
    """(repository, tag) pairs the workflow has pushed: never selected again as originals."""
    return {tuple(x) for x in reg.extra.get("cssc_patched", [])}


def selected_images(reg, config: dict) -> list[tuple[str, str]]:
    """The images (repository, tag) a configuration selects in the registry, in the order it names them."""
    out: list[tuple[str, str]] = []
    made = patch_outputs(reg)
    for r in config["repositories"]:
        if not r.get("enabled", True):
            continue
        repo = reg.store.repositories.get(r["repository"])
        if repo is None:
            continue
        tags = sorted(repo.tags) if "*" in r["tags"] else [t for t in r["tags"] if t in repo.tags]
        for tag in tags:
            if (r["repository"], tag) not in made and not tag.endswith("-patched") and (r["repository"], tag) not in out:
                out.append((r["repository"], tag))
    return out


def _task_body(reg, name: str, days: int, cloud) -> dict:
    yaml = "version: v1.1.0\nsteps:\n" + STEPS[name]
    props = {"platform": {"os": "linux", "architecture": "amd64"}, "agentConfiguration": {"cpu": 2},
             "timeout": 3600, "status": "Enabled", "isSystemTask": False,
             "step": {"type": "EncodedTask", "encodedTaskContent": base64.b64encode(yaml.encode()).decode(),
                      "values": []}}
    if name == TRIGGER_TASK:
        props["trigger"] = {"timerTriggers": [{"name": TIMER, "schedule": cron(cloud, days), "status": "Enabled"}]}
    tags = {"cssc": "true"} if name == SCAN_TASK else {"cssc": "true", "clienttracking": "true"}
    body = {"location": reg.location, "tags": tags, "properties": props}
    if name != PATCH_TASK:
        body["identity"] = {"type": "SystemAssigned"}
    return body


def workflow_tasks(cloud, caller, reg) -> dict:
    """The workflow's tasks that exist (name -> task), read through GET requests."""
    tasks = send(cloud, caller, "GET", f"{reg.id}/tasks").resources
    return {t.name: t for t in tasks if t.name in TASKS}


def _caller_cred(cloud, caller, reg):
    """The signed-in caller on the registry's data plane (the extension pushes with the caller's token)."""
    from .dataplane import Credential
    return Credential(kind="aad", registry=reg.name, principal_id=caller.object_id, issued=cloud.clock.now())


def _store_config(cloud, caller, reg, config: dict) -> None:
    from .artifact_files import file_blob, push_artifact
    from .dataplane import Origin
    blob = file_blob(CONFIG_FILE, json.dumps(config, indent=2))
    push_artifact(cloud, reg, _caller_cred(cloud, caller, reg), POLICY_REPOSITORY, POLICY_TAG, ARTIFACT_TYPE,
                  [blob], Origin())
    reg.extra["cssc_config"] = config


def create(cloud, caller, reg, config: dict, schedule: str, run_immediately: bool = False):
    """Deploy the workflow (its tasks, then its configuration); the next scheduled run's time."""
    days = schedule_days(schedule)
    if workflow_tasks(cloud, caller, reg):
        raise WorkflowError(ALREADY_EXISTS)
    for name in TASKS:
        send(cloud, caller, "PUT", f"{reg.id}/tasks/{name}", _task_body(reg, name, days, cloud))
    _store_config(cloud, caller, reg, config)
    if run_immediately:
        trigger_now(cloud, caller, reg)
    return next_run(cloud, reg)


def update(cloud, caller, reg, config: dict | None, schedule: str | None, run_immediately: bool = False):
    """Change the schedule and/or the configuration; the next scheduled run's time."""
    days = schedule_days(schedule) if schedule is not None else None
    if len(workflow_tasks(cloud, caller, reg)) < len(TASKS):
        raise WorkflowError(NOT_EXIST)
    if days is not None:
        body = {"properties": {"trigger": {"timerTriggers": [
            {"name": TIMER, "schedule": cron(cloud, days), "status": "Enabled"}]}}}
        send(cloud, caller, "PATCH", f"{reg.id}/tasks/{TRIGGER_TASK}", body)
    if config is not None:
        _store_config(cloud, caller, reg, config)
    if run_immediately:
        trigger_now(cloud, caller, reg)
    return next_run(cloud, reg)


def next_run(cloud, reg):
    """When the trigger task's timer fires next (croniter over its schedule, from now)."""
    from croniter import croniter
    task = reg.tasks[TRIGGER_TASK]
    return croniter(task.timer_triggers[0].schedule, cloud.clock.now()).get_next(type(cloud.clock.now()))


def scheduled_days(reg) -> int:
    """The schedule's days, read back from the trigger task's cron (`*/<n>` days of the month)."""
    return int(reg.tasks[TRIGGER_TASK].timer_triggers[0].schedule.split()[2].removeprefix("*/"))


def check_absent(cloud, caller, reg) -> None:
    """`create` (and its dry run) refuse a registry that has the workflow already."""
    if workflow_tasks(cloud, caller, reg):
        raise WorkflowError(ALREADY_EXISTS)


def trigger_now(cloud, caller, reg):
    """`--run-immediately`: one run of cssc-trigger-workflow (POST scheduleRun)."""
    request = {"type": "TaskRunRequest", "taskId": f"{reg.id}/tasks/{TRIGGER_TASK}"}
    return send(cloud, caller, "POST", reg.id, request, action="scheduleRun").resource


def show(cloud, caller, reg) -> list[dict]:
    """The workflow's tasks (each task's document); empty when there is no workflow."""
    tasks = workflow_tasks(cloud, caller, reg)
    return [tasks[n].to_json() for n in TASKS if n in tasks]


def delete(cloud, caller, reg) -> tuple[list[str], bool]:
    """Delete the workflow's tasks and its configuration, whichever exist: (tasks deleted, configuration deleted)."""
    names = [n for n in TASKS if n in workflow_tasks(cloud, caller, reg)]
    for name in names:
        send(cloud, caller, "DELETE", f"{reg.id}/tasks/{name}")
    had_config = POLICY_REPOSITORY in reg.store.repositories
    if had_config:
        from .dataplane import Origin
        from .images import delete_repository
        delete_repository(cloud, reg, _caller_cred(cloud, caller, reg), POLICY_REPOSITORY, Origin())
    reg.extra.pop("cssc_config", None)
    return names, had_config


def stored_config(cloud, caller, reg) -> dict:
    """An update's dry run without --config checks the configuration the workflow keeps in the registry."""
    config = reg.extra.get("cssc_config") if workflow_tasks(cloud, caller, reg) else None
    if config is None:
        raise WorkflowError("Failed to retrieve the configuration file from the registry.")
    return config


def dry_run(reg, config: dict) -> list[str]:
    """What `--dry-run` prints: each image the configuration selects."""
    return [f"{repo}: {tag}" for repo, tag in selected_images(reg, config)]


def cancel_runs(cloud, caller, reg) -> list[str]:
    """`workflow cancel-run`: cancel every run of the workflow's tasks that is Running, Queued or Started; their ids."""
    runs = send(cloud, caller, "GET", f"{reg.id}/runs").resources
    active = [r.run_id for r in runs if r.task in TASKS and r.status in ("Running", "Queued", "Started")]
    for run_id in active:
        send(cloud, caller, "POST", f"{reg.id}/runs/{run_id}", action="cancel")
    return active
