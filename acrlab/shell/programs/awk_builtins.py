"""awk's built-in functions, with POSIX/gawk semantics: substr's rounding, split's field-separator rules,
sub/gsub replacement escapes (& and \\&), match's RSTART/RLENGTH (leftmost-longest), sprintf, and the numeric ones."""

from __future__ import annotations

import math

from .awk_values import AwkError, StrNum, format_printf, to_num, to_str
from .posix_re import RegexTooCostly


def _round(x: float) -> int:
    return int(math.floor(x + 0.5)) if not (math.isinf(x) or math.isnan(x)) else (0 if math.isnan(x) else
                                                                                   (1 << 60) * (1 if x > 0 else -1))


def _arity(name: str, args: list, lo: int, hi: int) -> None:
    if not lo <= len(args) <= hi:
        raise AwkError(f"{name}: called with {len(args)} arguments" if len(args) > hi
                       else f"{name}: called with too few arguments")


def _replacement(repl: str, matched: str) -> str:
    out, i = [], 0
    while i < len(repl):
        c = repl[i]
        if c == "\\" and i + 1 < len(repl) and repl[i + 1] in "&\\":
            if repl[i + 1] == "&":
                out.append("&")
                i += 2
                continue
            if repl.startswith("\\\\&", i):
                out.append("\\" + matched)
                i += 3
                continue
            out.append("\\")
            i += 2 if repl[i + 1] == "\\" and not repl.startswith("\\\\&", i) else 1
            continue
        out.append(matched if c == "&" else c)
        i += 1
    return "".join(out)


def _substitute(it, args: list, global_: bool) -> float:
    name = "gsub" if global_ else "sub"
    _arity(name, args, 2, 3)
    target = args[2] if len(args) == 3 else ("field", ("num", 0.0))
    if target[0] not in ("var", "field", "index"):
        raise AwkError(f"{name} third parameter is not a changeable object")
    pat = it.regex_of(args[0])
    repl = to_str(it.eval(args[1]), to_str(it.globals["CONVFMT"]))
    text = to_str(it.eval(target), to_str(it.globals["CONVFMT"]))
    out, pos, count = [], 0, 0
    try:
        for a, b in pat.finditer(text):
            out.append(text[pos:a])
            out.append(_replacement(repl, text[a:b]))
            pos, count = b, count + 1
            if not global_:
                break
    except RegexTooCostly as e:
        raise AwkError(str(e))
    if count:
        out.append(text[pos:])
        it.store(target, "".join(out))
    return float(count)


def _split(it, args: list) -> float:
    _arity("split", args, 2, 3)
    if args[1][0] != "var":
        raise AwkError("split: second argument is not an array")
    text = to_str(it.eval(args[0]), to_str(it.globals["CONVFMT"]))
    if len(args) == 3:
        fs_node = args[2]
        fs = fs_node[1] if fs_node[0] == "regex" else to_str(it.eval(fs_node))
        is_regex = fs_node[0] == "regex"
    else:
        fs, is_regex = to_str(it.globals["FS"]), False
    arr = it.array(args[1][1])
    arr.clear()
    if text == "":
        return 0.0
    if fs == " " and not is_regex:
        parts = text.split()
    elif fs == "" and not is_regex:
        parts = list(text)
    elif len(fs) == 1 and fs != "\\" and not is_regex:
        parts = text.split(fs)
    else:
        parts = it.split_regex(text, fs)
    for k, part in enumerate(parts, 1):
        arr[str(k)] = StrNum(part)
    return float(len(parts))


def _match(it, args: list) -> float:
    _arity("match", args, 2, 3)
    text = to_str(it.eval(args[0]), to_str(it.globals["CONVFMT"]))
    pat = it.regex_of(args[1])
    try:
        m = pat.search(text)
    except RegexTooCostly as e:
        raise AwkError(str(e))
    it.globals["RSTART"] = float(m[0] + 1) if m else 0.0
    it.globals["RLENGTH"] = float(m[1] - m[0]) if m else -1.0
    if len(args) == 3:  # gawk: the array gets the match and its groups
        if args[2][0] != "var":
            raise AwkError("match: third argument is not an array")
        arr = it.array(args[2][1])
        arr.clear()
        if m:
            for k, g in enumerate(pat.groups_at(text, m)):
                if g is not None:
                    arr[str(k)] = StrNum(g)
    return it.globals["RSTART"]


def call_builtin(it, name: str, args: list):
    conv = to_str(it.globals["CONVFMT"])
    if name == "length":
        _arity(name, args, 0, 1)
        if not args:
            return float(len(to_str(it.get_field(0))))
        if args[0][0] == "var":
            v = it.scope(args[0][1]).get(args[0][1], "")
            if isinstance(v, dict):
                return float(len(v))
        return float(len(to_str(it.eval(args[0]), conv)))
    if name == "substr":
        _arity(name, args, 2, 3)
        s = to_str(it.eval(args[0]), conv)
        start = to_num(it.eval(args[1]))
        if len(args) == 3:
            length = to_num(it.eval(args[2]))
            if math.isnan(length):
                return ""
            end = _round(start + length) if not math.isinf(length) else (len(s) + 1 if length > 0 else 0)
            first = _round(start)
        else:
            first, end = _round(start), len(s) + 1
        first = max(first, 1)
        return s[first - 1:max(end - 1, first - 1)] if end > first else ""
    if name == "index":
        _arity(name, args, 2, 2)
        return float(to_str(it.eval(args[0]), conv).find(to_str(it.eval(args[1]), conv)) + 1)
    if name == "split":
        return _split(it, args)
    if name in ("sub", "gsub"):
        return _substitute(it, args, name == "gsub")
    if name == "match":
        return _match(it, args)
    if name == "sprintf":
        if not args:
            raise AwkError("sprintf: no format")
        values = [it.eval(a) for a in args]
        return format_printf(to_str(values[0], conv), values[1:])
    if name in ("tolower", "toupper"):
        _arity(name, args, 1, 1)
        s = to_str(it.eval(args[0]), conv)
        return s.lower() if name == "tolower" else s.upper()
    if name == "int":
        _arity(name, args, 1, 1)
        return float(math.trunc(to_num(it.eval(args[0]))))
    if name in ("sqrt", "exp", "log", "sin", "cos"):
        _arity(name, args, 1, 1)
        x = to_num(it.eval(args[0]))
        try:
            return float(getattr(math, name)(x))
        except (ValueError, OverflowError):
            return math.nan if name in ("sqrt", "log") else math.inf
    if name == "atan2":
        _arity(name, args, 2, 2)
        return math.atan2(to_num(it.eval(args[0])), to_num(it.eval(args[1])))
    if name == "rand":
        return it.rng.random()
    if name == "srand":
        old = it.seed
        it.seed = to_num(it.eval(args[0])) if args else float(int(it.sh.cloud.clock.now().timestamp()))
        it.rng.seed(it.seed)
        return old
    if name in ("close", "fflush"):
        return 0.0
    if name == "system":
        raise AwkError("system() (running a shell command from awk) is not available in this lab")
    raise AwkError(f"function `{name}' not defined")
