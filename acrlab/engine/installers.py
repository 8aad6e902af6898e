"""Which engine modules `install(cloud)` what, so that `Cloud()` imports none of them until they are needed.

An engine module may define `install(cloud)` to subscribe to events (`cloud.on`), add a hook to a list in
`cloud.state` (`authorize_hooks`, `network_checks`, ...) or register a timeline source
(`tasks_timeline.register`). `LAZY` says, for each such module, which slots its install fills:
"event:<name>", "hook:<state key>", "timeline:<source>". `Cloud()` puts a `Pending` placeholder for the
module in each slot, where the module's own entry would be had every install run at once in module-name order.
The first time anything calls a placeholder (the event is emitted, the hook list is walked, a job of the
source fires), the module is imported and installed, its entries replace its placeholders in place, and the
call goes on to the real entry: same entries, same order, same behaviour, paid for only by what a lab uses.

A lazy install must fill exactly one entry in each slot it names and change nothing else; a module whose install
does more (`tasks_timeline` reads the clock and listens to it) is in `EAGER` and installs in `Cloud()`.
tests/test_lazy_tables.py runs every install and checks both tables: a new `install` must be listed here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .cloud import Cloud

LAZY: dict[str, tuple[str, ...]] = {
    "abac": ("hook:authorize_hooks",),
    "artifact_cache": ("hook:pull_miss_hooks",),
    "artifact_streaming": ("event:push", "timeline:artifact_streaming"),
    "defender": ("event:push", "event:import"),
    "entra_groups": ("event:principal_deleted", "hook:authorize_hooks"),
    "eventgrid": ("event:registry_deleted", "event:push", "event:delete", "event:delete_repository"),
    "identity": ("event:group_deleting", "hook:authenticate_hooks"),
    "locks": ("hook:require_hooks",),
    "network": ("hook:network_checks",),
    "oci": ("event:delete",),
    "policy": ("hook:request_checks",),
    "replication": ("event:pull", "event:registry_created", "event:registry_updated"),
    "retention": ("event:untagged", "timeline:retention"),
    "run_logs": ("event:run_finished", "timeline:run_logs"),
    "softdelete": ("event:delete", "event:untag", "event:delete_repository", "event:push", "timeline:softdelete"),
    "tasks": ("event:git_commit", "event:git_pull_request", "event:push", "timeline:tasks_timers"),
    "tasks_access": ("hook:data_decision_hooks", "hook:credential_valid_hooks"),
    "throttling": ("event:request",),
    "transfer": ("event:blob_written",),
    "tokens": ("hook:authenticate_hooks", "hook:credential_valid_hooks", "hook:data_decision_hooks",
               "event:registry_created"),
    "webhooks": ("event:push", "event:delete", "event:delete_repository"),
}
"""module -> the slots its install(cloud) fills, each with one entry."""

EAGER: tuple[str, ...] = ("tasks_timeline",)
"""Modules installed by Cloud() itself."""


class Pending:
    """Stands in a slot for a module not installed yet; calling it installs the module and calls its entry."""

    def __init__(self, module: str, slot: str) -> None:
        self.module = module
        self.slot = slot

    def __call__(self, cloud: Cloud, *args: Any, **kwargs: Any) -> Any:
        return resolve(cloud, self.module)[self.slot](cloud, *args, **kwargs)

    def __repr__(self) -> str:
        return f"Pending({self.module!r}, {self.slot!r})"


def _slot(cloud: Cloud, slot: str, create: bool = False):
    kind, name = slot.split(":", 1)
    if kind == "event":
        return cloud._listeners[name] if create else cloud._listeners.get(name)
    if kind == "hook":
        return cloud.state.setdefault(name, []) if create else cloud.state.get(name)
    return cloud.state.setdefault("timeline_sources", {}) if create else cloud.state.get("timeline_sources")


def prepare(cloud: Cloud) -> None:
    """Called by Cloud(): placeholders for every lazy module, eager installs, in module-name order."""
    cloud._installed = {}
    for module in sorted([*LAZY, *EAGER]):
        if module in EAGER:
            importlib.import_module(f"{__package__}.{module}").install(cloud)
            cloud._installed[module] = {}
            continue
        for slot in LAZY[module]:
            where = _slot(cloud, slot, create=True)
            if isinstance(where, dict):
                where[slot.split(":", 1)[1]] = Pending(module, slot)
            else:
                where.append(Pending(module, slot))


def resolve(cloud: Cloud, module: str) -> dict[str, Callable]:
    """Install `module` on `cloud` (once): its entries take its placeholders' places. Returns slot -> entry."""
    done = cloud._installed.get(module)
    if done is not None:
        return done
    marks: dict[str, tuple[Any, Any, int]] = {}
    for slot in LAZY[module]:
        where = _slot(cloud, slot)
        if isinstance(where, dict):
            marks[slot] = (where, slot.split(":", 1)[1], 0)
        else:
            index = next((i for i, e in enumerate(where) if isinstance(e, Pending) and e.module == module), None)
            marks[slot] = (where, index, len(where))
    importlib.import_module(f"{__package__}.{module}").install(cloud)
    entries: dict[str, Callable] = {}
    for slot, (where, at, length) in marks.items():
        added = [where[at]] if isinstance(where, dict) else where[length:]
        if len(added) != 1 or isinstance(added[0], Pending):
            raise RuntimeError(f"{module}.install filled {slot} {len(added)} times; installers.LAZY expects once")
        entries[slot] = added[0]
        if not isinstance(where, dict) and at is not None:
            del where[length:]
            where[at] = added[0]
    cloud._installed[module] = entries
    return entries


def resolve_all(cloud: Cloud) -> None:
    """Install every lazy module now (tests compare the result with installing everything at once)."""
    for module in sorted(LAZY):
        resolve(cloud, module)
