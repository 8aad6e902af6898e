"""The expression half of the PowerShell interpreter: constants, variables, strings, members, indexes, method
calls, operators, literals, casts and sub-expressions (mixed into Interp)."""

from __future__ import annotations

from . import ast as A
from .operators import binary, call_method, cast, index, static_member, unary
from .values import Hashtable, PSError, PSObject, ScriptBlock, get_member, to_bool, to_str


class Expressions:
    # -- expressions --------------------------------------------------------------------------
    def expr(self, node):
        t = type(node)
        if t is A.Const:
            return node.value
        if t is A.Var:
            return self.get_var(node.name)
        if t is A.Str:
            return "".join(p if isinstance(p, str) else to_str(self.expr(p)) for p in node.parts)
        if t is A.Member:
            obj = self.expr(node.obj)
            name = node.name if isinstance(node.name, str) else to_str(self.expr(node.name))
            if node.static or isinstance(node.obj, A.TypeLit):
                return static_member(self, node.obj.name, name)
            return get_member(obj, name)
        if t is A.Index:
            return index(self.expr(node.obj), self.expr(node.index))
        if t is A.Call:
            args = [self.expr(a) for a in node.args]
            if node.static:
                return call_method(self, None, node.method, args, static=node.obj.name)
            return call_method(self, self.expr(node.obj), node.method, args)
        if t is A.Binary:
            if node.op in ("and", "or"):
                left = to_bool(self.expr(node.left))
                if node.op == "and":
                    return left and to_bool(self.expr(node.right))
                return left or to_bool(self.expr(node.right))
            return binary(self, node.op, self.expr(node.left), self.expr(node.right))
        if t is A.Unary:
            return unary(node.op, self.expr(node.operand))
        if t is A.ArrayLit:
            return [self.expr(i) for i in node.items]
        if t is A.SubExpr:
            out = self.block(node.body)
            return out if node.array else _unwrap(out)
        if t is A.HashLit:
            h = Hashtable()
            for k, v in node.pairs:
                h.set_ci(self.expr(k), self.value(v))
            return h
        if t is A.Block:
            return ScriptBlock(node.body, node.text, node)
        if t is A.TypeLit:
            return PSObject("System.RuntimeType", {"Name": node.name.split(".")[-1], "FullName": node.name},
                            to_string=node.name)
        if t is A.Cast:
            return cast(self, node.type_name, self.expr(node.expr))
        if t is A.Paren:
            return self.value(node.pipeline)
        if t in (A.Pipeline, A.Assign):
            return self.value(node)
        raise PSError(f"Unsupported expression {t.__name__}")


def _unwrap(items: list):
    if not items:
        return None
    return items[0] if len(items) == 1 else items
