"""Indented JSON text, byte for byte what `json.dumps(..., indent=2, ensure_ascii=False)` writes, but fast.

Python's json module encodes in pure Python whenever `indent` is set, which made printing az's JSON the
cost of large listings. orjson writes the same bytes for plain JSON values; for anything where the two could
differ (non-string keys, floats printed in exponent form by Python, NaN, big integers, str/int subclasses,
other types handled by `default`), this falls back to the json module, so the output never changes.
"""

from __future__ import annotations

import json
import re
from math import isfinite

_PLAIN = (str, int, bool, type(None))
_ESCAPED_IN_ASCII = re.compile(r"[^\n -~]")
"""What json's ensure_ascii writes as an escape (the accelerator's text has it raw): DEL and non-ASCII (the other
control characters are escaped alike by both; a line break outside strings is indentation)."""
_MAX_INT = 2**63
SMALL = 400
"""Values of fewer nodes than this go to the json module: its pure-Python indenting costs less than importing
orjson (with zoneinfo and sysconfig) in a fresh process that prints one small document (issue 19's start-up)."""
_orjson: list = []


def _accelerator():
    """orjson, imported by the first large document (None when it is missing: the fallback keeps a broken
    install working; orjson is a declared dependency)."""
    if not _orjson:
        try:
            import orjson
        except ImportError:  # pragma: no cover
            _orjson.append(None)
        else:
            _orjson.append(orjson)
    return _orjson[0]


def _small(value: object) -> bool:
    """Whether `value` has fewer than SMALL nodes (counted depth-first, stopping at the limit)."""
    todo: list[object] = [value]
    seen = 0
    while todo:
        v = todo.pop()
        seen += 1
        if seen >= SMALL:
            return False
        if type(v) is dict:
            todo.extend(v.values())
        elif type(v) is list or type(v) is tuple:
            todo.extend(v)
    return True


def _plain(value: object, depth: int = 0) -> bool:
    """Whether orjson and json agree on every byte for `value` (checked without building any text)."""
    t = type(value)
    if t is str or t is bool or value is None:
        return True
    if t is int:
        return -_MAX_INT <= value < _MAX_INT  # type: ignore[operator]
    if t is float:
        # Python's repr switches to exponent form below 1e-4 and from 1e16; orjson's thresholds differ
        return isfinite(value) and (value == 0 or 1e-4 <= abs(value) < 1e16)  # type: ignore[arg-type]
    if depth > 200:
        return False
    if t is dict:
        return all(type(k) is str and _plain(v, depth + 1) for k, v in value.items())  # type: ignore[union-attr]
    if t is list or t is tuple:
        return all(_plain(v, depth + 1) for v in value)  # type: ignore[union-attr]
    return False


def dumps(value: object, *, indent: int = 2, sort_keys: bool = False, ensure_ascii: bool = False,
          small: bool = False) -> str:
    """`json.dumps(value, indent=indent, sort_keys=sort_keys, ensure_ascii=ensure_ascii, default=str)`.

    `small=True` lets a small value use the accelerator too (for a process that writes many documents, where
    importing it once is nothing). With `ensure_ascii`, text the accelerator writes is used only when it holds
    nothing json would escape (no DEL, nothing past ASCII)."""
    orjson = None if indent != 2 or (not small and _small(value)) else _accelerator()
    if orjson is not None and _plain(value):
        option = orjson.OPT_INDENT_2 | (orjson.OPT_SORT_KEYS if sort_keys else 0)
        try:
            text = orjson.dumps(value, option=option).decode()
        except (orjson.JSONEncodeError, TypeError):  # e.g. a lone surrogate in a string
            pass
        else:
            if not ensure_ascii or not _ESCAPED_IN_ASCII.search(text):
                return text
    return json.dumps(value, indent=indent, sort_keys=sort_keys, ensure_ascii=ensure_ascii, default=str,
                      separators=(",", ": "))
