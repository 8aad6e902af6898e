"""The Bicep parser: a lark LALR grammar over the Bicep lexer, building the syntax tree in bicep_ast.
Syntax errors become Bicep diagnostics with the code Bicep uses at that point (BCP007, BCP009, BCP018...)."""

from __future__ import annotations

from functools import cache

from lark import Lark, Token, Transformer, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken, VisitError

from . import bicep_ast as A
from .bicep_lexer import TERMINALS, BicepLexer, tokenize
from .bicep_syntax import _history, _syntax_diagnostic
from .diagnostics import BicepCompileError, make

GRAMMAR = r"""
start: NL? (statement (NL statement)*)? NL?

statement: decorator* declaration
decorator: AT postfix NL
         | AT METADATA LPAR args RPAR NL                          -> metadata_decorator
?declaration: param_decl | var_decl | output_decl | resource_decl | module_decl | target_scope | metadata_decl
            | type_decl | using_decl | extension_decl

param_decl: PARAM IDENT type_expr (ASSIGN expr)?
          | PARAM IDENT ASSIGN expr                               -> param_assign
var_decl: VAR IDENT ASSIGN expr
output_decl: OUTPUT IDENT type_expr ASSIGN expr
type_decl: TYPE IDENT ASSIGN type_expr
using_decl: USING STRING
extension_decl: EXTENSION (IDENT | STRING)

?type_expr: type_post
          | type_expr PIPE type_post                              -> type_union
?type_post: type_atom
          | type_post QMARK                                       -> type_nullable
          | type_post LSQB RSQB                                   -> type_array
?type_atom: IDENT                                                 -> type_ref
          | IDENT DOT IDENT                                       -> type_ref
          | STRING                                                -> type_lit
          | INTEGER                                               -> type_lit
          | TRUE                                                  -> type_lit
          | FALSE                                                 -> type_lit
          | MINUS INTEGER                                         -> type_neg
          | LBRACE NL? (type_prop (_sep type_prop)* _sep?)? RBRACE -> type_obj
          | LSQB NL? (type_expr (_sep type_expr)* _sep?)? RSQB    -> type_tuple
          | LPAR type_expr RPAR                                   -> paren
type_prop: decorator* (name | STRING | STAR) COLON type_expr
resource_decl: RESOURCE IDENT STRING EXISTING? ASSIGN resource_body
target_scope: TARGETSCOPE ASSIGN expr
module_decl: MODULE IDENT STRING ASSIGN resource_body
metadata_decl: METADATA IDENT ASSIGN expr

?resource_body: object
              | IF paren object                                   -> if_body
              | LSQB NL? FOR for_vars IN expr COLON loop_body NL? RSQB -> for_expr

?loop_body: expr
          | IF paren object                                       -> if_body

for_vars: IDENT
        | LPAR IDENT COMMA IDENT RPAR

?expr: ternary
?ternary: coalesce
        | coalesce QMARK expr COLON expr                          -> ternary
?coalesce: or_expr
         | coalesce COALESCE or_expr                              -> binary
?or_expr: and_expr
        | or_expr OR and_expr                                     -> binary
?and_expr: eq_expr
         | and_expr AND eq_expr                                   -> binary
?eq_expr: rel_expr
        | eq_expr (EQ | NEQ | EQI | NEQI) rel_expr                -> binary
?rel_expr: add_expr
         | rel_expr (LT | LE | GT | GE) add_expr                  -> binary
?add_expr: mul_expr
         | add_expr (PLUS | MINUS) mul_expr                       -> binary
?mul_expr: unary
         | mul_expr (STAR | SLASH | PERCENT) unary                -> binary
?unary: postfix
      | (BANG | MINUS) unary                                      -> unary
?postfix: primary
        | postfix DOT name                                        -> member
        | postfix QDOT name                                       -> safe_member
        | postfix LSQB expr RSQB                                  -> index
        | postfix DCOLON name                                     -> child_access
        | postfix LPAR args RPAR                                  -> call
?primary: literal
        | STRING                                                  -> string
        | MULTILINE_STRING                                        -> string
        | interp
        | IDENT                                                   -> ident
        | object
        | array
        | paren
paren: LPAR NL? expr NL? RPAR
literal: INTEGER | TRUE | FALSE | NULL
interp: STR_LEFT expr (STR_MID expr)* STR_RIGHT
args: NL? (expr (COMMA NL? expr)* NL?)?

object: LBRACE NL? (obj_item (_sep obj_item)* _sep?)? RBRACE
_sep: NL | COMMA NL?
?obj_item: name COLON expr                                        -> prop
         | STRING COLON expr                                      -> prop
         | interp COLON expr                                      -> prop
         | resource_decl

array: LSQB NL? (expr (_sep expr)* _sep?)? RSQB
     | LSQB NL? FOR for_vars IN expr COLON loop_body NL? RSQB     -> for_expr

name: IDENT | PARAM | VAR | RESOURCE | OUTPUT | EXISTING | TRUE | FALSE | NULL | IF | FOR | IN
    | TARGETSCOPE | METADATA | MODULE | TYPE | USING

%declare """ + " ".join(TERMINALS) + "\n"


