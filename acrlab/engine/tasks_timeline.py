"""The lifecycle timeline: retention deletes, soft-delete purges and task timers fire in time order.

Sources `register()` a fire function once and `schedule()` each job with its due instant and a key
(any object: a pending delete, a timer trigger). `clock.advance` calls one listener that pops due
jobs from a heap (earliest first; ties by source name, then scheduling order), moves the clock to
each due instant (never past the advance target) and fires it. A source checks in `fire` whether
the job is still current (a re-armed timer, a re-tagged manifest), so cancelling is free: stale
entries are dropped when they come up. Cost per job: O(log n); an advance with nothing due: O(1).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from datetime import datetime
from typing import Any

from . import budget
from .cloud import Cloud

Fire = Callable[[Cloud, datetime, Any], None]
MAX_EVENTS_PER_ADVANCE = 1_000_000


def register(cloud: Cloud, name: str, fire: Fire) -> None:
    """Add a source: `fire(cloud, when, key)` runs one job it scheduled."""
    cloud.state.setdefault("timeline_sources", {})[name] = fire


def schedule(cloud: Cloud, name: str, when: datetime, key: Any = None) -> None:
    """Queue one job of source `name` at `when` (fired on the advance that reaches it)."""
    st = cloud.state
    seq = st["timeline_seq"] = st.get("timeline_seq", 0) + 1
    heapq.heappush(st.setdefault("timeline_heap", []), (when, name, seq, key))


def pending(cloud: Cloud, name: str) -> list[tuple[datetime, Any]]:
    """The queued jobs of one source, earliest first (stale entries included)."""
    return [(w, k) for w, n, _, k in sorted(cloud.state.get("timeline_heap", []), key=lambda e: e[:3]) if n == name]


def last_processed(cloud: Cloud) -> datetime:
    """The instant up to which scheduled work has run (timers compute their next run after it)."""
    return cloud.state.get("timeline_last") or cloud.clock.now()


class AdvanceListener:
    """The clock listener: holds its Cloud as an attribute (not a closure), so `copy.deepcopy` of a Cloud gives
    the copy a listener that runs the copy's timeline."""

    __slots__ = ("cloud",)

    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud

    def __call__(self, old: datetime, new: datetime) -> None:
        run_until(self.cloud, new)


def install(cloud: Cloud) -> None:
    cloud.state.setdefault("timeline_sources", {})
    cloud.state.setdefault("timeline_heap", [])
    cloud.state["timeline_last"] = cloud.clock.now()
    cloud.clock.on_advance(AdvanceListener(cloud))


def target(cloud: Cloud) -> datetime | None:
    """The instant the advance in progress goes to (None outside an advance): sources may plan ahead to it."""
    return cloud.state.get("timeline_target")


def run_until(cloud: Cloud, target: datetime) -> int:
    """Fire every job due at or before `target`, earliest first. Returns how many fired."""
    st = cloud.state
    outer_target = st.get("timeline_target")
    st["timeline_target"] = target
    try:
        return _run_until(cloud, target)
    finally:
        st["timeline_target"] = outer_target


def _run_until(cloud: Cloud, target: datetime) -> int:
    st = cloud.state
    heap = st.setdefault("timeline_heap", [])
    sources = st.get("timeline_sources", {})
    fired = 0
    while heap and heap[0][0] <= target and fired < MAX_EVENTS_PER_ADVANCE:
        budget.checkpoint()
        due, name, _, key = heapq.heappop(heap)
        now = cloud.clock.now()
        if due > now:
            cloud.clock.tick((due - now).total_seconds())
        st["timeline_last"] = max(last_processed(cloud), due)
        fire = sources.get(name)
        if fire is not None:
            fire(cloud, due, key)
        fired += 1
    st["timeline_last"] = max(last_processed(cloud), target)
    return fired
