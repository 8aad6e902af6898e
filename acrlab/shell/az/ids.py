"""az's automatic `--ids` argument (azure-cli core commands/arm.py register_ids_argument): every command but `create`
whose arguments carry an `id_part` of 'name' accepts `--ids ID [ID ...]` instead of them; the command then runs once
per id (azure-cli commands/__init__.py AzCliCommandInvoker.execute) and several results print as a list."""

from __future__ import annotations

import json
import re
from dataclasses import replace

from ...engine.errors import CliError
from .table import Arg, Command

GROUP = "Resource Id"
IDS_HELP = ("One or more resource IDs (space-delimited). It should be a complete resource ID containing all information "
            f"of '{GROUP}' arguments. You should provide either --ids or other '{GROUP}' arguments.")

# azure.mgmt.core.tools: the ARM id grammar and its parser
_ARMID_RE = re.compile(r"(?i)/subscriptions/(?P<subscription>[^/]*)(/resourceGroups/(?P<resource_group>[^/]*))?"
                       r"(/providers/(?P<namespace>[^/]*)/(?P<type>[^/]*)/(?P<name>[^/]*)(?P<children>.*))?")
_CHILDREN_RE = re.compile(r"(?i)(/providers/(?P<child_namespace>[^/]*))?/(?P<child_type>[^/]*)/(?P<child_name>[^/]*)")


def parse_resource_id(rid: str) -> dict[str, str]:
    if not rid:
        return {}
    m = _ARMID_RE.match(rid)
    if not m:
        return {"name": rid}
    result = m.groupdict()
    count = 0
    for count, child in enumerate(_CHILDREN_RE.finditer(result.pop("children") or ""), start=1):
        for key, value in child.groupdict().items():
            result[f"{key}_{count}"] = value
    result["last_child_num"] = count or None
    if count:  # _populate_alternate_kwargs: resource_* name the last (deepest) resource
        result["resource_name"] = result[f"child_name_{count}"]
        result["resource_type"] = result[f"child_type_{count}"]
        result["resource_namespace"] = result.get(f"child_namespace_{count}") or result["namespace"]
    elif result.get("name"):
        result["resource_name"], result["resource_type"] = result["name"], result["type"]
        result["resource_namespace"] = result["namespace"]
    return {k: v for k, v in result.items() if v is not None}


def _resource_id(p: dict[str, str]) -> str:
    """azure.mgmt.core.tools.resource_id: raises KeyError when the parts cannot form an id."""
    out = f"/subscriptions/{p['subscription']}"
    if "resource_group" in p:
        out += f"/resourceGroups/{p['resource_group']}"
    if "namespace" in p:
        out += f"/providers/{p['namespace']}/{p['type']}/{p['name']}"
        n = 1
        while f"child_type_{n}" in p:
            ns = p.get(f"child_namespace_{n}")
            out += (f"/providers/{ns}" if ns else "") + f"/{p[f'child_type_{n}']}/{p[f'child_name_{n}']}"
            n += 1
    return out


def is_valid_resource_id(rid: str) -> bool:
    try:
        return bool(rid) and _resource_id(parse_resource_id(rid)).lower() == rid.lower()
    except KeyError:
        return False


def add_ids_argument(cmd: Command) -> None:
    """register_ids_argument.add_ids_arguments: the id-part arguments lose `required` and join the 'Resource Id'
    group; the names of the formerly required ones are kept for the '(... | --ids) are required' check."""
    if cmd.path.split()[-1] == "create":
        return
    parts = {a.id_part for a in cmd.args}
    if "name" not in parts and "resource_name" not in parts:
        return
    new_args = []
    for a in cmd.args:
        if a.dest == "resource_group" and a.id_part is None:  # core registers resource_group_name with this id_part
            a = replace(a, id_part="resource_group")
        if a.id_part:
            if a.required:
                cmd.id_required.append(a.dest)
            a = replace(a, required=False, group=GROUP)
        new_args.append(a)
    new_args.append(Arg("_ids", "--ids", IDS_HELP, kind="list", group=GROUP))
    cmd.args = new_args


def _assemble_json(ids: list[str]) -> list[str]:
    """Rejoin a JSON array that the shell split into words ('[', '{...}', ']')."""
    depth, start = 0, None
    for i, word in enumerate(ids):
        if word == "[":
            if depth == 0:
                start = i
            depth += 1
        elif word == "]":
            depth -= 1
            if depth == 0 and start is not None:
                return _assemble_json(ids[:start] + ["".join(ids[start:i + 1])] + ids[i + 1:])
    return ids


def expand_ids(cmd: Command, ns: dict) -> tuple[list[dict] | None, list[str], list[str]]:
    """parse_ids_arguments: (one namespace per id or None without --ids, the ids, warnings)."""
    if not any(a.dest == "_ids" for a in cmd.args):
        return None, [], []
    id_args = [a for a in cmd.args if a.id_part]
    ids = ns.get("_ids")
    if not ids:
        missing = [a for a in id_args if a.dest in cmd.id_required and ns.get(a.dest) is None]
        missing.sort(key=lambda a: a.dest != "resource_group")  # az handlers take resource_group_name first
        if missing:
            raise CliError(f"({' '.join(a.option_list[0] for a in missing)} | --ids) are required")
        return None, [], []
    warnings = [f"option '{a.option_list[0]}' will be ignored due to use of '--ids'." for a in id_args
                if ns.get(a.dest) and a.dest not in ns.get("_defaulted", ())]
    full: list[str] = []
    for val in _assemble_json(list(ids)):
        try:
            values = json.loads(val)
        except ValueError:  # tsv piping: one id a line
            full += val.splitlines()
            continue
        for v in values if isinstance(values, list) else [values]:
            if isinstance(v, dict) and "id" in v:
                full.append(v["id"])
    namespaces = []
    for rid in full:
        if not is_valid_resource_id(rid):
            raise CliError(f"invalid resource ID: {rid}")
        parts = parse_resource_id(rid)
        one = dict(ns)
        one["_given"] = set(ns.get("_given", ())) | {a.dest for a in id_args}
        for a in id_args:
            if parts.get(a.id_part) is None:
                raise CliError(f"Argument {a.option_list[0]} cannot be derived from ID {rid}. Please provide a "
                               f"complete resource ID containing all information of '{GROUP}' arguments. ")
            one[a.dest] = parts[a.id_part]
        one["_id_subscription"] = parts.get("subscription")
        namespaces.append(one)
    return namespaces, full, warnings
