"""PowerShell parser, part 1: characters, whitespace and comments, numbers, and string literals
(single-quoted, double-quoted with interpolation, here-strings)."""

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
KEYWORDS = {"if", "foreach", "exit", "return", "throw", "break", "continue", "function", "filter", "while", "do",
            "for", "switch", "try"}
QUOTES_S = "'\u2018\u2019"
QUOTES_D = '"\u201c\u201d'
NUM_RE = re.compile(r"(0x[0-9a-fA-F]+|\d+(\.\d+)?([eE][+-]?\d+)?|\.\d+)(kb|mb|gb|tb)?", re.IGNORECASE)
MULT = {"kb": 1024, "mb": 1024 ** 2, "gb": 1024 ** 3, "tb": 1024 ** 4}


def parse_number(word: str):
    m = NUM_RE.fullmatch(word)
    if not m:
        return None
    body, suffix = m.group(1), m.group(4)
    if body.lower().startswith("0x"):
        n = int(body, 16)
    elif "." in body or "e" in body.lower():
        n = float(body)
    else:  # past Decimal's 29 digits PowerShell reads a double (Infinity beyond its range)
        n = int(body) if len(body) <= 29 else float(body)
    if suffix:
        n = n * MULT[suffix.lower()]
    return n



class Scanner:
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

    def comma_list(self, item):
        """`a, b, c` (newlines allowed after a comma): one item, or an array literal of several."""
        items = [item()]
        while True:
            save = self.pos
            self.ws()
            if self.ch() == ",":
                self.pos += 1
                self.ws(newlines=True)
                items.append(item())
            else:
                self.pos = save
                break
        return items[0] if len(items) == 1 else A.ArrayLit(items)

    def skip_separators(self) -> None:
        """Blank lines and `;` between entries of a hashtable or switch body."""
        while True:
            self.ws(newlines=True)
            if self.ch() != ";":
                return
            self.pos += 1
