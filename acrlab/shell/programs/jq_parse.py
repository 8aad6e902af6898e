"""The jq filter language (the part the lab runs): lexer and recursive-descent parser producing tuples.

Precedence, lowest first, as jq's grammar: `|` (and `TERM as $x | ...`), `,`, `//`, `or`, `and`,
comparisons, `+ -`, `* / %`, unary minus, postfix (`.a`, `[i]`, `[a:b]`, `[]`, `?`)."""

from __future__ import annotations

import json
import re


class JqCompileError(Exception):
    """A filter jq would not compile; the message is what follows `jq: error: `."""


KEYWORDS = {"if", "then", "elif", "else", "end", "as", "def", "reduce", "foreach", "try", "catch", "label",
            "import", "include", "and", "or", "__loc__"}
UNSUPPORTED_KEYWORDS = {"def", "foreach", "label", "import", "include"}
TOKEN = re.compile(r"""
    (?P<ws>\s+|\#[^\n]*)
  | (?P<field>\.[A-Za-z_][A-Za-z0-9_]*)
  | (?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<var>\$(?:__loc__|[A-Za-z_][A-Za-z0-9_]*))
  | (?P<format>@[A-Za-z0-9_]+)
  | (?P<ident>[A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)*)
  | (?P<op>\.\.|//=|//|\|=|\+=|-=|\*=|/=|%=|==|!=|<=|>=|[.\[\]{}()|,:;?<>+\-*/%=])
""", re.X)
NAMES = {"ident": "IDENT", "field": "FIELD", "num": "LITERAL", "var": "'$'", "format": "FORMAT", "str": "QQSTRING_START"}


def tokenize(src: str) -> list[tuple[str, object]]:
    toks: list[tuple[str, object]] = []
    i = 0
    while i < len(src):
        if src[i] == '"':
            parts, i = _string(src, i + 1)
            toks.append(("str", parts))
            continue
        m = TOKEN.match(src, i)
        if not m:
            raise JqCompileError("syntax error, unexpected INVALID_CHARACTER (Unix shell quoting issues?)")
        i = m.end()
        kind = m.lastgroup
        if kind == "ws":
            continue
        text = m.group(0)
        if kind == "ident" and text in KEYWORDS:
            kind = "kw"
        toks.append((kind, text))
    toks.append(("eof", None))
    return toks


def _string(src: str, i: int) -> tuple[list, int]:
    """A string literal's parts from after its opening quote: str pieces and parsed `\\(...)` filters."""
    parts: list = []
    buf: list[str] = []
    while True:
        if i >= len(src):
            raise JqCompileError("syntax error, unexpected end of file, expecting QQSTRING_TEXT or "
                                 "QQSTRING_INTERP_START or QQSTRING_END (Unix shell quoting issues?)")
        c = src[i]
        if c == '"':
            if buf or not parts:
                parts.append("".join(buf))
            return parts, i + 1
        if c == "\\":
            nxt = src[i + 1:i + 2]
            if nxt == "(":
                depth, j = 1, i + 2
                while j < len(src) and depth:
                    depth += {"(": 1, ")": -1}.get(src[j], 0)
                    j += 1
                if depth:
                    raise JqCompileError("syntax error, unexpected end of file (Unix shell quoting issues?)")
                if buf:
                    parts.append("".join(buf))
                    buf = []
                parts.append(Parser(src[i + 2:j - 1]).parse())
                i = j
                continue
            m = re.match(r'\\(["\\/bfnrt]|u[0-9a-fA-F]{4})', src[i:])
            if not m:
                raise JqCompileError(f"Invalid escape at line 1, column {i + 1} (while parsing '\"{src[i:i + 2]}\"')")
            buf.append(json.loads(f'"{m.group(0)}"'))
            i += len(m.group(0))
            continue
        buf.append(c)
        i += 1


