"""A recursive-descent parser for the PowerShell a learner meets in Az docs (command and expression modes)."""

from __future__ import annotations

import re

from . import ast as A
from .values import ParseError

EOF = "\x00"
END_ARG = set(" \t\r\n;|)}\x00")
NAME_CHARS = re.compile(r"[A-Za-z0-9_]")
COMPARISON = {"eq", "ne", "gt", "ge", "lt", "le", "like", "notlike", "match", "notmatch", "contains",
              "notcontains", "in", "notin", "replace", "is", "isnot", "as", "split", "join"}
COMPARISON |= {p + op for op in list(COMPARISON) for p in ("c", "i") if op not in ("is", "isnot", "as", "join")}
LOGICAL = {"and", "or", "xor"}
KEYWORDS = {"if", "foreach", "exit", "return", "throw", "break", "continue"}
QUOTES_S = "'\u2018\u2019"
QUOTES_D = '"\u201c\u201d'
NUM_RE = re.compile(r"(0x[0-9a-fA-F]+|\d+(\.\d+)?([eE][+-]?\d+)?|\.\d+)(kb|mb|gb|tb)?", re.IGNORECASE)
MULT = {"kb": 1024, "mb": 1024 ** 2, "gb": 1024 ** 3, "tb": 1024 ** 4}


def parse(text: str) -> A.Script:
    p = Parser(text)
    script = p.script(end="")
    if p.pos < len(text):
        raise ParseError(f"Unexpected token '{text[p.pos]}' in expression or statement.", p.pos)
    return script


def parse_number(word: str):
    m = NUM_RE.fullmatch(word)
    if not m:
        return None
    body, suffix = m.group(1), m.group(4)
    if body.lower().startswith("0x"):
        n = int(body, 16)
    elif "." in body or "e" in body.lower():
        n = float(body)
    else:
        n = int(body)
    if suffix:
        n = n * MULT[suffix.lower()]
    return n


