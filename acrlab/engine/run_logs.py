"""Stored run logs expire: ACR Tasks keeps the log of every run for 30 days, then deletes it.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-tasks-logs.md ("View
stored logs": by default, logs are retained for 30 days). The run record itself stays (`az acr task list-runs`
still lists it); only its log blob goes. A finished run schedules its log's expiry on the lifecycle timeline
(engine/tasks_timeline.py), so the cost is paid once per run, whatever the history, and memory holds only the logs
of the last 30 days.

What a client sees for an expired log is the front end's business: azure-cli's `az acr task logs` polls the missing
log blob for 30 minutes and gives up with a warning (acr/_stream_utils.py), modelled in shell/az/commands."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from . import tasks_timeline
from .cloud import Cloud

LOG_RETENTION = timedelta(days=30)


@dataclass(frozen=True, slots=True)
class _Expiry:
    registry: str
    run_id: str
    finished: datetime


def expired(run) -> bool:
    """The run's stored log has been deleted by the 30-day retention."""
    return run.log_purged_at is not None


def _on_finished(cloud: Cloud, registry, run, **_) -> None:
    if run.finish_time is not None:
        tasks_timeline.schedule(cloud, "run_logs", run.finish_time + LOG_RETENTION,
                                _Expiry(registry.name.lower(), run.run_id, run.finish_time))


def _fire(cloud: Cloud, when: datetime, item: _Expiry) -> None:
    reg = cloud.registries.get(item.registry)
    run = reg.runs.get(item.run_id) if reg is not None else None
    if run is None or run.finish_time != item.finished or expired(run):
        return  # registry or run gone, or a later run reused the id: nothing to expire
    run.log, run.log_purged_at = "", when


def install(cloud: Cloud) -> None:
    cloud.on("run_finished", _on_finished)
    tasks_timeline.register(cloud, "run_logs", _fire)
