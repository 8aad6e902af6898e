"""Evaluating parsed jq filters (jq_parse) as generators, with jq 1.7's builtins the lab supports and its
runtime error texts ("Cannot index string with \"name\"", "Cannot iterate over null", ...)."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator

from .jq_parse import JqCompileError

MAX_STEPS = 200_000


class JqError(Exception):
    """A runtime error: `jq: error (at <stdin>:N): <message>` (or the value given to error/1)."""

    def __init__(self, value):
        super().__init__(value)
        self.value = value


def type_name(v) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    return "object"


def dump(v) -> str:
    return json.dumps(normal(v), ensure_ascii=False, separators=(",", ":"))


def normal(v):
    """Integral floats print as integers, as jq prints numbers."""
    if isinstance(v, float):
        if math.isnan(v):
            return None
        if math.isinf(v):
            return math.copysign(1.7976931348623157e308, v)
        return int(v) if v.is_integer() and abs(v) < 1e17 else v
    if isinstance(v, list):
        return [normal(x) for x in v]
    if isinstance(v, dict):
        return {k: normal(x) for k, x in v.items()}
    return v


def _show(v) -> str:
    """A value inside an error message, as jq abbreviates it."""
    text = dump(v)
    return text if len(text) <= 11 else text[:10] + "..."


def describe(v) -> str:
    return f"{type_name(v)} ({_show(v)})"


ORDER = {"null": 0, "boolean": 1, "number": 2, "string": 3, "array": 4, "object": 5}


def sort_key(v):
    """jq's total order: null < false < true < numbers < strings < arrays < objects."""
    t = type_name(v)
    if t == "boolean":
        return (1, int(v))
    if t == "array":
        return (4, [sort_key(x) for x in v])
    if t == "object":
        keys = sorted(v)
        return (5, keys, [sort_key(v[k]) for k in keys])
    return (ORDER[t], v if v is not None else 0)


def truthy(v) -> bool:
    return v is not None and v is not False


def tostring(v) -> str:
    return v if isinstance(v, str) else dump(v)


class Evaluator:
    def __init__(self, variables: dict):
        self.variables = variables
        self.steps = 0

    def run(self, node, value, env: dict | None = None) -> Iterator:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise JqError("this lab's jq stops after 200000 evaluation steps")
        env = env if env is not None else self.variables
        kind = node[0]
        if kind == "identity":
            yield value
        elif kind == "literal":
            yield node[1]
        elif kind == "string":
            yield from self.string(node[1], value, env, tostring)
        elif kind == "format":
            from .jq_builtins import format_value

            if node[2] is None:
                yield format_value(node[1], value)
            else:
                yield from self.string(node[2], value, env, lambda v: format_value(node[1], v))
        elif kind == "var":
            if node[1] == "ENV":
                yield dict(env.get("$ENV", {}))
            elif node[1] not in env:
                raise JqCompileError(f"${node[1]} is not defined")
            else:
                yield env[node[1]]
        elif kind == "index":
            for target in self.run(node[1], value, env):
                for idx in self.run(node[2], value, env):
                    yield index(target, idx)
        elif kind == "slice":
            yield from self.slice(node, value, env)
        elif kind == "iterate":
            for target in self.run(node[1], value, env):
                yield from iterate(target)
        elif kind == "pipe":
            for mid in self.run(node[1], value, env):
                yield from self.run(node[2], mid, env)
        elif kind == "comma":
            yield from self.run(node[1], value, env)
            yield from self.run(node[2], value, env)
        elif kind == "alt":
            found = False
            try:
                for v in self.run(node[1], value, env):
                    if truthy(v):
                        found = True
                        yield v
            except JqError:
                pass
            if not found:
                yield from self.run(node[2], value, env)
        elif kind in ("and", "or"):
            for left in self.run(node[1], value, env):
                if kind == "and" and not truthy(left):
                    yield False
                elif kind == "or" and truthy(left):
                    yield True
                else:
                    for right in self.run(node[2], value, env):
                        yield truthy(right)
        elif kind == "binop":
            for right in self.run(node[3], value, env):
                for left in self.run(node[2], value, env):
                    yield binop(node[1], left, right)
        elif kind == "neg":
            for v in self.run(node[1], value, env):
                if not isinstance(v, (int, float)) or isinstance(v, bool):
                    raise JqError(f"{describe(v)} cannot be negated")
                yield -v
        elif kind == "array":
            yield [] if node[1] is None else list(self.run(node[1], value, env))
        elif kind == "object":
            yield from self.obj(node[1], 0, value, env, {})
        elif kind == "if":
            yield from self.cond(node[1], node[2], value, env)
        elif kind == "try":
            try:
                yield from list(self.run(node[1], value, env))
            except JqError as e:
                if node[2] is not None:
                    yield from self.run(node[2], e.value, env)
        elif kind == "as":
            for bound in self.run(node[1], value, env):
                yield from self.run(node[3], value, {**env, node[2]: bound})
        elif kind == "reduce":
            for acc in self.run(node[3], value, env):
                for item in self.run(node[1], value, env):
                    results = list(self.run(node[4], acc, {**env, node[2]: item}))
                    acc = results[-1] if results else None
                yield acc
        elif kind == "call":
            from .jq_builtins import call

            yield from call(self, node[1], node[2], value, env)
        else:
            raise JqCompileError(f"{kind} is not supported")

    def string(self, parts, value, env, convert) -> Iterator[str]:
        results = [""]
        for part in parts:
            if isinstance(part, str):
                results = [r + part for r in results]
            else:
                results = [r + convert(v) for v in self.run(part, value, env) for r in results]
        yield from results

    def slice(self, node, value, env):
        for target in self.run(node[1], value, env):
            for lo in [None] if node[2] is None else self.run(node[2], value, env):
                for hi in [None] if node[3] is None else self.run(node[3], value, env):
                    if target is None:
                        yield None
                        continue
                    if not isinstance(target, (str, list)):
                        raise JqError(f"Cannot index {type_name(target)} with object")
                    for bound in (lo, hi):
                        if bound is not None and (not isinstance(bound, (int, float)) or isinstance(bound, bool)):
                            raise JqError("Start and end indices of an array slice must be numbers")
                    yield target[_bound(lo, math.floor):_bound(hi, math.ceil)]

    def obj(self, entries, k, value, env, acc) -> Iterator[dict]:
        if k == len(entries):
            yield dict(acc)
            return
        key_node, value_node = entries[k]
        for key in self.run(key_node, value, env):
            if not isinstance(key, str):
                raise JqError(f"Object keys must be strings, not {type_name(key)}")
            for v in self.run(value_node, value, env):
                yield from self.obj(entries, k + 1, value, env, {**acc, key: v})

    def cond(self, branches, orelse, value, env):
        if not branches:
            yield from self.run(orelse, value, env) if orelse is not None else [value]
            return
        cond, then = branches[0]
        for c in self.run(cond, value, env):
            if truthy(c):
                yield from self.run(then, value, env)
            else:
                yield from self.cond(branches[1:], orelse, value, env)


