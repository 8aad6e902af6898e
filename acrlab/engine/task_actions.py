"""Task actions that are not resource writes: a task with its secrets (POST .../tasks/{name}/listDetails), authorized
as its action (the upload location for a build context, POST .../listBuildSourceUploadUrl, is a registry action of the
resource manager: engine/schedule_run.py)."""

from __future__ import annotations

from .cloud import Cloud
from .errors import ArmResourceNotFound
from .registry import Registry
from .tenant import Principal

CR = "Microsoft.ContainerRegistry/registries"


def task_details(cloud: Cloud, caller: Principal, reg: Registry, name: str) -> dict:
    """The task as listDetails returns it: like GET, with the secure step and trigger properties."""
    task = reg.tasks.get(name)
    if task is None:
        raise ArmResourceNotFound(f"{CR}/{reg.name}/tasks/{name}", reg.resource_group)
    cloud.require(caller, f"{CR}/tasks/listDetails/action", task.id)
    return task.to_json()


def delete_task(cloud: Cloud, caller: Principal, reg: Registry, name: str) -> None:
    """DELETE .../tasks/{name}: its timers stop with it (they look the task up when they fire)."""
    task = reg.tasks.get(name)
    if task is None:
        return  # ARM answers 204 No Content for a task that is not there
    cloud.require(caller, f"{CR}/tasks/delete", task.id)
    del reg.tasks[name]
