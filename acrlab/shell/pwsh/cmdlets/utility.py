"""Microsoft.PowerShell.Utility / Core cmdlets that Az scripts pipe into."""

from __future__ import annotations

import fnmatch
import json

from ..formatting import FormatText, listing, render, table, to_json
from ..operators import binary
from ..values import (
    Hashtable,
    PSError,
    PSObject,
    ScriptBlock,
    SecureString,
    as_list,
    get_member,
    order,
    to_bool,
    to_number,
    to_str,
)
from .base import Param, cmdlet

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


@cmdlet("ForEach-Object", [
    INPUT, Param("Process", "scriptblock", "The script block run for each object ($_).", position=0,
                 sets=("ScriptBlockSet",), mandatory=True),
    Param("Begin", "scriptblock", "Runs before the first object.", sets=("ScriptBlockSet",)),
    Param("End", "scriptblock", "Runs after the last object.", sets=("ScriptBlockSet",)),
    Param("MemberName", "string", "A property to output for each object.", position=0,
          sets=("PropertyAndMethodSet",), mandatory=True),
], "Performs an operation against each item in a collection of input objects.", module=CORE, all_input=True,
    sets=["ScriptBlockSet", "PropertyAndMethodSet"], default_set="ScriptBlockSet", aliases=("foreach", "%"))
def foreach_object(ctx, a, items):
    out = []
    if a.Begin:
        out += ctx.run_block(a.Begin)
    for o in _flat(items) if items is not None else [None]:
        if a.MemberName:
            v = _value(o, a.MemberName)
            out.extend(v if isinstance(v, list) else [v])
        else:
            out += ctx.run_block(a.Process, o)
    if a.End:
        out += ctx.run_block(a.End)
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
    if cols is None and isinstance(objs[0], PSObject) and not (objs[0].view == "table" and objs[0].columns):
        cols = list(objs[0].props)
    return FormatText(table(objs, cols, headers=not a.HideTableHeaders, calculated=calc))


@cmdlet("Format-List", [
    INPUT, Param("Property", "objects", "Properties to show (* for all).", position=0),
], "Formats the output as a list of properties in which each property appears on a new line.", all_input=True,
    aliases=("fl",))
def format_list(ctx, a, items):
    objs = _flat(items)
    cols, calc = _format_columns(ctx, objs, a.Property)
    if cols is None:
        plain = [PSObject(o.type_name, o.props) if isinstance(o, PSObject) else o for o in objs]
        return FormatText(listing(plain))
    return FormatText(listing(objs, cols, calc))


@cmdlet("Out-String", [INPUT, Param("Stream", "switch", "Send each line separately."),
                       Param("Width", "int", "Characters per line.")],
        "Outputs input objects as a string.", all_input=True)
def out_string(ctx, a, items):
    text = render(_flat(items))
    return text.split("\n") if a.Stream else text


@cmdlet("Out-Null", [INPUT], "Hides the output instead of sending it down the pipeline.", module=CORE,
        all_input=True)
def out_null(ctx, a, items):
    return None


@cmdlet("Out-Host", [INPUT], "Sends output to the command line.", module=CORE, all_input=True)
def out_host(ctx, a, items):
    ctx.io.out(render(_flat(items)), end="")


@cmdlet("ConvertTo-Json", [
    Param("InputObject", "object", "The objects to convert.", position=0, pipeline=True, mandatory=True),
    Param("Depth", "int", "How many levels of contained objects are included (default 2)."),
    Param("Compress", "switch", "Omits white space and indented formatting."),
    Param("AsArray", "switch", "Outputs the object in array brackets."),
], "Converts an object to a JSON-formatted string.", all_input=True)
def convertto_json(ctx, a, items):
    objs = _flat(items) if items else as_list(a.InputObject) if isinstance(a.InputObject, list) else [a.InputObject]
    value = objs if (len(objs) != 1 or a.AsArray) else objs[0]
    depth = a.Depth if a.has("Depth") else 2
    text, truncated = to_json(value, depth, bool(a.Compress))
    if truncated:
        ctx.warn(f"Resulting JSON is truncated as serialization has exceeded the set depth of {depth}.")
    return text


def _from_json(v):
    if isinstance(v, dict):
        return PSObject("System.Management.Automation.PSCustomObject", {k: _from_json(x) for k, x in v.items()})
    if isinstance(v, list):
        return [_from_json(x) for x in v]
    return v


@cmdlet("ConvertFrom-Json", [
    Param("InputObject", "string", "The JSON text.", position=0, pipeline=True, mandatory=True),
    Param("AsHashtable", "switch", "Return hashtables instead of objects."),
], "Converts a JSON-formatted string to a custom object.", all_input=True)
def convertfrom_json(ctx, a, items):
    text = "\n".join(to_str(x) for x in _flat(items)) if items else to_str(a.InputObject)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise PSError(f"Conversion from JSON failed with error: {e.msg} at line {e.lineno}, column {e.colno}.") \
            from None
    result = _from_json(data)
    return result if not isinstance(result, list) else [result] if False else result


