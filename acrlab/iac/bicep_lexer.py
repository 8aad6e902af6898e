"""The Bicep lexer, feeding lark: string interpolation is lexed as Bicep's own lexer does it
(StringComplete / StringLeftPiece / StringMiddlePiece / StringRightPiece), runs of newlines and
comments collapse into one NL token, and bad input becomes a Bicep diagnostic (BCP001-BCP006)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lark import Token
from lark.lexer import Lexer

from .diagnostics import BicepCompileError, make, quoted

KEYWORDS = {
    "param": "PARAM", "var": "VAR", "resource": "RESOURCE", "output": "OUTPUT", "existing": "EXISTING",
    "true": "TRUE", "false": "FALSE", "null": "NULL", "if": "IF", "for": "FOR", "in": "IN",
    "targetScope": "TARGETSCOPE", "metadata": "METADATA", "module": "MODULE",
}
"""Words the grammar treats specially; they are still accepted as property names."""
CONTEXTUAL = {
    "type": ("TYPE", re.compile(r"[ \t]+[A-Za-z_][A-Za-z0-9_]*[ \t]*=")),
    "using": ("USING", re.compile(r"[ \t]+'")),
    "extension": ("EXTENSION", re.compile(r"[ \t]+(?:[A-Za-z_]|')")),
}
"""Keywords only at the start of a statement and followed by their shape (`type name =`, `using '...'`), so
`type` stays an ordinary word everywhere else (`identity: { type: 'SystemAssigned' }`)."""

PUNCT = [
    ("??", "COALESCE"), ("?.", "QDOT"), ("==", "EQ"), ("!=", "NEQ"), ("=~", "EQI"), ("!~", "NEQI"),
    ("<=", "LE"), (">=", "GE"), ("&&", "AND"), ("||", "OR"), ("|", "PIPE"), ("=>", "ARROW"), ("::", "DCOLON"),
    ("{", "LBRACE"), ("}", "RBRACE"), ("[", "LSQB"), ("]", "RSQB"), ("(", "LPAR"), (")", "RPAR"),
    (",", "COMMA"), (".", "DOT"), (":", "COLON"), ("?", "QMARK"), ("=", "ASSIGN"), ("<", "LT"),
    (">", "GT"), ("+", "PLUS"), ("-", "MINUS"), ("*", "STAR"), ("/", "SLASH"), ("%", "PERCENT"),
    ("!", "BANG"), ("@", "AT"),
]

ESCAPES = {"\\": "\\", "'": "'", "n": "\n", "r": "\r", "t": "\t", "$": "$"}
ESCAPE_NAMES = ["\\$", "\\'", "\\\\", "\\n", "\\r", "\\t", "\\u{...}"]

TERMINALS = sorted({t for _, t in PUNCT} | set(KEYWORDS.values()) | {k for k, _ in CONTEXTUAL.values()} | {
    "NL", "IDENT", "INTEGER", "STRING", "STR_LEFT", "STR_MID", "STR_RIGHT", "MULTILINE_STRING"})


class _Scanner:
    def __init__(self, text: str):
        self.text = text
        self.i = 0
        self.line = 1
        self.col = 1
        self.modes: list[int] = []
        """Open interpolations: brace depth inside each `${...}`."""

    def peek(self, k: int = 0) -> str:
        j = self.i + k
        return self.text[j] if j < len(self.text) else ""

    def advance(self, n: int = 1) -> None:
        for _ in range(n):
            if self.i >= len(self.text):
                return
            if self.text[self.i] == "\n":
                self.line += 1
                self.col = 1
            else:
                self.col += 1
            self.i += 1

    def token(self, kind: str, value, start: tuple[int, int, int]) -> Token:
        pos, line, col = start
        tok = Token(kind, value, start_pos=pos, line=line, column=col, end_line=self.line,
                    end_column=self.col, end_pos=self.i)
        return tok

    def fail(self, code: str, line: int, col: int, *args):
        raise BicepCompileError([make(code, line, col, *args)])

    # -- main loop -----------------------------------------------------------------------------
    def tokens(self) -> Iterator[Token]:
        last = None
        for tok in self._tokens():
            if tok.type == "IDENT" and tok.value in CONTEXTUAL and (last is None or last.type == "NL"):
                kind, shape = CONTEXTUAL[tok.value]
                if shape.match(self.text, tok.end_pos):
                    tok = Token(kind, tok.value, start_pos=tok.start_pos, line=tok.line, column=tok.column,
                                end_line=tok.end_line, end_column=tok.end_column, end_pos=tok.end_pos)
            last = tok
            yield tok

    def _tokens(self) -> Iterator[Token]:
        pending_nl: tuple[int, int, int] | None = None
        while True:
            self.skip_trivia_inline()
            c = self.peek()
            if c in ("\n", "\r"):
                start = (self.i, self.line, self.col)
                self.advance()
                if not self.modes:
                    pending_nl = pending_nl or start
                continue
            if pending_nl is not None:
                yield self.token("NL", "\n", pending_nl)
                pending_nl = None
            if c == "":
                return
            start = (self.i, self.line, self.col)
            if c == "'":
                yield from self.string(start)
                continue
            if c == "}" and self.modes and self.modes[-1] == 0:
                self.modes.pop()
                self.advance()
                yield from self.string_continuation(start)
                continue
            if c.isdigit():
                j = self.i
                while self.peek().isdigit():
                    self.advance()
                text = self.text[j:self.i]
                if int(text) > 2**31 - 1:
                    self.fail("BCP010", start[1], start[2])
                yield self.token("INTEGER", int(text), start)
                continue
            if c.isalpha() or c == "_":
                j = self.i
                while self.peek().isalnum() or self.peek() == "_":
                    self.advance()
                word = self.text[j:self.i]
                yield self.token(KEYWORDS.get(word, "IDENT"), word, start)
                continue
            if c == '"':
                self.fail("BCP103", start[1], start[2], '"')
            for text, kind in PUNCT:
                if self.text.startswith(text, self.i):
                    if self.modes:
                        if kind == "LBRACE":
                            self.modes[-1] += 1
                        elif kind == "RBRACE":
                            self.modes[-1] -= 1
                    self.advance(len(text))
                    yield self.token(kind, text, start)
                    break
            else:
                self.fail("BCP001", start[1], start[2], c)

    def skip_trivia_inline(self) -> None:
        while True:
            c = self.peek()
            if c in (" ", "\t", "\f", "\v", "\ufeff"):
                self.advance()
            elif c == "/" and self.peek(1) == "/":
                while self.peek() not in ("\n", "\r", ""):
                    self.advance()
            elif c == "/" and self.peek(1) == "*":
                line, col = self.line, self.col
                self.advance(2)
                while not (self.peek() == "*" and self.peek(1) == "/"):
                    if self.peek() == "":
                        self.fail("BCP002", line, col)
                    self.advance()
                self.advance(2)
            else:
                return

    # -- strings -------------------------------------------------------------------------------
    def string(self, start) -> Iterator[Token]:
        if self.text.startswith("'''", self.i):
            self.advance(3)
            if self.peek() == "\r":
                self.advance()
            if self.peek() == "\n":
                self.advance()
            j = self.i
            while not self.text.startswith("'''", self.i):
                if self.peek() == "":
                    self.fail("BCP003", start[1], start[2])
                self.advance()
            value = self.text[j:self.i]
            self.advance(3)
            yield self.token("MULTILINE_STRING", value, start)
            return
        self.advance()
        yield from self.string_body(start, first=True)

    def string_continuation(self, start) -> Iterator[Token]:
        yield from self.string_body(start, first=False)

    def string_body(self, start, first: bool) -> Iterator[Token]:
        chars: list[str] = []
        while True:
            c = self.peek()
            if c == "":
                self.fail("BCP003", start[1], start[2])
            if c in ("\n", "\r"):
                self.fail("BCP004", start[1], start[2])
            if c == "\\":
                esc_line, esc_col = self.line, self.col
                self.advance()
                e = self.peek()
                if e == "":
                    self.fail("BCP005", start[1], start[2])
                if e == "u" and self.peek(1) == "{":
                    self.advance(2)
                    j = self.i
                    while self.peek() not in ("}", "", "'", "\n"):
                        self.advance()
                    digits = self.text[j:self.i]
                    if self.peek() != "}" or not digits or any(d not in "0123456789abcdefABCDEF" for d in digits) \
                            or int(digits, 16) > 0x10FFFF:
                        self.fail("BCP006", esc_line, esc_col, quoted(ESCAPE_NAMES))
                    self.advance()
                    chars.append(chr(int(digits, 16)))
                    continue
                if e not in ESCAPES:
                    self.fail("BCP006", esc_line, esc_col, quoted(ESCAPE_NAMES))
                chars.append(ESCAPES[e])
                self.advance()
                continue
            if c == "'":
                self.advance()
                yield self.token("STRING" if first else "STR_RIGHT", "".join(chars), start)
                return
            if c == "$" and self.peek(1) == "{":
                self.advance(2)
                self.modes.append(0)
                yield self.token("STR_LEFT" if first else "STR_MID", "".join(chars), start)
                return
            chars.append(c)
            self.advance()


def tokenize(text: str) -> list[Token]:
    """All tokens of a Bicep file (raises BicepCompileError for lexical errors)."""
    scanner = _Scanner(text)
    toks = list(scanner.tokens())
    if scanner.modes:
        scanner.fail("BCP003", scanner.line, scanner.col)
    return toks


class BicepLexer(Lexer):
    """lark's hook for a hand-written lexer (LALR pulls tokens from here)."""

    def __init__(self, lexer_conf):
        pass

    def lex(self, data):  # type: ignore[override]
        yield from tokenize(data)
