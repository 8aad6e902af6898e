"""How a Tasks_Update (PATCH) body merges into a task (azure-rest-api-specs containerregistry_build.json
TaskUpdateParameters): objects merge key by key, the triggers of a list merge by `name` (a new name is added),
any other list or value given replaces the old one. What the task keeps that its GET body does not show (source
trigger tokens, custom registry secrets) and its armed timers carry over."""

from __future__ import annotations

from typing import Any

from ... import tasks as eng
from ...tasks_identity import request_credentials

NAMED_LISTS = ("sourceTriggers", "timerTriggers")


def merge(base: Any, patch: Any, key: str = "") -> Any:
    if isinstance(base, dict) and isinstance(patch, dict):
        out = dict(base)
        for k, v in patch.items():
            out[k] = merge(base.get(k), v, k)
        return out
    if key in NAMED_LISTS and isinstance(base, list) and isinstance(patch, list):
        out_list = list(base)
        for item in patch:
            name = item.get("name") if isinstance(item, dict) else None
            at = next((i for i, b in enumerate(out_list) if isinstance(b, dict) and name and b.get("name") == name),
                      None)
            if at is None:
                out_list.append(item)
            else:
                out_list[at] = merge(out_list[at], item)
        return out_list
    return patch


def carry_over(task: eng.Task, existing: eng.Task, patch: dict) -> None:
    """PATCH: source trigger tokens the patch does not replace, and the custom registry credentials it does not name
    (the GET body the patch merged into shows neither secret)."""
    tokens = {t.name: t.token for t in existing.source_triggers}
    for t in task.source_triggers:
        if t.token is None:
            t.token = tokens.get(t.name)
    props: dict = patch["properties"] if isinstance(patch.get("properties"), dict) else {}
    task.custom_registries = {**existing.custom_registries, **request_credentials(props)}


def keep_armed(task: eng.Task, existing: eng.Task | None) -> None:
    """A timer that is unchanged keeps its queued next run; a new or changed one is armed on commit."""
    old = {(t.name, t.schedule, t.status): t for t in (existing.timer_triggers if existing is not None else [])}
    task.timer_triggers = [old.get((t.name, t.schedule, t.status), t) for t in task.timer_triggers]
