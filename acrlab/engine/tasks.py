"""ACR Tasks resources: create/update/show, manual runs, and the triggers that start runs on their own.

Triggers: source commit and pull request (the lab's Git host, tasks_git), base-image update (a newer
public base image published with `lab publish-base`, or a push of a base image into the same
registry), and timers (5-field UTC cron, croniter) fired on the simulated clock via tasks_timeline.
Defaults are az's: status Enabled, cpu 2, timeout 3600, linux/amd64, commit trigger on, pull-request
trigger off, base-image trigger on (Runtime), timer names t1, t2, ...
"""

from __future__ import annotations

import base64
from datetime import datetime

from croniter import croniter
from pydantic import BaseModel, Field

from . import catalog, tasks_git, tasks_timeline, timer_horizon
from .clock import iso
from .cloud import Cloud
from .errors import ArmError
from .registry import Registry
from .tasks_identity import CustomRegistryCredential, credentials_json, run_identities, source_principal
from .tasks_runs import Run, RunSpec, Step, StepFailed, execute, next_run_id
from .tasks_yaml import load_values, parse_steps, registry_image, render, run_variables

CR = "Microsoft.ContainerRegistry/registries"
DOWNLOAD_FAILED = ("failed to download context. Please check if the URL is incorrect. If it has credentials, please "
                   "check if they are expired")
"""acb's text when a Git/tarball context cannot be fetched (azure-cli issues #28190, #30033)."""
TASK_FILE_TYPES = (".yaml", ".yml", ".toml", ".json", ".sh", ".bash", ".zsh", ".ps1", ".ps", ".cmd", ".bat", ".ts",
                   ".js", ".php", ".py", ".rb", ".lua")


class TimerTrigger(BaseModel):
    name: str
    schedule: str
    status: str = "Enabled"
    next_run: datetime | None = None

    def to_json(self) -> dict:
        return {"name": self.name, "schedule": self.schedule, "status": self.status}


class SourceTrigger(BaseModel):
    name: str = "defaultSourceTriggerName"
    repository_url: str
    branch: str
    source_control_type: str
    events: list[str]
    status: str = "Enabled"
    token: str | None = None

    def to_json(self) -> dict:
        return {"name": self.name, "sourceRepository": {
            "branch": self.branch, "repositoryUrl": self.repository_url, "sourceControlAuthProperties": None,
            "sourceControlType": self.source_control_type}, "sourceTriggerEvents": list(self.events),
            "status": self.status}


class BaseImageTrigger(BaseModel):
    name: str = "defaultBaseimageTriggerName"
    type: str = "Runtime"
    status: str = "Enabled"

    def to_json(self) -> dict:
        return {"baseImageTriggerType": self.type, "name": self.name, "status": self.status,
                "updateTriggerEndpoint": None, "updateTriggerPayloadType": "Default"}


class Task(BaseModel):
    name: str
    registry: str
    resource_group: str
    subscription_id: str
    location: str
    created: datetime
    status: str = "Enabled"
    platform: dict = Field(default_factory=lambda: {"architecture": "amd64", "os": "linux", "variant": None})
    cpu: int = 2
    timeout: int = 3600
    step: dict
    """The step as the API returns it: type Docker | FileTask | EncodedTask."""
    source_triggers: list[SourceTrigger] = Field(default_factory=list)
    base_image_trigger: BaseImageTrigger | None = None
    timer_triggers: list[TimerTrigger] = Field(default_factory=list)
    identity: dict | None = None
    """ARM IdentityProperties JSON (engine.tasks_identity edits it)."""
    custom_registries: dict[str, CustomRegistryCredential] = Field(default_factory=dict)
    auth_mode: str | None = None
    source_identity: str | None = None
    """--source-acr-auth-id: '[system]', a user-assigned identity's resource id, or 'None' (tasks_identity)."""
    dependencies: list[str] = Field(default_factory=list)
    """Base images the last run pulled (what the base-image trigger watches)."""
    is_system_task: bool = False
    """A system task (e.g. `quicktask`): no step, it only carries settings such as the run log template."""
    log_template: str | None = None
    agent_pool: str | None = None
    tags: dict[str, str] | None = None

    @property
    def id(self) -> str:
        return (f"/subscriptions/{self.subscription_id}/resourceGroups/{self.resource_group}/providers/{CR}/"
                f"{self.registry}/tasks/{self.name}")

    def to_json(self) -> dict:
        return {
            "agentConfiguration": {"cpu": self.cpu}, "agentPoolName": self.agent_pool, "creationDate":
            iso(self.created), "credentials": credentials_json(self), "id": self.id, "identity": self.identity,
            "isSystemTask": self.is_system_task, "location": self.location, "logTemplate": self.log_template,
            "name": self.name, "platform": self.platform, "provisioningState": "Succeeded",
            "resourceGroup": self.resource_group, "status": self.status, "step": self.step or None,
            "tags": self.tags, "timeout": self.timeout,
            "trigger": {
                "baseImageTrigger": self.base_image_trigger.to_json() if self.base_image_trigger else None,
                "sourceTriggers": [t.to_json() for t in self.source_triggers] or None,
                "timerTriggers": [t.to_json() for t in self.timer_triggers] or None,
            },
            "type": f"{CR}/tasks",
        }


