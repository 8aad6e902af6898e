"""The awk grammar (POSIX, as gawk parses it) into tuples that awk_eval.py runs: rules with patterns and ranges,
functions, statements, and expressions with awk's precedence (?:, ||, &&, in, ~, relational, concatenation,
additive, multiplicative, unary, ^, ++/--, $)."""

from __future__ import annotations

from .awk_lex import AwkSyntaxError, Token, tokenize
from .awk_parse_expr import ExpressionParser


class Program:
    def __init__(self):
        self.begin: list = []
        self.end: list = []
        self.rules: list = []  # (pattern | ('range', p1, p2) | None, body | None)
        self.functions: dict[str, tuple[list[str], list]] = {}


class Parser(ExpressionParser):
    def __init__(self, src: str):
        self.src = src
        self.toks = tokenize(src)
        self.i = 0
        self.in_print = 0
        self.in_function = False
        self.loop_depth = 0

    # -- helpers ------------------------------------------------------------------------------------------
    @property
    def tok(self) -> Token:
        return self.toks[self.i]

    def at(self, kind: str, value=None) -> bool:
        t = self.toks[self.i]
        return t.kind == kind and (value is None or t.value == value)

    def at_op(self, *values) -> bool:
        t = self.toks[self.i]
        return t.kind == "op" and t.value in values

    def fail(self, message: str = "syntax error", tok: Token | None = None):
        t = tok or self.tok
        lines = self.src.split("\n")
        raise AwkSyntaxError(message, t.line, t.col, lines[t.line - 1] if t.line - 1 < len(lines) else "")

    def expect(self, kind: str, value=None) -> Token:
        if not self.at(kind, value):
            self.fail()
        t = self.tok
        self.i += 1
        return t

    def newlines(self) -> None:
        while self.at("newline"):
            self.i += 1

    def terminators(self) -> None:
        while self.at("newline") or self.at_op(";"):
            self.i += 1

    # -- program ------------------------------------------------------------------------------------------
    def program(self) -> Program:
        prog = Program()
        self.terminators()
        while not self.at("eof"):
            if self.at("keyword", "BEGIN") or self.at("keyword", "END"):
                which = self.tok.value
                self.i += 1
                self.newlines()
                if not self.at_op("{"):
                    self.fail(f"{which} blocks must have an action part")
                (prog.begin if which == "BEGIN" else prog.end).append(self.block())
            elif self.at("keyword", "function"):
                self.function(prog)
            else:
                pattern = None
                if not self.at_op("{"):
                    pattern = self.expr()
                    if self.at_op(","):
                        self.i += 1
                        self.newlines()
                        pattern = ("range", pattern, self.expr(), [False])
                body = self.block() if self.at_op("{") else None
                prog.rules.append((pattern, body))
            self.terminators()
        return prog

    def function(self, prog: Program) -> None:
        self.i += 1
        name_tok = self.tok
        if name_tok.kind not in ("funcname", "name"):
            self.fail()
        self.i += 1
        self.expect("op", "(")
        params = []
        while not self.at_op(")"):
            params.append(self.expect("name").value)
            if self.at_op(","):
                self.i += 1
                self.newlines()
        self.i += 1
        self.newlines()
        self.in_function = True
        prog.functions[name_tok.value] = (params, self.block())
        self.in_function = False

    def block(self) -> list:
        self.expect("op", "{")
        stmts = []
        self.terminators()
        while not self.at_op("}"):
            if self.at("eof"):
                self.fail("unexpected newline or end of string")
            stmts.append(self.statement())
            self.terminators()
        self.i += 1
        return stmts

    def simple_end(self) -> None:
        if self.at_op(";") or self.at("newline"):
            self.i += 1
        elif not (self.at_op("}") or self.at("eof")):
            self.fail()

    def statement(self):
        t = self.tok
        if t.kind == "op" and t.value == "{":
            return ("block", self.block())
        if t.kind == "op" and t.value == ";":
            self.i += 1
            return ("block", [])
        if t.kind == "keyword":
            kw = t.value
            if kw == "if":
                self.i += 1
                self.expect("op", "(")
                cond = self.expr()
                self.expect("op", ")")
                self.newlines()
                then = self.statement()
                save = self.i
                self.terminators()
                if self.at("keyword", "else"):
                    self.i += 1
                    self.newlines()
                    return ("if", cond, then, self.statement())
                self.i = save
                return ("if", cond, then, None)
            if kw == "while":
                self.i += 1
                self.expect("op", "(")
                cond = self.expr()
                self.expect("op", ")")
                if self.at_op(";"):
                    self.i += 1
                    return ("while", cond, ("block", []))
                self.newlines()
                return ("while", cond, self.loop_body())
            if kw == "do":
                self.i += 1
                self.newlines()
                body = self.loop_body()
                self.terminators()
                self.expect("keyword", "while")
                self.expect("op", "(")
                cond = self.expr()
                self.expect("op", ")")
                self.simple_end()
                return ("do", body, cond)
            if kw == "for":
                return self.for_statement()
            if kw in ("break", "continue"):
                if not self.loop_depth:
                    self.fail(f"`{kw}' is not allowed outside a loop")
                self.i += 1
                self.simple_end()
                return (kw,)
            if kw in ("next", "nextfile"):
                self.i += 1
                self.simple_end()
                return (kw,)
            if kw in ("exit", "return"):
                if kw == "return" and not self.in_function:
                    self.fail("`return' used outside function context")
                self.i += 1
                value = None if (self.at_op(";", "}") or self.at("newline") or self.at("eof")) else self.expr()
                self.simple_end()
                return (kw, value)
            if kw == "delete":
                self.i += 1
                name = self.expect("name").value
                subs = None
                if self.at_op("["):
                    self.i += 1
                    subs = self.expr_list("]")
                self.simple_end()
                return ("delete", name, subs)
            if kw in ("print", "printf"):
                return self.print_statement(kw)
            if kw == "getline":
                self.fail("getline is not available in this lab's awk")
        e = self.expr()
        self.simple_end()
        return ("expr", e)

    def loop_body(self):
        self.loop_depth += 1
        try:
            return self.statement()
        finally:
            self.loop_depth -= 1

    def for_statement(self):
        self.i += 1
        self.expect("op", "(")
        if self.at("name") and self.toks[self.i + 1].kind == "keyword" and self.toks[self.i + 1].value == "in" \
                and self.toks[self.i + 2].kind == "name" and self.toks[self.i + 3].kind == "op" \
                and self.toks[self.i + 3].value == ")":
            var, arr = self.tok.value, self.toks[self.i + 2].value
            self.i += 4
            self.newlines()
            return ("forin", var, arr, self.loop_body())
        init = None if self.at_op(";") else self.expr()
        self.expect("op", ";")
        self.newlines()
        cond = None if self.at_op(";") else self.expr()
        self.expect("op", ";")
        self.newlines()
        step = None if self.at_op(")") else self.expr()
        self.expect("op", ")")
        if self.at_op(";"):
            self.i += 1
            return ("for", init, cond, step, ("block", []))
        self.newlines()
        return ("for", init, cond, step, self.loop_body())

    def print_statement(self, kw: str):
        self.i += 1
        args: list = []
        self.in_print += 1
        try:
            if not (self.at_op(";", "}", ">", "|") or self.at("newline") or self.at("eof") or self.at_op(">>")):
                save = self.i
                if self.at_op("("):  # print (a, b) > "file"
                    self.i += 1
                    self.in_print -= 1
                    try:
                        args = self.expr_list(")")
                    finally:
                        self.in_print += 1
                    if not (self.at_op(";", "}", ">", ">>", "|") or self.at("newline") or self.at("eof")):
                        self.i, args = save, []
                if not args:
                    args = [self.expr()]
                    while self.at_op(","):
                        self.i += 1
                        self.newlines()
                        args.append(self.expr())
        finally:
            self.in_print -= 1
        redirect = None
        if self.at_op(">", ">>"):
            mode = self.tok.value
            self.i += 1
            redirect = (mode, self.concat_expr())
        elif self.at_op("|"):
            self.fail("output to a command (print | \"cmd\") is not available in this lab's awk")
        self.simple_end()
        if kw == "printf" and not args:
            self.fail("printf: no format")
        return (kw, args, redirect)

    def expr_list(self, close: str) -> list:
        items = [self.expr()]
        while self.at_op(","):
            self.i += 1
            self.newlines()
            items.append(self.expr())
        self.expect("op", close)
        return items


def parse(src: str) -> Program:
    return Parser(src).program()