def _bound(n, rounding):
    if n is None:
        return None
    return rounding(max(min(n, 1 << 62), -(1 << 62)))


def index(target, idx):
    if isinstance(idx, str):
        if target is None:
            return None
        if isinstance(target, dict):
            return target.get(idx)
        raise JqError(f'Cannot index {type_name(target)} with "{idx}"')
    if isinstance(idx, (int, float)) and not isinstance(idx, bool):
        if target is None:
            return None
        if isinstance(target, list):
            i = _bound(idx, math.floor)
            if i < 0:
                i += len(target)
            return target[i] if 0 <= i < len(target) else None
        raise JqError(f"Cannot index {type_name(target)} with number")
    if isinstance(target, list) and isinstance(idx, list):  # .[[1,2]]: the indices where the subarray starts
        return [i for i in range(len(target)) if target[i:i + len(idx)] == idx] if idx else None
    raise JqError(f"Cannot index {type_name(target)} with {type_name(idx)}")


def iterate(target):
    if isinstance(target, list):
        return iter(list(target))
    if isinstance(target, dict):
        return iter(list(target.values()))
    raise JqError(f"Cannot iterate over {describe(target) if target is not None else 'null'}")


def binop(op: str, a, b):
    if op in ("==", "!="):
        return (sort_key(a) == sort_key(b)) == (op == "==")
    if op in ("<", "<=", ">", ">="):
        ka, kb = sort_key(a), sort_key(b)
        return {"<": ka < kb, "<=": ka <= kb, ">": ka > kb, ">=": ka >= kb}[op]
    num = lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)  # noqa: E731
    if op == "+":
        if a is None:
            return b
        if b is None:
            return a
        if num(a) and num(b) or type_name(a) == type_name(b) in ("string", "array"):
            return a + b
        if isinstance(a, dict) and isinstance(b, dict):
            return {**a, **b}
        raise JqError(f"{describe(a)} and {describe(b)} cannot be added")
    if op == "-":
        if num(a) and num(b):
            return a - b
        if isinstance(a, list) and isinstance(b, list):
            return [x for x in a if x not in b]
        raise JqError(f"{describe(a)} and {describe(b)} cannot be subtracted")
    if op == "*":
        if num(a) and num(b):
            return a * b
        if isinstance(a, str) and num(b) or isinstance(b, str) and num(a):
            s, n = (a, b) if isinstance(a, str) else (b, a)
            if n > 0 and len(s) * min(n, 1 << 40) > 10_000_000:
                raise JqError("Repeat string result too long")
            return s * max(int(n), 1) if n > 0 else None
        if isinstance(a, dict) and isinstance(b, dict):
            return _deep_merge(a, b)
        raise JqError(f"{describe(a)} and {describe(b)} cannot be multiplied")
    if op == "/":
        if num(a) and num(b):
            if b == 0:
                raise JqError(f"{describe(a)} and {describe(b)} cannot be divided because the divisor is zero")
            result = a / b
            return int(result) if result.is_integer() and abs(result) < 1e17 else result
        if isinstance(a, str) and isinstance(b, str):
            return a.split(b) if b else list(a)
        raise JqError(f"{describe(a)} and {describe(b)} cannot be divided")
    if num(a) and num(b):
        if not (math.isfinite(a) and math.isfinite(b)):
            raise JqError(f"{describe(a)} and {describe(b)} cannot be divided")
        if int(b) == 0:
            raise JqError(f"{describe(a)} and {describe(b)} cannot be divided because the divisor is zero")
        return int(math.fmod(int(a), int(b)))
    raise JqError(f"{describe(a)} and {describe(b)} cannot be divided")


def _deep_merge(a: dict, b: dict) -> dict:
    out = dict(a)
    for k, v in b.items():
        out[k] = _deep_merge(out[k], v) if isinstance(out.get(k), dict) and isinstance(v, dict) else v
    return out


def regex(pattern: str, flags: str | None = None) -> re.Pattern:
    f = 0
    for c in flags or "":
        f |= {"i": re.I, "x": re.X, "s": re.S, "g": 0, "n": 0, "l": 0, "p": re.S}.get(c, 0)
    try:
        return re.compile(pattern, f)
    except re.error as e:
        raise JqError(f"{pattern} (at offset {e.pos or 0}) is not a valid regex: {e.msg}") from None
