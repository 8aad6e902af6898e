"""The PowerShell subset's syntax tree."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Const:
    value: Any


@dataclass
class Var:
    name: str


@dataclass
class Str:
    """An expandable ("double-quoted") string: literal pieces and embedded expressions."""
    parts: list


@dataclass
class Member:
    obj: Any
    name: Any  # str or an expression
    static: bool = False


@dataclass
class Index:
    obj: Any
    index: Any


@dataclass
class Call:
    obj: Any
    method: str
    args: list
    static: bool = False


@dataclass
class Binary:
    op: str
    left: Any
    right: Any


@dataclass
class Unary:
    op: str
    operand: Any


@dataclass
class ArrayLit:
    items: list


@dataclass
class SubExpr:
    body: Any  # Script
    array: bool = False  # @( ) always yields an array


@dataclass
class HashLit:
    pairs: list  # [(key expr, value pipeline)]


@dataclass
class Block:
    """A script block literal `{ ... }`: its end block (`body`), and when written, its param block and its begin
    and process blocks (`{ param($x) begin {..} process {..} end {..} }`)."""
    body: Any  # Script (the end block)
    text: str
    params: list = field(default_factory=list)
    begin: Any = None
    process: Any = None
    advanced: bool = False


@dataclass
class TypeLit:
    name: str


@dataclass
class Cast:
    type_name: str
    expr: Any


@dataclass
class Paren:
    pipeline: Any


@dataclass
class Arg:
    kind: str  # param | value | splat
    name: str = ""
    value: Any = None
    colon: bool = False
    text: str = ""


@dataclass
class Command:
    name: Any  # str, or an expression after & or .
    args: list
    pos: int = 0
    dot: bool = False
    """Dot-sourced (`. $block`): runs in the caller's scope."""


@dataclass
class Pipeline:
    elements: list
    pos: int = 0


@dataclass
class Assign:
    target: Any
    op: str
    value: Any


@dataclass
class If:
    clauses: list  # [(condition pipeline, Script)]
    else_body: Any = None


@dataclass
class Foreach:
    var: str
    iterable: Any
    body: Any


@dataclass
class Flow:
    kind: str  # exit | return | throw | break | continue
    value: Any = None


@dataclass
class Script:
    statements: list = field(default_factory=list)


@dataclass
class ParamDef:
    """One parameter of a function: `[Parameter(Mandatory)][string]$Name = 'default'`."""
    name: str
    type: str = ""
    default: Any = None
    mandatory: bool = False
    values: tuple = ()
    aliases: tuple = ()
    pipeline: bool = False
    by_property: bool = False


@dataclass
class FunctionDef:
    name: str
    params: list
    body: Any  # Script: the end block (a filter's body is its process block)
    advanced: bool = False
    """[CmdletBinding()] or a [Parameter()] attribute: unknown parameters are errors, common parameters bind."""
    text: str = ""
    begin: Any = None
    process: Any = None


@dataclass
class While:
    cond: Any
    body: Any


@dataclass
class DoLoop:
    body: Any
    cond: Any
    until: bool = False


@dataclass
class For:
    init: Any
    cond: Any
    step: Any
    body: Any


@dataclass
class Switch:
    value: Any
    clauses: list  # [(pattern node | None for default, Script)]
    mode: str = "exact"  # exact | regex | wildcard
    case: bool = False


@dataclass
class Try:
    body: Any
    catches: list  # [([type names], Script)]
    final: Any = None
