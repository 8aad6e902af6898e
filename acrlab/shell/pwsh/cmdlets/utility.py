"""Microsoft.PowerShell.Utility / Core cmdlets that Az scripts pipe into."""

from __future__ import annotations

import fnmatch

from .. import views
from ..formatting import FormatText, listing, table
from ..operators import binary
from ..values import (
    Hashtable,
    PSError,
    PSObject,
    ScriptBlock,
    get_member,
    order,
    to_bool,
    to_number,
    to_str,
)
from .base import Param, cmdlet, validate_range

CORE = "Microsoft.PowerShell.Core"
INPUT = Param("InputObject", "object", "The objects to process.", pipeline=True)


def _flat(items):
    return [x for i in (items or []) for x in (i if isinstance(i, list) else [i])]


def _expand_names(objs: list, props: list) -> list:
    """Property names with wildcards resolved against the first object."""
    first = next((o for o in objs if isinstance(o, (PSObject, Hashtable))), None)
    names = []
    for p in props:
        if isinstance(p, Hashtable):
            names.append(p)
            continue
        s = to_str(p)
        if any(c in s for c in "*?[") and first is not None:
            keys = list(first.props) if isinstance(first, PSObject) else [to_str(k) for k in first]
            names.extend(k for k in keys if fnmatch.fnmatch(k.lower(), s.lower()))
        else:
            names.append(s)
    return names


def _calculated(ctx, h: Hashtable):
    label = next((h.get_ci(k) for k in ("Name", "N", "Label", "L") if h.has_ci(k)), None)
    expr = next((h.get_ci(k) for k in ("Expression", "E") if h.has_ci(k)), None)
    if expr is None:
        raise PSError("The \"Expression\" key is missing in the hash literal.")
    if label is None:
        label = to_str(expr).strip()
    if isinstance(expr, ScriptBlock):
        def fn(o):
            out = ctx.run_block(expr, o)
            return out[0] if len(out) == 1 else (out or None)
    else:
        def fn(o):
            return get_member(o, to_str(expr))
    return to_str(label), fn


def _value(o, name: str):
    return get_member(o, name)


@cmdlet("Select-Object", [
    INPUT, Param("Property", "objects", "The properties to select (wildcards and calculated properties allowed).",
                 position=0),
    Param("ExpandProperty", "string", "A property whose value to output."),
    Param("First", "int", "How many objects to take from the start."), Param("Last", "int", "How many from the end."),
    Param("Skip", "int", "How many to skip."), Param("Unique", "switch", "Only unique objects."),
    Param("ExcludeProperty", "strings", "Properties to leave out."),
], "Selects objects or object properties.", all_input=True, aliases=("select",))
def select_object(ctx, a, items):
    objs = _flat(items)
    if a.Skip:
        objs = objs[a.Skip:]
    if a.has("First"):
        objs = objs[: a.First]
    if a.has("Last"):
        objs = objs[-a.Last:] if a.Last else []
    if a.ExpandProperty:
        out = []
        for o in objs:
            if isinstance(o, PSObject) and not o.has(a.ExpandProperty) or (
                    isinstance(o, Hashtable) and not o.has_ci(a.ExpandProperty)) or \
                    not isinstance(o, (PSObject, Hashtable)):
                raise PSError(f'Property "{a.ExpandProperty}" cannot be found.')
            v = _value(o, a.ExpandProperty)
            out.extend(v if isinstance(v, list) else [v])
        return out
    if a.Property is None:
        return _unique(objs) if a.Unique else objs
    names = _expand_names(objs, a.Property)
    excluded = {x.lower() for x in (a.ExcludeProperty or [])}
    out = []
    for o in objs:
        props = {}
        for n in names:
            if isinstance(n, Hashtable):
                label, fn = _calculated(ctx, n)
                props[label] = fn(o)
            elif n.lower() not in excluded:
                key = o.key(n) if isinstance(o, PSObject) else None
                props[key or n] = _value(o, n)
        tn = o.type_name if isinstance(o, PSObject) else "System.Object"
        out.append(PSObject(f"Selected.{tn}", props))
    return _unique(out) if a.Unique else out


def _unique(objs):
    seen, out = [], []
    for o in objs:
        key = tuple((k, to_str(v)) for k, v in o.props.items()) if isinstance(o, PSObject) else to_str(o)
        if key not in seen:
            seen.append(key)
            out.append(o)
    return out


OPS = ["EQ", "NE", "GT", "GE", "LT", "LE", "Like", "NotLike", "Match", "NotMatch", "Contains", "NotContains", "In",
       "NotIn", "CEQ", "CNE", "CLike", "CMatch", "Is", "IsNot"]


@cmdlet("Where-Object", [
    INPUT, Param("FilterScript", "scriptblock", "A script block that returns $true for objects to keep.",
                 position=0, sets=("ScriptBlockSet",), mandatory=True),
    Param("Property", "string", "The property to compare.", position=0, sets=tuple(f"{o}Set" for o in OPS) +
          ("EqualSet",), mandatory=True),
    Param("Value", "object", "The value to compare with.", position=1, sets=tuple(f"{o}Set" for o in OPS)),
    *[Param(o, "switch", f"The -{o.lower()} comparison.", sets=(f"{o}Set",), mandatory=True) for o in OPS],
    Param("Not", "switch", "Keep objects whose property is false or missing.", sets=("NotSet",), mandatory=True),
], "Selects objects from a collection based on their property values.", module=CORE, all_input=True,
    sets=["ScriptBlockSet", "EqualSet", "NotSet", *[f"{o}Set" for o in OPS]], default_set="EqualSet",
    aliases=("where", "?"))