def timers_from(schedules: list[str], start: int = 1) -> list[TimerTrigger]:
    """az's build_timers_info: 'name:cron' or 'cron' (named t1, t2, ... by position)."""
    out = []
    for i, s in enumerate(schedules, start=start):
        name, sep, cron = s.partition(":")
        out.append(TimerTrigger(name=(name if sep else f"t{i}").strip(), schedule=(cron if sep else s).strip()))
    return out


def cron_is_valid(schedule: str) -> bool:
    return len(schedule.split()) == 5 and bool(croniter.is_valid(schedule))


def validate_cron(schedule: str) -> None:
    """The service's refusal of a timer schedule (InvalidTimerSchedule)."""
    if not cron_is_valid(schedule):
        raise ArmError("InvalidTimerSchedule", schedule=schedule)


def arm_timer(cloud: Cloud, t: TimerTrigger, after: datetime | None = None) -> None:
    """Compute the timer's next occurrence and queue it on the timeline (older queued runs go stale)."""
    t.next_run = croniter(t.schedule, after or tasks_timeline.last_processed(cloud)).get_next(datetime)
    tasks_timeline.schedule(cloud, "tasks_timers", t.next_run, t)


def tasks_of(reg: Registry) -> list[Task]:
    return [t for t in reg.tasks.values() if isinstance(t, Task)]


# -- running a task --------------------------------------------------------------------------------
def _docker_build_value(step: dict, variables: dict) -> str:
    import shlex
    parts = ["-f", shlex.quote(step["dockerFilePath"])]
    parts += [f"-t {shlex.quote(registry_image(variables['Registry'], render(i, variables, {})))}"
              for i in step.get("imageNames") or []]
    for a in step.get("arguments") or []:
        parts.append(f"--build-arg {shlex.quote(a['name'] + '=' + render(a['value'], variables, {}))}")
    if step.get("noCache"):
        parts.append("--no-cache")
    if step.get("target"):
        parts.append(f"--target {step['target']}")
    return " ".join(parts + ["."])


