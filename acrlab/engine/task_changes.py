"""Changes to one part of a task, as `az acr task identity|credential|timer` make them (azure-cli acr/task.py: each a
Tasks_Update of that part, or a read of it). Each function finds the task, authorizes the caller on it inside the
engine (tasks/read to read, tasks/write to change), runs the front end's own client-side `check` on the task, then
applies the change with the task family's rules (engine/tasks_identity.py, timers armed on the timeline)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from . import tasks as eng
from . import tasks_identity
from .errors import ArmResourceNotFound

if TYPE_CHECKING:
    from .cloud import Cloud
    from .registry import Registry
    from .tenant import Principal

CR = "Microsoft.ContainerRegistry/registries"
Check = Callable[[eng.Task], None] | None


def _task(cloud: Cloud, caller: Principal, reg: Registry, name: str, verb: str, check: Check = None) -> eng.Task:
    task = reg.tasks.get(name)
    if not isinstance(task, eng.Task):
        raise ArmResourceNotFound(f"{CR}/{reg.name}/tasks/{name}", reg.resource_group)
    cloud.require(caller, f"{CR}/tasks/{verb}", task.id)
    if check is not None:
        check(task)
    return task


def read(cloud: Cloud, caller: Principal, reg: Registry, name: str) -> eng.Task:
    """The task, for a caller allowed to read it (identity show, credential list, timer list)."""
    return _task(cloud, caller, reg, name, "read")


def assign_identity(cloud: Cloud, caller: Principal, reg: Registry, name: str, identities: list[str] | None,
                    check: Check = None) -> eng.Task:
    task = _task(cloud, caller, reg, name, "write", check)
    tasks_identity.assign(cloud, task, identities)
    return task


def remove_identity(cloud: Cloud, caller: Principal, reg: Registry, name: str, identities: list[str] | None,
                    check: Check = None) -> eng.Task:
    task = _task(cloud, caller, reg, name, "write", check)
    tasks_identity.remove(cloud, task, identities)
    return task


def set_credential(cloud: Cloud, caller: Principal, reg: Registry, name: str, login_server: str,
                   username: str | None, password: str | None, use_identity: str | None,
                   check: Check = None) -> dict:
    task = _task(cloud, caller, reg, name, "write", check)
    return tasks_identity.set_credential(task, login_server, username, password, use_identity)


def remove_credential(cloud: Cloud, caller: Principal, reg: Registry, name: str, login_server: str) -> dict:
    task = _task(cloud, caller, reg, name, "write")
    return tasks_identity.remove_credential(task, login_server)


def add_timer(cloud: Cloud, caller: Principal, reg: Registry, name: str, timer: str, schedule: str,
              enabled: bool) -> eng.Task:
    """A timer added, or replaced when its name exists (the service merges timers by name); the service lists an
    added timer first (docs container-registry-tasks-scheduled.md: timer2, then t1)."""
    task = _task(cloud, caller, reg, name, "write")
    eng.validate_cron(schedule)
    status = "Enabled" if enabled else "Disabled"
    t = next((t for t in task.timer_triggers if t.name == timer), None)
    if t is None:
        t = eng.TimerTrigger(name=timer, schedule=schedule, status=status)
        task.timer_triggers.insert(0, t)
    else:
        t.schedule, t.status = schedule, status
    eng.arm_timer(cloud, t)
    return task


def update_timer(cloud: Cloud, caller: Principal, reg: Registry, name: str, timer: str, schedule: str | None,
                 enabled: bool | None, check: Check = None) -> eng.Task:
    task = _task(cloud, caller, reg, name, "write", check)
    t = next(t for t in task.timer_triggers if t.name == timer)
    if schedule:
        eng.validate_cron(schedule)
        t.schedule = schedule
    if enabled is not None:
        t.status = "Enabled" if enabled else "Disabled"
    eng.arm_timer(cloud, t)
    return task


def remove_timer(cloud: Cloud, caller: Principal, reg: Registry, name: str, timer: str,
                 check: Check = None) -> eng.Task:
    task = _task(cloud, caller, reg, name, "write", check)
    task.timer_triggers = [t for t in task.timer_triggers if t.name != timer]
    return task
