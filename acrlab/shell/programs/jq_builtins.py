"""jq builtins (name/arity) and @formats the lab's jq implements; real jq builtins it lacks are named as such."""

from __future__ import annotations

import base64
import json
import math
import urllib.parse

from .jq_eval import JqError, describe, dump, iterate, normal, regex, sort_key, tostring, truthy, type_name
from .jq_parse import JqCompileError

NOT_IN_LAB = {"path", "paths", "leaf_paths", "getpath", "setpath", "delpaths", "del", "to_entries", "input",
              "inputs", "debug", "stderr", "input_filename", "splits", "capture", "scan", "match", "until",
              "while", "repeat", "builtins", "input_line_number", "tostream", "fromstream", "truncate_stream",
              "pick", "walk", "transpose", "indices", "index", "rindex", "inside", "combinations", "implode",
              "explode", "todate", "fromdate", "now", "mktime", "gmtime", "localtime", "strftime", "strptime",
              "dateadd", "datesub", "date", "halt", "halt_error", "significand", "abs", "toarray", "trim",
              "ltrim", "rtrim", "bsearch", "isinfinite", "isnan", "isnormal", "infinite", "nan", "ascii", "tojson", "fromjson", "min_by", "max_by", "env", "@base32", "@base32d",
              "in", "ltrimstr", "rtrimstr", "test", "sub", "gsub", "foreach", "label"}


def _one(ev, node, value, env):
    return list(ev.run(node, value, env))


def _str_arg(ev, node, value, env, name) -> list[str]:
    out = []
    for v in ev.run(node, value, env):
        if not isinstance(v, str):
            raise JqError(f"{name} input and separator must be strings")
        out.append(v)
    return out


def _length(v):
    if v is None:
        return 0
    if isinstance(v, bool):
        raise JqError(f"{describe(v)} has no length")
    if isinstance(v, (int, float)):
        return abs(v)
    return len(v)


def _keys(v, ordered: bool = True):
    if isinstance(v, dict):
        return sorted(v) if ordered else list(v)
    if isinstance(v, list):
        return list(range(len(v)))
    raise JqError(f"{describe(v)} has no keys")


def _need(v, kind: str, what: str):
    if type_name(v) != kind:
        raise JqError(f"{describe(v)} {what}")
    return v


def _by(ev, node, value, env, op):
    items = _need(value, "array", "cannot be sorted, as it is not an array") if op != "group" else value
    if not isinstance(items, list):
        raise JqError(f"Cannot index {type_name(value)} with number")
    keyed = [([sort_key(k) for k in ev.run(node, item, env)], item) for item in items]
    keyed.sort(key=lambda p: p[0])
    if op == "sort":
        return [item for _, item in keyed]
    groups: list[tuple] = []
    for key, item in keyed:
        if groups and groups[-1][0] == key:
            groups[-1][1].append(item)
        else:
            groups.append((key, [item]))
    if op == "group":
        return [g for _, g in groups]
    if op == "unique":
        return [g[0] for _, g in groups]
    if not keyed:
        return None
    return keyed[0][1] if op == "min" else keyed[-1][1]


def _entries(value):
    if isinstance(value, dict):
        return [{"key": k, "value": v} for k, v in value.items()]
    if isinstance(value, list):
        return [{"key": k, "value": v} for k, v in enumerate(value)]
    raise JqError(f"{describe(value)} has no keys")


def _from_entries(value):
    out = {}
    for e in iterate(value):
        if not isinstance(e, dict):
            raise JqError(f"Cannot index {type_name(e)} with \"key\"")
        key = next((e[k] for k in ("key", "k", "name", "Name", "Key", "K") if e.get(k) is not None), None)
        if isinstance(key, bool) or key is None:
            raise JqError(f"Cannot use {describe(key)} as object key")
        out[key if isinstance(key, str) else dump(key)] = next(
            (e[k] for k in ("value", "v", "Value", "V") if k in e), None)
    return out


def _flatten(v, depth):
    out = []
    for x in v:
        if isinstance(x, list) and depth > 0:
            out.extend(_flatten(x, depth - 1))
        else:
            out.append(x)
    return out


def _recurse(v):
    yield v
    if isinstance(v, (list, dict)):
        for child in list(v.values() if isinstance(v, dict) else v):
            yield from _recurse(child)


