"""Microsoft.ContainerRegistry/registries/runs: the runs ACR Tasks queued (REST API containerregistry_build.json
Runs_Get, Runs_List, Runs_Update (isArchiveEnabled), Runs_Cancel, Runs_GetLogSasUrl), as `az acr task show-run|
list-runs|update-run|cancel-run|logs` send them. Runs are created by scheduleRun, task triggers and task runs, never
by a PUT. The log a listLogSasUrl answer points at is the run's stored log (engine/run_logs.py keeps it 30 days)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ...errors import ArmError
from ..manager import Plan, register
from .children import RegistryChild
from .registry_body import Body

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...tasks_runs import Run
    from ...tenant import Principal
    from ..request import ResourceId

CR = "Microsoft.ContainerRegistry/registries"
ACTIVE = ("Queued", "Started", "Running")


class RunUpdateParameters(Body):
    is_archive_enabled: bool | None = None


class RunProvider(RegistryChild):
    type = f"{CR}/runs"
    store = "runs"
    patch_model = RunUpdateParameters
    actions = {"cancel": "cancel/action", "listLogSasUrl": "listLogSasUrl/action"}

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[Run]:
        """Newest first, as the service lists runs."""
        reg = self.registry(cloud, rid)
        runs = list(reg.runs.values()) if reg is not None else []
        return sorted(runs, key=lambda r: (r.create_time, len(r.run_id), r.run_id), reverse=True)

    def query(self, cloud: Cloud, rid: ResourceId, filter: str | None) -> list[Run]:
        """Runs_List's $filter as azure-cli writes it (acr/task.py _add_run_filter: `TaskName eq 'x'`, `Status eq
        'Succeeded'`, `contains(OutputImageManifests, 'repo@sha256:...')`, joined by `and`)."""
        runs = self.listing(cloud, rid)
        whole = (filter or "").strip()
        for clause in re.split(r"\s+and\s+", whole) if whole else []:
            runs = [r for r in runs if _matches(r, clause, whole)]
        return runs

    def read_scope(self, resource: Run) -> str:
        return resource.id.rsplit("/runs/", 1)[0]  # one decision per registry, however many runs it has

    def to_arm(self, resource: Run) -> dict:
        from ...schedule_run import run_body
        return run_body(resource)

    def patch(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: Any, existing: Run) -> Plan:
        update: RunUpdateParameters = body
        plan = Plan(resource=existing)
        if update.is_archive_enabled is not None:
            plan.commit = lambda: setattr(existing, "is_archive_enabled", update.is_archive_enabled)
        return plan

    def post(self, cloud: Cloud, caller: Principal, rid: ResourceId, action: str, body: dict | None,
             existing: Run) -> Plan:
        if action == "cancel":
            plan = Plan(resource=existing, status=200)
            if existing.status in ACTIVE:
                plan.commit = lambda: setattr(existing, "status", "Canceled")
            return plan
        from ... import run_log_blobs
        reg = self.parent_of(cloud, rid)
        url, link, key = run_log_blobs.issue(cloud, existing, reg.location)
        return Plan(resource=existing, body={"logLink": url},
                    commit=lambda: run_log_blobs.keep(cloud, key, link))



FIELDS = {"taskname": lambda r: r.task, "status": lambda r: r.status, "runid": lambda r: r.run_id,
          "runtype": lambda r: r.run_type}


def _matches(run: Run, clause: str, whole: str) -> bool:
    eq = re.fullmatch(r"(\w+)\s+eq\s+'([^']*)'", clause.strip())
    if eq and eq.group(1).lower() in FIELDS:
        return (FIELDS[eq.group(1).lower()](run) or "") == eq.group(2)
    has = re.fullmatch(r"contains\(\s*OutputImageManifests\s*,\s*'([^']*)'\s*\)", clause.strip(), re.IGNORECASE)
    if has:
        return any(has.group(1) in (f"{o['repository']}:{o.get('tag')}", f"{o['repository']}@{o.get('digest')}")
                   for o in run.output_images)
    raise ArmError("InvalidRequestContent", message=f"The $filter '{whole}' is not supported for resource type "
                                                    f"'{CR}/runs'.")


PROVIDER = register(RunProvider())
