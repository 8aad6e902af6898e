"""How PowerShell shows objects: the module's default view, else <= 4 properties as a table, more as a list."""

from __future__ import annotations

import json
from datetime import datetime

from . import views
from .values import Hashtable, PSCredential, PSObject, ScriptBlock, SecureString, Switch, fmt_date, to_str

WIDTH = 120
ERROR_RECORD = "System.Management.Automation.ErrorRecord"
MEMBER_DEF = "Microsoft.PowerShell.Commands.MemberDefinition"
COMMAND_INFO = {"System.Management.Automation.CmdletInfo", "System.Management.Automation.AliasInfo",
                "System.Management.Automation.FunctionInfo", "System.Management.Automation.ApplicationInfo"}


class FormatText:
    """What Format-Table / Format-List emit: already-formatted lines (only Out-* cmdlets understand them)."""

    def __init__(self, text: str):
        self.text = text


def cell(v) -> str:
    """A value inside a table cell or after `Name : ` in a list."""
    if v is None:
        return ""
    if isinstance(v, (bool, Switch)):
        return "True" if v else "False"
    if isinstance(v, datetime):
        return fmt_date(v)
    if isinstance(v, list):
        inner = ", ".join(cell(x) for x in v[:4])
        return "{" + inner + (", …" if len(v) > 4 else "") + "}"
    if isinstance(v, Hashtable):
        return "{" + ", ".join(f"[{to_str(k)}, {cell(x)}]" for k, x in v.items()) + "}"
    if isinstance(v, PSObject):
        return to_str(v)
    if isinstance(v, PSCredential):
        return "System.Management.Automation.PSCredential"
    return to_str(v)


def props_of(obj, columns: list[str] | None = None) -> list[tuple[str, object]]:
    if isinstance(obj, PSObject):
        names = columns if columns is not None else list(obj.props)
        return [(obj.key(n) or n, obj.get(n)) for n in names]
    if isinstance(obj, Hashtable):
        return [(to_str(k), v) for k, v in obj.items()]
    return [("", obj)]


def table(objs: list, columns: list[str] | None = None, headers: bool = True, calculated: dict | None = None) -> str:
    if not objs:
        return ""
    if columns is None:
        first = objs[0]
        columns = first.columns if isinstance(first, PSObject) and first.columns and first.view == "table" \
            else [n for n, _ in props_of(first)]
    rows = []
    numeric = [True] * len(columns)
    for o in objs:
        row = []
        for i, c in enumerate(columns):
            v = calculated[c](o) if calculated and c in calculated else (
                o.get(c) if isinstance(o, PSObject) else o.get_ci(c) if isinstance(o, Hashtable) else None)
            if not (isinstance(v, (int, float)) and not isinstance(v, bool)) and v is not None:
                numeric[i] = False
            row.append(cell(v).replace("\n", " "))
        rows.append(row)
    names = [(objs[0].key(c) if isinstance(objs[0], PSObject) and objs[0].key(c) else c) for c in columns]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    total = sum(widths) + len(widths) - 1
    if total > WIDTH:
        over = total - WIDTH
        for i in sorted(range(len(widths)), key=lambda j: -widths[j]):
            cut = min(over, widths[i] - max(len(names[i]), 8))
            if cut > 0:
                widths[i] -= cut
                over -= cut
            if over <= 0:
                break

    def fit(s: str, w: int, right: bool) -> str:
        if len(s) > w:
            s = s[: max(w - 1, 0)] + "…"
        return s.rjust(w) if right else s.ljust(w)

    lines = []
    if headers:
        lines.append(" ".join(fit(n, widths[i], numeric[i]) for i, n in enumerate(names)).rstrip())
        lines.append(" ".join(fit("-" * len(n), widths[i], numeric[i]) for i, n in enumerate(names)).rstrip())
    for r in rows:
        lines.append(" ".join(fit(v, widths[i], numeric[i]) for i, v in enumerate(r)).rstrip())
    return "\n" + "\n".join(lines) + "\n\n"


def command_table(objs: list) -> str:
    """PowerShell's CommandInfo view: CommandType (15), Name (50, aliases as `alias -> command`), Version (10),
    Source."""
    def fit(v, w: int) -> str:
        s = to_str(v)
        return (s[: w - 1] + "…" if len(s) > w else s).ljust(w)
    lines = ["CommandType     Name                                               Version    Source",
             "-----------     ----                                               -------    ------"]
    for o in objs:
        lines.append(f"{fit(o.get('CommandType'), 15)} {fit(o.get('DisplayName') or o.get('Name'), 50)} "
                     f"{fit(o.get('Version'), 10)} {to_str(o.get('Source'))}".rstrip())
    return "\n" + "\n".join(lines) + "\n\n"


def hashtable_table(objs: list) -> str:
    lines = ["Name                           Value", "----                           -----"]
    for h in objs:
        for k, v in h.items():
            name = to_str(k)
            name = name if len(name) <= 30 else name[:29] + "…"
            lines.append(f"{name.ljust(30)} {cell(v)}".rstrip())
    return "\n" + "\n".join(lines) + "\n\n"


