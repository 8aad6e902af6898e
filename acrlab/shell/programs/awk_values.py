"""awk values: numbers, strings and input 'strnums', their conversions and comparisons, printf's formats, and
the control-flow signals the interpreter raises."""

from __future__ import annotations

import math
import re

_NUMERIC = re.compile(r"\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$")
_NUM_PREFIX = re.compile(r"\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_FMT = re.compile(r"%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([cdiouxXeEfFgGs%])")


class AwkError(Exception):
    """A fatal run-time error (gawk prints it as `awk: cmd. line:1: fatal: ...`)."""


class StrNum(str):
    """Input text (fields, $0, -v values, split pieces) that compares as a number when it looks like one."""


class Next(Exception):
    pass


class NextFile(Exception):
    pass


class Exit(Exception):
    def __init__(self, code: int):
        self.code = code


class Return(Exception):
    def __init__(self, value):
        self.value = value


class Break(Exception):
    pass


class Continue(Exception):
    pass


def to_num(v) -> float:
    if isinstance(v, float):
        return v
    if isinstance(v, dict):
        raise AwkError("attempt to use array in a scalar context")
    m = _NUM_PREFIX.match(v)
    if not m:
        return 0.0
    text = m.group(0).strip()
    try:
        return float(text)
    except ValueError:
        return 0.0


def looks_numeric(v) -> bool:
    return isinstance(v, float) or (isinstance(v, StrNum) and bool(_NUMERIC.match(v)))


def num_to_str(v: float, fmt: str = "%.6g") -> str:
    if v == int(v):
        return str(int(v))
    if math.isnan(v):
        return "-nan" if math.copysign(1, v) < 0 else "+nan"
    if math.isinf(v):
        return "-inf" if v < 0 else "+inf"
    return format_printf(fmt, [v])


def to_str(v, fmt: str = "%.6g") -> str:
    if isinstance(v, float):
        return num_to_str(v, fmt)
    if isinstance(v, dict):
        raise AwkError("attempt to use array in a scalar context")
    return v


def truth(v) -> bool:
    if isinstance(v, float):
        return v != 0.0
    if isinstance(v, StrNum) and _NUMERIC.match(v):
        return to_num(v) != 0.0
    return v != ""


def compare(a, b) -> int:
    if looks_numeric(a) and looks_numeric(b):
        x, y = to_num(a), to_num(b)
    else:
        x, y = to_str(a), to_str(b)
    return (x > y) - (x < y)


def format_printf(fmt: str, args: list) -> str:
    out, k, pos = [], 0, 0

    def take():
        nonlocal k
        v = args[k] if k < len(args) else ""
        k += 1
        return v

    for m in _FMT.finditer(fmt):
        out.append(fmt[pos:m.start()])
        pos = m.end()
        flags, width, prec, conv = m.groups()
        if conv == "%":
            out.append("%")
            continue
        if width == "*":
            width = str(int(to_num(take())))
        if prec == "*":
            prec = str(int(to_num(take())))
        if width and width.startswith("-"):
            flags, width = flags + "-", width[1:]
        spec = "%" + flags + (width or "") + ("." + prec if prec is not None else "")
        v = take()
        if conv == "c":
            text = chr(int(to_num(v))) if isinstance(v, float) or looks_numeric(v) and not isinstance(v, str) \
                else (to_str(v)[:1])
            if isinstance(v, float):
                text = chr(int(v)) if 0 <= int(v) <= 0x10FFFF else ""
            out.append(("%" + flags + (width or "") + "s") % text)
        elif conv == "s":
            out.append((spec + "s") % to_str(v))
        elif conv in "di":
            n = to_num(v)
            out.append((spec + "d") % int(n) if not (math.isinf(n) or math.isnan(n)) else num_to_str(n))
        elif conv in "ouxX":
            n = int(to_num(v))
            if n < 0:
                n &= (1 << 64) - 1
            out.append((spec + ("d" if conv == "u" else conv)) % n)
        else:
            out.append((spec + conv) % to_num(v))
    out.append(fmt[pos:])
    return "".join(out)
