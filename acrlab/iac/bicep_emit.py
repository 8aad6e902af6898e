"""Bicep -> ARM JSON, as `bicep build` emits it (languageVersion 1: resources array, `[...]` expressions,
interpolation as format(), resource references as resourceId()/reference(), implicit dependsOn)."""

from __future__ import annotations

import hashlib
import json
import re

from . import bicep_ast as A
from . import bicep_modules, bicep_types, graph_types
from .bicep_emit_expr import Expressions, _symbolic, _wrap
from .bicep_symbols import Analysis, resource_object

BICEP_VERSION = "0.39.26.7824"
SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
SUB_SCHEMA = "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#"
SKIP_KEYS = {"name", "parent", "scope", "dependsOn"}
IDENT_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class _Res:
    """What the emitter knows about one resource declaration."""

    def __init__(self, decl: A.ResourceDecl, full_type: str, api: str, parent: _Res | None, scope_node):
        self.decl = decl
        self.type = full_type
        self.api = api
        self.parent = parent
        self.scope_node = scope_node
        self.parent_index = None
        """`parent: loop[i]`: which copy of a resource loop is the parent."""


class Emitter(Expressions):
    def __init__(self, program: A.Program, an: Analysis):
        self.program = program
        self.an = an
        self.res: dict[int, _Res] = {}
        self.loop: dict[str, str] = {}
        """Loop variable -> ARM expression while emitting a copy loop."""
        for r in an.resources:
            self._register(r)
        self.target = bicep_modules.target_scope(program)
        self.v2 = bicep_types.uses_types(program) or bool(an.extensions)
        """languageVersion 2.0 (user-defined types): resources keyed by symbolic name, references by name."""

    def _register(self, r: A.ResourceDecl) -> _Res:
        if id(r) in self.res:
            return self.res[id(r)]
        obj = resource_object(r)
        props = {p.key: p.value for p in (obj.props if obj else []) if isinstance(p, A.Prop)}
        type_part, _, api = (r.type_string or "").partition("@")
        parent, index = None, None
        named = props.get("parent")
        if isinstance(named, A.Index) and isinstance(named.target, A.Ident):
            named, index = named.target, named.index
        if r.parent_decl is not None:
            parent = self._register(r.parent_decl)
        elif isinstance(named, A.Ident):
            sym = self.an.symbols.get(named.name)
            if sym is not None and isinstance(sym.decl, A.ResourceDecl) and sym.decl is not r:
                parent = self._register(sym.decl)
        if parent is not None and "/" not in type_part:
            type_part = f"{parent.type}/{type_part}"
            api = api or parent.api
        info = _Res(r, type_part, api, parent, props.get("scope"))
        info.parent_index = index if parent is not None else None
        self.res[id(r)] = info
        return info

    # -- the template --------------------------------------------------------------------------
    def template(self) -> dict:
        params, variables, outputs, resources, metadata = {}, {}, {}, [], {}
        target = "resourceGroup"
        for s in self.program.statements:
            if isinstance(s, A.ParamDecl):
                params[s.name] = self.parameter(s)
            elif isinstance(s, A.VarDecl) and _plain_loop(s.value):
                variables.setdefault("copy", []).append(self.copy_block(s.name, s.value))
            elif isinstance(s, A.VarDecl):
                variables[s.name] = self.value(s.value)
            elif isinstance(s, A.OutputDecl) and _plain_loop(s.value):
                block = self.copy_block(None, s.value)
                outputs[s.name] = {**bicep_types.decorate({"type": "array"}, s.decorators, self),
                                   "copy": {"count": block["count"], "input": block["input"]}}
            elif isinstance(s, A.OutputDecl):
                out = bicep_types.decorate(self.typed(s), s.decorators, self)
                outputs[s.name] = {**out, "value": self.value(s.value)}
            elif isinstance(s, A.TargetScope) and isinstance(s.value, A.Literal):
                target = s.value.value
            elif isinstance(s, A.MetadataDecl):
                metadata[s.name] = self.value(s.value)
        for r in self.an.resources:
            if not r.existing or (self.v2 and graph_types.is_graph(self.res[id(r)].type)):
                resources.append(self.resource(r))
            elif self.v2:
                resources.append(self.existing(r))
        modules = [s for s in self.program.statements if isinstance(s, A.ModuleDecl)]
        resources += [bicep_modules.emit(self, s) for s in modules]
        body = {"$schema": SUB_SCHEMA if target == "subscription" else SCHEMA}
        if self.v2:
            body["languageVersion"] = "2.0"
        body["contentVersion"] = "1.0.0.0"
        body["metadata"] = {"_generator": {"name": "bicep", "version": BICEP_VERSION, "templateHash": ""}}
        body["metadata"].update(metadata)
        if self.an.extensions:
            body["extensions"] = {alias: {"name": name, "version": graph_types.VERSION}
                                  for alias, name in self.an.extensions.items()}
        if self.v2 and bicep_types.declared(self.program):
            body["definitions"] = bicep_types.definitions(self.program, self)
        body["parameters"] = params
        if self.v2:
            names = [_symbolic(r) for r in self.an.resources] + [m.name for m in modules]
            resources = dict(zip(names, resources, strict=True))
        if variables:
            body["variables"] = {"copy": variables.pop("copy"), **variables} if "copy" in variables else variables
        body["resources"] = resources
        if outputs:
            body["outputs"] = outputs
        body["metadata"]["_generator"]["templateHash"] = template_hash(body)
        return body

    def typed(self, decl) -> dict:
        """The type part of a parameter or output: a schema for declared types (2.0), else `type`."""
        if getattr(decl, "type_node", None) is not None:
            return bicep_types.schema(decl.type_node, self)
        if self.v2 and decl.type.endswith("[]"):
            return {"type": "array", "items": {"type": decl.type[:-2]}}
        return {"type": "array" if decl.type.endswith("[]") else decl.type}

    def existing(self, r: A.ResourceDecl) -> dict:
        info = self.res[id(r)]
        out = {"existing": True, "type": info.type, "apiVersion": info.api}
        root = info
        while root.parent is not None and root.scope_node is None:
            root = root.parent
        at = _scope_function(root.scope_node)
        if at is not None:
            fn, args = at
            keys = (["subscriptionId"] if fn != "resourceId" or len(args) == 2 else []) + \
                (["resourceGroup"] if fn == "resourceId" else [])
            out.update({k: self.json_expr(self.expr(a)) for k, a in zip(keys, args, strict=False)})
            if fn == "subscriptionResourceId" and not args:
                out["subscriptionId"] = "[subscription().subscriptionId]"
        elif info.scope_node is not None:
            out["scope"] = self.json_expr(self.scope_expr(info.scope_node))
        out["name"] = self.json_expr(self.arm_name(info))
        return out

    def parameter(self, p: A.ParamDecl) -> dict:
        out = self.typed(p)
        if p.default is not None:
            out["defaultValue"] = self.value(p.default)
        return bicep_types.decorate(out, p.decorators, self)

    def open_loop(self, body, name: str, out: dict):
        """A resource or module loop: its variables stand for the current copy, `out` gains ARM's copy block;
        returns the loop's body (the caller restores self.loop afterwards)."""
        if not isinstance(body, A.ForExpr):
            return body
        iterable = self.expr(body.iterable)
        if body.item:
            self.loop[body.item] = f"{_wrap(iterable)}[copyIndex()]"
        if body.index:
            self.loop[body.index] = "copyIndex()"
        out["copy"] = {"name": name, "count": f"[length({iterable})]"}
        return body.body

    def resource(self, r: A.ResourceDecl) -> dict:
        info = self.res[id(r)]
        body = r.body
        out: dict = {}
        saved = dict(self.loop)
        body = self.open_loop(body, r.name, out)
        if isinstance(body, A.IfBody):
            out["condition"] = f"[{self.expr(body.condition)}]"
            body = body.body
        obj = body if isinstance(body, A.ObjectExpr) else A.ObjectExpr(r.line, r.col, [])
        props = [p for p in obj.props if isinstance(p, A.Prop)]
        if graph_types.is_graph(info.type) and self.an.extensions:
            out.update(self.graph_resource(r, info, props))
            self.loop = saved
            return out
        out["type"] = info.type
        out["apiVersion"] = info.api
        out["name"] = self.json_expr(self.arm_name(info))
        if info.scope_node is not None:
            out["scope"] = self.json_expr(self.scope_expr(info.scope_node))
        for p in props:
            if p.key not in SKIP_KEYS:
                out[p.key] = self.value(p.value)
        deps = self.dependencies(r, info, props)
        if deps:
            out["dependsOn"] = deps
        self.loop = saved
        return out

    def graph_resource(self, r: A.ResourceDecl, info: _Res, props: list[A.Prop]) -> dict:
        """A Microsoft Graph resource: `extension` names its extension, its body goes under `properties`."""
        out: dict = {"existing": True} if r.existing else {}
        out.update({"type": f"{info.type}@{info.api}", "extension": next(iter(self.an.extensions)),
                    "properties": {p.key: self.value(p.value) for p in props if p.key != "dependsOn"}})
        deps = [] if r.existing else self.dependencies(r, info, props)
        if deps:
            out["dependsOn"] = deps
        return out

    def dependencies(self, r: A.ResourceDecl, info: _Res, props: list[A.Prop]) -> list[str]:
        names: list[str] = []
        for p in props:
            if p.key == "dependsOn" and isinstance(p.value, A.ArrayExpr):
                names += [i.name for i in p.value.items if isinstance(i, A.Ident)]
        names += sorted(self.an.uses.get(id(r), set()))
        if info is not None and info.parent is not None:
            names.insert(0, info.parent.decl.name)
        out: list[str] = []
        for n in names:
            sym = self.an.symbols.get(n)
            if sym is not None and sym.kind in ("module", "resource") and sym.decl is not r and \
                    isinstance(sym.decl.body, A.ForExpr):
                out += [n] if n not in out else []  # the whole loop, by its copy name
                continue
            if sym is not None and sym.kind == "module" and sym.decl is not r:
                dep = n if self.v2 else f"[{bicep_modules.module_id(self, sym.decl)}]"
                out += [dep] if dep not in out else []
            if sym is None or sym.kind != "resource" or sym.decl is r or sym.decl.existing:
                continue
            dep = _symbolic(sym.decl) if self.v2 else f"[{self.resource_id(self.res[id(sym.decl)])}]"
            if dep not in out:
                out.append(dep)
        return out

    # -- names and ids ---------------------------------------------------------------------------
    def own_name(self, info: _Res) -> str:
        obj = resource_object(info.decl)
        node = next((p.value for p in (obj.props if obj else []) if isinstance(p, A.Prop) and p.key == "name"), None)
        return self.expr(node) if node is not None else "''"

    def name_segments(self, info: _Res) -> list[str]:
        if info.parent is None:
            return [self.own_name(info)]
        if info.parent_index is None:
            return self.name_segments(info.parent) + [self.own_name(info)]
        with self.item_of(info.parent.decl, info.parent_index):
            above = self.name_segments(info.parent)
        return above + [self.own_name(info)]

    def arm_name(self, info: _Res) -> str:
        segs = self.name_segments(info)
        if len(segs) == 1:
            return segs[0]
        return f"format('{'/'.join(f'{{{i}}}' for i in range(len(segs)))}', {', '.join(segs)})"

    def resource_id(self, info: _Res) -> str:
        segs = ", ".join(self.name_segments(info))
        root = info
        while root.parent is not None and root.scope_node is None:
            root = root.parent
        at = _scope_function(root.scope_node)
        if at is not None:  # an `existing` resource in another resource group, subscription or the tenant
            fn, args = at
            where = "".join(f"{self.expr(a)}, " for a in args)
            return f"{fn}({where}'{info.type}', {segs})"
        if info.scope_node is not None and info.parent is None:
            return f"extensionResourceId({self.scope_id(info.scope_node)}, '{info.type}', {segs})"
        fn = "subscriptionResourceId" if self.target == "subscription" else "resourceId"
        return f"{fn}('{info.type}', {segs})"

    def scope_target(self, node) -> _Res | None:
        if isinstance(node, A.Index) and isinstance(node.target, A.Ident):
            return None  # one copy of a loop: scope_expr/scope_id resolve it with the copy's variables
        if isinstance(node, A.Ident):
            sym = self.an.symbols.get(node.name)
            if sym is not None and sym.kind == "resource":
                return self.res[id(sym.decl)]
        return None

    def scope_expr(self, node) -> str:
        one = self._loop_copy(node)
        if one is not None:
            with self.item_of(one.decl, node.index):
                return self.scope_expr(node.target)
        target = self.scope_target(node)
        if target is not None:
            segs = self.name_segments(target)
            fmt = target.type.split("/")[0] + "/" + "/".join(
                f"{t}/{{{i}}}" for i, t in enumerate(target.type.split("/")[1:]))
            return f"format('{fmt}', {', '.join(segs)})"
        return self.expr(node)

    def _loop_copy(self, node) -> _Res | None:
        """`loop[i]` naming a resource loop: that loop's declaration."""
        if isinstance(node, A.Index) and isinstance(node.target, A.Ident):
            sym = self.an.symbols.get(node.target.name)
            if sym is not None and sym.kind == "resource" and isinstance(sym.decl.body, A.ForExpr):
                return self.res[id(sym.decl)]
        return None

    def scope_id(self, node) -> str:
        one = self._loop_copy(node)
        if one is not None:
            with self.item_of(one.decl, node.index):
                return self.scope_id(node.target)
        target = self.scope_target(node)
        return self.resource_id(target) if target is not None else self.expr(node)

    # -- values and expressions -------------------------------------------------------------------
    def json_expr(self, expr: str):
        """A compiled expression as a JSON value: plain literals stay literal, the rest become '[...]'."""
        m = re.fullmatch(r"'((?:[^']|'')*)'", expr)
        if m:
            text = m.group(1).replace("''", "'")
            return "[" + text if text.startswith("[") else text
        return f"[{expr}]"

    def value(self, node):
        if isinstance(node, A.Literal):
            v = node.value
            if isinstance(v, str) and v.startswith("["):
                return "[" + v
            return v
        if isinstance(node, A.Unary) and node.op == "-" and isinstance(node.operand, A.Literal) \
                and isinstance(node.operand.value, int) and not isinstance(node.operand.value, bool):
            return -node.operand.value
        if isinstance(node, A.ObjectExpr):
            props = [p for p in node.props if isinstance(p, A.Prop)]
            loops = [self.copy_block(p.key, p.value) for p in props if _plain_loop(p.value)]
            out = {"copy": loops} if loops else {}
            out.update({self.prop_name(p): self.value(p.value) for p in props if not _plain_loop(p.value)})
            return out
        if isinstance(node, A.ArrayExpr):
            return [self.value(i) for i in node.items]
        return self.json_expr(self.expr(node))

    def prop_name(self, p: A.Prop) -> str:
        """An object's property name in ARM JSON: the name, or an expression ARM evaluates (`[format(...)]`)."""
        return self.json_expr(self.expr(p.key_expr)) if p.key_expr is not None else p.key

    def copy_block(self, name: str | None, loop: A.ForExpr) -> dict:
        """A property, variable or output loop as ARM's copy: copyIndex('name') (outputs: copyIndex())."""
        iterable = self.expr(loop.iterable)
        index = f"copyIndex('{name}')" if name else "copyIndex()"
        saved = dict(self.loop)
        if loop.item:
            self.loop[loop.item] = f"{_wrap(iterable)}[{index}]"
        if loop.index:
            self.loop[loop.index] = index
        block = {"name": name, "count": f"[length({iterable})]", "input": self.value(loop.body)}
        self.loop = saved
        return block if name else {"count": block["count"], "input": block["input"]}


def _scope_function(node) -> tuple[str, list] | None:
    """`scope: resourceGroup('rg')`, `subscription('id')`, `tenant()`: the resource-id function of that scope and the
    arguments naming it."""
    if not isinstance(node, A.Call) or not (node.target is None or isinstance(node.target, A.Ident)
                                            and node.target.name == "az"):
        return None
    fn = {"resourceGroup": "resourceId", "subscription": "subscriptionResourceId",
          "tenant": "tenantResourceId"}.get(node.name)
    return (fn, list(node.args)) if fn is not None else None


def _plain_loop(node) -> bool:
    """A for-expression without a filter: Bicep compiles these to copy loops (filtered ones to filter/map)."""
    return isinstance(node, A.ForExpr) and not isinstance(node.body, A.IfBody)


def template_hash(body: dict) -> str:
    """A stable decimal hash of the template, as in metadata._generator.templateHash."""
    data = json.dumps({k: v for k, v in body.items() if k != "metadata"}, sort_keys=True).encode()
    return str(int.from_bytes(hashlib.sha256(data).digest()[:8], "big"))
