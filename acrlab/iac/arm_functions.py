"""ARM template functions (the ones used around ACR) and the expression evaluator.

uniqueString is ARM's MurmurHash64 variant over the '-'-joined arguments, base32 encoded (13 characters);
guid is a name-based UUID v5 in ARM's namespace 11fb06fb-712d-4ddd-98c7-e71bbd588830 over the same string."""

from __future__ import annotations

import base64
import json
import urllib.parse
import uuid
from typing import Any

from . import arm_expr
from .arm_expr import Call, Chain
from .errors import TemplateError

ARM_NAMESPACE = uuid.UUID("11fb06fb-712d-4ddd-98c7-e71bbd588830")
M32 = 0xFFFFFFFF


def _rotl(x: int, r: int) -> int:
    return ((x << r) | (x >> (32 - r))) & M32


def murmur64(data: bytes) -> int:
    h1 = h2 = 0
    n = len(data)
    i = 0
    while i + 7 < n:
        k1 = int.from_bytes(data[i:i + 4], "little")
        k2 = int.from_bytes(data[i + 4:i + 8], "little")
        k1 = (_rotl((k1 * 597399067) & M32, 15) * 2869860233) & M32
        h1 = (((_rotl(h1 ^ k1, 19) + h2) & M32) * 5 + 1444728091) & M32
        k2 = (_rotl((k2 * 2869860233) & M32, 17) * 597399067) & M32
        h2 = (((_rotl(h2 ^ k2, 13) + h1) & M32) * 5 + 197830471) & M32
        i += 8
    tail = n - i
    if tail > 0:
        k1 = int.from_bytes(data[i:i + min(tail, 4)], "little")
        h1 ^= (_rotl((k1 * 597399067) & M32, 15) * 2869860233) & M32
        if tail > 4:
            k2 = int.from_bytes(data[i + 4:n], "little")
            h2 ^= (_rotl((k2 * 2869860233) & M32, 17) * 597399067) & M32
    h1 ^= n
    h2 ^= n
    h1 = (h1 + h2) & M32
    h2 = (h2 + h1) & M32

    def fmix(h: int) -> int:
        h = ((h ^ (h >> 16)) * 2246822507) & M32
        h = ((h ^ (h >> 13)) * 3266489909) & M32
        return h ^ (h >> 16)

    h1, h2 = fmix(h1), fmix(h2)
    h1 = (h1 + h2) & M32
    h2 = (h2 + h1) & M32
    return (h2 << 32) | h1


def unique_string(*values: str) -> str:
    h = murmur64("-".join(values).encode("utf-8"))
    alphabet = "abcdefghijklmnopqrstuvwxyz234567"
    out = []
    for _ in range(13):
        out.append(alphabet[h >> 59])
        h = (h << 5) & 0xFFFFFFFFFFFFFFFF
    return "".join(out)


def arm_guid(*values: str) -> str:
    return str(uuid.uuid5(ARM_NAMESPACE, "-".join(values)))


def _strings(name: str, args: list) -> list[str]:
    if not args:
        raise TemplateError(f"The template language function '{name}' must have at least one parameter.")
    if not all(isinstance(a, str) for a in args):
        raise TemplateError(f"The template language function '{name}' expects its parameters to be of type "
                            "'String'.")
    return args


def _type_name(v) -> str:
    if isinstance(v, bool):
        return "Boolean"
    if isinstance(v, int):
        return "Integer"
    if isinstance(v, str):
        return "String"
    if isinstance(v, list):
        return "Array"
    if isinstance(v, dict):
        return "Object"
    return "Null"


def _concat(args):
    if args and all(isinstance(a, list) for a in args):
        return [x for a in args for x in a]
    return "".join(a if isinstance(a, str) else json.dumps(a) if isinstance(a, (dict, list)) else
                   str(a).lower() if isinstance(a, bool) else str(a) for a in args)


def _format(fmt, *args):
    out, i = [], 0
    while i < len(fmt):
        c = fmt[i]
        if c == "{" and fmt[i + 1:i + 2] == "{":
            out.append("{")
            i += 2
        elif c == "}" and fmt[i + 1:i + 2] == "}":
            out.append("}")
            i += 2
        elif c == "{":
            j = fmt.index("}", i)
            spec = fmt[i + 1:j].split(":")[0].split(",")[0]
            v = args[int(spec)]
            out.append(str(v).lower() if isinstance(v, bool) else str(v))
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _contains(container, item):
    if isinstance(container, str):
        return str(item) in container
    if isinstance(container, dict):
        return any(k.lower() == str(item).lower() for k in container)
    return item in container


