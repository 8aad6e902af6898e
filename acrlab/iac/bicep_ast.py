"""Bicep syntax tree: declarations and expressions, each with its 1-based line and column."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Node:
    line: int
    col: int


# -- expressions ---------------------------------------------------------------------------------
@dataclass
class Literal(Node):
    value: Any  # str | int | bool | None


@dataclass
class Interp(Node):
    """'abc${x}def' -> parts ['abc', x, 'def'] (strings and expressions alternate)."""

    parts: list


@dataclass
class Ident(Node):
    name: str


@dataclass
class Member(Node):
    target: Node
    name: str
    safe: bool = False
    name_line: int = 0
    name_col: int = 0


@dataclass
class Index(Node):
    target: Node
    index: Node
    safe: bool = False


@dataclass
class Call(Node):
    """`name(args)` (target None) or `target.name(args)` (namespace or resource method)."""

    name: str
    args: list
    target: Node | None = None


@dataclass
class Unary(Node):
    op: str
    operand: Node


@dataclass
class Binary(Node):
    op: str
    left: Node
    right: Node


@dataclass
class Ternary(Node):
    cond: Node
    then: Node
    other: Node


@dataclass
class Prop(Node):
    key: str
    value: Node
    key_expr: Node | None = None  # an interpolated name ('${identity.id}': {}); `key` is then a unique placeholder


@dataclass
class ObjectExpr(Node):
    props: list  # Prop | ResourceDecl (nested child resources)


@dataclass
class ArrayExpr(Node):
    items: list


@dataclass
class ForExpr(Node):
    item: str | None
    index: str | None
    iterable: Node
    body: Node
    condition: Node | None = None


@dataclass
class IfBody(Node):
    condition: Node
    body: ObjectExpr


# -- types ---------------------------------------------------------------------------------------
@dataclass
class TypeRef(Node):
    """A primitive (string, int, bool, object, array), a declared type's name, or `sys.<primitive>`."""

    name: str


@dataclass
class TypeLit(Node):
    """A literal type: 'Basic', 42, true."""

    value: Any


@dataclass
class TypeUnion(Node):
    members: list


@dataclass
class TypeNullable(Node):
    inner: Node


@dataclass
class TypeArray(Node):
    item: Node


@dataclass
class TypeTuple(Node):
    items: list


@dataclass
class TypeProp(Node):
    name: str
    type: Node
    decorators: list = field(default_factory=list)


@dataclass
class TypeObject(Node):
    props: list  # TypeProp; a prop named '*' types the additional properties


# -- declarations --------------------------------------------------------------------------------
@dataclass
class Decorator(Node):
    call: Call


@dataclass
class Decl(Node):
    name: str
    name_line: int
    name_col: int
    decorators: list = field(default_factory=list)


@dataclass
class ParamDecl(Decl):
    type: str = "string"
    type_line: int = 0
    type_col: int = 0
    default: Node | None = None
    type_node: Node | None = None
    """The written type when it is more than a primitive (a declared type, a union, an object type, `string?`)."""
    assign_only: bool = False
    """`param name = value` in a .bicepparam file."""


@dataclass
class VarDecl(Decl):
    value: Node | None = None


@dataclass
class OutputDecl(Decl):
    type: str = "string"
    type_line: int = 0
    type_col: int = 0
    value: Node | None = None
    type_node: Node | None = None


@dataclass
class TypeDecl(Decl):
    value: Node | None = None


@dataclass
class ExtensionDecl(Node):
    """`extension microsoftGraphV1` (an alias) or `extension 'br:mcr.microsoft.com/...:1.0.0'`."""

    ref: str
    ref_line: int = 0
    ref_col: int = 0


@dataclass
class UsingDecl(Node):
    """`using './main.bicep'` in a .bicepparam file."""

    path: str


@dataclass
class ResourceDecl(Decl):
    type_string: str = ""
    type_line: int = 0
    type_col: int = 0
    existing: bool = False
    body: Node | None = None  # ObjectExpr | IfBody | ForExpr
    parent_decl: ResourceDecl | None = None
    """For nested child resources: the enclosing resource declaration."""


@dataclass
class ModuleDecl(Decl):
    path: str = ""
    path_line: int = 0
    path_col: int = 0
    body: Node | None = None  # ObjectExpr | IfBody | ForExpr
    parent_decl: None = None


@dataclass
class TargetScope(Node):
    value: Node


@dataclass
class MetadataDecl(Decl):
    value: Node | None = None


@dataclass
class Program:
    statements: list
