"""A recursive-descent parser for the PowerShell a learner meets in Az docs (command and expression modes).
Statements, keywords, pipelines and command arguments live here; characters and strings in parser_lex,
expressions in parser_expr."""

from __future__ import annotations

import re

from . import ast as A
from .parser_expr import Expressions
from .parser_lex import END_ARG, EOF, KEYWORDS, NAME_CHARS, QUOTES_D, QUOTES_S, parse_number
from .parser_stmt import Statements
from .values import ParseError

__all__ = ["Parser", "parse", "parse_number"]

UNSUPPORTED = {
    "trap": "The 'trap' statement is not supported by the lab's PowerShell; use try { } catch { } instead.",
    "class": "PowerShell classes are not supported by the lab; use [pscustomobject]@{ ... } or a hashtable.",
    "enum": "PowerShell enums are not supported by the lab; use [ValidateSet(...)] on a parameter instead.",
    "workflow": "Workflows are not available in PowerShell 7; use functions (and ForEach-Object -Parallel).",
}


def parse(text: str) -> A.Script:
    p = Parser(text)
    script = p.script(end="")
    if p.pos < len(text):
        raise ParseError(f"Unexpected token '{text[p.pos]}' in expression or statement.", p.pos)
    return script


class Parser(Statements, Expressions):
    def script(self, end: str) -> A.Script:
        stmts = []
        while True:
            while True:
                self.ws(newlines=True)
                if self.ch() == ";":
                    self.pos += 1
                else:
                    break
            c = self.ch()
            if c == EOF or (end and c == end):
                if end and c != end:
                    raise ParseError(f"Missing closing '{end}' in statement block or type definition."
                                     if end == "}" else f"Missing closing '{end}' in expression.", self.pos)
                return A.Script(stmts)
            if c in ")}" and c != end:
                raise ParseError(f"Unexpected token '{c}' in expression or statement.", self.pos)
            stmts.append(self.statement())
            self.ws()
            if self.ch() not in (EOF, "\n", ";", end) and not (end == "" and self.ch() == EOF):
                raise ParseError(f"Unexpected token '{self._token_text()}' in expression or statement.", self.pos)

    def _token_text(self) -> str:
        m = re.compile(r"\S+").match(self.text, self.pos)
        return m.group(0)[:40] if m else self.ch()

    def statement(self):
        w = self.word_at()
        if w.lower() in UNSUPPORTED and not NAME_CHARS.match(self.ch(len(w))) and self.ch(len(w)) != "-":
            raise ParseError(UNSUPPORTED[w.lower()], self.pos)
        if w.lower() in KEYWORDS and not NAME_CHARS.match(self.ch(len(w))) and self.ch(len(w)) != "-":
            self.pos += len(w)
            return getattr(self, "kw_" + w.lower())()
        if self.ch() == "$":
            start = self.pos
            target = self.postfix(self.primary())
            self.ws()
            for op in ("++", "--"):
                if self.text.startswith(op, self.pos) and isinstance(target, (A.Var, A.Member, A.Index)):
                    self.pos += 2
                    return A.Assign(target, op[0] + "=", A.Pipeline([A.Const(1)]))
            for op in ("=", "+=", "-=", "*=", "/="):
                if self.text.startswith(op, self.pos) and self.ch(len(op)) != "=":
                    if not isinstance(target, (A.Var, A.Member, A.Index)):
                        raise ParseError("The assignment expression is not valid. The input to an assignment "
                                         "operator must be an object that is able to accept assignments, such as a "
                                         "variable or a property.", start)
                    self.pos += len(op)
                    self.ws(newlines=True)
                    if self.ch() in (EOF, "\n", ";"):
                        raise ParseError(f"You must provide a value expression following the '{op}' operator.",
                                         self.pos)
                    w = self.word_at().lower()
                    if w in ("if", "foreach", "switch", "for", "while", "do", "try") and not NAME_CHARS.match(self.ch(len(w))):
                        self.pos += len(w)
                        return A.Assign(target, op, getattr(self, "kw_" + w)())
                    return A.Assign(target, op, self.pipeline())
            self.pos = start
        return self.pipeline()

    def block(self) -> A.Script:
        self.ws(newlines=True)
        self.expect("{", "Missing statement block.")
        body = self.script(end="}")
        self.pos += 1
        return body

    def condition(self, kw: str):
        self.ws(newlines=True)
        self.expect("(", f"Missing '(' after '{kw}' in {kw} statement.")
        self.ws(newlines=True)
        cond = self.pipeline()
        self.ws(newlines=True)
        self.expect(")", f"Missing closing ')' after expression in '{kw}' statement.")
        return cond

    def kw_if(self):
        clauses = [(self.condition("if"), self.block())]
        else_body = None
        while True:
            save = self.pos
            self.ws(newlines=True)
            w = self.word_at().lower()
            if w == "elseif":
                self.pos += 6
                clauses.append((self.condition("elseif"), self.block()))
            elif w == "else":
                self.pos += 4
                else_body = self.block()
                break
            else:
                self.pos = save
                break
        return A.If(clauses, else_body)

    def kw_foreach(self):
        self.ws()
        self.expect("(", "Missing opening '(' after keyword 'foreach'.")
        self.ws()
        self.expect("$", "Missing variable name after foreach.")
        name = self._var_name()
        self.ws()
        if self.word_at().lower() != "in":
            raise ParseError("Missing 'in' after variable in foreach loop.", self.pos)
        self.pos += 2
        self.ws(newlines=True)
        it = self.pipeline()
        self.ws(newlines=True)
        self.expect(")", "Missing closing ')' after expression in 'foreach' statement.")
        return A.Foreach(name, it, self.block())

    def _flow(self, kind: str):
        self.ws()
        if self.ch() in (EOF, "\n", ";", "}", ")"):
            return A.Flow(kind)
        return A.Flow(kind, self.pipeline())

    def kw_exit(self):
        return self._flow("exit")

    def kw_return(self):
        return self._flow("return")

    def kw_throw(self):
        return self._flow("throw")

    def kw_break(self):
        return A.Flow("break")

    def kw_continue(self):
        return A.Flow("continue")

    # -- pipelines and commands ----------------------------------------------------------------
    def pipeline(self) -> A.Pipeline:
        start = self.pos
        elements = [self.element(first=True)]
        while True:
            self.ws()
            if self.ch() == "|" and self.ch(1) != "|":
                self.pos += 1
                self.ws(newlines=True)
                if self.ch() in (EOF, "\n", ";", ")", "}"):
                    raise ParseError("An empty pipe element is not allowed.", self.pos)
                elements.append(self.element(first=False))
            else:
                return A.Pipeline(elements, start)

    def element(self, first: bool):
        self.ws()
        c = self.ch()
        if c == "&" or c.isalpha() or c == "_" or (c in ".%?" and self.ch(1) in " \t"):
            return self.command()
        if not first:
            raise ParseError("Expressions are only allowed as the first element of a pipeline.", self.pos)
        return self.expression()

    def command(self) -> A.Command:
        start = self.pos
        dot = self.ch() == "."
        if self.ch() in "&.":
            self.pos += 1
            self.ws()
            name = self.arg_value() if self.ch() in "$'\"({" else self.bareword()
        else:
            name = self.bareword()
        args = []
        end_of_params = False
        while True:
            self.ws()
            c = self.ch()
            if c == EOF or c in "\n;|)}":
                break
            if c == "-" and not end_of_params and (self.ch(1).isalpha() or self.ch(1) in "_?"):
                m = re.compile(r"-([^\s:;|)}(,]+)").match(self.text, self.pos)
                self.pos = m.end()
                pname = m.group(1)
                if self.ch() == ":":
                    self.pos += 1
                    self.ws()
                    args.append(A.Arg("param", pname, self.arg_list(), True, m.group(0)))
                else:
                    args.append(A.Arg("param", pname, None, False, m.group(0)))
            elif c == "-" and self.ch(1) == "-" and self.ch(2) in (" ", "\t", "\n", EOF):
                self.pos += 2
                end_of_params = True
            elif c == "@" and (self.ch(1).isalpha() or self.ch(1) == "_"):
                self.pos += 1
                args.append(A.Arg("splat", self._var_name()))
            elif c == ">" or (c in "12" and self.ch(1) == ">"):
                self._redirect(args)
            else:
                args.append(A.Arg("value", value=self.arg_list()))
        return A.Command(name, args, start, dot)

    def _redirect(self, args) -> None:
        m = re.compile(r"(\*|[1-6])?>>?(&[12])?").match(self.text, self.pos)
        self.pos = m.end()
        if m.group(2):
            args.append(A.Arg("redirect", m.group(0)))
            return
        self.ws()
        args.append(A.Arg("redirect", m.group(0), self.arg_value()))

    def bareword(self) -> str:
        m = re.compile(r"[^\s;|)}(,{]+").match(self.text, self.pos)
        if not m:
            raise ParseError(f"Unexpected token '{self.ch()}' in expression or statement.", self.pos)
        self.pos = m.end()
        return m.group(0)

    def arg_list(self):
        return self.comma_list(self.arg_value)

    def arg_value(self):
        c = self.ch()
        if c in QUOTES_S + QUOTES_D or c in "($@{":
            if c == "@" and self.ch(1) not in "({\"'":
                return A.Const(self._arg_bareword())
            expr = self.postfix(self.primary())
            if self.ch() not in END_ARG and self.ch() not in ",":
                rest = self._arg_bareword()
                return A.Str([expr, *rest.parts] if isinstance(rest, A.Str) else [expr, rest])
            return expr
        word = self._arg_bareword()
        if isinstance(word, str):
            n = parse_number(word)
            if n is not None:
                return A.Const(n)
            return A.Const(word)
        return word

    def _arg_bareword(self):
        """A generic token: literal text with embedded $variables (an expandable string)."""
        parts: list = []
        buf = []
        t = self.text
        while self.pos < len(t):
            c = t[self.pos]
            if c in END_ARG or c == "," or (c == "(" and (buf or parts)):
                break  # `New-Object Type('a', $b)`: the parenthesis starts the next argument
            if c == "`" and self.pos + 1 < len(t):
                if t[self.pos + 1] == "\n":
                    break
                buf.append(t[self.pos + 1])
                self.pos += 2
                continue
            if c == "$" and self.pos + 1 < len(t) and (NAME_CHARS.match(t[self.pos + 1]) or t[self.pos + 1] in "({_?"):
                if buf:
                    parts.append("".join(buf))
                    buf = []
                parts.append(self.postfix(self.primary(), in_arg=True))
                continue
            if c in QUOTES_S + QUOTES_D:
                if buf:
                    parts.append("".join(buf))
                    buf = []
                parts.append(self.primary())
                continue
            buf.append(c)
            self.pos += 1
        if buf:
            parts.append("".join(buf))
        if not parts:
            raise ParseError(f"Unexpected token '{self.ch()}' in expression or statement.", self.pos)
        if len(parts) == 1 and isinstance(parts[0], str):
            return parts[0]
        return A.Str(parts)

    # -- expressions ---------------------------------------------------------------------------
    def _op_word(self) -> str | None:
        m = re.compile(r"-([A-Za-z]+)").match(self.text, self.pos)
        return m.group(1).lower() if m else None

