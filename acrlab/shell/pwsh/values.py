"""PowerShell values: objects with case-insensitive properties, hashtables, script blocks, conversions."""

from __future__ import annotations

import fnmatch
import re
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from .. import user_regex


class PSError(Exception):
    """A PowerShell error record: printed as `Command: message` (ConciseView) on stderr."""

    def __init__(self, message: str, command: str | None = None, terminating: bool = False,
                 exception_type: str | None = None):
        super().__init__(message)
        self.message = message
        self.command = command
        self.terminating = terminating
        """Script-terminating (throw, -ErrorAction Stop): ends the script unless a try catches it."""
        self.stmt: bool | None = None
        """Statement-terminating (parameter binding, .NET exceptions such as 1/0) unless False: a cmdlet's
        reported error (None until the interpreter knows where it came from)."""
        if exception_type:
            self.exception_type = exception_type


class ParseError(Exception):
    def __init__(self, message: str, pos: int = 0):
        super().__init__(message)
        self.message = message
        self.pos = pos


class Hashtable(dict):
    """@{...}: ordered here (PowerShell's isn't, but [ordered] is the common expectation), case-insensitive keys."""

    def _k(self, key):
        if isinstance(key, str):
            for k in self.keys():
                if isinstance(k, str) and k.lower() == key.lower():
                    return k
        return key

    def get_ci(self, key, default=None):
        k = self._k(key)
        try:
            return dict.get(self, k, default)
        except TypeError:  # an unhashable key (a hashtable, an array) is in no hashtable here
            return default

    def set_ci(self, key, value):
        dict.__setitem__(self, self._k(key), value)

    def has_ci(self, key) -> bool:
        return self._k(key) in self


class PSObject:
    """A .NET/PowerShell object as the learner sees it: a type name and ordered, case-insensitive properties."""

    def __init__(self, type_name: str, props: dict[str, Any] | None = None, view: str | None = None,
                 columns: list[str] | None = None, to_string: str | None = None):
        self.type_name = type_name
        self.props: dict[str, Any] = dict(props or {})
        self.view = view
        """'table' or 'list' when the module defines a default view."""
        self.columns = columns
        """Properties the default view shows (None: all)."""
        self.to_string = to_string

    def key(self, name: str) -> str | None:
        low = name.lower()
        for k in self.props:
            if k.lower() == low:
                return k
        return None

    def get(self, name: str, default=None):
        k = self.key(name)
        return self.props[k] if k is not None else default

    def has(self, name: str) -> bool:
        return self.key(name) is not None

    def set(self, name: str, value) -> None:
        self.props[self.key(name) or name] = value

    def __repr__(self) -> str:
        return f"PSObject({self.type_name}, {self.props!r})"


class ScriptBlock:
    def __init__(self, body, text: str, node=None):
        self.body = body
        self.text = text
        self.node = node
        """The parsed `{ ... }` (ast.Block): its param block and begin/process blocks, when written."""

    def __str__(self) -> str:
        return self.text


class SecureString:
    """System.Security.SecureString: prints as its type name, never its value."""

    def __init__(self, value: str):
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __str__(self) -> str:
        return "System.Security.SecureString"


class PSCredential:
    def __init__(self, username: str, password: SecureString):
        self.username = username
        self.password = password


class StringList(list):
    """A .NET List<string> property of an output object (PSRoleDefinition.Actions, AssignableScopes, ...): unlike an
    array, scripts change it in place with Add, Clear, Remove and AddRange."""

    TYPE = "System.Collections.Generic.List`1[[System.String, System.Private.CoreLib]]"


class Switch:
    """The value a [switch] parameter binds to."""

    def __init__(self, present: bool):
        self.present = present

    def __bool__(self) -> bool:
        return self.present

    def __str__(self) -> str:
        return "True" if self.present else "False"


def type_name(v) -> str:
    if isinstance(v, PSObject):
        return v.type_name
    if isinstance(v, StringList):
        return StringList.TYPE
    return {bool: "System.Boolean", int: "System.Int32", float: "System.Double", str: "System.String",
            list: "System.Object[]", Hashtable: "System.Collections.Hashtable", datetime: "System.DateTime",
            ScriptBlock: "System.Management.Automation.ScriptBlock", SecureString: "System.Security.SecureString",
            Switch: "System.Management.Automation.SwitchParameter", timedelta: "System.TimeSpan",
            PSCredential: "System.Management.Automation.PSCredential"}.get(type(v), "System.Object")


def fmt_date(d: datetime) -> str:
    """en-US culture: 1/19/2023 6:10:49 AM."""
    h = d.hour % 12 or 12
    return f"{d.month}/{d.day}/{d.year} {h}:{d.minute:02d}:{d.second:02d} {'AM' if d.hour < 12 else 'PM'}"


def _double_text(v: float) -> str:
    """A double as .NET Core writes it: the shortest round-trip digits, E notation from 1E+15 and below 1E-04."""
    sign, digits, exponent = Decimal(repr(v)).as_tuple()
    sci = len(digits) + int(exponent) - 1
    text = "".join(map(str, digits)).rstrip("0") or "0"
    if -5 < sci < 15:
        return f"{Decimal(repr(v)).normalize():f}"
    mantissa = text[0] + ("." + text[1:] if len(text) > 1 else "")
    return f"{'-' if sign else ''}{mantissa}E{'+' if sci >= 0 else '-'}{abs(sci):02d}"