def run_task(cloud: Cloud, reg: Registry, task: Task, commit=None, files_override: dict | None = None,
             values: dict | None = None, step_override: dict | None = None, agent_pool: str | None = None,
             transient: bool = False, **trigger) -> Run:
    """Execute one run of `task` (manual or triggered); its dependencies feed the base-image trigger.
    `step_override` replaces the task's step for this run only (az acr task run --context/--file/--arg);
    `agent_pool` the pool (else the task's own). A `transient` task is a quick run's request shaped as a task
    (a taskRun's Docker/File/EncodedTask run request): the run is a QuickRun of no task and records no dependency."""
    if task.is_system_task or not (step_override or task.step):
        from .errors import AzureError
        raise AzureError(f"The task '{task.name}' is a system task: it has no step to run.")
    run_id = next_run_id(reg)
    step = step_override or task.step
    context = step.get("contextPath")
    error = None
    files: dict[str, str] = {}
    if files_override is not None:
        files = files_override
    elif context:
        got = tasks_git.checkout(cloud, context, commit)
        if got is None:
            error = DOWNLOAD_FAILED
        else:
            files = got
    branch = tasks_git.parse_context(context)[1] if context else ""
    sha = commit.sha if commit is not None else ""
    if context and commit is None and error is None:
        head = tasks_git.head(cloud, tasks_git.parse_context(context)[0], branch)
        sha = head.sha if head else ""
    variables = run_variables(run_id, reg.login_server, reg.name, cloud.clock.now(), task.platform, sha,
                              branch or "", "" if transient else task.name)
    steps: list[Step] = []
    secrets: list[dict] = []
    kind = step["type"]
    if error is None:
        try:
            if kind == "Docker":
                steps = [Step(kind="build", id="build", value=_docker_build_value(step, variables),
                              timeout=task.timeout)]
                images = [registry_image(reg.login_server, render(i, variables, {}))
                          for i in step.get("imageNames") or []]
                if step.get("isPushEnabled") and images:
                    steps.append(Step(kind="push", id="push", value=images, timeout=task.timeout))
            else:
                if kind == "FileTask":
                    text = files.get(step["taskFilePath"].removeprefix("./"))
                    if text is None:
                        raise StepFailed(f"failed to find the task file: {step['taskFilePath']}")
                else:
                    text = base64.b64decode(step["encodedTaskContent"]).decode()
                pairs = {v["name"]: v["value"] for v in step.get("values") or []}
                from_file = {}
                if step.get("valuesFilePath"):
                    vname = step["valuesFilePath"].removeprefix("./")
                    if vname not in files:
                        raise StepFailed(f"failed to find the values file: {step['valuesFilePath']}")
                    from_file = load_values(cloud, files[vname], vname)
                steps, doc = parse_steps(cloud, text, variables, {**from_file, **pairs, **(values or {})})
                secrets = doc["secrets"]
        except StepFailed as e:
            error = str(e)
    spec = RunSpec(steps=steps, files=files, platform=task.platform, cpu=task.cpu, timeout=task.timeout, commit=sha,
                   run_type="QuickRun" if transient else "AutoBuild" if kind == "Docker" else "AutoRun",
                   task=None if transient else task.name, setup_error=error,
                   remote_context=bool(context) and files_override is None,
                   identity_principal=(task.identity or {}).get("principalId"),
                   source_principal=source_principal(cloud, task),
                   identities=run_identities(cloud, task),
                   custom_registries={k: v.model_dump() for k, v in task.custom_registries.items()},
                   agent_pool=agent_pool or task.agent_pool, secrets=secrets)
    run = execute(cloud, reg, spec, run_id=run_id, **trigger)
    if run.status == "Succeeded" and run.base_images and not transient:
        runtime = run.base_images if (task.base_image_trigger and task.base_image_trigger.type == "All") \
            else run.base_images[-1:]
        task.dependencies = [_key(b) for b in runtime]
        index = _dependents(cloud)
        for key in task.dependencies:
            entries = index.setdefault(key, [])
            if (reg.name, task.name) not in entries:
                entries.append((reg.name, task.name))
    return run


def _dependents(cloud: Cloud) -> dict[str, list[tuple[str, str]]]:
    """Base image key -> (registry, task) that recorded it as a dependency, so a push looks up the tasks it
    triggers instead of scanning every registry. Entries may be stale (task deleted or re-run on another
    base); readers check each against the task itself."""
    return cloud.state.setdefault("task_dependents", {})


def _key(ref: str) -> str:
    registry, repo, tag = catalog.normalize_reference(ref)
    return f"{registry}/{repo}:{tag}"


# -- triggers --------------------------------------------------------------------------------------
def _auto(task: Task) -> bool:
    return task.status == "Enabled"


def _on_commit(cloud: Cloud, url: str, branch: str, commit, **_) -> None:
    for reg in list(cloud.registries.values()):
        for task in tasks_of(reg):
            for trig in task.source_triggers:
                if (_auto(task) and trig.status == "Enabled" and "commit" in trig.events
                        and tasks_git.normalize(trig.repository_url) == url and trig.branch == branch):
                    run_task(cloud, reg, task, commit=commit, source_trigger={
                        "branchName": branch, "commitId": commit.sha, "eventType": "Commit",
                        "providerType": trig.source_control_type, "pullRequestId": None,
                        "repositoryUrl": trig.repository_url})


