"""Bicep -> ARM JSON, part 2: expressions (literals, interpolation as format(), symbol references as
parameters()/variables()/reference()/resourceId(), members of resources, modules and loop items, function calls),
mixed into the Emitter."""

from __future__ import annotations

import re
from contextlib import contextmanager

from . import bicep_ast as A
from . import bicep_modules, graph_types

BINARY = {"==": "equals", "&&": "and", "||": "or", "+": "add", "-": "sub", "*": "mul", "/": "div", "%": "mod",
          "<": "less", "<=": "lessOrEquals", ">": "greater", ">=": "greaterOrEquals", "??": "coalesce"}


IDENT_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class Expressions:
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
            pairs = [f"{self.expr(p.key_expr) if p.key_expr is not None else _str(p.key)}, {self.expr(p.value)}"
                     for p in node.props if isinstance(p, A.Prop)]
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
        return f"reference({self.ref_target(info)}, '{info.api}', 'full')"

    def ref_target(self, info) -> str:
        """What reference() is given: the symbolic name in languageVersion 2.0, else the resource id."""
        return _str(_symbolic(info.decl)) if self.v2 and not isinstance(info.decl.body, A.ForExpr) else \
            self.resource_id(info)

    @contextmanager
    def item_of(self, decl, index_node):
        """While emitting `name[i]` of a resource or module loop: its loop variables stand for item i."""
        saved = dict(self.loop)
        body = decl.body
        if isinstance(body, A.ForExpr):
            idx = self.expr(index_node)
            iterable = self.expr(body.iterable)
            if body.item:
                self.loop[body.item] = f"{iterable}[{idx}]"
            if body.index:
                self.loop[body.index] = idx
        try:
            yield
        finally:
            self.loop = saved

    def member(self, node: A.Member) -> str:
        target = node.target
        via_module = bicep_modules.module_member(self, node)
        if via_module is not None:
            return via_module
        if isinstance(target, A.Index) and isinstance(target.target, A.Ident) and target.target.name not in self.loop:
            sym = self.an.symbols.get(target.target.name)
            if sym is not None and sym.kind == "resource" and isinstance(sym.decl.body, A.ForExpr):
                with self.item_of(sym.decl, target.index):
                    return self.member(A.Member(node.line, node.col, target.target, node.name, node.safe))
        if isinstance(target, A.Ident) and target.name not in self.loop:
            sym = self.an.symbols.get(target.name)
            if sym is not None and sym.kind == "resource":
                info = self.res[id(sym.decl)]
                if graph_types.is_graph(info.type):  # a Graph resource's properties, `id` included
                    return f"reference({_str(_symbolic(info.decl))}).{node.name}"
                if node.name == "id":
                    return self.resource_id(info)
                if node.name == "name":
                    return self.own_name(info)
                if node.name == "type":
                    return _str(info.type)
                if node.name == "apiVersion":
                    return _str(info.api)
                if node.name == "properties":
                    return f"reference({self.ref_target(info)})" if self.v2 else \
                        f"reference({self.resource_id(info)}, '{info.api}')"
                return f"reference({self.ref_target(info)}, '{info.api}', 'full').{node.name}"
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


def _symbolic(r: A.ResourceDecl) -> str:
    """A resource's symbolic name in a languageVersion 2.0 template (nested ones as `parent::child`)."""
    return r.name if r.parent_decl is None else f"{_symbolic(r.parent_decl)}::{r.name}"


def _str(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def _wrap(expr: str) -> str:
    return expr