def _pos(tok) -> tuple[int, int]:
    return tok.line, tok.column


class _Build(Transformer):
    """Turn the lark tree into bicep_ast nodes (tokens keep their positions)."""

    def start(self, items):
        return A.Program([i for i in items if not isinstance(i, Token)])

    def statement(self, items):
        *decorators, decl = items
        if isinstance(decl, A.Decl):
            decl.decorators = decorators
        return decl

    def decorator(self, items):
        at, call = items[0], items[1]
        return A.Decorator(at.line, at.column, call)

    def metadata_decorator(self, items):
        at, kw = items[0], items[1]
        args = next(i for i in items if isinstance(i, list))
        return A.Decorator(at.line, at.column, A.Call(kw.line, kw.column, "metadata", args))

    def type_ref(self, items):
        t = items[-1]
        return A.TypeRef(items[0].line, items[0].column, t.value)

    def type_lit(self, items):
        t = items[0]
        value = {"TRUE": True, "FALSE": False}.get(t.type, t.value)
        return A.TypeLit(t.line, t.column, value)

    def type_neg(self, items):
        return A.TypeLit(items[0].line, items[0].column, -items[1].value)

    def type_union(self, items):
        left, _, right = items
        members = (left.members if isinstance(left, A.TypeUnion) else [left]) + [right]
        return A.TypeUnion(left.line, left.col, members)

    def type_nullable(self, items):
        return A.TypeNullable(items[0].line, items[0].col, items[0])

    def type_array(self, items):
        return A.TypeArray(items[0].line, items[0].col, items[0])

    def type_obj(self, items):
        lb = items[0]
        return A.TypeObject(lb.line, lb.column, [i for i in items if isinstance(i, A.TypeProp)])

    def type_tuple(self, items):
        lb = items[0]
        return A.TypeTuple(lb.line, lb.column, [i for i in items if not isinstance(i, Token)])

    def type_prop(self, items):
        decorators = [i for i in items if isinstance(i, A.Decorator)]
        rest = [i for i in items if not isinstance(i, A.Decorator)]
        key, typ = rest[0], rest[-1]
        if isinstance(key, Token):
            return A.TypeProp(key.line, key.column, key.value, typ, decorators)
        name, line, col = key
        return A.TypeProp(line, col, name, typ, decorators)

    def param_decl(self, items):
        kw, name, typ = items[0], items[1], items[2]
        default = items[4] if len(items) > 4 else None
        simple = _simple_type(typ)
        return A.ParamDecl(kw.line, kw.column, name.value, name.line, name.column, type=simple or "object",
                           type_line=typ.line, type_col=typ.col, default=default,
                           type_node=None if simple else typ)

    def param_assign(self, items):
        kw, name, _, value = items
        return A.ParamDecl(kw.line, kw.column, name.value, name.line, name.column, default=value, assign_only=True)

    def type_decl(self, items):
        kw, name, _, value = items
        return A.TypeDecl(kw.line, kw.column, name.value, name.line, name.column, value=value)

    def using_decl(self, items):
        kw, path = items
        return A.UsingDecl(kw.line, kw.column, path.value)

    def extension_decl(self, items):
        kw, ref = items
        return A.ExtensionDecl(kw.line, kw.column, ref.value, ref.line, ref.column)

    def var_decl(self, items):
        kw, name, _, value = items
        return A.VarDecl(kw.line, kw.column, name.value, name.line, name.column, value=value)

    def output_decl(self, items):
        kw, name, typ, _, value = items
        simple = _simple_type(typ)
        return A.OutputDecl(kw.line, kw.column, name.value, name.line, name.column, type=simple or "object",
                            type_line=typ.line, type_col=typ.col, value=value, type_node=None if simple else typ)

    def resource_decl(self, items):
        kw, name, type_tok = items[0], items[1], items[2]
        existing = any(isinstance(i, Token) and i.type == "EXISTING" for i in items)
        body = items[-1]
        decl = A.ResourceDecl(kw.line, kw.column, name.value, name.line, name.column, type_string=type_tok.value,
                              type_line=type_tok.line, type_col=type_tok.column, existing=existing, body=body)
        if getattr(type_tok, "_interpolated", False):
            decl.type_string = None
        return decl

    def module_decl(self, items):
        kw, name, path_tok, body = items[0], items[1], items[2], items[-1]
        decl = A.ModuleDecl(kw.line, kw.column, name.value, name.line, name.column, path=path_tok.value,
                            path_line=path_tok.line, path_col=path_tok.column, body=body)
        if getattr(path_tok, "_interpolated", False):
            decl.path = None
        return decl

    def target_scope(self, items):
        return A.TargetScope(items[0].line, items[0].column, items[2])

    def metadata_decl(self, items):
        kw, name, _, value = items
        return A.MetadataDecl(kw.line, kw.column, name.value, name.line, name.column, value=value)

    def if_body(self, items):
        kw, cond, body = items
        return A.IfBody(kw.line, kw.column, cond, body)

    def for_expr(self, items):
        lsqb = items[0]
        rest = [i for i in items if not (isinstance(i, Token) and i.type in ("NL", "FOR", "IN", "COLON", "LSQB",
                                                                                   "RSQB"))]
        (item, index), iterable, body = rest
        return A.ForExpr(lsqb.line, lsqb.column, item, index, iterable, body)

    def for_vars(self, items):
        names = [i.value for i in items if i.type == "IDENT"]
        return (names[0], names[1] if len(names) > 1 else None)

    def ternary(self, items):
        cond, _, then, _, other = items
        return A.Ternary(cond.line, cond.col, cond, then, other)

    def binary(self, items):
        left, op, right = items
        return A.Binary(op.line, op.column, op.value, left, right)

    def unary(self, items):
        op, operand = items
        return A.Unary(op.line, op.column, op.value, operand)

    def member(self, items):
        target, _, (name, line, col) = items
        return A.Member(target.line, target.col, target, name, False, line, col)

    def safe_member(self, items):
        target, _, (name, line, col) = items
        return A.Member(target.line, target.col, target, name, True, line, col)

    def child_access(self, items):
        target, _, (name, line, col) = items
        return A.Member(target.line, target.col, target, "::" + name, False, line, col)

    def index(self, items):
        target, _, idx, _ = items
        return A.Index(target.line, target.col, target, idx)

    def call(self, items):
        target, _, args, _ = items
        if isinstance(target, A.Ident):
            return A.Call(target.line, target.col, target.name, args)
        if isinstance(target, A.Member) and not target.safe and not target.name.startswith("::"):
            return A.Call(target.name_line, target.name_col, target.name, args, target.target)
        return A.Call(target.line, target.col, "", args, target)

    def args(self, items):
        return [i for i in items if not isinstance(i, Token)]

    def name(self, items):
        t = items[0]
        return (t.value, t.line, t.column)

    def literal(self, items):
        t = items[0]
        value = {"TRUE": True, "FALSE": False, "NULL": None}.get(t.type, t.value)
        return A.Literal(t.line, t.column, value)

    def string(self, items):
        t = items[0]
        return A.Literal(t.line, t.column, t.value)

    def interp(self, items):
        first = items[0]
        parts = [i.value if isinstance(i, Token) else i for i in items]
        return A.Interp(first.line, first.column, [p for p in parts if p != ""] or [""])

    def ident(self, items):
        t = items[0]
        return A.Ident(t.line, t.column, t.value)

    def paren(self, items):
        return next(i for i in items if not isinstance(i, Token))

    def object(self, items):
        lb = items[0]
        props = [i for i in items if not isinstance(i, Token)]
        return A.ObjectExpr(lb.line, lb.column, props)

    def prop(self, items):
        key, _, value = items
        if isinstance(key, Token):
            return A.Prop(key.line, key.column, key.value, value)
        if isinstance(key, A.Interp):  # a computed name: no two of them are the same key at compile time
            return A.Prop(key.line, key.col, f"${{...}}@{key.line}:{key.col}", value, key_expr=key)
        name, line, col = key
        return A.Prop(line, col, name, value)

    def array(self, items):
        lb = items[0]
        return A.ArrayExpr(lb.line, lb.column, [i for i in items if not isinstance(i, Token)])


