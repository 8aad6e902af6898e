"""az acr task list-runs|show-run|cancel-run|update-run|logs and az acr task timer add|update|remove|list."""

from __future__ import annotations

from ....engine import task_changes
from ....engine.arm import send
from ....engine.errors import CliError
from ..framework import Arg, command
from .acr import RG_OPT, load_registry
from .task import NAME, REG, run_table, task_table


@command("acr task list-runs", "List all of the executed runs for an Azure Container Registry, with the ability to "
         "filter by a specific Task.", [
    REG, RG_OPT, Arg("task_name", "--name -n", "The name of the task."),
    Arg("top", "--top", "Limit the number of latest runs in the results.", kind="int", default=15),
    Arg("run_status", "--run-status", "The current status of run.",
        choices=["Canceled", "Error", "Failed", "Queued", "Running", "Started", "Succeeded", "Timeout"]),
    Arg("image", "--image", "The identifier of the image built by the run, e.g. 'hello-world:v1'."),
], examples=[("List all of the runs for a registry and show the results in a table.",
              "az acr task list-runs -r MyRegistry -o table"),
             ("List runs for a task and show the results in a table.",
              "az acr task list-runs -r MyRegistry -n MyTask -o table"),
             ("List the last 10 successful runs for a registry and show the results in a table.",
              "az acr task list-runs -r MyRegistry --run-status Succeeded --top 10 -o table"),
             ("List all of the runs that built the image 'hello-world' for a registry and show the results in a "
              "table.", "az acr task list-runs -r MyRegistry --image hello-world -o table")], table=run_table)
def task_list_runs(ctx, a):
    runs = _runs(ctx, load_registry(ctx, a), task=a.task_name, status=a.run_status)
    if a.image:
        repo, _, tag = a.image.partition(":")
        runs = [r for r in runs if any(o["repository"] == repo and (not tag or o["tag"] == tag)
                                       for o in r.output_images)]
    return [r.to_json() for r in runs[: a.top]]


def _runs(ctx, reg, task: str | None = None, status: str | None = None) -> list:
    """GET registries/{name}/runs, newest first, with az's $filter (acr/task.py _add_run_filter); `--image` is
    matched here by repository and tag."""
    clauses = [f"{k} eq '{v}'" for k, v in (("TaskName", task), ("Status", status)) if v]
    return send(ctx.cloud, ctx.principal, "GET", f"{reg.id}/runs", filter=" and ".join(clauses) or None).resources


def _run(ctx, reg, run_id: str, method: str = "GET", body: dict | None = None, action: str | None = None):
    return send(ctx.cloud, ctx.principal, method, f"{reg.id}/runs/{run_id}", body, action=action).resource


def log_link(ctx, reg, run_id: str) -> str:
    """Runs_GetLogSasUrl: the read SAS of the run's log blob."""
    return send(ctx.cloud, ctx.principal, "POST", f"{reg.id}/runs/{run_id}", action="listLogSasUrl").body["logLink"]


RUN_ID = Arg("run_id", "--run-id", "The unique run identifier.", required=True)


@command("acr task show-run", "Get the properties of a specified run of an Azure Container Registry Task.",
         [RUN_ID, REG, RG_OPT], examples=[("Get the details of a run, displaying the results in a table.",
                                           "az acr task show-run -r MyRegistry --run-id runId -o table")],
         table=run_table)
def task_show_run(ctx, a):
    return _run(ctx, load_registry(ctx, a), a.run_id).to_json()


@command("acr task cancel-run", "Cancel a specified run of an Azure Container Registry.", [RUN_ID, REG, RG_OPT],
         examples=[("Cancel a run", "az acr task cancel-run -r MyRegistry --run-id runId")])
def task_cancel_run(ctx, a):
    _run(ctx, load_registry(ctx, a), a.run_id, "POST", action="cancel")
    return None


@command("acr task update-run", "Patch the run properties.", [
    RUN_ID, REG, RG_OPT,
    Arg("no_archive", "--no-archive", "Indicates whether the run should be archived.", kind="bool"),
], examples=[("Update an existing run to be archived.",
              "az acr task update-run -r MyRegistry --run-id runId --no-archive false")], table=run_table)
def task_update_run(ctx, a):
    body = {"isArchiveEnabled": not a.no_archive} if a.no_archive is not None else {}
    return _run(ctx, load_registry(ctx, a), a.run_id, "PATCH", body).to_json()


@command("acr task logs", "Show logs for a particular run. If no run-id is supplied, show logs for the last "
         "created run.", [
    REG, RG_OPT, Arg("task_name", "--name -n", "The name of the task."),
    Arg("run_id", "--run-id", "The unique run identifier."),
    Arg("image", "--image -t", "The identifier of the image built by the run, e.g. 'hello-world:v1'."),
    Arg("no_format", "--no-format", "Indicates whether the logs should be displayed in raw format.", kind="flag"),
], examples=[("Show logs for the last created run in the registry.", "az acr task logs -r MyRegistry"),
             ("Show logs for the last created run in the registry, filtered by task.",
              "az acr task logs -r MyRegistry -n MyTask"),
             ("Show logs for a particular run.", "az acr task logs -r MyRegistry --run-id runId"),
             ("Show logs for the last created run in the registry that built the image 'hello-world'.",
              "az acr task logs -r MyRegistry --image hello-world")])
