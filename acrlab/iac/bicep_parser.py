"""The Bicep parser: a lark LALR grammar over the Bicep lexer, building the syntax tree in bicep_ast.
Syntax errors become Bicep diagnostics with the code Bicep uses at that point (BCP007, BCP009, BCP018...)."""

from __future__ import annotations

from functools import cache

from lark import Lark, Token, Transformer, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken, VisitError

from . import bicep_ast as A
from .bicep_lexer import TERMINALS, BicepLexer, tokenize
from .diagnostics import BicepCompileError, make

GRAMMAR = r"""
start: NL? (statement (NL statement)*)? NL?

statement: decorator* declaration
decorator: AT postfix NL
?declaration: param_decl | var_decl | output_decl | resource_decl | module_decl | target_scope | metadata_decl

param_decl: PARAM IDENT type_ref (ASSIGN expr)?
var_decl: VAR IDENT ASSIGN expr
output_decl: OUTPUT IDENT type_ref ASSIGN expr
resource_decl: RESOURCE IDENT STRING EXISTING? ASSIGN resource_body
target_scope: TARGETSCOPE ASSIGN expr
module_decl: MODULE IDENT STRING ASSIGN resource_body
metadata_decl: METADATA IDENT ASSIGN expr
type_ref: IDENT (LSQB RSQB)?

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
         | resource_decl

array: LSQB NL? (expr (_sep expr)* _sep?)? RSQB
     | LSQB NL? FOR for_vars IN expr COLON loop_body NL? RSQB     -> for_expr

name: IDENT | PARAM | VAR | RESOURCE | OUTPUT | EXISTING | TRUE | FALSE | NULL | IF | FOR | IN
    | TARGETSCOPE | METADATA | MODULE

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

    def type_ref(self, items):
        t = items[0]
        return (t.value + ("[]" if len(items) > 1 else ""), t.line, t.column)

    def param_decl(self, items):
        kw, name, (type_name, tl, tc) = items[0], items[1], items[2]
        default = items[4] if len(items) > 4 else None
        return A.ParamDecl(kw.line, kw.column, name.value, name.line, name.column, type=type_name, type_line=tl,
                           type_col=tc, default=default)

    def var_decl(self, items):
        kw, name, _, value = items
        return A.VarDecl(kw.line, kw.column, name.value, name.line, name.column, value=value)

    def output_decl(self, items):
        kw, name, (type_name, tl, tc), _, value = items
        return A.OutputDecl(kw.line, kw.column, name.value, name.line, name.column, type=type_name, type_line=tl,
                            type_col=tc, value=value)

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
        name, line, col = key
        return A.Prop(line, col, name, value)

    def array(self, items):
        lb = items[0]
        return A.ArrayExpr(lb.line, lb.column, [i for i in items if not isinstance(i, Token)])


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


PUNCT_CHARS = {"ASSIGN": "=", "RBRACE": "}", "RSQB": "]", "RPAR": ")", "COLON": ":", "LBRACE": "{", "LPAR": "(",
               "COMMA": ",", "LSQB": "["}
DECL_KEYWORDS = {"PARAM", "VAR", "RESOURCE", "OUTPUT", "TARGETSCOPE", "METADATA"}


def _syntax_diagnostic(e: UnexpectedToken):
    tok = e.token
    line, col = (tok.line, tok.column) if tok.type != "$END" else _end_position(e)
    try:
        expected = set(e.interactive_parser.accepts())
    except Exception:  # noqa: BLE001 - fall back to LALR's (merged) expectations
        expected = set(e.expected)
    prev = _previous_token(e)
    if prev is not None:
        if prev.type == "PARAM":
            return make("BCP013", line, col)
        if prev.type == "VAR":
            return make("BCP015", line, col)
        if prev.type == "OUTPUT":
            return make("BCP016", line, col)
        if prev.type == "RESOURCE":
            return make("BCP017", line, col)
        if prev.type == "IDENT" and _state_after(e, ("PARAM", "IDENT")):
            return make("BCP014", line, col)
        if prev.type == "IDENT" and _state_after(e, ("RESOURCE", "IDENT")):
            return make("BCP068", line, col)
        if prev.type in ("DOT", "QDOT"):
            return make("BCP020", line, col)
    if expected & DECL_KEYWORDS and "AT" in expected:
        return make("BCP007", line, col)
    if prev is not None and prev.type == "IDENT" and _state_after(e, ("OUTPUT", "IDENT")):
        return make("BCP146", line, col)
    if {"RPAR", "COMMA"} <= expected:
        return make("BCP018", line, col, ",")
    if "NL" in expected and tok.type != "NL":
        if "ASSIGN" in expected and prev is not None and prev.type in ("IDENT", "RSQB"):
            return make("BCP008", line, col)
        return make("BCP019", line, col)
    if {"IDENT", "STRING", "LBRACE", "LSQB", "INTEGER"} <= expected:
        return make("BCP009", line, col)
    if "IDENT" in expected and "RBRACE" in expected:
        return make("BCP022", line, col)
    for kind in ("ASSIGN", "COLON", "RPAR", "RSQB", "RBRACE", "COMMA", "LBRACE", "LPAR"):
        if kind in expected:
            return make("BCP018", line, col, PUNCT_CHARS[kind])
    if "STRING" in expected:
        return make("BCP068", line, col)
    return make("BCP009", line, col)


def _history(tokens, failing) -> list:
    """The tokens before the failing one (lark does not keep them for a custom lexer)."""
    if failing.type == "$END":
        return tokens
    return [t for t in tokens if t.start_pos < failing.start_pos]


def _previous_token(e: UnexpectedToken):
    stack = getattr(e, "token_history", None)
    if stack:
        return stack[-1]
    return None


def _state_after(e: UnexpectedToken, kinds: tuple[str, ...]) -> bool:
    hist = getattr(e, "token_history", None) or []
    return len(hist) >= len(kinds) and tuple(t.type for t in hist[-len(kinds):]) == kinds


def _end_position(e: UnexpectedToken) -> tuple[int, int]:
    hist = getattr(e, "token_history", None) or []
    if hist:
        last = hist[-1]
        return last.end_line or last.line, last.end_column or last.column
    return 1, 1


__all__ = ["parse", "v_args"]