def _union(*items):
    if all(isinstance(i, dict) for i in items):
        out: dict = {}
        for d in items:
            for k, v in d.items():
                out[k] = _union(out[k], v) if isinstance(out.get(k), dict) and isinstance(v, dict) else v
        return out
    out_list: list = []
    for lst in items:
        for x in lst:
            if x not in out_list:
                out_list.append(x)
    return out_list


def _substring(s, start, length=None):
    if start < 0 or start > len(s):
        raise TemplateError("The index and length parameters must refer to a location within the string.")
    if length is None:
        return s[start:]
    if length < 0 or start + length > len(s):
        raise TemplateError("The index and length parameters must refer to a location within the string.")
    return s[start:start + length]


def _empty(v):
    return v is None or v == "" or v == [] or v == {}


PURE: dict[str, Any] = {
    "concat": lambda *a: _concat(list(a)), "format": _format, "tolower": lambda s: s.lower(),
    "toupper": lambda s: s.upper(), "substring": _substring, "length": lambda v: len(v),
    "contains": _contains, "empty": _empty, "union": _union, "equals": lambda a, b: a == b,
    "not": lambda a: not a, "and": lambda *a: all(a), "or": lambda *a: any(a), "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b, "mul": lambda a, b: a * b, "div": lambda a, b: int(a / b), "mod": lambda a, b: a % b,
    "less": lambda a, b: a < b, "lessorequals": lambda a, b: a <= b, "greater": lambda a, b: a > b,
    "greaterorequals": lambda a, b: a >= b, "coalesce": lambda *a: next((x for x in a if x is not None), None),
    "createarray": lambda *a: list(a), "createobject": lambda *a: dict(zip(a[::2], a[1::2], strict=False)),
    "string": lambda v: v if isinstance(v, str) else json.dumps(v, separators=(",", ":")) if isinstance(
        v, (dict, list)) else str(v).lower() if isinstance(v, bool) else str(v),
    "int": lambda v: int(v), "bool": lambda v: v if isinstance(v, bool) else str(v).lower() == "true",
    "json": lambda s: json.loads(s), "replace": lambda s, a, b: s.replace(a, b), "split": lambda s, d: s.split(d),
    "join": lambda a, d: d.join(a), "first": lambda v: v[0] if v else None, "last": lambda v: v[-1] if v else None,
    "take": lambda v, n: v[:max(n, 0)], "skip": lambda v, n: v[max(n, 0):],
    "startswith": lambda s, p: s.lower().startswith(p.lower()), "endswith": lambda s, p: s.lower().endswith(p.lower()),
    "indexof": lambda s, p: s.lower().find(p.lower()), "lastindexof": lambda s, p: s.lower().rfind(p.lower()),
    "trim": lambda s: s.strip(), "padleft": lambda s, n, c=" ": str(s).rjust(n, c), "range": lambda a, n: list(
        range(a, a + n)), "min": lambda *a: min(a[0] if len(a) == 1 and isinstance(a[0], list) else a),
    "max": lambda *a: max(a[0] if len(a) == 1 and isinstance(a[0], list) else a),
    "array": lambda v: v if isinstance(v, list) else [v], "true": lambda: True, "false": lambda: False,
    "null": lambda: None, "intersection": lambda *a: [x for x in a[0] if all(x in o for o in a[1:])]
    if isinstance(a[0], list) else {k: v for k, v in a[0].items() if all(o.get(k) == v for o in a[1:])},
    "objectkeys": lambda o: list(o), "items": lambda o: [{"key": k, "value": v} for k, v in o.items()],
    "trygetvalue": lambda o, *k: _try_get(o, k), "tryget": lambda o, *k: _try_get(o, k),
    "flatten": lambda a: [x for sub in a for x in sub], "emptystring": lambda: "",
    "uniquestring": lambda *a: unique_string(*_strings("uniqueString", list(a))),
    "guid": lambda *a: arm_guid(*_strings("guid", list(a))),
    "base64": lambda s: base64.b64encode(s.encode()).decode(),
    "base64tostring": lambda s: base64.b64decode(s).decode(), "base64tojson": lambda s: json.loads(base64.b64decode(s)),
    "datauri": lambda v: "data:text/plain;charset=utf8;base64," + base64.b64encode(
        (v if isinstance(v, str) else json.dumps(v)).encode()).decode(),
    "datauritostring": lambda s: base64.b64decode(s.split(",", 1)[1]).decode(),
    "uri": lambda base, rel: urllib.parse.urljoin(base, rel), "uricomponent": lambda s: urllib.parse.quote(s, safe=""),
    "uricomponenttostring": lambda s: urllib.parse.unquote(s), "any": lambda v: v,
}


