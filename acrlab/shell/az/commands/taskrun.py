"""az acr taskrun show|list|delete|logs (preview): task runs, the runs templates start (azure-cli acr/taskrun.py).
A task run is created by deploying a registries/taskRuns resource; `logs` streams the log of the run it started."""

from __future__ import annotations

from ....engine.arm import send
from ....engine.errors import CliError
from ..framework import Arg, command, group
from ..output import get_value
from .acr import RG_OPT, load_registry, registry_arg, rows_of
from .task import _dt, _duration
from .task_runs import log_link, print_log

group("acr taskrun", "Manage taskruns using Azure Container Registries.")

REG = registry_arg(options="--registry -r")
NAME = Arg("taskrun_name", "--name -n", "The name of the taskrun.", required=True)


def taskrun_table(result):
    """azure-cli acr/_format.py _taskrun_format_group."""
    out = []
    for r in rows_of(result):
        run = (r or {}).get("runResult") or {}
        out.append({"NAME": get_value(r, "name"), "RUN ID": get_value(run, "runId"), "TASK": get_value(run, "task"),
                    "PLATFORM": get_value(run, "platform", "os"), "STATUS": get_value(run, "status"),
                    "STARTED": _dt(get_value(run, "startTime").strip() or None), "DURATION": _duration(run)})
    return out


def _rid(reg, name: str) -> str:
    return f"{reg.id}/taskRuns/{name}"


@command("acr taskrun show", "Get the properties of a named taskrun for an Azure Container Registry.",
         [NAME, REG, RG_OPT], examples=[("Get the details of a taskrun, displaying the results in a table.",
                                         "az acr taskrun show -r MyRegistry -n MyTaskRun -o table")],
         table=taskrun_table, preview=True)
def taskrun_show(ctx, a):
    reg = load_registry(ctx, a)
    return send(ctx.cloud, ctx.principal, "GET", _rid(reg, a.taskrun_name)).resource.to_json()


@command("acr taskrun list", "List the taskruns for an Azure Container Registry.", [REG, RG_OPT],
         examples=[("List taskruns and show the results in a table.", "az acr taskrun list -r MyRegistry -g MyResourceGroup -o table")],
         table=taskrun_table, preview=True)
def taskrun_list(ctx, a):
    reg = load_registry(ctx, a)
    return [t.to_json() for t in send(ctx.cloud, ctx.principal, "GET", f"{reg.id}/taskRuns").resources]


@command("acr taskrun delete", "Delete a taskrun from an Azure Container Registry.", [
    NAME, REG, RG_OPT, Arg("yes", "--yes -y", "Do not prompt for confirmation.", kind="flag"),
], examples=[("Delete a taskrun from an Azure Container Registry.", "az acr taskrun delete -r MyRegistry -n "
                                                                     "MyTaskRun -g MyResourceGroup")],
    table=taskrun_table, preview=True)
def taskrun_delete(ctx, a):
    reg = load_registry(ctx, a)
    # acr/taskrun.py acr_taskrun_delete: user_confirmation("Are you sure you want to delete the taskrun '<name>' ")
    ctx.confirm(f"Are you sure you want to delete the taskrun '{a.taskrun_name}' ")
    send(ctx.cloud, ctx.principal, "DELETE", _rid(reg, a.taskrun_name))
    return None


@command("acr taskrun logs", "Show run logs for a particular taskrun.", [
    NAME, REG, RG_OPT,
    Arg("no_format", "--no-format", "Indicates whether the logs should be displayed in raw format.", kind="flag"),
],
         examples=[("Show run logs for a particular taskrun.", "az acr taskrun logs -r MyRegistry -n MyTaskRun")], preview=True)
def taskrun_logs(ctx, a):
    reg = load_registry(ctx, a)
    task_run = send(ctx.cloud, ctx.principal, "GET", _rid(reg, a.taskrun_name)).resource
    if task_run.run is None:  # acr/taskrun.py acr_taskrun_logs: runResult.runId, then that run's log
        raise CliError(f"The taskrun '{a.taskrun_name}' has no run yet.")
    print_log(ctx, log_link(ctx, reg, task_run.run.run_id))
    return None