def where_object(ctx, a, items):
    objs = _flat(items)
    if a.FilterScript is not None:
        return [o for o in objs if to_bool(ctx.run_block(a.FilterScript, o))]
    op = next((o for o in OPS if a.get(o)), None)
    out = []
    for o in objs:
        v = _value(o, a.Property)
        if op is None:
            keep = to_bool(v) if not a.Not else not to_bool(v)
        else:
            keep = to_bool(binary(ctx.interp, op.lower(), v, a.Value))
        if keep:
            out.append(o)
    return out


@cmdlet("Sort-Object", [
    INPUT, Param("Property", "objects", "Properties to sort by.", position=0),
    Param("Descending", "switch", "Sort in descending order."), Param("Unique", "switch", "Drop duplicates."),
    Param("Top", "int", "Take the first N after sorting."), Param("Bottom", "int", "Take the last N."),
], "Sorts objects by property values.", all_input=True, aliases=("sort",))
def sort_object(ctx, a, items):
    import functools
    objs = _flat(items)
    keys = []
    for p in a.Property or []:
        if isinstance(p, Hashtable):
            keys.append(_calculated(ctx, p)[1])
        else:
            keys.append(lambda o, n=to_str(p): _value(o, n))
    if not keys:
        keys = [lambda o: o]

    def cmp(x, y):
        for k in keys:
            r = order(k(x), k(y))
            if r:
                return r
        return 0
    for name in ("Top", "Bottom"):  # [ValidateRange(1, int.MaxValue)], mandatory in their parameter sets
        if a.has(name):
            if getattr(a, name) is None:
                raise PSError(f"Cannot bind argument to parameter '{name}' because it is null.")
            validate_range(name, getattr(a, name), 1, 2**31 - 1)
    out = sorted(objs, key=functools.cmp_to_key(cmp), reverse=bool(a.Descending))
    if a.Unique:
        out = _unique(out)
    if a.has("Top"):
        out = out[: a.Top]
    if a.has("Bottom"):
        out = out[-a.Bottom:]
    return out


@cmdlet("Measure-Object", [
    INPUT, Param("Property", "strings", "The property to measure.", position=0),
    Param("Sum", "switch", "Sum the values."), Param("Average", "switch", "Average the values."),
    Param("Maximum", "switch", "The largest value."), Param("Minimum", "switch", "The smallest value."),
    Param("AllStats", "switch", "All statistics."),
], "Calculates the numeric properties of objects.", all_input=True, aliases=("measure",))
def measure_object(ctx, a, items):
    objs = _flat(items)
    vals = [_value(o, a.Property[0]) for o in objs] if a.Property else objs
    vals = [v for v in vals if v is not None]
    nums = [to_number(v) for v in vals] if (a.Sum or a.Average or a.Maximum or a.Minimum or a.AllStats) else []
    every = a.AllStats
    return PSObject("Microsoft.PowerShell.Commands.GenericMeasureInfo", {
        "Count": len(vals),
        "Average": (sum(nums) / len(nums) if nums else None) if (a.Average or every) else None,
        "Sum": sum(nums) if (a.Sum or every) else None,
        "Maximum": (max(nums) if nums else None) if (a.Maximum or every) else None,
        "Minimum": (min(nums) if nums else None) if (a.Minimum or every) else None,
        "StandardDeviation": None,
        "Property": a.Property[0] if a.Property else None,
    }, view="list")


def _format_columns(ctx, objs, props):
    if props is None:
        return None, None
    names = _expand_names(objs, props)
    cols, calc = [], {}
    for n in names:
        if isinstance(n, Hashtable):
            label, fn = _calculated(ctx, n)
            cols.append(label)
            calc[label] = fn
        else:
            cols.append(n)
            calc[n] = (lambda o, k=n: _value(o, k))
    return cols, calc


@cmdlet("Format-Table", [
    INPUT, Param("Property", "objects", "Properties (columns) to show.", position=0),
    Param("AutoSize", "switch", "Size columns to their content."), Param("HideTableHeaders", "switch", "No headers."),
    Param("Wrap", "switch", "Wrap long values."),
], "Formats the output as a table.", all_input=True, aliases=("ft",))
def format_table(ctx, a, items):
    objs = _flat(items)
    if not objs:
        return []
    cols, calc = _format_columns(ctx, objs, a.Property)
    view = views.find(objs[0])
    if cols is None and view is not None and view.kind == "table":
        cols, calc = view.labels, view.calculated()
    elif cols is None and isinstance(objs[0], PSObject) and not (objs[0].view == "table" and objs[0].columns):
        cols = list(objs[0].props)
    return FormatText(table(objs, cols, headers=not a.HideTableHeaders, calculated=calc))


@cmdlet("Format-List", [
    INPUT, Param("Property", "objects", "Properties to show (* for all).", position=0),
], "Formats the output as a list of properties in which each property appears on a new line.", all_input=True,
    aliases=("fl",))
def format_list(ctx, a, items):
    objs = _flat(items)
    cols, calc = _format_columns(ctx, objs, a.Property)
    view = views.find(objs[0]) if objs else None
    if cols is None and view is not None and view.kind == "list":
        return FormatText(listing(objs, view.labels, view.calculated()))
    if cols is None:
        plain = [PSObject(o.type_name, o.props) if isinstance(o, PSObject) else o for o in objs]
        return FormatText(listing(plain))
    return FormatText(listing(objs, cols, calc))