def _tonumber(v):
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return v
    if isinstance(v, str):
        try:
            n = float(v.strip())
            return int(n) if n.is_integer() and "." not in v and "e" not in v.lower() else n
        except ValueError:
            raise JqError(f"Cannot parse '{v}' as JSON") from None
    raise JqError(f"{describe(v)} cannot be parsed as a number")


SIMPLE = {
    "length": _length,
    "utf8bytelength": lambda v: len(_need(v, "string", "only strings have UTF-8 byte length").encode()),
    "not": lambda v: not truthy(v),
    "keys": _keys,
    "keys_unsorted": lambda v: _keys(v, ordered=False),
    "type": type_name,
    "tostring": tostring,
    "tonumber": _tonumber,
    "tojson": dump,
    "fromjson": lambda v: _fromjson(v),
    "ascii_downcase": lambda v: _need(v, "string", "cannot be lowercased").lower(),
    "ascii_upcase": lambda v: _need(v, "string", "cannot be uppercased").upper(),
    "reverse": lambda v: None if v is None else v[::-1] if isinstance(v, (list, str)) else _bad(v, "cannot be reversed"),
    "sort": lambda v: sorted(_need(v, "array", "cannot be sorted, as it is not an array"), key=sort_key),
    "unique": lambda v: _unique(_need(v, "array", "cannot be sorted, as it is not an array")),
    "min": lambda v: min(_need(v, "array", "cannot be iterated over"), key=sort_key, default=None),
    "max": lambda v: max(_need(v, "array", "cannot be iterated over"), key=sort_key, default=None),
    "add": lambda v: _add(v),
    "any": lambda v: any(truthy(x) for x in iterate(v)),
    "all": lambda v: all(truthy(x) for x in iterate(v)),
    "flatten": lambda v: _flatten(_need(v, "array", "cannot be flattened"), 10 ** 6),
    "to_entries": _entries,
    "from_entries": _from_entries,
    "floor": lambda v: math.floor(_need(v, "number", "number required")),
    "ceil": lambda v: math.ceil(_need(v, "number", "number required")),
    "round": lambda v: round(_need(v, "number", "number required")),
    "sqrt": lambda v: math.sqrt(v) if _need(v, "number", "number required") >= 0 else None,
    "first": lambda v: v[0] if isinstance(v, list) and v else None if isinstance(v, list) else _bad(
        v, "cannot be indexed with number"),
    "last": lambda v: v[-1] if isinstance(v, list) and v else None if isinstance(v, list) else _bad(
        v, "cannot be indexed with number"),
}
FILTERS = {"arrays": list, "objects": dict, "strings": str, "booleans": bool, "nulls": type(None)}


def _unique(items: list) -> list:
    out: list = []
    for x in sorted(items, key=sort_key):
        if not out or sort_key(out[-1]) != sort_key(x):
            out.append(x)
    return out


def _bad(v, what):
    raise JqError(f"{describe(v)} {what}")


def _fromjson(v):
    try:
        return json.loads(_need(v, "string", "cannot be parsed as JSON"))
    except json.JSONDecodeError as e:
        raise JqError(f"{v} (while parsing '{v}')" if not v.strip() else f"{e.msg} (while parsing '{v}')") from None


def _add(v):
    from .jq_eval import binop

    acc = None
    for x in iterate(v):
        acc = binop("+", acc, x)
    return acc