def listing(objs: list, columns: list[str] | None = None, calculated: dict | None = None) -> str:
    blocks = []
    for o in objs:
        if calculated:
            pairs = [(c, calculated[c](o) if c in calculated else (o.get(c) if isinstance(o, PSObject) else None))
                     for c in columns or []]
        else:
            cols = columns if columns is not None else (o.columns if isinstance(o, PSObject) and o.view == "list"
                                                         else None)
            pairs = props_of(o, cols)
            if cols is not None and columns is None:  # Az.Network views show the JSON `<Name>Text` property
                pairs = [(n, o.get(n + "Text") if o.has(n + "Text") else v) for n, v in pairs]
        if not pairs:
            continue
        w = max(len(n) for n, _ in pairs)
        lines = []
        for n, v in pairs:
            text = cell(v) if not isinstance(v, str) else v
            first, *rest = text.split("\n") if text else [""]
            lines.append(f"{n.ljust(w)} : {first}".rstrip() if first else f"{n.ljust(w)} :")
            lines.extend(" " * (w + 3) + r for r in rest)
        blocks.append("\n".join(lines))
    return "\n" + "\n\n".join(blocks) + "\n\n" if blocks else ""


def default_view(o) -> str:
    if isinstance(o, PSObject):
        if o.view:
            return o.view
        return "table" if len(o.props) <= 4 else "list"
    return "table"


def render(items: list) -> str:
    """Out-Default: scalars as text, objects grouped by type with their default view."""
    out: list[str] = []
    i = 0
    while i < len(items):
        o = items[i]
        if isinstance(o, FormatText):
            out.append(o.text)
            i += 1
            continue
        if isinstance(o, PSObject) and o.type_name == ERROR_RECORD:
            out.append(to_str(o) + "\n")
            i += 1
            continue
        if isinstance(o, PSObject) and o.type_name == MEMBER_DEF:
            j = i
            while j < len(items) and isinstance(items[j], PSObject) and items[j].type_name == MEMBER_DEF and \
                    items[j].get("TypeName") == o.get("TypeName"):
                j += 1
            out.append(f"\n   TypeName: {o.get('TypeName')}\n" + table(items[i:j]))
            i = j
            continue
        if isinstance(o, PSObject) and o.type_name in COMMAND_INFO:
            j = i
            while j < len(items) and isinstance(items[j], PSObject) and items[j].type_name in COMMAND_INFO:
                j += 1
            out.append(command_table(items[i:j]))
            i = j
            continue
        if isinstance(o, (PSObject, Hashtable)):
            j = i
            key = (o.type_name, tuple(o.props)) if isinstance(o, PSObject) else "hashtable"
            while j < len(items) and (((items[j].type_name, tuple(items[j].props)) if isinstance(items[j], PSObject)
                                       else "hashtable" if isinstance(items[j], Hashtable) else None) == key):
                j += 1
            group = items[i:j]
            view = views.find(o)
            if isinstance(o, Hashtable):
                out.append(hashtable_table(group))
            elif view is not None and view.kind == "custom":
                out.extend(to_str(view.columns[0][1](g)) for g in group)
            elif view is not None:
                out.append(table(group, view.labels, calculated=view.calculated()) if view.kind == "table"
                           else listing(group, view.labels, calculated=view.calculated()))
            elif default_view(o) == "table":
                out.append(table(group))
            else:
                out.append(listing(group))
            i = j
            continue
        out.append(scalar(o) + "\n")
        i += 1
    return "".join(out)


def scalar(o) -> str:
    if isinstance(o, ScriptBlock):
        return o.text
    if isinstance(o, SecureString):
        return "System.Security.SecureString"
    if isinstance(o, list):
        return "\n".join(scalar(x) for x in o)
    return cell(o) if not isinstance(o, str) else o


def to_json_value(v, depth: int, max_depth: int, warn: list):
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    if isinstance(v, Switch):
        return {"IsPresent": bool(v)}
    if isinstance(v, datetime):
        return v.strftime("%Y-%m-%dT%H:%M:%S") + ("Z" if v.utcoffset() is not None and not v.utcoffset() else "")
    if isinstance(v, SecureString):
        return {"Length": len(v.reveal())}
    if isinstance(v, list):
        if depth > max_depth:
            warn.append(True)
            return " ".join(to_str(x) for x in v)
        return [to_json_value(x, depth + 1, max_depth, warn) for x in v]
    if isinstance(v, (PSObject, Hashtable)):
        if depth > max_depth:
            warn.append(True)
            return to_str(v)
        pairs = v.props.items() if isinstance(v, PSObject) else ((to_str(k), x) for k, x in v.items())
        return {k: to_json_value(x, depth + 1, max_depth, warn) for k, x in pairs}
    return to_str(v)


def to_json(v, depth: int = 2, compress: bool = False) -> tuple[str, bool]:
    warn: list = []
    data = to_json_value(v, 0, depth, warn)
    if compress:
        return json.dumps(data, separators=(",", ":"), ensure_ascii=False), bool(warn)
    return json.dumps(data, indent=2, ensure_ascii=False), bool(warn)
