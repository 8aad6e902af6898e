"""Bicep -> ARM JSON, as `bicep build` emits it (languageVersion 1: resources array, `[...]` expressions,
interpolation as format(), resource references as resourceId()/reference(), implicit dependsOn)."""

from __future__ import annotations

import hashlib
import json
import re

from . import bicep_ast as A
from . import bicep_modules
from .bicep_symbols import Analysis, resource_object

BICEP_VERSION = "0.39.26.7824"
SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
SUB_SCHEMA = "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#"
BINARY = {"==": "equals", "&&": "and", "||": "or", "+": "add", "-": "sub", "*": "mul", "/": "div", "%": "mod",
          "<": "less", "<=": "lessOrEquals", ">": "greater", ">=": "greaterOrEquals", "??": "coalesce"}
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


class Emitter:
    def __init__(self, program: A.Program, an: Analysis):
        self.program = program
        self.an = an
        self.res: dict[int, _Res] = {}
        self.loop: dict[str, str] = {}
        """Loop variable -> ARM expression while emitting a copy loop."""
        for r in an.resources:
            self._register(r)
        self.target = bicep_modules.target_scope(program)

    def _register(self, r: A.ResourceDecl) -> _Res:
        if id(r) in self.res:
            return self.res[id(r)]
        obj = resource_object(r)
        props = {p.key: p.value for p in (obj.props if obj else []) if isinstance(p, A.Prop)}
        type_part, _, api = (r.type_string or "").partition("@")
        parent = None
        if r.parent_decl is not None:
            parent = self._register(r.parent_decl)
        elif isinstance(props.get("parent"), A.Ident):
            sym = self.an.symbols.get(props["parent"].name)
            if sym is not None and isinstance(sym.decl, A.ResourceDecl) and sym.decl is not r:
                parent = self._register(sym.decl)
        if parent is not None and "/" not in type_part:
            type_part = f"{parent.type}/{type_part}"
            api = api or parent.api
        info = _Res(r, type_part, api, parent, props.get("scope"))
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
                outputs[s.name] = {"type": "array", "copy": {"count": block["count"], "input": block["input"]}}
            elif isinstance(s, A.OutputDecl):
                outputs[s.name] = {"type": s.type if not s.type.endswith("[]") else "array", "value": self.value(s.value)}
            elif isinstance(s, A.TargetScope) and isinstance(s.value, A.Literal):
                target = s.value.value
            elif isinstance(s, A.MetadataDecl):
                metadata[s.name] = self.value(s.value)
        for r in self.an.resources:
            if not r.existing:
                resources.append(self.resource(r))
        resources += [bicep_modules.emit(self, s) for s in self.program.statements if isinstance(s, A.ModuleDecl)]
        body = {"$schema": SUB_SCHEMA if target == "subscription" else SCHEMA, "contentVersion": "1.0.0.0",
                "metadata": {"_generator": {"name": "bicep", "version": BICEP_VERSION, "templateHash": ""}}}
        body["metadata"].update(metadata)
        body["parameters"] = params
        if variables:
            body["variables"] = {"copy": variables.pop("copy"), **variables} if "copy" in variables else variables
        body["resources"] = resources
        if outputs:
            body["outputs"] = outputs
        body["metadata"]["_generator"]["templateHash"] = template_hash(body)
        return body

    def parameter(self, p: A.ParamDecl) -> dict:
        decs = {d.call.name: d.call.args for d in p.decorators}
        base = "array" if p.type.endswith("[]") else p.type
        if "secure" in decs:
            base = {"string": "securestring", "object": "secureObject"}.get(base, base)
        out: dict = {"type": base}
        if p.default is not None:
            out["defaultValue"] = self.value(p.default)
        if "allowed" in decs and decs["allowed"]:
            out["allowedValues"] = self.value(decs["allowed"][0])
        for key in ("minLength", "maxLength", "minValue", "maxValue"):
            if key in decs and decs[key]:
                out[key] = self.value(decs[key][0])
        meta = {}
        if "metadata" in decs and decs["metadata"]:
            meta.update(self.value(decs["metadata"][0]) or {})
        if "description" in decs and decs["description"]:
            meta["description"] = self.value(decs["description"][0])
        if meta:
            out["metadata"] = meta
        return out

    def resource(self, r: A.ResourceDecl) -> dict:
        info = self.res[id(r)]
        body = r.body
        out: dict = {}
        saved = dict(self.loop)
        if isinstance(body, A.ForExpr):
            iterable = self.expr(body.iterable)
            if body.item:
                self.loop[body.item] = f"{_wrap(iterable)}[copyIndex()]"
            if body.index:
                self.loop[body.index] = "copyIndex()"
            out["copy"] = {"name": r.name, "count": f"[length({iterable})]"}
            body = body.body
        if isinstance(body, A.IfBody):
            out["condition"] = f"[{self.expr(body.condition)}]"
            body = body.body
        obj = body if isinstance(body, A.ObjectExpr) else A.ObjectExpr(r.line, r.col, [])
        props = [p for p in obj.props if isinstance(p, A.Prop)]
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
            if sym is not None and sym.kind == "module" and sym.decl is not r:
                dep = f"[{bicep_modules.module_id(self, sym.decl)}]"
                out += [dep] if dep not in out else []
            if sym is None or sym.kind != "resource" or sym.decl is r or sym.decl.existing:
                continue
            dep = f"[{self.resource_id(self.res[id(sym.decl)])}]"
            if dep not in out:
                out.append(dep)
        return out

    # -- names and ids ---------------------------------------------------------------------------
    def own_name(self, info: _Res) -> str:
        obj = resource_object(info.decl)
        node = next((p.value for p in (obj.props if obj else []) if isinstance(p, A.Prop) and p.key == "name"), None)
        return self.expr(node) if node is not None else "''"

    def name_segments(self, info: _Res) -> list[str]:
        chain = []
        cur: _Res | None = info
        while cur is not None:
            chain.insert(0, self.own_name(cur))
            cur = cur.parent
        return chain

    def arm_name(self, info: _Res) -> str:
        segs = self.name_segments(info)
        if len(segs) == 1:
            return segs[0]
        return f"format('{'/'.join(f'{{{i}}}' for i in range(len(segs)))}', {', '.join(segs)})"

    def resource_id(self, info: _Res) -> str:
        segs = ", ".join(self.name_segments(info))
        if info.scope_node is not None and info.parent is None:
            return f"extensionResourceId({self.scope_id(info.scope_node)}, '{info.type}', {segs})"
        fn = "subscriptionResourceId" if self.target == "subscription" else "resourceId"
        return f"{fn}('{info.type}', {segs})"

    def scope_target(self, node) -> _Res | None:
        if isinstance(node, A.Ident):
            sym = self.an.symbols.get(node.name)
            if sym is not None and sym.kind == "resource":
                return self.res[id(sym.decl)]
        return None

    def scope_expr(self, node) -> str:
        target = self.scope_target(node)
        if target is not None:
            segs = self.name_segments(target)
            fmt = target.type.split("/")[0] + "/" + "/".join(
                f"{t}/{{{i}}}" for i, t in enumerate(target.type.split("/")[1:]))
            return f"format('{fmt}', {', '.join(segs)})"
        return self.expr(node)

    def scope_id(self, node) -> str:
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
            out.update({p.key: self.value(p.value) for p in props if not _plain_loop(p.value)})
            return out
        if isinstance(node, A.ArrayExpr):
            return [self.value(i) for i in node.items]
        return self.json_expr(self.expr(node))

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

    def expr(self, node) -> str:
        if isinstance(node, A.Literal):
            v = node.value
            if v is None:
                return "null()"
            if isinstance(v, bool):
                return "true()" if v else "false()"
            if isinstance(v, int):
                return str(v)
            return _str(v)
        if isinstance(node, A.Interp):
            fmt, args = "", []
            for p in node.parts:
                if isinstance(p, str):
                    fmt += p.replace("{", "{{").replace("}", "}}")
                else:
                    fmt += f"{{{len(args)}}}"
                    args.append(self.expr(p))
            return f"format({_str(fmt)}, {', '.join(args)})" if args else _str(fmt)
        if isinstance(node, A.Ident):
            return self.ident(node.name)
        if isinstance(node, A.Member):
            return self.member(node)
        if isinstance(node, A.Index):
            return f"{_wrap(self.expr(node.target))}[{self.expr(node.index)}]"
        if isinstance(node, A.Call):
            return self.call(node)
        if isinstance(node, A.Unary):
            inner = self.expr(node.operand)
            return f"not({inner})" if node.op == "!" else (
                f"-{inner}" if isinstance(node.operand, A.Literal) else f"sub(0, {inner})")
        if isinstance(node, A.Binary):
            a, b = self.expr(node.left), self.expr(node.right)
            if node.op == "!=":
                return f"not(equals({a}, {b}))"
            if node.op == "=~":
                return f"equals(toLower({a}), toLower({b}))"
            if node.op == "!~":
                return f"not(equals(toLower({a}), toLower({b})))"
            return f"{BINARY[node.op]}({a}, {b})"
        if isinstance(node, A.Ternary):
            return f"if({self.expr(node.cond)}, {self.expr(node.then)}, {self.expr(node.other)})"
        if isinstance(node, A.ObjectExpr):
            pairs = [f"{_str(p.key)}, {self.expr(p.value)}" for p in node.props if isinstance(p, A.Prop)]
            return f"createObject({', '.join(pairs)})"
        if isinstance(node, A.ArrayExpr):
            return f"createArray({', '.join(self.expr(i) for i in node.items)})"
        if isinstance(node, A.ForExpr):
            iterable = self.expr(node.iterable)
            saved = dict(self.loop)
            self.loop[node.item or "_"] = f"lambdaVariables('{node.item}')"
            if node.index:
                self.loop[node.index] = f"lambdaVariables('{node.index}')"
            body = self.expr(node.body.body if isinstance(node.body, A.IfBody) else node.body)
            self.loop = saved
            return f"map({iterable}, lambda('{node.item}', {body}))"
        return "null()"

    def ident(self, name: str) -> str:
        if name in self.loop:
            return self.loop[name]
        sym = self.an.symbols.get(name)
        if sym is None:
            return "null()"
        if sym.kind == "param":
            return f"parameters('{name}')"
        if sym.kind == "var":
            return f"variables('{name}')"
        info = self.res[id(sym.decl)]
        return f"reference({self.resource_id(info)}, '{info.api}', 'full')"

    def member(self, node: A.Member) -> str:
        target = node.target
        via_module = bicep_modules.module_member(self, node)
        if via_module is not None:
            return via_module
        if isinstance(target, A.Ident) and target.name not in self.loop:
            sym = self.an.symbols.get(target.name)
            if sym is not None and sym.kind == "resource":
                info = self.res[id(sym.decl)]
                if node.name == "id":
                    return self.resource_id(info)
                if node.name == "name":
                    return self.own_name(info)
                if node.name == "type":
                    return _str(info.type)
                if node.name == "apiVersion":
                    return _str(info.api)
                if node.name == "properties":
                    return f"reference({self.resource_id(info)}, '{info.api}')"
                return f"reference({self.resource_id(info)}, '{info.api}', 'full').{node.name}"
        base = _wrap(self.expr(target))
        if node.safe:
            return f"tryGet({base}, {_str(node.name)})"
        if IDENT_RE.match(node.name):
            return f"{base}.{node.name}"
        return f"{base}[{_str(node.name)}]"

    def call(self, node: A.Call) -> str:
        args = [self.expr(a) for a in node.args]
        target = node.target
        if target is not None and not (isinstance(target, A.Ident) and target.name in ("az", "sys")):
            if isinstance(target, A.Ident):
                sym = self.an.symbols.get(target.name)
                if sym is not None and sym.kind == "resource":
                    info = self.res[id(sym.decl)]
                    return f"{node.name}({', '.join([self.resource_id(info), _str(info.api)] + args)})"
            return f"{_wrap(self.expr(target))}.{node.name}({', '.join(args)})"
        return f"{node.name}({', '.join(args)})"


def _plain_loop(node) -> bool:
    """A for-expression without a filter: Bicep compiles these to copy loops (filtered ones to filter/map)."""
    return isinstance(node, A.ForExpr) and not isinstance(node.body, A.IfBody)


def _str(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def _wrap(expr: str) -> str:
    return expr


def template_hash(body: dict) -> str:
    """A stable decimal hash of the template, as in metadata._generator.templateHash."""
    data = json.dumps({k: v for k, v in body.items() if k != "metadata"}, sort_keys=True).encode()
    return str(int.from_bytes(hashlib.sha256(data).digest()[:8], "big"))
