"""Get-Member: the type names, properties and common methods of what flows down the pipeline."""

from __future__ import annotations

import fnmatch
from datetime import datetime

from ..values import Hashtable, PSObject, ScriptBlock, SecureString, Switch, to_str, type_name
from .base import Param, cmdlet
from .utility import _flat

MEMBER_DEF = "Microsoft.PowerShell.Commands.MemberDefinition"
OBJECT_METHODS = [("Equals", "bool Equals(System.Object obj)"), ("GetHashCode", "int GetHashCode()"),
                  ("GetType", "type GetType()"), ("ToString", "string ToString()")]
STRING_METHODS = [("Contains", "bool Contains(string value), bool Contains(char value)"),
                  ("EndsWith", "bool EndsWith(string value)"), ("IndexOf", "int IndexOf(string value)"),
                  ("Replace", "string Replace(string oldValue, string newValue)"),
                  ("Split", "string[] Split(Params char[] separator)"),
                  ("StartsWith", "bool StartsWith(string value)"),
                  ("Substring", "string Substring(int startIndex), string Substring(int startIndex, int length)"),
                  ("ToLower", "string ToLower()"), ("ToUpper", "string ToUpper()"), ("Trim", "string Trim()")]
HASHTABLE_METHODS = [("Add", "void Add(System.Object key, System.Object value)"), ("Clear", "void Clear()"),
                     ("ContainsKey", "bool ContainsKey(System.Object key)"),
                     ("Remove", "void Remove(System.Object key)")]
SHORT = {"System.String": "string", "System.Int32": "int", "System.Boolean": "bool", "System.Double": "double",
         "System.Object[]": "System.Object[]", "System.Collections.Hashtable": "hashtable",
         "System.DateTime": "datetime", "System.Int64": "long"}


def _short_type(v) -> str:
    if v is None:
        return "System.Object"
    t = type_name(v)
    return SHORT.get(t, t)


def _members(obj) -> tuple[str, list[tuple[str, str, str]]]:
    """(type name, [(name, member type, definition)]) sorted as Get-Member sorts: by member type, then name."""
    t = type_name(obj)
    props: list[tuple[str, str, str]] = []
    methods = list(OBJECT_METHODS)
    if isinstance(obj, PSObject):
        custom = obj.type_name == "System.Management.Automation.PSCustomObject"
        for k, v in obj.props.items():
            if custom:
                props.append((k, "NoteProperty", f"{_short_type(v)} {k}={to_str(v)}"))
            else:
                props.append((k, "Property", f"{_short_type(v)} {k} {{get;set;}}"))
    elif isinstance(obj, str):
        props.append(("Length", "Property", "int Length {get;}"))
        methods += STRING_METHODS
    elif isinstance(obj, Hashtable):
        props += [("Count", "Property", "int Count {get;}"), ("Keys", "Property", "System.Collections.ICollection "
                                                                                 "Keys {get;}"),
                  ("Values", "Property", "System.Collections.ICollection Values {get;}")]
        methods += HASHTABLE_METHODS
    elif isinstance(obj, datetime):
        props += [(n, "Property", f"int {n} {{get;}}") for n in ("Day", "Hour", "Minute", "Month", "Second", "Year")]
        methods += [("AddDays", "datetime AddDays(double value)"), ("ToString", "string ToString(string format)")]
    elif isinstance(obj, (ScriptBlock, SecureString, Switch)):
        pass
    order = {"Method": 0, "NoteProperty": 1, "Property": 2}
    rows = [(n, "Method", d) for n, d in methods] + props
    seen: dict = {}
    for r in rows:
        seen.setdefault(r[0].lower(), r)
    return t, sorted(seen.values(), key=lambda r: (order[r[1]], r[0].lower()))


@cmdlet("Get-Member", [
    Param("Name", "strings", "Specifies the names of one or more properties or methods of the object.", position=0),
    Param("InputObject", "object", "Specifies the object whose members are retrieved.", pipeline=True),
    Param("MemberType", "strings", "Specifies the member type that this cmdlet gets.", aliases=("Type",),
          values=("Property", "NoteProperty", "Method", "Properties", "Methods", "All")),
    Param("Static", "switch", "Indicates that this cmdlet gets only the static properties and methods of the object."),
    Param("Force", "switch", "Adds the intrinsic members and the compiler-generated get_ and set_ methods."),
], "Gets the properties and methods of objects.", aliases=("gm",), all_input=True,
    examples=[("Get the members of a registry", "Get-AzContainerRegistry -ResourceGroupName rg -Name myacr | "
                                                "Get-Member")])
def get_member(ctx, a, items):
    objs = _flat(items) if items is not None else _flat([a.InputObject]) if a.InputObject is not None else []
    if not objs:
        from ..values import PSError
        raise PSError("You must specify an object for the Get-Member cmdlet.")
    out = []
    done: set = set()
    kinds = {k.lower() for k in (a.MemberType or [])}
    for o in objs:
        t, rows = _members(o)
        key = (t, tuple(r[0] for r in rows))
        if key in done:
            continue
        done.add(key)
        for name, mtype, definition in rows:
            if a.Name and not any(fnmatch.fnmatch(name.lower(), n.lower()) for n in a.Name):
                continue
            if kinds and "all" not in kinds and mtype.lower() not in kinds and not (
                    "properties" in kinds and mtype.endswith("Property")) and not (
                    "methods" in kinds and mtype == "Method"):
                continue
            out.append(PSObject(MEMBER_DEF, {"TypeName": t, "Name": name, "MemberType": mtype,
                                             "Definition": definition}, view="table",
                                columns=["Name", "MemberType", "Definition"], to_string=name))
    return out
