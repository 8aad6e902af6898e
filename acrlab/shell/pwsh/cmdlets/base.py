"""Cmdlet declarations (parameters with aliases, parameter sets, positions) and PowerShell's parameter binder."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from ..values import (
    Hashtable,
    PSCredential,
    PSError,
    PSObject,
    ScriptBlock,
    SecureString,
    Switch,
    as_list,
    to_bool,
    to_number,
    to_str,
)

REGISTRY: dict[str, Cmdlet] = {}
DECLARED_IN: dict[str, list[str]] = {}
"""lower-case cmdlet name or alias -> the modules that declared it (checked by tests/test_lazy_tables.py)."""
ALL = "__AllParameterSets"

TYPE_NAMES = {"string": "System.String", "strings": "System.String[]", "int": "System.Int32", "double": "System.Double",
              "switch": "System.Management.Automation.SwitchParameter", "bool": "System.Boolean",
              "hashtable": "System.Collections.Hashtable", "object": "System.Object", "objects": "System.Object[]",
              "scriptblock": "System.Management.Automation.ScriptBlock", "securestring": "System.Security.SecureString",
              "credential": "System.Management.Automation.PSCredential", "psobject": "System.Management.Automation.PSObject"}


@dataclass
class Param:
    name: str
    type: str = "string"
    help: str = ""
    aliases: tuple = ()
    mandatory: bool | tuple = False
    """True (in every set it belongs to) or the names of the sets where it is mandatory."""
    sets: tuple = ()
    """Parameter sets it belongs to; () = all."""
    position: int | None = None
    pipeline: bool = False
    by_property: bool = False
    values: tuple = ()
    """ValidateSet."""
    remaining: bool = False
    dotnet_type: str = ""
    dynamic: str = ""
    """A dynamic parameter's source name (a template parameter of the deployment cmdlets)."""
    allow_null: bool = False
    """[AllowNull()]: a mandatory parameter that takes $null (ConvertTo-Json -InputObject)."""

    def in_set(self, s: str) -> bool:
        return not self.sets or s in self.sets

    def mandatory_in(self, s: str) -> bool:
        if not self.in_set(s):
            return False
        return self.mandatory is True or (isinstance(self.mandatory, tuple) and s in self.mandatory)

    @property
    def type_name(self) -> str:
        return self.dotnet_type or TYPE_NAMES.get(self.type, "System.Object")


COMMON = [Param("Verbose", "switch", aliases=("vb",)), Param("Debug", "switch", aliases=("db",)),
          Param("ErrorAction", "string", aliases=("ea",), values=("SilentlyContinue", "Stop", "Continue", "Inquire",
                                                                  "Ignore", "Suspend", "Break")),
          Param("WarningAction", "string", aliases=("wa",)), Param("InformationAction", "string", aliases=("infa",)),
          Param("ProgressAction", "string", aliases=("proga",)),
          Param("ErrorVariable", aliases=("ev",)), Param("WarningVariable", aliases=("wv",)),
          Param("InformationVariable", aliases=("iv",)), Param("OutVariable", aliases=("ov",)),
          Param("OutBuffer", "int", aliases=("ob",)), Param("PipelineVariable", aliases=("pv",))]
SHOULD_PROCESS = [Param("WhatIf", "switch", aliases=("wi",)), Param("Confirm", "switch", aliases=("cf",))]


@dataclass
class Cmdlet:
    name: str
    fn: Callable
    params: list[Param]
    synopsis: str = ""
    description: str = ""
    module: str = "Microsoft.PowerShell.Utility"
    sets: list[str] = field(default_factory=list)
    default_set: str | None = None
    examples: list = field(default_factory=list)
    all_input: bool = False
    """Receives the whole pipeline input at once (Select-Object, Sort-Object, ...)."""
    should_process: bool = False
    outputs: str = ""
    aliases: tuple = ()
    dynamic: Callable | None = None
    """fn(cmdlet, interp, command ast) -> the cmdlet with its dynamic parameters added (template parameters)."""

    def all_params(self) -> list[Param]:
        return self.params + COMMON + (SHOULD_PROCESS if self.should_process else [])

    def set_names(self) -> list[str]:
        return self.sets or [ALL]


def cmdlet(name: str, params: list[Param], synopsis: str = "", **kw):
    def deco(fn):
        c = Cmdlet(name, fn, params, synopsis, **kw)
        module = sys._getframe(1).f_globals.get("__name__", "")
        for key in (name, *c.aliases):
            REGISTRY[key.lower()] = c
            DECLARED_IN.setdefault(key.lower(), []).append(module)
        return fn
    return deco


# -- binding --------------------------------------------------------------------------------------