@cmdlet("Write-Output", [Param("InputObject", "objects", "The objects to send down the pipeline.", position=0,
                               pipeline=True, remaining=True, mandatory=True),
                         Param("NoEnumerate", "switch", "Output a collection as one object.")],
        "Writes the specified objects to the pipeline.", all_input=True, aliases=("echo", "write"))
def write_output(ctx, a, items):
    return _flat(items) if items else _flat(a.InputObject)


@cmdlet("Write-Host", [Param("Object", "objects", "Objects to display.", position=0, remaining=True),
                       Param("NoNewline", "switch", "No newline after the output."),
                       Param("Separator", "string", "Separator between objects."),
                       Param("ForegroundColor", "string", "Text color."), Param("BackgroundColor", "string", "")],
        "Writes customized output to a host.", all_input=True)
def write_host(ctx, a, items):
    objs = a.Object if a.Object is not None else _flat(items)
    sep = a.Separator if a.Separator is not None else " "
    text = sep.join(to_str(o) for o in objs)
    ctx.io.out(text, end="" if a.NoNewline else "\n")


@cmdlet("Write-Error", [Param("Message", "string", "The error text.", position=0, mandatory=True, pipeline=True)],
        "Writes an object to the error stream.", all_input=True)
def write_error(ctx, a, items):
    raise PSError(a.Message or " ".join(to_str(x) for x in _flat(items)), command="Write-Error")


@cmdlet("Write-Warning", [Param("Message", "string", "The warning text.", position=0, mandatory=True)],
        "Writes a warning message.")
def write_warning(ctx, a, items):
    ctx.warn(a.Message)


@cmdlet("Write-Verbose", [Param("Message", "string", "The verbose text.", position=0, mandatory=True)],
        "Writes text to the verbose message stream.")
def write_verbose(ctx, a, items):
    if to_str(ctx.interp.get_var("VerbosePreference")).lower() == "continue" or a.Verbose:
        ctx.io.out(f"VERBOSE: {a.Message}")


@cmdlet("ConvertTo-SecureString", [
    Param("String", "string", "The plain text to convert.", position=0, mandatory=True, pipeline=True),
    Param("AsPlainText", "switch", "Convert plain text."), Param("Force", "switch", "Confirm plain text use."),
], "Converts plain text or encrypted strings to secure strings.", module="Microsoft.PowerShell.Security")
def convertto_securestring(ctx, a, items):
    if not a.AsPlainText:
        raise PSError("Input string was not in a correct format.", "ConvertTo-SecureString")
    return SecureString(a.String)


@cmdlet("ConvertFrom-SecureString", [
    Param("SecureString", "securestring", "The secure string to convert.", position=0, mandatory=True,
          pipeline=True),
    Param("AsPlainText", "switch", "Return the plain text."),
], "Converts a secure string to an encrypted standard string.", module="Microsoft.PowerShell.Security")
def convertfrom_securestring(ctx, a, items):
    if not a.AsPlainText:
        return "01000000d08c9ddf0115d1118c7a00c04fc297eb"  # DPAPI blobs are opaque; the lab shows the header only
    return a.SecureString.reveal()


@cmdlet("New-Object", [Param("TypeName", "string", "The .NET type.", position=0, mandatory=True),
                       Param("ArgumentList", "objects", "Constructor arguments.", position=1, aliases=("Args",)),
                       Param("Property", "hashtable", "Property values.")],
        "Creates an instance of a .NET object.")
def new_object(ctx, a, items):
    from ..operators import call_method
    t = a.TypeName.lower().removeprefix("system.").removeprefix("management.automation.")
    if t in ("pscredential",):
        return call_method(ctx.interp, None, "new", a.ArgumentList or [], static="pscredential")
    if t in ("psobject", "pscustomobject"):
        return PSObject("System.Management.Automation.PSCustomObject", dict(a.Property or {}))
    raise PSError(f"Cannot find type [{a.TypeName}]: verify that the assembly containing this type is loaded.")


@cmdlet("Start-Sleep", [Param("Seconds", "int", "Seconds to wait.", position=0, aliases=("s",)),
                        Param("Milliseconds", "int", "Milliseconds to wait.", aliases=("ms",))],
        "Suspends the activity in a script or session for the specified period of time.", aliases=("sleep",))
def start_sleep(ctx, a, items):
    from datetime import timedelta
    ctx.cloud.clock.advance(timedelta(seconds=a.Seconds or 0, milliseconds=a.Milliseconds or 0))


@cmdlet("Get-Date", [Param("Format", "string", "A .NET format string.")], "Gets the current date and time.")
def get_date(ctx, a, items):
    now = ctx.cloud.clock.now()
    if a.Format:
        f = a.Format.replace("yyyy", "%Y").replace("MM", "%m").replace("dd", "%d").replace("HH", "%H") \
            .replace("mm", "%M").replace("ss", "%S")
        return now.strftime(f)
    return now


@cmdlet("Clear-Host", [], "Clears the display in the host program.", module=CORE, aliases=("cls", "clear"))
def clear_host(ctx, a, items):
    return None
