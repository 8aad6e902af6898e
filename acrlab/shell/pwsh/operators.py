"""PowerShell operators, indexing, casts and the handful of .NET methods Az scripts use."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from ...engine import budget
from .. import user_regex
from . import dotnet
from .values import (
    Hashtable,
    PSCredential,
    PSError,
    PSObject,
    ScriptBlock,
    SecureString,
    StringList,
    as_list,
    equals,
    like,
    match,
    order,
    to_bool,
    to_number,
    to_str,
    type_name,
)


def binary(interp, op: str, a, b):
    case = op.startswith("c") and op[1:] in CMP
    base = op[1:] if (op.startswith(("c", "i")) and op[1:] in CMP) else op
    if base in CMP:
        if base in ("contains", "notcontains"):
            found = any(equals(x, b, case) for x in as_list(a))
            return found if base == "contains" else not found
        if base in ("in", "notin"):
            found = any(equals(x, a, case) for x in as_list(b))
            return found if base == "in" else not found
        if isinstance(a, list):
            return [x for x in a if _compare(interp, base, x, b, case)]
        return _compare(interp, base, a, b, case)
    if base == "replace":
        pat, rep = (b + [""])[:2] if isinstance(b, list) else (b, "")
        rep = re.sub(r"\$(\d+)", r"\\\1", to_str(rep))
        try:
            f = user_regex.compile(to_str(pat), 0 if case else re.IGNORECASE)
        except re.error as e:
            raise PSError(f"The regular expression pattern {to_str(pat)} is not valid. ({e})") from None
        return [f.sub(rep, to_str(x)) for x in a] if isinstance(a, list) else f.sub(rep, to_str(a))
    if base == "split":
        try:
            return user_regex.compile(to_str(b), 0 if case else re.IGNORECASE).split(to_str(a))
        except re.error as e:
            raise PSError(f"The regular expression pattern {to_str(b)} is not valid. ({e})") from None
    if base == "join":
        return to_str(b).join(to_str(x) for x in as_list(a))
    if base in ("is", "isnot"):
        tn = to_str(b).strip("[]").lower()
        actual = type_name(a).lower()
        hit = actual == tn or actual.endswith("." + tn) or (tn in ("object", "psobject") and a is not None) or \
            (tn in ("array", "object[]") and isinstance(a, list))
        return hit if base == "is" else not hit
    if base == "as":
        try:
            return cast(interp, to_str(b), a)
        except PSError:
            return None
    if op == "+":
        if isinstance(a, list):
            return a + as_list(b)
        if isinstance(a, str):
            return a + to_str(b)
        if isinstance(a, Hashtable):
            if b is not None and not isinstance(b, Hashtable):
                raise PSError("A hash table can only be added to another hash table.")
            out = Hashtable(a)
            for k, v in (b or {}).items():
                if out.has_ci(k):
                    raise PSError(f"Item has already been added. Key in dictionary: '{k}'  Key being added: '{k}'")
                out.set_ci(k, v)
            return out
        if isinstance(a, datetime) and isinstance(b, timedelta):
            return a + b
        if a is None:
            return b
        return to_number(a) + to_number(b)
    if op in "-*/%":
        if op == "*" and isinstance(a, (str, list)):
            return a * _times(a, b)
        if op == "-" and isinstance(a, datetime) and isinstance(b, (datetime, timedelta)):
            return a - b  # DateTime - DateTime is a TimeSpan; DateTime - TimeSpan a DateTime
        x, y = to_number(a), to_number(b)
        if op == "-":
            return x - y
        if op == "*":
            return x * y
        if y == 0:
            raise PSError("Attempted to divide by zero.", exception_type="System.DivideByZeroException")
        if op == "%":
            return x % y
        r = x / y
        if isinstance(r, float):  # Infinity and NaN stay doubles
            return int(r) if r.is_integer() else r
        return int(r) if r == int(r) else r
    if op == "f":
        return format_string(to_str(a), as_list(b))
    if op == "..":
        x, y = _int32(a), _int32(b)
        budget.charge(36 * (abs(y - x) + 1), f"the range {x}..{y}")
        return list(range(x, y + 1)) if x <= y else list(range(x, y - 1, -1))
    if op == "xor":
        return to_bool(a) != to_bool(b)
    raise PSError(f"Unexpected token '-{op}' in expression or statement.")


def _times(a, b) -> int:
    """The count of `'ab' * n` / `@(1) * n`, refused before a string or array past the budget is built."""
    n = to_number(b)
    if n != n or n in (float("inf"), float("-inf")):
        raise PSError(f'Cannot convert value "{to_str(b)}" to type "System.Int32". Error: "Value was either too '
                      'large or too small for an Int32."')
    count = max(0, round(n))
    budget.check_size(len(a) * count, "the repeated string" if isinstance(a, str) else "the repeated array")
    return count


def _int32(v) -> int:
    """A range bound: PowerShell converts both ends to Int32."""
    n = to_number(v)
    if n != n or not -2**31 <= n < 2**31:
        raise PSError(f'Cannot convert value "{to_str(v)}" to type "System.Int32". Error: "Value was either too '
                      'large or too small for an Int32."')
    return int(round(n))


CMP = {"eq", "ne", "gt", "ge", "lt", "le", "like", "notlike", "match", "notmatch", "contains", "notcontains",
       "in", "notin", "replace", "split"}


def _compare(interp, op: str, a, b, case: bool) -> bool:
    if op == "eq":
        return equals(a, b, case)
    if op == "ne":
        return not equals(a, b, case)
    if op in ("gt", "ge", "lt", "le"):
        r = order(a, b, case)
        return {"gt": r > 0, "ge": r >= 0, "lt": r < 0, "le": r <= 0}[op]
    if op == "like":
        return like(a, b, case)
    if op == "notlike":
        return not like(a, b, case)
    if op in ("match", "notmatch"):
        matches = Hashtable()
        hit = match(a, b, case, matches)
        if hit:
            interp.set_var("Matches", matches)
        return hit if op == "match" else not hit
    raise PSError(f"Unsupported operator -{op}")


def format_string(fmt: str, args: list) -> str:
    def sub(m):
        i = int(m.group(1))
        if i >= len(args):
            raise PSError(f'Error formatting a string: Index (zero based) must be greater than or equal to zero and '
                          f'less than the size of the argument list.. ({fmt})')
        s = to_str(args[i])
        width = m.group(2)
        if width:
            w = int(width)
            s = s.rjust(w) if w > 0 else s.ljust(-w)
        return s
    return re.sub(r"\{(\d+)(?:,(-?\d+))?(?::[^}]*)?\}", sub, fmt.replace("{{", "\0").replace("}}", "\1")) \
        .replace("\0", "{").replace("\1", "}")


def unary(op: str, v):
    if op == "not":
        return not to_bool(v)
    if op == "neg":
        return -to_number(v)
    if op == "join":
        return "".join(to_str(x) for x in as_list(v))
    if op == "split":
        return to_str(v).split()
    raise PSError(f"Unsupported operator {op}")


def index(obj, idx):
    if isinstance(idx, list):
        return [index(obj, i) for i in idx]
    if isinstance(obj, Hashtable):
        return obj.get_ci(idx)
    if isinstance(obj, PSObject) and isinstance(idx, str):
        return obj.get(idx)
    if obj is None:
        raise PSError("Cannot index into a null array.")
    seq = obj if isinstance(obj, (list, str)) else [obj]
    try:
        i = int(to_number(idx))
    except (PSError, OverflowError, ValueError):  # a non-number, NaN or Infinity index finds nothing
        return None
    if -len(seq) <= i < len(seq):
        return seq[i]
    return None


def cast(interp, type_name_: str, v):
    t = type_name_.lower().removeprefix("system.")
    if t in ("string",):
        return to_str(v)
    if t in ("int", "int32", "long", "int64"):
        n, bits = to_number(v), 31 if t in ("int", "int32") else 63
        if n != n or not -2**bits - 0.5 <= n < 2**bits - 0.5:
            raise PSError(f'Cannot convert value "{to_str(v)}" to type "System.Int{bits + 1}". Error: "Value was '
                          f'either too large or too small for an Int{bits + 1}."')
        return int(round(n)) if isinstance(n, float) else int(n)
    if t in ("double", "float", "decimal"):
        return float(to_number(v))
    if t in ("bool", "boolean"):
        return to_bool(v)
    if t in ("array", "object[]", "string[]"):
        items = as_list(v)
        return [to_str(x) for x in items] if t == "string[]" else items
    if t in ("hashtable", "ordered"):
        if isinstance(v, Hashtable):
            return v
        raise PSError(f'Cannot convert the "{to_str(v)}" value of type "{type_name(v)}" to type '
                      '"System.Collections.Hashtable".')
    if t in ("pscustomobject", "psobject", "management.automation.pscustomobject"):
        if isinstance(v, Hashtable):
            return PSObject("System.Management.Automation.PSCustomObject", {to_str(k): x for k, x in v.items()})
        return v
    if t in ("datetime",):
        if isinstance(v, datetime):
            return v
        try:
            return datetime.fromisoformat(to_str(v).replace("Z", "+00:00"))
        except ValueError:
            raise PSError(f'Cannot convert value "{to_str(v)}" to type "System.DateTime".') from None
    if t in ("securestring", "security.securestring"):
        if isinstance(v, SecureString):
            return v
    if t in ("void",):
        return None
    raise PSError(f"Unable to find type [{type_name_}].")


def static_member(interp, type_name_: str, name: str):
    found = dotnet.static_member(interp, type_name_, name)
    if found is not dotnet.MISSING:
        return found
    t, n = type_name_.lower().removeprefix("system."), name.lower()
    if t == "environment" and n == "newline":
        return "\n"
    if t == "datetime" and n in ("now", "utcnow"):
        return interp.sh.cloud.clock.now()
    if t == "string" and n == "empty":
        return ""
    raise PSError(f"Unable to find type [{type_name_}].") if t not in ("environment", "datetime", "string", "math") \
        else PSError(f"The property '{name}' cannot be found on type '{type_name_}'.")


def call_method(interp, obj, method: str, args: list, static: str | None = None):
    m = method.lower()
    if static is not None:
        found = dotnet.call_static(interp, static, method, args)
        if found is not dotnet.MISSING:
            return found
        t = static.lower().removeprefix("system.").removeprefix("management.automation.")
        if t in ("pscredential",) and m == "new" and len(args) == 2:
            if not isinstance(args[1], SecureString):
                raise PSError(f'Cannot convert argument "password", with value: "{to_str(args[1])}", for "PSCredential" '
                              'to type "System.Security.SecureString".')
            return PSCredential(to_str(args[0]), args[1])
        if t == "string" and m in ("isnullorempty", "isnullorwhitespace"):
            s = to_str(args[0]) if args else ""
            return s.strip() == "" if m == "isnullorwhitespace" else s == ""
        if t == "math" and m == "round":
            return round(to_number(args[0]), int(to_number(args[1])) if len(args) > 1 else 0)
        if t == "guid" and m == "newguid":
            return interp.sh.cloud.ids.guid()
        raise PSError(f"Method invocation failed because [{static}] does not contain a method named '{method}'.")
    if isinstance(obj, PSObject) and obj.type_name == "System.Text.Encoding":
        found = dotnet.encoding_method(obj, method, args)
        if found is not dotnet.MISSING:
            return found
    if m == "tostring" and not args:
        return to_str(obj)
    if isinstance(obj, ScriptBlock) and m in ("invoke", "invokereturnasis", "getnewclosure"):
        return obj if m == "getnewclosure" else interp.call_block(obj, [], None, values=list(args))
    if m == "gettype":
        tn = type_name(obj)
        return PSObject("System.RuntimeType", {"Name": tn.split("[", 1)[0].split(".")[-1], "FullName": tn}, to_string=tn)
    if isinstance(obj, str):
        s = obj
        a = [to_str(x) for x in args]
        table = {
            "toupper": lambda: s.upper(), "tolower": lambda: s.lower(),
            "trim": lambda: s.strip(a[0] if a else None), "trimstart": lambda: s.lstrip(a[0] if a else None),
            "trimend": lambda: s.rstrip(a[0] if a else None),
            "split": lambda: re.split("[" + re.escape("".join(a)) + "]", s) if a else s.split(),
            "replace": lambda: s.replace(a[0], a[1]) if len(a) == 2 else _arity(method, 2),
            "contains": lambda: a[0] in s, "startswith": lambda: s.startswith(a[0]),
            "endswith": lambda: s.endswith(a[0]), "indexof": lambda: s.find(a[0]),
            "substring": lambda: s[int(args[0]):int(args[0]) + int(args[1])] if len(args) > 1 else s[int(args[0]):],
            "padleft": lambda: s.rjust(int(args[0])), "padright": lambda: s.ljust(int(args[0])),
            "equals": lambda: s == a[0],
        }
        if m in table:
            try:
                return table[m]()
            except (IndexError, ValueError, TypeError):
                raise PSError(f'Cannot find an overload for "{method}" and the argument count: "{len(args)}".') \
                    from None
    if isinstance(obj, Hashtable):
        if m == "containskey" and args:
            return obj.has_ci(args[0])
        if m == "add" and len(args) == 2:
            if obj.has_ci(args[0]):
                raise PSError(f'Exception calling "Add" with "2" argument(s): "Item has already been added. Key in '
                              f"dictionary: '{args[0]}'  Key being added: '{args[0]}'\"")
            obj.set_ci(args[0], args[1])
            return None
        if m == "remove" and args:
            k = obj._k(args[0])
            obj.pop(k, None)
            return None
    if isinstance(obj, StringList):
        changed = _list_method(obj, m, args)
        if changed is not dotnet.MISSING:
            return changed
    if isinstance(obj, list):
        if m == "contains" and args:
            return any(equals(x, args[0]) for x in obj)
        if m == "indexof" and args:
            return next((i for i, x in enumerate(obj) if equals(x, args[0])), -1)
    if isinstance(obj, datetime):
        deltas = {"adddays": "days", "addhours": "hours", "addminutes": "minutes", "addseconds": "seconds"}
        if m in deltas and args:
            return obj + timedelta(**{deltas[m]: to_number(args[0])})
        if m in ("touniversaltime", "tolocaltime"):
            return obj
    if isinstance(obj, PSCredential) and m == "getnetworkcredential":
        return PSObject("System.Net.NetworkCredential", {"UserName": obj.username, "Password": obj.password.reveal()})
    if obj is None:
        raise PSError("You cannot call a method on a null-valued expression.")
    raise PSError(f"Method invocation failed because [{type_name(obj)}] does not contain a method named "
                  f"'{method}'.")


def _list_method(obj: StringList, m: str, args: list):
    """List<string>'s Add, AddRange, Clear, Insert and Remove (Remove answers whether an item was removed)."""
    if m == "add" and len(args) == 1:
        obj.append(to_str(args[0]))
    elif m == "addrange" and len(args) == 1:
        obj.extend(to_str(x) for x in (args[0] if isinstance(args[0], list) else [args[0]]))
    elif m == "clear" and not args:
        obj.clear()
    elif m == "insert" and len(args) == 2:
        obj.insert(int(to_number(args[0])), to_str(args[1]))
    elif m == "remove" and len(args) == 1:
        i = next((i for i, x in enumerate(obj) if equals(x, args[0])), None)
        if i is not None:
            del obj[i]
        return i is not None
    else:
        return dotnet.MISSING
    return None


def _arity(method: str, n: int):
    raise PSError(f'Cannot find an overload for "{method}" and the argument count: "{n}".')


def equals_ci(a, b) -> bool:
    return equals(a, b)
