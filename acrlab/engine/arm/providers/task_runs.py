"""Microsoft.ContainerRegistry/registries/taskRuns: PUT (validates the run request whole, then starts the run), GET,
list, DELETE, and POST listDetails. The request types and the run live in engine/task_runs.py."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ... import names
from ... import task_runs as tr
from ...errors import ArmError
from ...tasks_identity import task_run_identity
from ..manager import Plan, register
from ..request import ResourceId
from .children import RegistryChild, child_location
from .registries import by_type

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...tenant import Principal


class TaskRunProvider(RegistryChild):
    type = tr.TYPE
    actions = {"listDetails": "listDetails/action"}

    def find(self, cloud: Cloud, rid: ResourceId) -> tr.TaskRun | None:
        reg = self.registry(cloud, rid)
        return tr.task_runs(reg).get(rid.name.lower()) if reg is not None else None

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[tr.TaskRun]:
        reg = self.registry(cloud, rid)
        return sorted(tr.task_runs(reg).values(), key=lambda t: t.created) if reg is not None else []

    def to_arm(self, resource: tr.TaskRun) -> dict:
        return resource.to_arm()

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: Any,
            existing: tr.TaskRun | None) -> Plan:
        reg = self.parent_of(cloud, rid)
        names.check("tasks", rid.name)  # the service names task runs by the tasks' rule
        body = body if isinstance(body, dict) else {}
        props = body.get("properties") if isinstance(body.get("properties"), dict) else {}
        request = tr.normalize(props.get("runRequest"))
        if request["type"] == "TaskRunRequest":
            task = tr.find_task(reg, request)
            if task.is_system_task or not task.step:
                raise ArmError("OperationNotAllowed", detail=f"The task '{task.name}' is a system task: it has no "
                                                             "step to run.")
        tr.check_agent_pool(reg, request)
        from ...schedule_run import refuse_dual_stack

        refuse_dual_stack(reg)
        location = child_location(body.get("location"), reg, self.type)
        tag = props.get("forceUpdateTag")
        if (existing is not None and existing.run_request == request and existing.force_update_tag == tag
                and existing.provisioning_state != "Failed"):
            return Plan(resource=existing, status=200)  # nothing changed: the service starts no new run
        identity = task_run_identity(cloud, f"{reg.id}/taskRuns/{rid.name}", body.get("identity"))
        new = tr.TaskRun(name=existing.name if existing else rid.name, registry_id=reg.id, location=location,
                         identity=identity,
                         run_request=request, force_update_tag=tag,
                         created=existing.created if existing else cloud.clock.now(),
                         created_by=existing.created_by if existing else caller.sign_in_name,
                         created_by_type=existing.created_by_type if existing else by_type(caller))

        def commit() -> None:
            tr.store(reg, new)

        def run() -> None:
            new.run = tr.start(cloud, reg, new.name, request, identity)
        return Plan(resource=new, commit=commit, status=200 if existing else 201, after=[run])

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: tr.TaskRun) -> Plan:
        reg = self.parent_of(cloud, rid)
        return Plan(resource=existing, commit=lambda: tr.remove(reg, existing.name), status=200)

    def post(self, cloud: Cloud, caller: Principal, rid: ResourceId, action: str, body: dict | None,
             existing: tr.TaskRun) -> Plan:
        return Plan(resource=existing, body=existing.to_arm())


PROVIDER = register(TaskRunProvider())
