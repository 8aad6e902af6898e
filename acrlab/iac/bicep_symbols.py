"""Bicep symbols and tables the checker and emitter share: built-in functions and decorators with their
argument counts, the symbol table (Analysis), resource bodies, literal types and spelling suggestions."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import bicep_ast as A
from .diagnostics import Diagnostic

# Bicep's built-in functions (sys and az namespaces) used around ACR, with (min, max) argument counts.
FUNCTIONS: dict[str, tuple[int, int | None]] = {
    "resourceGroup": (0, 2), "subscription": (0, 1), "tenant": (0, 0), "deployment": (0, 0),
    "environment": (0, 0), "guid": (1, None), "uniqueString": (1, None), "resourceId": (2, None),
    "subscriptionResourceId": (2, None), "extensionResourceId": (3, None), "tenantResourceId": (2, None),
    "reference": (1, 3), "concat": (1, None), "format": (1, None), "toLower": (1, 1), "toUpper": (1, 1),
    "substring": (2, 3), "length": (1, 1), "contains": (2, 2), "empty": (1, 1), "union": (1, None),
    "intersection": (1, None), "replace": (3, 3), "split": (2, 2), "join": (2, 2), "string": (1, 1),
    "int": (1, 1), "bool": (1, 1), "json": (1, 1), "first": (1, 1), "last": (1, 1), "take": (2, 2),
    "skip": (2, 2), "startsWith": (2, 2), "endsWith": (2, 2), "indexOf": (2, 2), "lastIndexOf": (2, 2),
    "trim": (1, 1), "padLeft": (2, 3), "range": (2, 2), "min": (1, None), "max": (1, None),
    "array": (1, 1), "base64": (1, 1), "base64ToString": (1, 1), "uri": (2, 2), "utcNow": (0, 1),
    "newGuid": (0, 0), "coalesce": (1, None), "any": (1, 1), "items": (1, 1), "objectKeys": (1, 1),
    "tryGet": (2, None), "dateTimeAdd": (2, 3), "flatten": (1, 1), "filter": (2, 2), "map": (2, 2),
    "listKeys": (2, 3), "listCredentials": (2, 3), "pickZones": (3, 5), "loadTextContent": (1, 2),
    "loadFileAsBase64": (1, 1), "loadJsonContent": (1, 3), "loadYamlContent": (1, 3),
    "managementGroup": (0, 1), "dataUri": (1, 1), "uriComponent": (1, 1), "emptyString": (0, 0),
    "readEnvironmentVariable": (1, 2),
}
PARAMS_FILE_ONLY = {"readEnvironmentVariable"}
"""Functions only .bicepparam files have."""
NOT_SUPPORTED = {"parameters": "BCP061", "variables": "BCP060", "if": "BCP100", "createArray": "BCP101",
                 "createObject": "BCP102"}
PARAM_DEFAULT_ONLY = {"utcNow", "newGuid"}

DECORATORS: dict[str, tuple[int, int, set[str] | None]] = {
    "description": (1, 1, None), "minLength": (1, 1, {"string", "array"}), "maxLength": (1, 1, {"string", "array"}),
    "minValue": (1, 1, {"int"}), "maxValue": (1, 1, {"int"}), "allowed": (1, 1, None),
    "secure": (0, 0, {"string", "object"}), "metadata": (1, 1, None), "batchSize": (1, 1, None),
    "sealed": (0, 0, None), "export": (0, 0, None),
}
TYPES = {"string", "int", "bool", "object", "array"}


@dataclass
class Symbol:
    kind: str  # param | var | resource | output | metadata
    decl: A.Decl
    references: int = 0


@dataclass
class Analysis:
    symbols: dict[str, Symbol] = field(default_factory=dict)
    resources: list[A.ResourceDecl] = field(default_factory=list)
    """Every resource declaration, top-level and nested, in source order."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    uses: dict[int, set[str]] = field(default_factory=dict)
    """id(declaration) -> symbols its expressions reference (for dependsOn and cycles)."""
    modules: dict = field(default_factory=dict)
    """id(ModuleDecl) -> bicep_modules.ModuleInfo (the compiled child template and its target scope)."""
    extensions: dict[str, str] = field(default_factory=dict)
    """`extension` declarations: alias -> extension name (microsoftGraphV1 -> MicrosoftGraph)."""


def _all_resources(statements, out: list) -> None:
    for s in statements:
        if isinstance(s, A.ResourceDecl):
            out.append(s)
            _all_resources([p for p in _body_props(s) if isinstance(p, A.ResourceDecl)], out)


def _body_props(r: A.ResourceDecl) -> list:
    body = r.body
    if isinstance(body, A.ForExpr):
        body = body.body
    if isinstance(body, A.IfBody):
        body = body.body
    return body.props if isinstance(body, A.ObjectExpr) else []


def resource_object(r: A.ResourceDecl) -> A.ObjectExpr | None:
    body = r.body
    if isinstance(body, A.ForExpr):
        body = body.body
    if isinstance(body, A.IfBody):
        body = body.body
    return body if isinstance(body, A.ObjectExpr) else None



def _count_text(lo: int, hi: int | None) -> str:
    if hi is None:
        return f"as least {lo} {'argument' if lo == 1 else 'arguments'}"
    if lo == hi:
        return f"{lo} {'argument' if lo == 1 else 'arguments'}"
    return f"{lo} to {hi} arguments"


def _base_type(t: str) -> str:
    return "array" if t.endswith("[]") else t


def literal_type(node) -> str | None:
    """The type of a literal expression, as Bicep names it in messages (None when not a literal)."""
    if isinstance(node, A.Literal):
        v = node.value
        if v is None:
            return "null"
        if isinstance(v, bool):
            return "bool"
        if isinstance(v, int):
            return "int"
        return "string"
    if isinstance(node, A.Interp):
        return "string"
    if isinstance(node, A.ObjectExpr):
        return "object"
    if isinstance(node, (A.ArrayExpr, A.ForExpr)):
        return "array"
    if isinstance(node, A.Unary) and node.op == "-" and isinstance(node.operand, A.Literal):
        return literal_type(node.operand)
    return None


def spelling_suggestion(name: str, candidates: list[str]) -> str | None:
    """Bicep's spell checker (after TypeScript's): close, case-insensitive names within a small distance."""
    best, best_distance = None, len(name) * 0.4 + 1
    max_len_diff = min(2, int(len(name) * 0.34))
    low = name.lower()
    for c in candidates:
        if c == name or abs(len(c) - len(name)) > max_len_diff:
            continue
        if c.lower() == low:
            return c
        if len(c) < 3:
            continue
        d = _levenshtein(low, c.lower())
        if d < best_distance:
            best, best_distance = c, d
    return best


def _levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]