def call(ev, name: str, args: list, value, env):
    arity = len(args)
    if arity == 0 and name in SIMPLE:
        yield SIMPLE[name](value)
    elif arity == 0 and name in FILTERS:
        if isinstance(value, FILTERS[name]) and not (name != "booleans" and isinstance(value, bool)):
            yield value
    elif arity == 0 and name in ("numbers", "scalars", "iterables", "values"):
        ok = {"numbers": lambda v: type_name(v) == "number", "scalars": lambda v: not isinstance(v, (list, dict)),
              "iterables": lambda v: isinstance(v, (list, dict)), "values": lambda v: v is not None}[name](value)
        if ok:
            yield value
    elif arity == 0 and name in ("empty", "recurse", "true", "false", "null", "env", "error"):
        if name == "recurse":
            yield from _recurse(value)
        elif name == "env":
            yield dict(env.get("$ENV", {}))
        elif name == "error":
            raise JqError(value)
        elif name != "empty":
            yield {"true": True, "false": False, "null": None}[name]
    elif arity == 1 and name in ("map", "map_values", "select", "has", "contains", "startswith", "endswith",
                                 "join", "split", "ltrimstr", "rtrimstr", "test", "with_entries", "sort_by",
                                 "group_by", "unique_by", "min_by", "max_by", "first", "last", "any", "all",
                                 "range", "error", "flatten", "recurse", "isempty", "tostring", "add"):
        yield from _one_arg(ev, name, args[0], value, env)
    elif arity == 2 and name in ("range", "sub", "gsub", "test", "limit"):
        a, b = args
        if name == "range":
            for lo in ev.run(a, value, env):
                for hi in ev.run(b, value, env):
                    yield from _range(lo, hi)
        elif name == "limit":
            for n in ev.run(a, value, env):
                if not isinstance(n, (int, float)) or isinstance(n, bool):
                    raise JqError("Invalid limit: must be a number")
                if n > 0:
                    for k, v in enumerate(ev.run(b, value, env)):
                        yield v
                        if k + 1 >= n:
                            break
        elif name == "test":
            for flags in ev.run(b, value, env):
                for pat in ev.run(a, value, env):
                    yield regex(pat, flags).search(_need(value, "string", "cannot be matched, as it is not a string")) is not None
        else:
            for pat in ev.run(a, value, env):
                rx = regex(pat)
                text = _need(value, "string", "cannot be matched, as it is not a string")

                def replace(m, b=b):  # the replacement filter sees the named captures, as in jq
                    got = next(iter(ev.run(b, {k: v for k, v in m.groupdict().items()}, env)), "")
                    if not isinstance(got, str):
                        raise JqError(f"{describe(value)} cannot be added to a {type_name(got)}")
                    return got

                yield rx.sub(replace, text, count=0 if name == "gsub" else 1)
    elif name in NOT_IN_LAB:
        raise JqCompileError(f"{name}/{arity} is not supported by this lab's jq (a subset of jq 1.7); "
                             "for az output, --query (JMESPath) does the same job")
    else:
        raise JqCompileError(f"{name}/{arity} is not defined")


def _range(lo, hi):
    if not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in (lo, hi)):
        raise JqError("Range bounds must be numeric")
    n = lo
    count = 0
    while n < hi and count < 100_000:
        yield n
        n += 1
        count += 1


