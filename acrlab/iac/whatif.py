"""`az deployment group what-if`: predicted Create / Modify / NoChange per resource, and az's text rendering."""

from __future__ import annotations

from typing import Any

from ..engine.cloud import Cloud
from ..engine.tenant import Principal
from . import providers
from .arm_functions import evaluate_value
from .deploy import complete_mode_deletions, evaluate_body, prepare
from .errors import TemplateError

SYMBOL = {"Create": "+", "Delete": "-", "Modify": "~", "NoChange": "=", "Ignore": "*", "Deploy": "!"}
WEIGHT = {"Delete": 0, "Create": 1, "Deploy": 2, "Modify": 3, "NoChange": 4, "Ignore": 5}
CASELESS = ("location", "status", "sku.name", "platform.os", "platform.architecture")
WRITE_ONLY = {"properties.serviceuri", "properties.customheaders", "properties.step.contextaccesstoken",
              "properties.step.encodedvaluescontent", "properties.value"}
"""Properties a PUT accepts but a GET never returns (secrets, webhook targets, a Key Vault secret's value):
what-if does not compare them."""
COUNT = {"Create": "to create", "Delete": "to delete", "Deploy": "to deploy", "Modify": "to modify",
         "Ignore": "to ignore", "NoChange": "no change"}


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict) and value:
        out: dict[str, Any] = {}
        for k, v in value.items():
            out.update(_flatten(v, f"{prefix}.{k}" if prefix else k))
        return out
    return {prefix: value}


def what_if(cloud: Cloud, caller: Principal, resource_group: str | None, template_text: str, parameters: dict,
            name: str, mode: str = "Incremental", location: str | None = None) -> dict:
    plan = prepare(cloud, caller, resource_group, template_text, parameters, name, location)
    ctx = plan.ctx
    changes = []
    for inst in plan.instances:
        if inst.type.lower() == "microsoft.resources/deployments":
            changes += _nested(cloud, caller, ctx, inst)
            continue
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
    for rid in complete_mode_deletions(cloud, plan) if mode == "Complete" else []:
        changes.append({"changeType": "Delete", "resourceId": rid, "before": providers.current(cloud, rid),
                        "after": None, "delta": []})
    return {"changes": changes, "error": None, "status": "Succeeded"}


def _nested(cloud: Cloud, caller: Principal, ctx, inst) -> list[dict]:
    """What-if expands nested deployments (Bicep modules) into the changes of their resources; a group the same
    deployment creates is treated as existing, empty, with its planned location."""
    import json

    from ..engine.tenant import ResourceGroup
    from .scopes import nested_request
    try:
        target, template, params, mode = nested_request(inst, ctx)
    except TemplateError:
        return [{"changeType": "Ignore", "resourceId": inst.id, "before": None, "after": None, "delta": []}]
    sub = cloud.subscription
    planned = ctx.planned.get(f"{sub.id}/resourcegroups/{target}".lower()) if target else None
    transient = target is not None and sub.find_group(target) is None and planned is not None
    if transient:
        sub.resource_groups[target.lower()] = ResourceGroup(name=target, location=str(planned.get("location", "")),
                                                           subscription_id=sub.subscription_id)
    try:
        return what_if(cloud, caller, target, json.dumps(template), params, inst.name, mode,
                       None if target else ctx.location)["changes"]
    finally:
        if transient:
            del sub.resource_groups[target.lower()]


def _delta(before: dict, after: dict) -> list[dict]:
    """Properties the template sets to a different value (properties it leaves out are not compared)."""
    out: list[dict] = []
    for k, v in after.items():
        if k.lower() in ("id", "name", "type", "apiversion"):
            continue
        _diff(_get(before, k), v, k, out)
    return sorted(out, key=lambda d: d["path"])


def _get(obj, key: str):
    if not isinstance(obj, dict):
        return None
    return next((v for k, v in obj.items() if k.lower() == key.lower()), None)


def _same(old, new, path: str) -> bool:
    if isinstance(old, str) and isinstance(new, str) and path.lower().endswith(CASELESS):
        return old.replace(" ", "").lower() == new.replace(" ", "").lower()
    return old == new


def _diff(old, new, path: str, out: list[dict]) -> None:
    if isinstance(new, dict) and new:
        if old is None or isinstance(old, dict):
            for k, v in new.items():
                sub = _get(old, k)
                if sub is None and k == "properties" and isinstance(old, dict):
                    sub = old  # GET bodies of nested items (subnets, connections) are often flattened
                _diff(sub, v, f"{path}.{k}", out)
            return
    if isinstance(new, list) and isinstance(old, list) and len(new) == len(old) and new:
        for i, (o, n) in enumerate(zip(old, new, strict=True)):
            _diff(o, n, f"{path}[{i}]", out)
        return
    if old is None and path.lower() in WRITE_ONLY:
        return
    if not _same(old, new, path):
        out.append({"path": path, "propertyChangeType": "Modify" if old is not None else "Create",
                    "before": old, "after": new, "children": None})


def _split(rid: str) -> tuple[str, str]:
    low = rid.lower()
    k = low.rfind("/providers/")
    if k < 0:  # a resource group: scope is its subscription
        k = low.rfind("/resourcegroups/")
        return rid[:k], rid[k + 1:]
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
        pad = " " * (2 * (indent + 1))
        inner: list[str] = []
        for i, x in enumerate(v):
            if isinstance(x, dict) and x:
                inner += [f"{pad}{i}:", ""] + _object_lines(x, indent + 2) + [""]
            else:
                inner.append(f"{pad}{i}: {_leaf(x)}")
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
            scope = _split(c["resourceId"])[0]
            key = next((k for k in scopes if k.lower() == scope.lower()), scope)
            scopes.setdefault(key, []).append(c)
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
                elif c["changeType"] == "Delete" and c["before"]:
                    lines += [""] + _object_lines({k: v for k, v in c["before"].items()
                                                  if k not in ("properties", "systemData")}, 3)
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
