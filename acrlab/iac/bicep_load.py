"""Bicep's compile-time file functions: loadTextContent, loadFileAsBase64, loadJsonContent and loadYamlContent read a
file next to the .bicep file when it is built, and the template carries the content as a literal."""

from __future__ import annotations

import base64
import dataclasses
import json
import posixpath

import yaml

from . import bicep_ast as A
from .bicep_modules import Loader
from .bicep_symbols import Analysis
from .diagnostics import error

LOADERS = {"loadTextContent": (1, 2), "loadFileAsBase64": (1, 1), "loadJsonContent": (1, 3),
           "loadYamlContent": (1, 3)}
MAX_TEXT = 131072
"""Bicep's limit for loadTextContent (characters); loadFileAsBase64 allows 96 KiB of bytes."""


def inline(program: A.Program, an: Analysis, loader: Loader | None, path: str) -> None:
    """Replace every load*() call in the program by the value it reads (errors become diagnostics)."""
    for s in program.statements:
        _walk(s, an, loader, path)


def _walk(node, an: Analysis, loader: Loader | None, path: str) -> None:
    if not dataclasses.is_dataclass(node):
        return
    for f in dataclasses.fields(node):
        value = getattr(node, f.name)
        if isinstance(value, list):
            for i, item in enumerate(value):
                value[i] = _replace(item, an, loader, path)
        else:
            setattr(node, f.name, _replace(value, an, loader, path))


def _replace(node, an: Analysis, loader: Loader | None, path: str):
    if isinstance(node, A.Call) and node.name in LOADERS and (
            node.target is None or isinstance(node.target, A.Ident) and node.target.name == "sys"):
        return _load(node, an, loader, path)
    _walk(node, an, loader, path)
    return node


def _load(call: A.Call, an: Analysis, loader: Loader | None, path: str) -> A.Node:
    def fail(code: str, message: str, at: A.Node = call) -> A.Node:
        an.diagnostics.append(error(code, message, at.line, at.col))
        return A.Literal(call.line, call.col, "")

    if not call.args:
        return call  # the arity check already reported it
    arg = call.args[0]
    if not isinstance(arg, A.Literal) or not isinstance(arg.value, str):
        return fail("BCP032", "The value must be a compile-time constant.", arg)
    rel = arg.value
    if rel.startswith("/"):
        return fail("BCP051", 'The specified path begins with "/". Files must be referenced using relative paths.',
                    arg)
    full = posixpath.normpath(posixpath.join(posixpath.dirname(path) or ".", rel))
    text = loader(full) if loader is not None else None
    if text is None:
        return fail("BCP091", f"An error occurred reading file. Could not find file '{full}'.", arg)
    if call.name == "loadFileAsBase64":
        return A.Literal(call.line, call.col, base64.b64encode(text.encode()).decode())
    if call.name == "loadTextContent":
        if len(text) > MAX_TEXT:
            return fail("BCP184", f"File '{full}' exceeded maximum size of {MAX_TEXT} characters.", arg)
        return A.Literal(call.line, call.col, text)
    try:
        value = json.loads(text) if call.name == "loadJsonContent" else yaml.safe_load(text)
    except ValueError as e:
        kind = "JSON" if call.name == "loadJsonContent" else "YAML"
        return fail("BCP186", f"Unable to parse literal {kind} value. Please ensure that it is well-formed. ({e})",
                    arg)
    if len(call.args) > 1:
        selector = call.args[1]
        if not isinstance(selector, A.Literal) or not isinstance(selector.value, str):
            return fail("BCP032", "The value must be a compile-time constant.", selector)
        found = _path(value, selector.value)
        if found is _MISSING:
            return fail("BCP235", "Specified JSONPath does not exist in the given file or is invalid.", selector)
        value = found
    return _node(value, call)


_MISSING = object()


def _path(value, expr: str):
    """A JSONPath of the simple kind Bicep documents ($.a.b, $.a[0], .a)."""
    import re

    cur = value
    for name, index in re.findall(r"\.([A-Za-z0-9_$-]+)|\[(\d+)\]", expr.lstrip("$")):
        if name and isinstance(cur, dict) and name in cur:
            cur = cur[name]
        elif index and isinstance(cur, list) and int(index) < len(cur):
            cur = cur[int(index)]
        else:
            return _MISSING
    return cur


def _node(value, at: A.Node) -> A.Node:
    if isinstance(value, dict):
        return A.ObjectExpr(at.line, at.col, [A.Prop(at.line, at.col, str(k), _node(v, at)) for k, v in value.items()])
    if isinstance(value, list):
        return A.ArrayExpr(at.line, at.col, [_node(v, at) for v in value])
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return A.Literal(at.line, at.col, value)