def task_logs(ctx, a):
    reg = load_registry(ctx, a)
    if a.run_id:
        link = log_link(ctx, reg, a.run_id)
    else:
        runs = _runs(ctx, reg, task=a.task_name)
        if a.image:
            repo, _, tag = a.image.partition(":")
            runs = [r for r in runs if any(o["repository"] == repo and (not tag or o["tag"] == tag)
                                           for o in r.output_images)]
        if not runs:
            raise CliError("No runs found." if not a.task_name else f"No runs found for task '{a.task_name}'.")
        link = log_link(ctx, reg, runs[0].run_id)
        ctx.io.out("Showing logs of the last created run.")
        ctx.io.out(f"Run ID: {runs[0].run_id}\n")
    print_log(ctx, link)
    return None


def az_gives_up_after() -> int:
    """Seconds azure-cli polls a run's missing log blob before it stops (acr/_stream_utils.py _stream_logs: sleeps of
    1 s, doubling every third miss up to 15 s, each plus a random 1-2 s (its midpoint here), until the sum passes
    DEFAULT_LOG_TIMEOUT_IN_SEC = 1800)."""
    waited, sleep, fails = 0.0, 1, 0
    while waited <= 1800:
        fails += 1
        if fails >= 3:
            fails, sleep = 0, min(sleep * 2, 15)
        waited += sleep + 1.5
    return int(waited)


def print_log(ctx, link: str) -> None:
    """The run's log, read from its log blob as acr/_stream_utils.py does; once the 30-day log retention deleted it
    (engine/run_logs.py) the blob is not there: az polls for half an hour and gives up with a warning, exit 0."""
    from ....engine import web
    answer = web.request(ctx.cloud, "GET", link)
    if answer.status == 200:
        ctx.io.out(answer.text, end="")
        return
    waited = az_gives_up_after()
    ctx.cloud.clock.tick(waited)
    ctx.warn(f"Failed to find any new logs in {waited} seconds. Client will stop polling for additional logs.")


# -- timers ----------------------------------------------------------------------------------------
TIMER_NAME = Arg("timer_name", "--timer-name", "The name of the timer trigger.", required=True)


def _timers(task):
    return [t.to_json() for t in task.timer_triggers]


@command("acr task timer add", "Add a timer trigger to a task.", [
    NAME, REG, RG_OPT, TIMER_NAME,
    Arg("timer_schedule", "--schedule", "The schedule of the timer trigger represented as a cron expression.",
        required=True),
    Arg("enabled", "--enabled", "Indicates whether the timer trigger is enabled.", kind="bool", default=True),
], examples=[("Add a timer trigger which schedules the task at 09:30 (UTC) every day of the week from Monday "
               "through Friday.", "az acr task timer add -n taskname -r registryname --timer-name t2 --schedule "
               "\"30 9 * * 1-5\"")],
    table=task_table)
def timer_add(ctx, a):
    # acr/task.py acr_task_timer_add PATCHes TimerTriggerUpdateParameters(name=...), the same body timer update
    # sends: the service merges timers by name, so adding an existing name replaces its schedule and status.
    return task_changes.add_timer(ctx.cloud, ctx.principal, load_registry(ctx, a), a.task_name, a.timer_name,
                                  a.timer_schedule, a.enabled).to_json()


@command("acr task timer update", "Update the timer trigger for a task.", [
    NAME, REG, RG_OPT, TIMER_NAME,
    Arg("timer_schedule", "--schedule", "The schedule of the timer trigger represented as a cron expression."),
    Arg("enabled", "--enabled", "Indicates whether the timer trigger is enabled.", kind="bool"),
], examples=[("Update the schedule of a timer trigger for a task.",
               "az acr task timer update -n taskname -r registryname --timer-name t2 --schedule \"0 12 * * *\""),
              ("Update the status of a timer trigger for a task.",
               "az acr task timer update -n taskname -r registryname --timer-name t2 --enabled False")],
    table=task_table)
def timer_update(ctx, a):
    return task_changes.update_timer(ctx.cloud, ctx.principal, load_registry(ctx, a), a.task_name, a.timer_name,
                                     a.timer_schedule, a.enabled, check=_timer_exists(a.timer_name)).to_json()


def _timer_exists(name: str):
    """acr/_utils.py remove_timer_trigger's checks (timer update says the same)."""
    def check(task) -> None:
        if not task.timer_triggers:
            raise CliError(f"No timer triggers exist for the task '{task.name}'.")
        if not any(t.name == name for t in task.timer_triggers):
            raise CliError(f"The timer '{name}' does not exist for the task '{task.name}'.")
    return check


@command("acr task timer remove", "Remove a timer trigger from a task.", [NAME, REG, RG_OPT, TIMER_NAME],
         examples=[("Remove a timer trigger from a task.",
                    "az acr task timer remove -n taskname -r registryname --timer-name t2")], table=task_table)
def timer_remove(ctx, a):
    return task_changes.remove_timer(ctx.cloud, ctx.principal, load_registry(ctx, a), a.task_name, a.timer_name,
                                     check=_timer_exists(a.timer_name)).to_json()


@command("acr task timer list", "List all timer triggers for a task.", [NAME, REG, RG_OPT],
         examples=[("List all timer triggers for a task.", "az acr task timer list -n taskname -r registryname")],
         table=task_table)
def timer_list(ctx, a):
    task = task_changes.read(ctx.cloud, ctx.principal, load_registry(ctx, a), a.task_name)
    return _timers(task) if task.timer_triggers else {}
