"""PowerShell parser, part 2: expression mode (operators by precedence, unary/postfix, members, primaries,
hashtable literals)."""

from __future__ import annotations

import re

from . import ast as A
from .parser_lex import (
    COMPARISON,
    EOF,
    LOGICAL,
    NAME_CHARS,
    NUM_RE,
    QUOTES_D,
    QUOTES_S,
    Scanner,
    parse_number,
)
from .values import ParseError


class Expressions(Scanner):
    def expression(self):
        left = self.comparison()
        while True:
            self.ws()
            op = self._op_word()
            if op in LOGICAL:
                self.pos += len(op) + 1
                self.ws(newlines=True)
                left = A.Binary(op, left, self.comparison())
            else:
                return left

    def comparison(self):
        left = self.additive()
        while True:
            self.ws()
            op = self._op_word()
            if op in COMPARISON and not NAME_CHARS.match(self.ch(len(op) + 1)):
                self.pos += len(op) + 1
                self.ws(newlines=True)
                left = A.Binary(op, left, self.additive())
            else:
                return left

    def additive(self):
        left = self.multiplicative()
        while True:
            self.ws()
            c = self.ch()
            if c in "+-" and self.ch(1) != "=" and not (c == "-" and self.ch(1).isalpha()):
                self.pos += 1
                self.ws(newlines=True)
                left = A.Binary(c, left, self.multiplicative())
            else:
                return left

    def multiplicative(self):
        left = self.format_op()
        while True:
            self.ws()
            c = self.ch()
            if c in "*/%" and self.ch(1) != "=":
                self.pos += 1
                self.ws(newlines=True)
                left = A.Binary(c, left, self.format_op())
            else:
                return left

    def format_op(self):
        left = self.comma()
        while True:
            self.ws()
            if self._op_word() == "f" and not NAME_CHARS.match(self.ch(2)):
                self.pos += 2
                self.ws(newlines=True)
                left = A.Binary("f", left, self.comma())
            else:
                return left

    def comma(self):
        return self.comma_list(self.range_op)

    def range_op(self):
        left = self.unary()
        if self.text.startswith("..", self.pos):
            self.pos += 2
            return A.Binary("..", left, self.unary())
        return left

    def unary(self):
        self.ws()
        c = self.ch()
        if c == "!":
            self.pos += 1
            return A.Unary("not", self.unary())
        if c == "-":
            op = self._op_word()
            if op == "not":
                self.pos += 4
                self.ws()
                return A.Unary("not", self.unary())
            if op in ("join", "split"):
                self.pos += len(op) + 1
                self.ws()
                return A.Unary(op, self.unary())
            if not self.ch(1).isalpha():
                self.pos += 1
                return A.Unary("neg", self.unary())
        if c == "[":
            m = re.compile(r"\[([A-Za-z_][\w.\[\]`]*?)\]").match(self.text, self.pos)
            if m and not self.text.startswith("::", m.end()):
                after = self.text[m.end():m.end() + 1]
                if after and after not in " \t\n;|)}.,":
                    self.pos = m.end()
                    return A.Cast(m.group(1), self.unary())
        return self.postfix(self.primary())

    def postfix(self, expr, in_arg: bool = False):
        while True:
            c = self.ch()
            if c == "." and (NAME_CHARS.match(self.ch(1)) or self.ch(1) in "\"'$"):
                if in_arg and not self._member_follows():
                    return expr
                self.pos += 1
                expr = self._member(expr, static=False)
            elif c == ":" and self.ch(1) == ":" and isinstance(expr, A.TypeLit):
                self.pos += 2
                expr = self._member(expr, static=True)
            elif c == "[" and not in_arg:
                self.pos += 1
                self.ws(newlines=True)
                idx = self.expression()
                self.ws(newlines=True)
                self.expect("]", "Array index expression is missing or not valid.")
                expr = A.Index(expr, idx)
            elif c == "[" and in_arg:
                self.pos += 1
                idx = self.expression()
                self.expect("]", "Array index expression is missing or not valid.")
                expr = A.Index(expr, idx)
            else:
                return expr

    def _member_follows(self) -> bool:
        """In argument mode `$x.Name` is member access; `$server.azurecr.io` too (PowerShell does the same)."""
        return True

    def _member(self, obj, static: bool):
        if self.ch() in "\"'$":
            name = self.primary()
        else:
            m = re.compile(r"[A-Za-z0-9_]+").match(self.text, self.pos)
            self.pos = m.end()
            name = m.group(0)
        if self.ch() == "(" and isinstance(name, str):
            self.pos += 1
            args = []
            self.ws(newlines=True)
            if self.ch() != ")":
                while True:
                    args.append(self.additive_noncomma())
                    self.ws(newlines=True)
                    if self.ch() == ",":
                        self.pos += 1
                        self.ws(newlines=True)
                        continue
                    break
            self.expect(")", "Missing closing ')' in method call.")
            return A.Call(obj, name, args, static)
        return A.Member(obj, name, static)

    def additive_noncomma(self):
        """A method argument: a full expression without the comma operator."""
        save_comma = self.comma
        self.comma = self.range_op  # type: ignore[method-assign]
        try:
            return self.expression()
        finally:
            self.comma = save_comma  # type: ignore[method-assign]

    def nested(self, parse):
        """A bracketed part (`( )`, `$( )`, `@( )`, `{ }`, `@{ }`) has the comma operator again, even inside a method
        argument: `$list.AddRange(@('a', 'b'))`, `$s.Split(('b', 'c'))`."""
        override = self.__dict__.pop("comma", None)
        try:
            return parse()
        finally:
            if override is not None:
                self.comma = override  # type: ignore[method-assign]

    def _var_name(self) -> str:
        if self.ch() == "{":
            end = self.text.find("}", self.pos)
            if end < 0:
                raise ParseError("Missing closing '}' in variable name.", self.pos)
            name = self.text[self.pos + 1:end]
            self.pos = end + 1
            return name
        m = re.compile(r"(?:(?:env|global|script|local|private|using):)?[A-Za-z0-9_]+|[?^$_]",
                       re.IGNORECASE).match(self.text, self.pos)
        if not m:
            return ""
        self.pos = m.end()
        return m.group(0)

    def _subexpr(self, start: int, array: bool):
        """`$( )` / `@( )`, parsed once per position: a statement starting with `$(` is tried as an
        assignment target and then re-read as a pipeline, which without this memo doubles the work at
        every nesting level (2^n for n nested `$(`)."""
        memo = self.__dict__.setdefault("_subexpr_memo", {})
        key = (start, array, getattr(self.comma, "__name__", ""))
        if key in memo:
            node, self.pos = memo[key]
            return node
        self.pos = start + 2
        body = self.nested(lambda: self.script(end=")"))
        self.pos += 1
        node = A.SubExpr(body, array=array) if array else A.SubExpr(body)
        memo[key] = (node, self.pos)
        return node

    def primary(self):
        c = self.ch()
        if c == "$":
            if self.ch(1) == "(":
                return self._subexpr(self.pos, array=False)
            self.pos += 1
            name = self._var_name()
            if not name:
                return A.Const("$")
            return A.Var(name)
        if c in QUOTES_S:
            return A.Const(self.single_quoted())
        if c in QUOTES_D:
            return self.double_quoted()
        if c == "@":
            n = self.ch(1)
            if n == "(":
                return self._subexpr(self.pos, array=True)
            if n == "{":
                self.pos += 2
                return self.nested(self.hashtable)
            if n in "\"'":
                return self.here_string()
        if c == "(":
            self.pos += 1
            self.ws(newlines=True)
            if self.ch() == ")":
                raise ParseError("An expression was expected after '('.", self.pos)
            inner = self.nested(self.statement)
            self.ws(newlines=True)
            self.expect(")", "Missing closing ')' in expression.")
            return A.Paren(inner)
        if c == "{":
            self.pos += 1
            return self.nested(self.script_body)
        if c == "[":
            m = re.compile(r"\[([A-Za-z_][\w.\[\]`]*?)\]").match(self.text, self.pos)
            if m:
                self.pos = m.end()
                return A.TypeLit(m.group(1))
        m = NUM_RE.match(self.text, self.pos)
        if m and (c.isdigit() or c == "."):
            end = m.end()
            if end < len(self.text) and NAME_CHARS.match(self.text[end]) and not self.text.startswith("..", end):
                raise ParseError(f"Unexpected token '{self._token_text()}' in expression or statement.", self.pos)
            self.pos = end
            return A.Const(parse_number(m.group(0)))
        if c == EOF:
            raise ParseError("An expression was expected after the operator.", self.pos)
        raise ParseError(f"Unexpected token '{self._token_text()}' in expression or statement.", self.pos)


    def hashtable(self) -> A.HashLit:
        pairs = []
        while True:
            self.skip_separators()
            c = self.ch()
            if c == "}":
                self.pos += 1
                return A.HashLit(pairs)
            if c == EOF:
                raise ParseError("Missing closing '}' in hash literal.", self.pos)
            if c in QUOTES_S or c in QUOTES_D or c in "$(":
                key = self.postfix(self.primary())
            else:
                m = re.compile(r"[^\s=;}]+").match(self.text, self.pos)
                if not m:
                    raise ParseError("Missing key before '=' in hash literal.", self.pos)
                self.pos = m.end()
                key = A.Const(m.group(0))
            self.ws()
            if self.ch() != "=":
                raise ParseError("Missing '=' operator after key in hash literal.", self.pos)
            self.pos += 1
            self.ws(newlines=True)
            if self.ch() in ("}", ";", EOF):
                raise ParseError("Missing statement after '=' in hash literal.", self.pos)
            pairs.append((key, self.statement()))
            self.ws()
            if self.ch() not in ("\n", ";", "}"):
                raise ParseError("Missing '}' or ';' after value in hash literal.", self.pos)