class Parser:
    def __init__(self, src: str):
        self.src = src
        self.toks = tokenize(src)
        self.i = 0

    def parse(self):
        node = self.pipe()
        if self.peek()[0] != "eof":
            self.unexpected()
        return node

    # -- helpers ----------------------------------------------------------------------------------
    def peek(self, n: int = 0):
        return self.toks[min(self.i + n, len(self.toks) - 1)]

    def next(self):
        tok = self.peek()
        self.i += 1
        return tok

    def at(self, *values) -> bool:
        kind, text = self.peek()
        return kind in ("op", "kw") and text in values

    def expect(self, value: str) -> None:
        if not self.at(value):
            self.unexpected()
        self.i += 1

    def unexpected(self):
        kind, text = self.peek()
        shown = "end of file" if kind == "eof" else NAMES.get(kind) or (
            text if kind == "kw" else f"'{text}'" if len(str(text)) == 1 else str(text))
        raise JqCompileError(f"syntax error, unexpected {shown} (Unix shell quoting issues?)")

    # -- grammar ----------------------------------------------------------------------------------
    def pipe(self, comma: bool = True):
        left = self.comma() if comma else self.alt()
        if self.at("|"):
            self.i += 1
            return ("pipe", left, self.pipe(comma))
        return left

    def comma(self):
        left = self.alt()
        while self.at(","):
            self.i += 1
            left = ("comma", left, self.alt())
        return left

    def alt(self):
        left = self.logic_or()
        if self.at("//"):
            self.i += 1
            return ("alt", left, self.alt())
        if self.at("=", "|=", "+=", "-=", "*=", "/=", "%=", "//="):
            op = self.peek()[1]
            raise JqCompileError(f"the assignment operator {op} is not supported by this lab's jq "
                                 "(a subset of jq 1.7: filters that read, not update)")
        return left

    def logic_or(self):
        left = self.logic_and()
        while self.at("or"):
            self.i += 1
            left = ("or", left, self.logic_and())
        return left

    def logic_and(self):
        left = self.compare()
        while self.at("and"):
            self.i += 1
            left = ("and", left, self.compare())
        return left

    def compare(self):
        left = self.additive()
        if self.at("==", "!=", "<", "<=", ">", ">="):
            op = self.next()[1]
            left = ("binop", op, left, self.additive())
            if self.at("==", "!=", "<", "<=", ">", ">="):
                self.unexpected()
        return left

    def additive(self):
        left = self.multiplicative()
        while self.at("+", "-"):
            op = self.next()[1]
            left = ("binop", op, left, self.multiplicative())
        return left

    def multiplicative(self):
        left = self.unary()
        while self.at("*", "/", "%"):
            op = self.next()[1]
            left = ("binop", op, left, self.unary())
        return left

    def unary(self):
        if self.at("-"):
            self.i += 1
            return ("neg", self.unary())
        return self.postfix()

    def postfix(self):
        node = self.term()
        while True:
            kind, text = self.peek()
            if kind == "field":
                self.i += 1
                node = ("index", node, ("literal", text[1:]))
            elif self.at(".") and self.peek(1)[0] == "str":
                self.i += 1
                node = ("index", node, ("string", self.next()[1]))
            elif self.at(".") and self.peek(1) == ("op", "["):
                self.i += 1
            elif self.at("["):
                node = self.bracket(node)
            elif self.at("?"):
                self.i += 1
                node = ("try", node, None)
            elif self.at("as"):
                self.i += 1
                kind, name = self.next()
                if kind != "var":
                    self.i -= 1
                    self.unexpected()
                self.expect("|")
                return ("as", node, name[1:], self.pipe())
            else:
                return node

    def bracket(self, node):
        self.expect("[")
        if self.at("]"):
            self.i += 1
            return ("iterate", node)
        if self.at(":"):
            self.i += 1
            hi = self.pipe()
            self.expect("]")
            return ("slice", node, None, hi)
        idx = self.pipe()
        if self.at(":"):
            self.i += 1
            hi = None if self.at("]") else self.pipe()
            self.expect("]")
            return ("slice", node, idx, hi)
        self.expect("]")
        return ("index", node, idx)

    def term(self):
        kind, text = self.peek()
        if kind == "field":
            self.i += 1
            return ("index", ("identity",), ("literal", text[1:]))
        if kind == "num":
            self.i += 1
            value = float(text)
            return ("literal", int(value) if value.is_integer() and "e" not in text.lower() and "." not in text
                    else value)
        if kind == "str":
            self.i += 1
            return ("string", text)
        if kind == "format":
            self.i += 1
            if self.peek()[0] == "str":
                return ("format", text[1:], self.next()[1])
            return ("format", text[1:], None)
        if kind == "var":
            self.i += 1
            return ("var", text[1:])
        if kind == "kw":
            return self.keyword(text)
        if kind == "ident":
            self.i += 1
            args = []
            if self.at("("):
                self.i += 1
                args.append(self.pipe())
                while self.at(";"):
                    self.i += 1
                    args.append(self.pipe())
                self.expect(")")
            return ("call", text, args)
        if kind == "op":
            return self.op_term(text)
        self.unexpected()

    def op_term(self, text):
        if text == ".":
            self.i += 1
            if self.peek()[0] == "str":
                return ("index", ("identity",), ("string", self.next()[1]))
            return ("identity",)
        if text == "..":
            self.i += 1
            return ("call", "recurse", [])
        if text == "(":
            self.i += 1
            node = self.pipe()
            self.expect(")")
            return node
        if text == "[":
            self.i += 1
            if self.at("]"):
                self.i += 1
                return ("array", None)
            node = self.pipe()
            self.expect("]")
            return ("array", node)
        if text == "{":
            return self.obj()
        self.unexpected()

    def obj(self):
        self.expect("{")
        entries = []
        while not self.at("}"):
            kind, text = self.next()
            if kind in ("ident", "kw"):
                key = ("literal", text)
            elif kind == "var":
                key = ("literal", text[1:])
                if not self.at(":"):
                    entries.append((key, ("var", text[1:])))
                    if not self.at("}"):
                        self.expect(",")
                    continue
            elif kind == "str":
                key = ("string", text)
            elif kind == "num":
                key = ("literal", text)
            elif kind == "format" and self.peek()[0] == "str":
                key = ("format", text[1:], self.next()[1])
            elif (kind, text) == ("op", "("):
                key = self.pipe()
                self.expect(")")
            else:
                self.i -= 1
                self.unexpected()
            if self.at(":"):
                self.i += 1
                value = self.pipe(comma=False)
            elif key[0] == "literal":
                value = ("index", ("identity",), key)
            elif key[0] == "string":
                value = ("index", ("identity",), key)
            else:
                self.unexpected()
            entries.append((key, value))
            if not self.at("}"):
                self.expect(",")
        self.i += 1
        return ("object", entries)

    def keyword(self, text):
        if text in UNSUPPORTED_KEYWORDS:
            raise JqCompileError(f"`{text}` is not supported by this lab's jq (a subset of jq 1.7)")
        if text == "if":
            self.i += 1
            branches = []
            cond = self.pipe()
            self.expect("then")
            branches.append((cond, self.pipe()))
            orelse = None
            while self.at("elif"):
                self.i += 1
                cond = self.pipe()
                self.expect("then")
                branches.append((cond, self.pipe()))
            if self.at("else"):
                self.i += 1
                orelse = self.pipe()
            self.expect("end")
            return ("if", branches, orelse)
        if text == "try":
            self.i += 1
            body = self.postfix_only()
            handler = None
            if self.at("catch"):
                self.i += 1
                handler = self.postfix_only()
            return ("try", body, handler)
        if text == "reduce":
            self.i += 1
            source = self.postfix_only()
            self.expect("as")
            kind, name = self.next()
            if kind != "var":
                self.i -= 1
                self.unexpected()
            self.expect("(")
            init = self.pipe()
            self.expect(";")
            update = self.pipe()
            self.expect(")")
            return ("reduce", source, name[1:], init, update)
        if text == "__loc__":
            self.i += 1
            return ("literal", {"file": "<stdin>", "line": 1})
        self.unexpected()

    def postfix_only(self):
        """A term with its suffixes, stopping before `as` (for try/reduce)."""
        node = self.term()
        while True:
            if self.peek()[0] == "field":
                node = ("index", node, ("literal", self.next()[1][1:]))
            elif self.at("["):
                node = self.bracket(node)
            elif self.at("?"):
                self.i += 1
                node = ("try", node, None)
            else:
                return node


def parse(src: str):
    return Parser(src).parse()