def _try_get(o, keys):
    for k in keys:
        if isinstance(o, dict):
            o = next((v for kk, v in o.items() if kk.lower() == str(k).lower()), None)
        elif isinstance(o, list) and isinstance(k, int) and 0 <= k < len(o):
            o = o[k]
        else:
            return None
    return o


def access(value, step, ctx) -> Any:
    kind, key = step
    if kind == "idx":
        key = evaluate(key, ctx)
    if isinstance(value, dict) and isinstance(key, str):
        for k, v in value.items():
            if k.lower() == key.lower():
                return v
        raise TemplateError(f"The language expression property '{key}' doesn't exist, available properties are "
                            f"'{', '.join(value)}'.")
    if isinstance(value, list) and isinstance(key, int) and not isinstance(key, bool):
        if not 0 <= key < len(value):
            raise TemplateError(f"The language expression property array index '{key}' is out of bounds.")
        return value[key]
    raise TemplateError(f"The language expression property '{key}' can't be evaluated, property name must be a "
                        f"string.") if isinstance(value, list) else TemplateError(
        f"The language expression property '{key}' can't be evaluated.")


def evaluate(node, ctx) -> Any:
    """Evaluate a parsed expression; `ctx` supplies the context-bound functions (see template.EvalContext)."""
    if isinstance(node, (str, int)):
        return node
    if isinstance(node, Chain):
        value = evaluate(node.base, ctx)
        for step in node.steps:
            value = access(value, step, ctx)
        return value
    assert isinstance(node, Call)
    name = node.name.lower()
    if name == "if":
        if len(node.args) != 3:
            raise TemplateError("The template language function 'if' must have '3' parameters.")
        return evaluate(node.args[1] if evaluate(node.args[0], ctx) else node.args[2], ctx)
    if name in ("map", "filter") and len(node.args) == 2:
        return ctx.lambda_call(name, evaluate(node.args[0], ctx), node.args[1])
    handler = ctx.function(name)
    args = [evaluate(a, ctx) for a in node.args]
    if handler is None:
        handler = PURE.get(name)
    if handler is None:
        raise TemplateError(f"The template function '{node.name}' is not valid. Please see "
                            "https://aka.ms/arm-functions for usage details.")
    try:
        return handler(*args)
    except TemplateError:
        raise
    except (TypeError, ValueError, KeyError, IndexError, AttributeError, ZeroDivisionError):
        raise TemplateError(f"Unable to evaluate template language function '{node.name}': the arguments "
                            f"({', '.join(_type_name(a) for a in args)}) are not valid. Please see "
                            "https://aka.ms/arm-functions for usage details.") from None


def evaluate_value(value, ctx):
    """Evaluate every `[...]` string inside a JSON value."""
    if isinstance(value, str):
        if arm_expr.is_expression(value):
            return evaluate(arm_expr.parse(value[1:-1]), ctx)
        return arm_expr.literal(value)
    if isinstance(value, list):
        return [evaluate_value(v, ctx) for v in value]
    if isinstance(value, dict):
        out = {}
        if isinstance(value.get("copy"), list):
            for block in value["copy"]:
                out[block.get("name")] = copy_loop(block, ctx)
        # property names may be expressions too (userAssignedIdentities keyed by "[resourceId(...)]")
        out.update({str(evaluate_value(k, ctx)) if arm_expr.is_expression(k) else k: evaluate_value(v, ctx)
                    for k, v in value.items() if not (k == "copy" and isinstance(v, list))})
        return out
    return value


def copy_loop(block: dict, ctx, name: str | None = None) -> list:
    """A property/variable/output copy loop: `input` evaluated `count` times with copyIndex('name')."""
    if not isinstance(block, dict) or "input" not in block or "count" not in block:
        raise TemplateError("The copy property must have 'name', 'count' and 'input'.")
    count = evaluate_value(block["count"], ctx)
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        raise TemplateError("The copy count must be a non-negative integer.")
    if count > 800:
        raise TemplateError(f"The copy count '{count}' exceeds the maximum of '800'.")
    name = name or block.get("name")
    saved = ctx.copy_names.get(name)
    out = []
    for i in range(count):
        ctx.copy_names[name] = i
        out.append(evaluate_value(block["input"], ctx))
    ctx.copy_names.pop(name, None)
    if saved is not None:
        ctx.copy_names[name] = saved
    return out