def _simple_type(t) -> str | None:
    """`string`, `int`, ... and `string[]` keep the plain form the checks know; anything else is a type node."""
    if isinstance(t, A.TypeRef) and t.name in ("string", "int", "bool", "object", "array"):
        return t.name
    if isinstance(t, A.TypeArray) and isinstance(t.item, A.TypeRef) and t.item.name in ("string", "int", "bool",
                                                                                         "object", "array"):
        return t.item.name + "[]"
    return None


@cache
def _parser() -> Lark:
    return Lark(GRAMMAR, parser="lalr", lexer=BicepLexer, maybe_placeholders=False)


def parse(text: str) -> A.Program:
    """Parse Bicep source into a Program; raises BicepCompileError with Bicep's code and position."""
    tokens = tokenize(text)  # lexical errors first, with their own codes
    try:
        tree = _parser().parse(text)
    except BicepCompileError:
        raise
    except UnexpectedToken as e:
        e.token_history = _history(tokens, e.token)
        raise BicepCompileError([_syntax_diagnostic(e)]) from None
    except (UnexpectedEOF, UnexpectedCharacters, UnexpectedInput) as e:
        line, col = getattr(e, "line", 1) or 1, getattr(e, "column", 1) or 1
        raise BicepCompileError([make("BCP009", max(line, 1), max(col, 1))]) from None
    try:
        program = _Build().transform(tree)
    except VisitError as e:  # pragma: no cover - a transformer bug, reported as a position-less error
        raise BicepCompileError([make("BCP009", 1, 1)]) from e
    _link_children(program.statements, None)
    return program


def _link_children(nodes, parent) -> None:
    """Mark nested resource declarations with their enclosing resource."""
    for node in nodes:
        if isinstance(node, A.ResourceDecl):
            node.parent_decl = parent
            body = node.body
            if isinstance(body, A.IfBody):
                body = body.body
            if isinstance(body, A.ForExpr):
                body = body.body.body if isinstance(body.body, A.IfBody) else body.body
            if isinstance(body, A.ObjectExpr):
                _link_children([p for p in body.props if isinstance(p, A.ResourceDecl)], node)


__all__ = ["parse", "v_args"]