class Parser:
    def __init__(self, text: str):
        self.text = text.replace("\r\n", "\n")
        self.pos = 0

    # -- characters --------------------------------------------------------------------------
    def ch(self, k: int = 0) -> str:
        i = self.pos + k
        return self.text[i] if i < len(self.text) else EOF

    def ws(self, newlines: bool = False) -> None:
        t = self.text
        while self.pos < len(t):
            c = t[self.pos]
            if c in " \t\r\f\u00a0":
                self.pos += 1
            elif c == "`" and self.ch(1) == "\n":
                self.pos += 2
            elif c == "`" and self.ch(1) in " \t" and t[self.pos + 1:].lstrip(" \t").startswith("\n"):
                self.pos = t.index("\n", self.pos) + 1  # a backtick followed by stray spaces still continues
            elif c == "<" and self.ch(1) == "#":
                end = t.find("#>", self.pos + 2)
                if end < 0:
                    raise ParseError("Missing closing '#>' for a block comment.", self.pos)
                self.pos = end + 2
            elif c == "#":
                end = t.find("\n", self.pos)
                self.pos = len(t) if end < 0 else end
            elif c == "\n" and newlines:
                self.pos += 1
            else:
                break

    def expect(self, s: str, what: str) -> None:
        if not self.text.startswith(s, self.pos):
            raise ParseError(what, self.pos)
        self.pos += len(s)

    def word_at(self) -> str:
        m = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*").match(self.text, self.pos)
        return m.group(0) if m else ""

    # -- statements --------------------------------------------------------------------------
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
        if w.lower() in KEYWORDS and not NAME_CHARS.match(self.ch(len(w))) and self.ch(len(w)) != "-":
            self.pos += len(w)
            return getattr(self, "kw_" + w.lower())()
        if self.ch() == "$":
            start = self.pos
            target = self.postfix(self.primary())
            self.ws()
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
                    if w in ("if", "foreach") and not NAME_CHARS.match(self.ch(len(w))):
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
        if c == "&" or c.isalpha() or c == "_" or (c == "." and self.ch(1) in " \t"):
            return self.command()
        if not first:
            raise ParseError("Expressions are only allowed as the first element of a pipeline.", self.pos)
        return self.expression()

    def command(self) -> A.Command:
        start = self.pos
        if self.ch() in "&.":
            self.pos += 1
            self.ws()
            name = self.arg_value() if self.ch() in "$'\"(" else self.bareword()
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
        return A.Command(name, args, start)

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
        items = [self.arg_value()]
        while True:
            save = self.pos
            self.ws()
            if self.ch() == ",":
                self.pos += 1
                self.ws(newlines=True)
                items.append(self.arg_value())
            else:
                self.pos = save
                break
        return items[0] if len(items) == 1 else A.ArrayLit(items)

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
            if c in END_ARG or c == ",":
                break
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
        items = [self.range_op()]
        while True:
            save = self.pos
            self.ws()
            if self.ch() == ",":
                self.pos += 1
                self.ws(newlines=True)
                items.append(self.range_op())
            else:
                self.pos = save
                break
        return items[0] if len(items) == 1 else A.ArrayLit(items)

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

    def primary(self):
        c = self.ch()
        start = self.pos
        if c == "$":
            if self.ch(1) == "(":
                self.pos += 2
                body = self.script(end=")")
                self.pos += 1
                return A.SubExpr(body)
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
                self.pos += 2
                body = self.script(end=")")
                self.pos += 1
                return A.SubExpr(body, array=True)
            if n == "{":
                self.pos += 2
                return self.hashtable()
            if n in "\"'":
                return self.here_string()
        if c == "(":
            self.pos += 1
            self.ws(newlines=True)
            if self.ch() == ")":
                raise ParseError("An expression was expected after '('.", self.pos)
            inner = self.statement()
            self.ws(newlines=True)
            self.expect(")", "Missing closing ')' in expression.")
            return A.Paren(inner)
        if c == "{":
            self.pos += 1
            body = self.script(end="}")
            self.pos += 1
            return A.Block(body, self.text[start + 1:self.pos - 1])
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

    def single_quoted(self) -> str:
        self.pos += 1
        out = []
        t = self.text
        while True:
            if self.pos >= len(t):
                raise ParseError("The string is missing the terminator: '.", self.pos)
            c = t[self.pos]
            if c in QUOTES_S:
                if self.ch(1) in QUOTES_S:
                    out.append("'")
                    self.pos += 2
                    continue
                self.pos += 1
                return "".join(out)
            out.append(c)
            self.pos += 1

    ESC = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "a": "\a", "b": "\b", "f": "\f", "v": "\v", "e": "\x1b"}

    def double_quoted(self, here: bool = False) -> A.Str:
        if not here:
            self.pos += 1
        parts: list = []
        buf: list[str] = []
        t = self.text
        while True:
            if self.pos >= len(t):
                raise ParseError('The string is missing the terminator: ".', self.pos)
            c = t[self.pos]
            if here and c == "\n" and t.startswith('"@', self.pos + 1):
                self.pos += 3
                break
            if not here and c in QUOTES_D:
                if self.ch(1) in QUOTES_D:
                    buf.append('"')
                    self.pos += 2
                    continue
                self.pos += 1
                break
            if c == "`" and self.pos + 1 < len(t):
                n = t[self.pos + 1]
                buf.append(self.ESC.get(n, n))
                self.pos += 2
                continue
            if c == "$" and self.pos + 1 < len(t) and (NAME_CHARS.match(t[self.pos + 1]) or t[self.pos + 1] in "({_"):
                if buf:
                    parts.append("".join(buf))
                    buf = []
                if t[self.pos + 1] == "(":
                    parts.append(self.primary())
                else:
                    self.pos += 1
                    name = self._var_name()
                    parts.append(A.Var(name))
                continue
            buf.append(c)
            self.pos += 1
        if buf:
            parts.append("".join(buf))
        return A.Str(parts)

    def here_string(self):
        quote = self.ch(1)
        nl = self.text.find("\n", self.pos)
        if nl < 0 or self.text[self.pos + 2:nl].strip():
            raise ParseError("No characters are allowed after a here-string header but before the end of the "
                             "line.", self.pos)
        self.pos = nl + 1
        if quote == '"':
            return self.double_quoted(here=True)
        end = self.text.find("\n'@", self.pos - 1)
        if end < 0:
            raise ParseError("The string is missing the terminator: '@.", self.pos)
        body = self.text[self.pos:end] if end >= self.pos else ""
        self.pos = end + 3
        return A.Const(body)

    def hashtable(self) -> A.HashLit:
        pairs = []
        while True:
            while True:
                self.ws(newlines=True)
                if self.ch() == ";":
                    self.pos += 1
                else:
                    break
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