def find_param(c: Cmdlet, given: str) -> Param:
    low = given.lower()
    params = c.all_params()
    for p in params:
        if p.name.lower() == low or any(a.lower() == low for a in p.aliases):
            return p
    matches = [p for p in params if p.name.lower().startswith(low) or any(a.lower().startswith(low)
                                                                         for a in p.aliases)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise PSError(f"A parameter cannot be found that matches parameter name '{given}'.")
    raise PSError(f"Parameter cannot be processed because the parameter name '{given}' is ambiguous. Possible "
                  f"matches include: {' '.join('-' + p.name for p in matches)}.")


def convert(c: Cmdlet, p: Param, value, explicit: bool = True):
    """Turn an argument into the parameter's type, with PowerShell's error texts."""
    t = p.type
    if t == "switch":
        return Switch(True) if not explicit else Switch(to_bool(value))
    if value is None and t not in ("object", "objects", "psobject"):
        if p.mandatory:
            raise PSError(f"Cannot bind argument to parameter '{p.name}' because it is null.")
        return None
    if value is None and p.mandatory is True and not p.allow_null and explicit:  # -Registry $null
        raise PSError(f"Cannot bind argument to parameter '{p.name}' because it is null.")
    if t == "string":
        if isinstance(value, list):
            value = " ".join(to_str(v) for v in value)
        s = to_str(value)
        if p.mandatory and s == "":
            raise PSError(f"Cannot bind argument to parameter '{p.name}' because it is an empty string.")
        return _validate(p, s)
    if t == "strings":
        return [_validate(p, to_str(v)) for v in as_list(value)]
    if t in ("int", "double"):
        if isinstance(value, list):
            value = value[0] if len(value) == 1 else value
        net = "System.Int32" if t == "int" else "System.Double"
        try:
            n = to_number(value)
        except (PSError, TypeError, ValueError):
            raise PSError(f'Cannot bind parameter \'{p.name}\'. Cannot convert value "{to_str(value)}" to type '
                          f'"{net}". Error: "The input string \'{to_str(value)}\' was not in a correct '
                          f'format."') from None
        if t == "double":
            return float(n)
        if n != n or not -2**31 - 0.5 < n < 2**31 - 0.5:
            raise PSError(f'Cannot bind parameter \'{p.name}\'. Cannot convert value "{to_str(value)}" to type '
                          f'"{net}". Error: "Value was either too large or too small for an Int32."')
        return int(round(n)) if isinstance(n, float) else int(n)
    if t == "bool":
        if isinstance(value, (bool, int, float, Switch)):
            return to_bool(value)
        raise PSError(f"Cannot process argument transformation on parameter '{p.name}'. Cannot convert value "
                      f'"{type_label(value)}" to type "System.Boolean". Boolean parameters accept only Boolean '
                      "values and numbers, such as $True, $False, 1 or 0.")
    if t == "hashtable":
        if isinstance(value, Hashtable):
            return value
        raise PSError(f"Cannot bind parameter '{p.name}'. Cannot convert the \"{to_str(value)}\" value of type "
                      f"\"{type_label(value)}\" to type \"System.Collections.Hashtable\".")
    if t == "scriptblock":
        if isinstance(value, ScriptBlock):
            return value
        raise PSError(f"Cannot bind parameter '{p.name}'. Cannot convert the \"{to_str(value)}\" value of type "
                      f"\"{type_label(value)}\" to type \"System.Management.Automation.ScriptBlock\".")
    if t == "securestring":
        if isinstance(value, SecureString):
            return value
        raise PSError(f"Cannot bind parameter '{p.name}'. Cannot convert the \"{to_str(value)}\" value of type "
                      f"\"{type_label(value)}\" to type \"System.Security.SecureString\".")
    if t == "credential":
        if isinstance(value, PSCredential):
            return value
        raise PSError(f"Cannot process argument transformation on parameter '{p.name}'. A command that prompts the "
                      "user failed because the host program or the command type does not support user interaction.")
    if t == "objects":
        return as_list(value)
    return value


def type_label(v) -> str:
    from ..values import type_name
    return type_name(v)


def validate_range(name: str, value, low, high) -> None:
    """[ValidateRange(low, high)]: PowerShell's message for an argument outside the range."""
    shown = to_str(value)
    if value < low:
        raise PSError(f"Cannot validate argument on parameter '{name}'. The {shown} argument is less than the minimum "
                      f"allowed range of {to_str(low)}. Supply an argument that is greater than or equal to "
                      f"{to_str(low)} and then try the command again.")
    if value > high:
        raise PSError(f"Cannot validate argument on parameter '{name}'. The {shown} argument is greater than the "
                      f"maximum allowed range of {to_str(high)}. Supply an argument that is less than or equal to "
                      f"{to_str(high)} and then try the command again.")


def _validate(p: Param, s: str) -> str:
    if not p.values:
        return s
    for v in p.values:
        if v.lower() == s.lower():
            return v
    raise PSError(f"Cannot validate argument on parameter '{p.name}'. The argument \"{s}\" does not belong to the "
                  f"set \"{','.join(p.values)}\" specified by the ValidateSet attribute. Supply an argument that is "
                  "in the set and then try the command again.")


def bind(c: Cmdlet, named: list[tuple[str, object, bool]], positional: list, has_input: bool) -> tuple[dict, str]:
    """Bind named (given name, value, explicit) and positional arguments; returns (values by name, set name)."""
    bound: dict[str, object] = {}
    for given, value, explicit in named:
        p = find_param(c, given)
        if p.name in bound:
            raise PSError(f"Cannot bind parameter because parameter '{p.name}' is specified more than once. To "
                          "provide multiple values to parameters that can accept multiple values, use the array "
                          "syntax. For example, \"-parameter value1,value2,value3\".")
        if value is _MISSING:
            if p.type != "switch":
                raise PSError(f"Missing an argument for parameter '{p.name}'. Specify a parameter of type "
                              f"'{p.type_name}' and try again.")
            bound[p.name] = Switch(True)
            continue
        bound[p.name] = convert(c, p, value, explicit)
    _bind_positional(c, bound, positional)
    return bound, resolve_set(c, bound, has_input)


_MISSING = object()
MISSING = _MISSING


def _bind_positional(c: Cmdlet, bound: dict, positional: list) -> None:
    if not positional:
        return
    remaining = next((p for p in c.params if p.remaining and p.name not in bound), None)
    slots = sorted({p.position for p in c.params if p.position is not None and p.name not in bound})
    i = 0
    for slot in slots:
        if i >= len(positional):
            return
        candidates = [p for p in c.params if p.position == slot and p.name not in bound]
        v = positional[i]
        fit = [p for p in candidates if (p.type == "scriptblock") == isinstance(v, ScriptBlock)] or candidates
        if fit and fit[0] is remaining:
            break
        if fit:
            bound[fit[0].name] = convert(c, fit[0], v)
            i += 1
    rest = positional[i:]
    if rest and remaining is not None:
        bound[remaining.name] = [x for v in rest for x in as_list(v)] if remaining.type == "objects" else \
            convert(c, remaining, rest if len(rest) > 1 else rest[0])
        return
    if rest:
        raise PSError(f"A positional parameter cannot be found that accepts argument '{_arg_text(rest[0])}'.")


def _arg_text(v) -> str:
    if isinstance(v, list):
        return "System.Object[]"
    if isinstance(v, PSObject):
        return to_str(v)
    return to_str(v)


def resolve_set(c: Cmdlet, bound: dict, has_input: bool) -> str:
    names = c.set_names()
    by_name = {p.name: p for p in c.params}
    candidates = [s for s in names if all(by_name[n].in_set(s) for n in bound if n in by_name)]
    if not candidates:
        raise PSError("Parameter set cannot be resolved using the specified named parameters. One or more parameters "
                      "issued cannot be used together or an insufficient number of parameters were provided.")

    def missing(s):
        return [p.name for p in c.params if p.mandatory_in(s) and p.name not in bound
                and not (has_input and (p.pipeline or p.by_property))]
    complete = [s for s in candidates if not missing(s)]
    if complete:
        if c.default_set in complete:
            return c.default_set
        if len(complete) > 1:
            scored = sorted(complete, key=lambda s: -sum(1 for n in bound if n in by_name and by_name[n].sets))
            return scored[0]
        return complete[0]
    target = c.default_set if c.default_set in candidates else candidates[0]
    raise PSError("Cannot process command because of one or more missing mandatory parameters: "
                  f"{' '.join(missing(target))}.")


def pipeline_bindings(c: Cmdlet, item, bound: dict) -> dict:
    """Bind one pipeline object: ByValue first, then ByPropertyName."""
    out = dict(bound)
    for p in c.params:
        if p.pipeline and p.name not in bound:
            if item is None and p.mandatory is True and not p.allow_null:  # $null down the pipeline
                raise PSError(f"Cannot bind argument to parameter '{p.name}' because it is null.")
            out[p.name] = item if p.type not in ("string", "strings") else convert(c, p, item)
            return out
    for p in c.params:
        if p.by_property and p.name not in bound and isinstance(item, PSObject):
            for n in (p.name, *p.aliases):
                if item.has(n):
                    out[p.name] = convert(c, p, item.get(n))
                    break
    if out == bound:
        raise PSError("The input object cannot be bound to any parameters for the command either because the "
                      "command does not take pipeline input or the input and its properties do not match any of "
                      "the parameters that take pipeline input.")
    return out