def _on_pull_request(cloud: Cloud, url: str, pr, files, **_) -> None:
    for reg in list(cloud.registries.values()):
        for task in tasks_of(reg):
            for trig in task.source_triggers:
                if (_auto(task) and trig.status == "Enabled" and "pullrequest" in trig.events
                        and tasks_git.normalize(trig.repository_url) == url and trig.branch == pr.base):
                    folder = tasks_git.parse_context(task.step.get("contextPath") or "")[2]
                    prefix = folder.strip("/") + "/" if folder else ""
                    run_task(cloud, reg, task, files_override={p[len(prefix):]: c for p, c in files.items()
                                                               if p.startswith(prefix)},
                             source_trigger={"branchName": pr.head, "commitId": pr.sha, "eventType": "Pull Request",
                                             "providerType": trig.source_control_type,
                                             "pullRequestId": str(pr.number), "repositoryUrl": trig.repository_url})


def base_image_updated(cloud: Cloud, ref: str, digest: str, skip_run_task: tuple | None = None) -> list[Run]:
    """A base image changed: every task whose last run depended on it runs again (Image Update)."""
    runs: list[Run] = []
    dependents = _dependents(cloud)
    if not dependents:  # no task has recorded a base image yet
        return runs
    registry, repo, tag = catalog.normalize_reference(ref)
    key = f"{registry}/{repo}:{tag}"
    entries = dependents.get(key)
    if not entries:  # no task depends on it (every CI push without base-image triggers)
        return runs
    candidates = []
    for reg_name, task_name in list(entries):
        reg = cloud.registries.get(reg_name)
        task = reg.tasks.get(task_name) if reg is not None else None
        if reg is None or not isinstance(task, Task) or key not in task.dependencies:
            entries.remove((reg_name, task_name))
            continue
        candidates.append((reg, task))
    order = {name: i for i, name in enumerate(cloud.registries)} if len(candidates) > 1 else {}
    candidates.sort(key=lambda rt: (order.get(rt[0].name, 0), list(rt[0].tasks).index(rt[1].name)))
    for reg, task in candidates:  # in registry and task order, as a scan of every registry would find them
        trig = task.base_image_trigger
        if not (_auto(task) and trig and trig.status == "Enabled"):
            continue
        if skip_run_task == (reg.name, task.name):
            continue
        runs.append(run_task(cloud, reg, task, image_update_trigger={
            "id": cloud.ids.guid(), "images": [{"digest": digest, "registry": registry, "repository": repo,
                                               "tag": tag}], "timestamp": iso(cloud.clock.now())}))
    return runs


def _on_push(cloud: Cloud, registry: Registry, repository: str, tag, manifest, **_) -> None:
    if not tag:
        return
    origin = None
    if manifest.built_by_run and manifest.built_by_run in registry.runs:
        origin = (registry.name, registry.runs[manifest.built_by_run].task)
    base_image_updated(cloud, f"{registry.login_server}/{repository}:{tag}", manifest.digest, skip_run_task=origin)


def _fire(cloud: Cloud, when: datetime, timer: TimerTrigger) -> None:
    """One queued occurrence: run the owning task if the timer is still armed for `when`, then re-arm."""
    if timer.next_run != when:
        return  # re-armed (schedule changed) or disarmed since it was queued
    for reg in list(cloud.registries.values()):
        for task in tasks_of(reg):
            if any(t is timer for t in task.timer_triggers):
                # a long advance replays the first and the last occurrences, summarising the ones between
                timer.next_run, skipped = timer_horizon.plan(cloud, timer.schedule, when)
                tasks_timeline.schedule(cloud, "tasks_timers", timer.next_run, timer)
                runs = _auto(task) and timer.status == "Enabled"
                if runs:
                    run_task(cloud, reg, task, timer_trigger={"scheduleOccurrence": iso(when),
                                                              "timerTriggerName": timer.name})
                if runs and skipped:
                    last = croniter(timer.schedule, timer.next_run).get_prev(datetime)
                    first = croniter(timer.schedule, when).get_next(datetime)
                    timer_horizon.record(reg, task.name, timer.name, first, last, skipped)
                return


def install(cloud: Cloud) -> None:
    cloud.on("git_commit", _on_commit)
    cloud.on("git_pull_request", _on_pull_request)
    cloud.on("push", _on_push)
    tasks_timeline.register(cloud, "tasks_timers", _fire)
