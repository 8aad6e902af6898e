"""Task actions that are not resource writes: a task with its secrets (POST .../tasks/{name}/listDetails) and an
upload location for a build context (POST .../listBuildSourceUploadUrl), each authorized as its action."""

from __future__ import annotations

from datetime import timedelta

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


def build_source_upload_url(cloud: Cloud, caller: Principal, reg: Registry) -> dict:
    """A SourceUploadDefinition: a blob path under source/<date>0000/ and a SAS URL to PUT the tar.gz to."""
    cloud.require(caller, f"{CR}/listBuildSourceUploadUrl/action", reg.id)
    day = cloud.clock.now().strftime("%Y%m%d")
    path = f"source/{day}0000/{cloud.ids.guid()}.tar.gz"
    account = f"acrtaskprod{reg.location[:3]}{cloud.ids.randint(10, 99):03d}"
    container = f"container-{cloud.ids.hex(32)}"
    expiry = (cloud.clock.now() + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    sas = f"sv=2021-08-06&se={expiry}&sr=b&sp=cw&sig={cloud.ids.hex(44)}"
    return {"relativePath": path, "uploadUrl": f"https://{account}.blob.core.windows.net/{container}/{path}?{sas}"}


def delete_task(cloud: Cloud, caller: Principal, reg: Registry, name: str) -> None:
    """DELETE .../tasks/{name}: its timers stop with it (they look the task up when they fire)."""
    task = reg.tasks.get(name)
    if task is None:
        return  # ARM answers 204 No Content for a task that is not there
    cloud.require(caller, f"{CR}/tasks/delete", task.id)
    del reg.tasks[name]