def _one_arg(ev, name, arg, value, env):
    if name in ("map", "map_values"):
        if name == "map_values" and isinstance(value, dict):
            out = {}
            for k, v in value.items():
                got = list(ev.run(arg, v, env))
                if got:
                    out[k] = got[0]
            yield out
        else:
            yield [r for item in iterate(value) for r in ev.run(arg, item, env)]
    elif name == "select":
        for c in ev.run(arg, value, env):
            if truthy(c):
                yield value
    elif name == "has":
        for key in ev.run(arg, value, env):
            if isinstance(value, dict) and isinstance(key, str):
                yield key in value
            elif isinstance(value, list) and isinstance(key, (int, float)) and not isinstance(key, bool):
                yield 0 <= key < len(value)
            else:
                raise JqError(f"Cannot check whether {type_name(value)} has a {type_name(key)} key")
    elif name == "contains":
        for b in ev.run(arg, value, env):
            if type_name(value) != type_name(b):
                raise JqError(f"{describe(value)} and {describe(b)} cannot have their containment checked")
            yield _contains(value, b)
    elif name in ("startswith", "endswith", "ltrimstr", "rtrimstr"):
        for s in ev.run(arg, value, env):
            if name in ("ltrimstr", "rtrimstr"):
                ok = isinstance(value, str) and isinstance(s, str)
                yield (value.removeprefix(s) if name == "ltrimstr" else value.removesuffix(s)) if ok else value
            elif not isinstance(value, str) or not isinstance(s, str):
                raise JqError(f"{name}() requires string inputs")
            else:
                yield value.startswith(s) if name == "startswith" else value.endswith(s)
    elif name == "join":
        for sep in ev.run(arg, value, env):
            parts = []
            for x in iterate(value):
                if isinstance(x, (list, dict)):
                    raise JqError(f"Cannot join with {type_name(x)}")
                parts.append("" if x is None else tostring(x))
            yield tostring(sep).join(parts) if parts else ""
    elif name == "split":
        for sep in _str_arg(ev, arg, value, env, "split"):
            text = _need(value, "string", "cannot be split")
            yield text.split(sep) if sep else list(text)
    elif name == "test":
        for pat in ev.run(arg, value, env):
            yield regex(pat).search(_need(value, "string", "cannot be matched, as it is not a string")) is not None
    elif name == "with_entries":
        yield _from_entries([r for e in _entries(value) for r in ev.run(arg, e, env)])
    elif name in ("sort_by", "group_by", "unique_by", "min_by", "max_by"):
        yield _by(ev, arg, value, env, name.split("_")[0])
    elif name == "first":
        for v in ev.run(arg, value, env):
            yield v
            break
    elif name == "last":
        got = list(ev.run(arg, value, env))
        if got:
            yield got[-1]
    elif name in ("any", "all"):
        results = [truthy(r) for item in iterate(value) for r in ev.run(arg, item, env)]
        yield any(results) if name == "any" else all(results)
    elif name == "range":
        for hi in ev.run(arg, value, env):
            yield from _range(0, hi)
    elif name == "error":
        for msg in ev.run(arg, value, env):
            raise JqError(msg)
    elif name == "flatten":
        for depth in ev.run(arg, value, env):
            if type_name(depth) != "number":
                raise JqError("flatten depth must not be negative")
            if depth < 0:
                raise JqError("flatten depth must not be negative")
            yield _flatten(_need(value, "array", "cannot be flattened"), depth)
    elif name == "recurse":
        yield from _recurse_f(ev, arg, value, env, 0)
    elif name == "isempty":
        yield not any(True for _ in ev.run(arg, value, env))
    elif name == "add":
        yield _add(list(ev.run(arg, value, env)))
    else:
        yield from (tostring(v) for v in ev.run(arg, value, env))


def _recurse_f(ev, f, value, env, depth):
    yield value
    if depth < 200:
        for child in ev.run(f, value, env):
            yield from _recurse_f(ev, f, child, env, depth + 1)


def _contains(a, b) -> bool:
    if isinstance(a, dict):
        return all(k in a and type_name(a[k]) == type_name(v) and _contains(a[k], v) for k, v in b.items())
    if isinstance(a, list):
        return all(any(type_name(x) == type_name(y) and _contains(x, y) for x in a) for y in b)
    if isinstance(a, str):
        return b in a
    return a == b


def format_value(fmt: str, v) -> str:
    """@text @json @csv @tsv @sh @base64 @base64d @uri @html."""
    if fmt == "text":
        return tostring(v)
    if fmt == "json":
        return dump(v)
    if fmt in ("csv", "tsv"):
        if not isinstance(v, list):
            raise JqError(f"{describe(v)} cannot be {fmt}-formatted, only an array can be")
        cells = []
        for x in v:
            if isinstance(x, (list, dict)):
                raise JqError(f"{describe(x)} is not valid in a csv row")
            if isinstance(x, str):
                cells.append('"' + x.replace('"', '""') + '"' if fmt == "csv" else
                             x.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r"))
            else:
                cells.append("" if x is None else dump(normal(x)))
        return ("," if fmt == "csv" else "\t").join(cells)
    if fmt == "sh":
        items = v if isinstance(v, list) else [v]
        out = []
        for x in items:
            if isinstance(x, (list, dict)):
                raise JqError(f"{describe(x)} can not be escaped for shell")
            out.append("'" + x.replace("'", "'\\''") + "'" if isinstance(x, str) else dump(x))
        return " ".join(out)
    if fmt == "base64":
        return base64.b64encode(tostring(v).encode()).decode()
    if fmt == "base64d":
        try:
            return base64.b64decode(tostring(v) + "==").decode(errors="replace")
        except ValueError:
            raise JqError(f"{describe(v)} is not valid base64 data") from None
    if fmt == "uri":
        return urllib.parse.quote(tostring(v), safe="-_.~")
    if fmt == "html":
        s = tostring(v)
        for a, b in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("'", "&#39;"), ('"', "&quot;")):
            s = s.replace(a, b)
        return s
    raise JqCompileError(f"{fmt}/0 is not a valid format")