def to_str(v) -> str:
    """PowerShell's conversion to string (as in "$x" or -join)."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "True" if v else "False"
    if isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")):  # .NET's invariant-culture names
            return "NaN" if v != v else "Infinity" if v > 0 else "-Infinity"
        return _double_text(v)
    if isinstance(v, datetime):
        return fmt_date(v)
    if isinstance(v, timedelta):
        whole = int(v.total_seconds())
        days, rest = divmod(whole, 86400)
        hms = f"{rest // 3600:02d}:{rest // 60 % 60:02d}:{rest % 60:02d}"
        return f"{days}.{hms}" if days else hms
    if isinstance(v, list):
        return " ".join(to_str(x) for x in v)
    if isinstance(v, Hashtable):
        return "System.Collections.Hashtable"
    if isinstance(v, PSObject):
        if v.to_string is not None:
            return v.to_string
        if v.type_name == "System.Management.Automation.PSCustomObject":
            return "@{" + "; ".join(f"{k}={to_str(x)}" for k, x in v.props.items()) + "}"
        return v.type_name
    return str(v)


def to_bool(v) -> bool:
    if v is None:
        return False
    if isinstance(v, (bool, Switch)):
        return bool(v)
    if isinstance(v, (int, float)):
        return v != 0
    if isinstance(v, str):
        return v != ""
    if isinstance(v, list):
        if len(v) == 0:
            return False
        if len(v) == 1:
            return to_bool(v[0])
        return True
    return True


def to_number(v):
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, (int, float)):
        return v
    if v is None:
        return 0
    s = to_str(v).strip()
    try:
        return int(s, 0) if not s.startswith("0") or s.startswith("0x") else int(s)
    except ValueError:
        try:
            return float(s)
        except ValueError:
            raise PSError(f'Cannot convert value "{s}" to type "System.Int32". Error: "The input string '
                          f"'{s}' was not in a correct format.\"") from None


def as_list(v) -> list:
    if v is None:
        return []
    return list(v) if isinstance(v, list) else [v]


def get_member(obj, name: str):
    """`$x.Name`: properties (case-insensitive), hashtable keys, member enumeration over arrays."""
    if isinstance(obj, PSObject):
        if obj.has(name):
            return obj.get(name)
        return 1 if name.lower() in ("count", "length") else None  # PowerShell's intrinsic Count of one object
    if isinstance(obj, Hashtable):
        if obj.has_ci(name):
            return obj.get_ci(name)
        low = name.lower()
        if low == "count":
            return len(obj)
        if low == "keys":
            return list(obj.keys())
        if low == "values":
            return list(obj.values())
        return None
    if isinstance(obj, list):
        low = name.lower()
        if low in ("count", "length"):
            return len(obj)
        out = []
        for x in obj:
            v = get_member(x, name)
            if v is not None:
                out.extend(v if isinstance(v, list) else [v])
        return out[0] if len(out) == 1 else out if out else None
    if isinstance(obj, str):
        if name.lower() == "length":
            return len(obj)
        return None
    if isinstance(obj, timedelta):
        secs = obj.total_seconds()
        whole = int(abs(secs))
        parts = {"days": obj.days, "hours": whole // 3600 % 24, "minutes": whole // 60 % 60, "seconds": whole % 60,
                 "totaldays": secs / 86400, "totalhours": secs / 3600, "totalminutes": secs / 60,
                 "totalseconds": secs, "totalmilliseconds": secs * 1000}
        v = parts.get(name.lower())
        return int(v) if isinstance(v, float) and v == int(v) else v
    if isinstance(obj, datetime):
        return {"year": obj.year, "month": obj.month, "day": obj.day, "hour": obj.hour,
                "minute": obj.minute, "second": obj.second}.get(name.lower())
    if isinstance(obj, PSCredential):
        return {"username": obj.username, "password": obj.password}.get(name.lower())
    if name.lower() == "count":
        return 1 if obj is not None else 0
    return None


def _cmp_val(a, b):
    """Convert b to a's type, as PowerShell does with the left operand."""
    if isinstance(a, bool):
        return a, to_bool(b)
    if isinstance(a, (int, float)) and not isinstance(b, (int, float)):
        try:
            return a, to_number(b)
        except PSError:
            return str(a), to_str(b)
    if isinstance(a, str) or a is None:
        return (to_str(a).lower() if a is not None else None), (to_str(b).lower() if b is not None else None)
    if isinstance(a, datetime) and isinstance(b, str):
        return fmt_date(a), b
    return a, b


def equals(a, b, case: bool = False) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if case and isinstance(a, str):
        return a == to_str(b)
    x, y = _cmp_val(a, b)
    return x == y


def order(a, b, case: bool = False) -> int:
    if isinstance(a, str) or isinstance(b, str):
        x, y = (to_str(a), to_str(b)) if case else (to_str(a).lower(), to_str(b).lower())
    else:
        x, y = _cmp_val(a, b)
    if x is None:
        x = ""
    if y is None:
        y = ""
    try:
        return (x > y) - (x < y)
    except TypeError:
        x, y = to_str(x).lower(), to_str(y).lower()
        return (x > y) - (x < y)


def like(s, pattern, case: bool = False) -> bool:
    s, p = to_str(s), to_str(pattern)
    if not case:
        s, p = s.lower(), p.lower()
    return fnmatch.fnmatchcase(s, p.replace("[!", "[\\!"))


def match(s, pattern, case: bool = False, matches: dict | None = None) -> bool:
    try:
        m = user_regex.search(to_str(pattern), to_str(s), 0 if case else re.IGNORECASE)
    except re.error as e:
        raise PSError(f'Invalid regular expression pattern: {to_str(pattern)}. ({e})') from None
    if m and matches is not None:
        matches.clear()
        matches[0] = m.group(0)
        for i, g in enumerate(m.groups(), 1):
            matches[i] = g
        matches.update({k: v for k, v in m.groupdict().items()})
    return m is not None
