"""The lifecycle timeline: retention deletes, soft-delete purges and task timers fire in time order.

`clock.advance` calls one listener; it asks every registered source for its earliest pending
instant, moves the clock to that instant (never past the advance target) and fires it, until
nothing is due. Sources keep their own pending state, so a job fires once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from .cloud import Cloud

NextDue = Callable[[Cloud], datetime | None]
Fire = Callable[[Cloud, datetime], None]
MAX_EVENTS_PER_ADVANCE = 1_000_000


def register(cloud: Cloud, name: str, next_due: NextDue, fire: Fire) -> None:
    """Add a source: `next_due(cloud)` is its earliest pending instant; `fire(cloud, when)` runs it."""
    cloud.state.setdefault("timeline_sources", {})[name] = (next_due, fire)


def last_processed(cloud: Cloud) -> datetime:
    """The instant up to which scheduled work has run (timers compute their next run after it)."""
    return cloud.state.get("timeline_last") or cloud.clock.now()


def install(cloud: Cloud) -> None:
    cloud.state.setdefault("timeline_sources", {})
    cloud.state["timeline_last"] = cloud.clock.now()
    cloud.clock.on_advance(lambda old, new: run_until(cloud, new))


def run_until(cloud: Cloud, target: datetime) -> int:
    """Fire every job due at or before `target`, earliest first. Returns how many fired."""
    fired = 0
    while fired < MAX_EVENTS_PER_ADVANCE:
        best = None
        for name, (next_due, fire) in sorted(cloud.state.get("timeline_sources", {}).items()):
            due = next_due(cloud)
            if due is not None and due <= target and (best is None or due < best[0]):
                best = (due, fire)
        if best is None:
            break
        due, fire = best
        now = cloud.clock.now()
        if due > now:
            cloud.clock.tick((due - now).total_seconds())
        cloud.state["timeline_last"] = max(last_processed(cloud), due)
        fire(cloud, due)
        fired += 1
    cloud.state["timeline_last"] = max(last_processed(cloud), target)
    return fired
