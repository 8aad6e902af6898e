"""`az deployment group what-if`: predicted Create / Modify / NoChange per resource, and az's text rendering."""

from __future__ import annotations

from typing import Any

from ..engine.cloud import Cloud
from ..engine.tenant import Principal
from . import providers
from .arm_functions import evaluate_value
from .deploy import evaluate_body, prepare
from .errors import TemplateError

SYMBOL = {"Create": "+", "Delete": "-", "Modify": "~", "NoChange": "=", "Ignore": "*", "Deploy": "!"}
WEIGHT = {"Delete": 0, "Create": 1, "Deploy": 2, "Modify": 3, "NoChange": 4, "Ignore": 5}
COUNT = {"Create": "to create", "Delete": "to delete", "Deploy": "to deploy", "Modify": "to modify",
         "Ignore": "to ignore", "NoChange": "no change"}


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict) and value:
        out: dict[str, Any] = {}
        for k, v in value.items():
            out.update(_flatten(v, f"{prefix}.{k}" if prefix else k))
        return out
    return {prefix: value}


def what_if(cloud: Cloud, caller: Principal, resource_group: str, template_text: str, parameters: dict,
            name: str) -> dict:
    plan = prepare(cloud, caller, resource_group, template_text, parameters, name)
    ctx = plan.ctx
    changes = []
    for inst in plan.instances:
        try:
            body = evaluate_body(inst, ctx)
        except TemplateError:
            body = {k: v for k, v in inst.raw.items() if k in ("location", "sku", "tags")}
            body = evaluate_value(body, ctx) if body else {}
        after = {"apiVersion": inst.api, "id": inst.id, "name": inst.name.split("/")[-1], "type": inst.type, **body}
        before = providers.current(cloud, inst.id)
        if before is None:
            change, delta = "Create", []
        else:
            before = {"apiVersion": inst.api, **before}
            delta = _delta(before, after)
            change = "Modify" if delta else "NoChange"
        ctx.planned[inst.id.lower()] = {**(before or {}), **after}
        changes.append({"changeType": change, "resourceId": inst.id, "before": before,
                        "after": after, "delta": delta})
    return {"changes": changes, "error": None, "status": "Succeeded"}


def _delta(before: dict, after: dict) -> list[dict]:
    """Properties the template sets to a different value (properties it leaves out are not compared)."""
    b, a = _flatten(before), _flatten(after)
    out = []
    for path, new in sorted(a.items()):
        old = next((v for k, v in b.items() if k.lower() == path.lower()), None)
        if path.lower() in ("id", "name", "type", "apiversion"):
            continue
        if isinstance(old, str) and isinstance(new, str) and path.lower().endswith(("location", "status", "sku.name")):
            same = old.replace(" ", "").lower() == new.replace(" ", "").lower()
        else:
            same = old == new
        if not same:
            out.append({"path": path, "propertyChangeType": "Modify" if old is not None else "Create",
                        "before": old, "after": new, "children": None})
    return out


def _split(rid: str) -> tuple[str, str]:
    low = rid.lower()
    k = low.rfind("/providers/")
    return rid[:k], rid[k + len("/providers/"):]


def _leaf(v) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, str):
        return f'"{v}"'
    if isinstance(v, (dict, list)) and not v:
        return "{}" if isinstance(v, dict) else "[]"
    return str(v)


def _object_lines(value: dict, indent: int) -> list[str]:
    flat = _flatten(value)
    width = max((len(k) for k in flat), default=0)
    return [f"{' ' * (2 * indent)}{k}:{' ' * (width - len(k) + 1)}{_render(v, indent)}" for k, v in flat.items()]


def _render(v, indent: int) -> str:
    if isinstance(v, list) and v:
        inner = [f"{' ' * (2 * (indent + 1))}{i}: {_leaf(x) if not isinstance(x, dict) else ''}" for i, x in
                 enumerate(v)]
        return "[\n" + "\n".join(inner) + f"\n{' ' * (2 * indent)}]"
    return _leaf(v)


def render(result: dict) -> str:
    """The text az prints for what-if (no colours: the lab's terminal is plain)."""
    lines = ["Note: The result may contain false positive predictions (noise).",
             "You can help us improve the accuracy of the result by opening an issue here: "
             "https://aka.ms/WhatIfIssues.", ""]
    changes = result["changes"]
    if changes:
        kinds = sorted({c["changeType"] for c in changes} |
                       {d["propertyChangeType"] for c in changes for d in c["delta"]}, key=WEIGHT.get)
        lines.append("Resource and property changes are indicated with " +
                     ("this symbol:" if len(kinds) == 1 else "these symbols:"))
        lines += [f"  {SYMBOL[k]} {'Nochange' if k == 'NoChange' else k}" for k in kinds]
        scopes: dict[str, list] = {}
        for c in changes:
            scopes.setdefault(_split(c["resourceId"])[0], []).append(c)
        lines += ["", "The deployment will update the following " + ("scope:" if len(scopes) == 1 else "scopes")]
        for scope, items in sorted(scopes.items(), key=lambda kv: kv[0].upper()):
            lines += ["", f"Scope: {scope}"]
            items = sorted(items, key=lambda c: (WEIGHT[c["changeType"]], _split(c["resourceId"])[1]))
            for c in items:
                api = (c["after"] or c["before"] or {}).get("apiVersion")
                lines += ["", f"  {SYMBOL[c['changeType']]} {_split(c['resourceId'])[1]}" + (f" [{api}]" if api
                                                                                             else "")]
                if c["changeType"] == "Create":
                    lines += [""] + _object_lines(c["after"], 3)
                elif c["changeType"] == "Modify":
                    width = max(len(d["path"]) for d in c["delta"])
                    lines.append("")
                    for d in c["delta"]:
                        sym = SYMBOL[d["propertyChangeType"]]
                        pad = " " * (width - len(d["path"]) + 1)
                        if d["propertyChangeType"] == "Modify":
                            lines.append(f"    {sym} {d['path']}:{pad}{_leaf(d['before'])} => {_leaf(d['after'])}")
                        else:
                            lines.append(f"    {sym} {d['path']}:{pad}{_leaf(d['after'])}")
    counts: dict[str, int] = {}
    for c in changes:
        counts[c["changeType"]] = counts.get(c["changeType"], 0) + 1
    stats = ", ".join(f"{n} {COUNT[k]}" for k, n in sorted(counts.items(), key=lambda kv: WEIGHT[kv[0]]))
    lines += ["", "Resource changes: " + (stats + "." if stats else "no change.")]
    return "\n".join(lines) + "\n"
