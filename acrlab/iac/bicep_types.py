"""Bicep's user-defined types (`type name = ...`, unions of literals, object types with optional `?` members,
typed arrays and tuples, `sys.` primitives): checked at compile time and emitted as the JSON schema ARM's
languageVersion 2.0 templates carry in `definitions` and on parameters and outputs."""

from __future__ import annotations

from . import bicep_ast as A
from .diagnostics import make, quoted

PRIMITIVES = ("array", "bool", "int", "object", "string")
PROP_DECORATORS = ("description", "metadata", "minLength", "maxLength", "minValue", "maxValue", "secure", "sealed",
                   "allowed")


def declared(program: A.Program) -> dict[str, A.TypeDecl]:
    return {s.name: s for s in program.statements if isinstance(s, A.TypeDecl)}


def uses_types(program: A.Program) -> bool:
    """Bicep emits languageVersion 2.0 once a file declares a type or gives a parameter or output more than a
    primitive type."""
    return any(isinstance(s, A.TypeDecl) or getattr(s, "type_node", None) is not None for s in program.statements)


def base_type(node, types: dict[str, A.TypeDecl], seen: frozenset = frozenset()) -> str | None:
    """The ARM type a type expression reduces to (None when it names no known type)."""
    if isinstance(node, A.TypeRef):
        name = node.name.removeprefix("sys.")
        if name in PRIMITIVES:
            return name
        decl = types.get(node.name)
        if decl is None or node.name in seen:
            return None
        return base_type(decl.value, types, seen | {node.name})
    if isinstance(node, A.TypeLit):
        v = node.value
        return "bool" if isinstance(v, bool) else "int" if isinstance(v, int) else "string"
    if isinstance(node, A.TypeUnion):
        kinds = {base_type(m, types, seen) for m in node.members}
        return kinds.pop() if len(kinds) == 1 else None
    if isinstance(node, A.TypeNullable):
        return base_type(node.inner, types, seen)
    if isinstance(node, (A.TypeArray, A.TypeTuple)):
        return "array"
    if isinstance(node, A.TypeObject):
        return "object"
    return None


def check(program: A.Program, an) -> None:
    """BCP302 for unknown type names, BCP293 for unions of non-literals; sets each declaration's ARM base type."""
    types = declared(program)
    for s in program.statements:
        node = s.value if isinstance(s, A.TypeDecl) else getattr(s, "type_node", None)
        if node is None:
            continue
        _check_node(node, types, an)
        if not isinstance(s, A.TypeDecl):
            s.type = base_type(node, types) or "object"


def _check_node(node, types, an) -> None:
    if isinstance(node, A.TypeRef):
        name = node.name.removeprefix("sys.")
        if name not in PRIMITIVES and node.name not in types:
            names = sorted(set(PRIMITIVES) | set(types))
            an.diagnostics.append(make("BCP302", node.line, node.col, node.name, quoted(names)))
    elif isinstance(node, A.TypeUnion):
        for m in node.members:
            inner = m.inner if isinstance(m, A.TypeNullable) else m
            if not isinstance(inner, A.TypeLit) and not (
                    isinstance(inner, A.TypeRef) and base_type(inner, types) is not None
                    and _literal_ref(inner, types)):
                an.diagnostics.append(make("BCP293", m.line, m.col))
                return
            _check_node(m, types, an)
    elif isinstance(node, (A.TypeNullable,)):
        _check_node(node.inner, types, an)
    elif isinstance(node, A.TypeArray):
        _check_node(node.item, types, an)
    elif isinstance(node, A.TypeTuple):
        for i in node.items:
            _check_node(i, types, an)
    elif isinstance(node, A.TypeObject):
        for p in node.props:
            _check_node(p.type, types, an)


def _literal_ref(node: A.TypeRef, types) -> bool:
    decl = types.get(node.name)
    return decl is not None and isinstance(decl.value, (A.TypeLit, A.TypeUnion))


# -- ARM schema -------------------------------------------------------------------------------------
def schema(node, em, v2: bool = True) -> dict:
    """The ARM type schema of a type expression (`em` turns decorator arguments into JSON values)."""
    if isinstance(node, A.TypeRef):
        name = node.name.removeprefix("sys.")
        if name in PRIMITIVES:
            return {"type": name}
        return {"$ref": f"#/definitions/{node.name}"}
    if isinstance(node, A.TypeLit):
        return {"type": base_type(node, {}), "allowedValues": [node.value]}
    if isinstance(node, A.TypeUnion):
        members = [m.inner if isinstance(m, A.TypeNullable) else m for m in node.members]
        out = {"type": base_type(node, _types(em)) or "string", "allowedValues": _union_values(members, em)}
        if any(isinstance(m, A.TypeNullable) for m in node.members):
            out["nullable"] = True
        return out
    if isinstance(node, A.TypeNullable):
        return {**schema(node.inner, em, v2), "nullable": True}
    if isinstance(node, A.TypeArray):
        return {"type": "array", "items": schema(node.item, em, v2)}
    if isinstance(node, A.TypeTuple):
        return {"type": "array", "prefixItems": [schema(i, em, v2) for i in node.items], "items": False}
    if isinstance(node, A.TypeObject):
        out: dict = {"type": "object"}
        props = {}
        for p in node.props:
            s = decorate(schema(p.type, em, v2), p.decorators, em)
            if p.name == "*":
                out["additionalProperties"] = s
            else:
                props[p.name] = s
        out["properties"] = props
        return out
    return {"type": "object"}


def _types(em) -> dict:
    return declared(em.program)


def _union_values(members: list, em) -> list:
    values: list = []
    for m in members:
        if isinstance(m, A.TypeLit):
            values.append(m.value)
        elif isinstance(m, A.TypeRef):
            decl = _types(em).get(m.name)
            if decl is not None and isinstance(decl.value, A.TypeLit):
                values.append(decl.value.value)
            elif decl is not None and isinstance(decl.value, A.TypeUnion):
                values += _union_values(decl.value.members, em)
    return values


def decorate(out: dict, decorators: list, em) -> dict:
    """Apply @description, @metadata, @minLength..., @secure, @sealed and @allowed to a schema."""
    decs = {d.call.name: d.call.args for d in decorators}
    if "secure" in decs:
        out["type"] = {"string": "securestring", "object": "secureObject"}.get(out.get("type"), out.get("type"))
    if decs.get("allowed"):
        out["allowedValues"] = em.value(decs["allowed"][0])
    for key in ("minLength", "maxLength", "minValue", "maxValue"):
        if decs.get(key):
            out[key] = em.value(decs[key][0])
    if "sealed" in decs:
        out["additionalProperties"] = False
    meta = {}
    if decs.get("metadata"):
        meta.update(em.value(decs["metadata"][0]) or {})
    if decs.get("description"):
        meta["description"] = em.value(decs["description"][0])
    if meta:
        out["metadata"] = meta
    return out


def definitions(program: A.Program, em) -> dict:
    return {d.name: decorate(schema(d.value, em), d.decorators, em) for d in declared(program).values()}
