"""A bash subset: quoting, variables, $(...), pipes, &&/||, redirections, here-strings, heredocs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


class BashSyntaxError(Exception):
    pass


# A word is a list of segments: (kind, value, quoted) with kind in lit | var | cmd.
Segment = tuple[str, str, bool]


@dataclass
class Redirect:
    op: str  # '>', '>>', '<', '<<<', '2>', '2>>', '2>&1', '&>', '<<'
    target: list[Segment] | None = None
    heredoc: str | None = None
    heredoc_quoted: bool = False


@dataclass
class Simple:
    words: list[list[Segment]] = field(default_factory=list)
    redirects: list[Redirect] = field(default_factory=list)
    text: str = ""


@dataclass
class Pipeline:
    commands: list[Simple]
    negate: bool = False


@dataclass
class AndOr:
    """pipelines joined by && / ||: [(None, p0), ('&&', p1), ...]"""

    parts: list[tuple[str | None, Pipeline]]
    text: str = ""


_PLAIN = re.compile(r"[^ \t\r\n;|&<>()\\'\"$]+")
"""Characters that never start quoting, expansion or an operator inside a word."""

OPERATORS = ["2>&1", "&>", "2>>", "2>", ">>", "<<<", "<<", "&&", "||", ">", "<", "|", ";", "&"]


class Lexer:
    def __init__(self, text: str):
        self.s = text
        self.i = 0
        self.pending_heredocs: list[Redirect] = []

    def peek(self, n: int = 0) -> str:
        j = self.i + n
        return self.s[j] if j < len(self.s) else ""

    def skip_blanks(self) -> None:
        while True:
            c = self.peek()
            if c in (" ", "\t", "\r"):
                self.i += 1
            elif c == "\\" and self.peek(1) == "\n":
                self.i += 2
            elif c == "#":
                while self.peek() not in ("", "\n"):
                    self.i += 1
            else:
                return

    def read_dollar(self, quoted: bool) -> Segment:
        """At '$': parse $VAR, ${VAR}, $(...), $?."""
        self.i += 1
        c = self.peek()
        if c == "(":
            if self.peek(1) == "(":
                raise BashSyntaxError("arithmetic expansion $((...)) is not supported in this lab shell")
            self.i += 1
            start = self.i
            depth = 1
            while depth:
                c = self.peek()
                if c == "":
                    raise BashSyntaxError("unexpected EOF while looking for matching `)'")
                if c == "\\":
                    self.i += 2
                    continue
                if c == "'":
                    end = self.s.find("'", self.i + 1)
                    if end < 0:
                        raise BashSyntaxError("unexpected EOF while looking for matching `''")
                    self.i = end + 1
                    continue
                if c == '"':
                    self.i += 1
                    while self.peek() not in ('"', ""):
                        self.i += 2 if self.peek() == "\\" else 1
                    self.i += 1
                    continue
                if c == "(":
                    depth += 1
                elif c == ")":
                    depth -= 1
                self.i += 1
            return ("cmd", self.s[start:self.i - 1], quoted)
        if c == "{":
            end = self.s.find("}", self.i)
            if end < 0:
                raise BashSyntaxError("unexpected EOF while looking for matching `}'")
            name = self.s[self.i + 1:end]
            self.i = end + 1
            if not name:
                raise BashSyntaxError("${}: bad substitution")
            return ("var", name, quoted)
        if c in "?#$!@*0123456789":
            self.i += 1
            return ("var", c, quoted)
        start = self.i
        while self.peek() and (self.peek().isalnum() or self.peek() == "_"):
            self.i += 1
        if self.i == start:
            return ("lit", "$", quoted)
        return ("var", self.s[start:self.i], quoted)

    def read_word(self) -> list[Segment]:
        segs: list[Segment] = []
        buf: list[str] = []

        def flush(quoted=False):
            if buf:
                segs.append(("lit", "".join(buf), quoted))
                buf.clear()

        while True:
            c = self.peek()
            if c == "" or c in " \t\r\n;|&<>()":
                break
            if c == "\\":
                n = self.peek(1)
                if n == "\n":
                    self.i += 2
                    continue
                flush()
                segs.append(("lit", n, True))
                self.i += 2
            elif c == "'":
                flush()
                end = self.s.find("'", self.i + 1)
                if end < 0:
                    raise BashSyntaxError("unexpected EOF while looking for matching `''")
                segs.append(("lit", self.s[self.i + 1:end], True))
                self.i = end + 1
            elif c == '"':
                flush()
                self.i += 1
                had = False
                while True:
                    c = self.peek()
                    if c == "":
                        raise BashSyntaxError('unexpected EOF while looking for matching `"\'')
                    if c == '"':
                        self.i += 1
                        break
                    if c == "\\" and self.peek(1) in '"\\$`\n':
                        if self.peek(1) != "\n":
                            buf.append(self.peek(1))
                        self.i += 2
                    elif c == "$":
                        flush(True)
                        segs.append(self.read_dollar(True))
                        had = True
                    else:
                        buf.append(c)
                        self.i += 1
                if buf or not had:
                    segs.append(("lit", "".join(buf), True))
                    buf.clear()
            elif c == "$":
                flush()
                segs.append(self.read_dollar(False))
            else:  # a run of ordinary characters at once (the common case; keeps parsing cheap)
                m = _PLAIN.match(self.s, self.i)
                buf.append(m.group(0))
                self.i = m.end()
        flush()
        return segs

    def tokens(self):
        """Yield ('word', segs) | ('op', text) | ('nl', None)."""
        while True:
            self.skip_blanks()
            c = self.peek()
            if c == "":
                return
            if c == "\n":
                self.i += 1
                for hd in self.pending_heredocs:
                    self.read_heredoc_body(hd)
                self.pending_heredocs.clear()
                yield ("nl", None)
                continue
            if c in "()":
                raise BashSyntaxError(f"syntax error near unexpected token `{c}'")
            for op in OPERATORS:
                if self.s.startswith(op, self.i):
                    self.i += len(op)
                    yield ("op", op)
                    break
            else:
                yield ("word", self.read_word())

    def read_heredoc_body(self, hd: Redirect) -> None:
        delim = "".join(s[1] for s in hd.target or [])
        lines = []
        while True:
            if self.i >= len(self.s):
                break
            end = self.s.find("\n", self.i)
            line = self.s[self.i:] if end < 0 else self.s[self.i:end]
            self.i = len(self.s) if end < 0 else end + 1
            if line.strip() == delim:
                break
            lines.append(line)
        hd.heredoc = "\n".join(lines) + "\n"


def parse(text: str) -> list[AndOr]:
    """Parse a script into a list of and-or lists."""
    lex = Lexer(text)
    result: list[AndOr] = []
    parts: list[tuple[str | None, Pipeline]] = []
    cmds: list[Simple] = []
    cur = Simple()
    joiner: str | None = None
    start = 0

    def end_simple():
        nonlocal cur
        if cur.words or cur.redirects:
            cmds.append(cur)
        elif cmds:
            raise BashSyntaxError("syntax error near unexpected token `|'")
        cur = Simple()

    def end_pipeline(op_text: str | None):
        nonlocal cmds, joiner
        end_simple()
        if cmds:
            parts.append((joiner, Pipeline(cmds)))
        elif joiner is not None:
            raise BashSyntaxError(f"syntax error near unexpected token `{joiner}'")
        cmds = []
        joiner = op_text

    def end_andor():
        nonlocal parts, joiner, start
        end_pipeline(None)
        if parts:
            result.append(AndOr(parts, text[start:lex.i].strip()))
        parts = []
        joiner = None
        start = lex.i

    toks = lex.tokens()
    for kind, val in toks:
        if kind == "word":
            cur.words.append(val)
        elif kind == "nl":
            if joiner in ("&&", "||") and not cmds and not cur.words:
                continue
            if parts or cmds or cur.words or cur.redirects:
                if not cur.words and not cur.redirects and cmds:
                    raise BashSyntaxError("syntax error: unexpected end of line after `|'")
            end_andor()
        elif val in (";", "&"):
            end_andor()
        elif val == "|":
            if not cur.words:
                raise BashSyntaxError("syntax error near unexpected token `|'")
            end_simple()
        elif val in ("&&", "||"):
            if not cur.words and not cmds:
                raise BashSyntaxError(f"syntax error near unexpected token `{val}'")
            end_pipeline(val)
        else:
            r = Redirect(val)
            if val != "2>&1":
                nxt = next(toks, None)
                if nxt is None or nxt[0] != "word":
                    raise BashSyntaxError("syntax error near unexpected token `newline'")
                r.target = nxt[1]
                if val == "<<":
                    r.heredoc_quoted = any(s[2] for s in r.target)
                    lex.pending_heredocs.append(r)
            cur.redirects.append(r)
    if cur.words == [] and not cur.redirects and cmds:
        raise BashSyntaxError("syntax error: unexpected end of file")
    if joiner in ("&&", "||") and not cmds and not cur.words:
        raise BashSyntaxError("syntax error: unexpected end of file")
    for hd in lex.pending_heredocs:
        hd.heredoc = hd.heredoc or ""
    end_andor()
    return result


def is_assignment(word: list[Segment]) -> tuple[str, list[Segment]] | None:
    """`NAME=value` (the name unquoted) -> (NAME, value segments)."""
    if not word or word[0][0] != "lit" or word[0][2]:
        return None
    head = word[0][1]
    eq = head.find("=")
    if eq <= 0:
        return None
    name = head[:eq]
    if not (name[0].isalpha() or name[0] == "_") or not all(ch.isalnum() or ch == "_" for ch in name):
        return None
    rest = head[eq + 1:]
    value = ([("lit", rest, False)] if rest else []) + list(word[1:])
    return name, value
