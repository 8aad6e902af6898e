"""A bash subset: quoting, variables, $(...), $((...)), pipes, &&/||, redirections, here-strings, heredocs,
if/elif/else, for, while/until, functions, { } groups, ( ) subshells, (( )) and [[ ]].

Also case/esac, backquotes and process substitution (reported as unsupported when run). The lexer lives here,
the AST in bash_ast.py (re-exported), the recursive-descent parser in bash_parse.py."""

from __future__ import annotations

import re
from functools import lru_cache

from .bash_ast import (  # noqa: F401  (the tree is part of this module's interface)
    AndOr,
    Arith,
    ArithFor,
    Case,
    Command,
    Compound,
    Cond,
    For,
    FuncDef,
    Group,
    If,
    Pipeline,
    Redirect,
    Segment,
    Simple,
    While,
)


class BashSyntaxError(Exception):
    pass


_PLAIN = re.compile(r"[^ \t\r\n;|&<>()\\'\"$`]+")
"""Characters that never start quoting, expansion or an operator inside a word."""
_WORD_END = frozenset(" \t\r\n;|&<>()")
_DQ_PLAIN = re.compile(r'[^"\\$`]+')
"""A run of characters that stand for themselves inside double quotes."""
_SUBST_PLAIN = re.compile(r"[^\\'\"()]+")
"""A run inside $(...) that cannot change quoting or nesting."""
_NAME_RUN = re.compile(r"\w+")
"""Name characters after `$` (\\w is exactly str.isalnum() or '_')."""

OPERATORS = ["2>&1", "1>&2", ">&2", "&>", "2>>", "2>", ">>", "<<<", "<<-", "<<", "&&", "||", ";;&", ";;", ";&", ">",
             "<", "|", ";", "&", "(", ")"]
REDIRECTS = {"2>&1", "1>&2", ">&2", "&>", "2>>", "2>", ">>", "<<<", "<<-", "<<", ">", "<"}
_OPERATOR = re.compile("|".join(re.escape(op) for op in OPERATORS))
"""The first of OPERATORS (in list order, as alternation tries them) that starts at a position."""
_OP_START = frozenset(op[0] for op in OPERATORS)
_BLANKS = re.compile(r"[ \t\r]+")


class Lexer:
    def __init__(self, text: str):
        self.s = text
        self.i = 0
        self.pending_heredocs: list[Redirect] = []
        self.continues = False
        """The text stops where interactive bash would print PS2 and read another line: a trailing
        backslash, or a here-document still waiting for its delimiter."""

    def peek(self, n: int = 0) -> str:
        j = self.i + n
        return self.s[j] if j < len(self.s) else ""

    def skip_blanks(self) -> None:
        while True:
            c = self.peek()
            if c in (" ", "\t", "\r"):
                self.i = _BLANKS.match(self.s, self.i).end()
            elif c == "\\" and self.peek(1) == "\n":
                self.i += 2
            elif c == "#":
                end = self.s.find("\n", self.i)
                self.i = len(self.s) if end < 0 else end
            else:
                return

    def read_dollar(self, quoted: bool) -> Segment:
        """At '$': parse $VAR, ${VAR}, $(...), $?."""
        self.i += 1
        c = self.peek()
        if c == "(":
            if self.peek(1) == "(":
                expr = self.read_arith(self.i + 2)
                if expr is not None:
                    return ("arith", expr, quoted)
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
                if c not in "()\"":
                    self.i = _SUBST_PLAIN.match(self.s, self.i).end()
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
            end = self._brace_end(self.i + 1)
            name = self.s[self.i + 1:end]
            self.i = end + 1
            if not name:
                raise BashSyntaxError("${}: bad substitution")
            return ("var", name, quoted)
        if c in "?#$!@*0123456789":
            self.i += 1
            return ("var", c, quoted)
        m = _NAME_RUN.match(self.s, self.i)
        if m is None:
            return ("lit", "$", quoted)
        self.i = m.end()
        return ("var", m.group(0), quoted)

    def _brace_end(self, j: int) -> int:
        """The index of the `}` closing a `${` (nested `${...}` and backslash escapes skipped)."""
        depth = 1
        while j < len(self.s):
            c = self.s[j]
            if c == "\\":
                j += 2
                continue
            if c == "{" and self.s[j - 1] == "$":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    return j
            j += 1
        raise BashSyntaxError("unexpected EOF while looking for matching `}'")

    def read_backquote(self, quoted: bool) -> Segment:
        """At a backquote: the old-style command substitution up to the next unescaped one."""
        self.i += 1
        buf: list[str] = []
        while True:
            c = self.peek()
            if c == "":
                raise BashSyntaxError("unexpected EOF while looking for matching ``'")
            if c == "`":
                self.i += 1
                return ("cmd", "".join(buf), quoted)
            if c == "\\" and self.peek(1) in "`$\\":
                buf.append(self.peek(1))
                self.i += 2
                continue
            buf.append(c)
            self.i += 1

    def read_process_substitution(self) -> Segment:
        """At `<(` or `>(`: the whole construct, kept so that running it reports it is not supported."""
        start = self.i
        self.i += 1
        depth = 0
        while True:
            c = self.peek()
            if c == "":
                raise BashSyntaxError("unexpected EOF while looking for matching `)'")
            self.i += 1
            if c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
                if depth == 0:
                    return ("psub", self.s[start:self.i], False)

    def read_word(self) -> list[Segment]:
        m = _PLAIN.match(self.s, self.i)  # the common case: one run of ordinary characters, then a word end
        if m is not None and (m.end() == len(self.s) or self.s[m.end()] in _WORD_END):
            self.i = m.end()
            return [("lit", m.group(0), False)]
        segs: list[Segment] = []
        buf: list[str] = []

        def flush(quoted=False):
            if buf:
                segs.append(("lit", "".join(buf), quoted))
                buf.clear()

        while True:
            c = self.peek()
            if c in ("<", ">") and self.peek(1) == "(" and not segs and not buf:
                segs.append(self.read_process_substitution())
                continue
            if c == "" or c in " \t\r\n;|&<>()":
                break
            if c == "`":
                flush()
                segs.append(self.read_backquote(False))
            elif c == "\\":
                n = self.peek(1)
                if n == "\n":
                    self.i += 2
                    continue
                self.continues = self.continues or n == ""
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
                    elif c == "`":
                        flush(True)
                        segs.append(self.read_backquote(True))
                        had = True
                    elif c == "\\":
                        buf.append(c)
                        self.i += 1
                    else:
                        m = _DQ_PLAIN.match(self.s, self.i)
                        buf.append(m.group(0))
                        self.i = m.end()
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

    def read_arith(self, start: int) -> str | None:
        """From just inside `((`: the expression up to the matching `))` (None: not an arithmetic form)."""
        depth, j = 0, start
        while j < len(self.s):
            c = self.s[j]
            if c == "(":
                depth += 1
            elif c == ")":
                if depth == 0:
                    if self.s.startswith("))", j):
                        self.i = j + 2
                        return self.s[start:j]
                    return None
                depth -= 1
            j += 1
        raise BashSyntaxError("unexpected EOF while looking for matching `))'")

    def tokens(self):
        """Yield (kind, value, start, end): kind word | op | nl | arith | redir (a heredoc redirect).

        A newline token's end is after any heredoc bodies it introduced."""
        while True:
            self.skip_blanks()
            c = self.peek()
            start = self.i
            if c == "":
                self.continues = self.continues or bool(self.pending_heredocs)
                return
            if c == "\n":
                self.i += 1
                for hd in self.pending_heredocs:
                    self.read_heredoc_body(hd)
                self.pending_heredocs.clear()
                yield ("nl", None, start, self.i)
                continue
            if self.s.startswith("((", self.i):
                save = self.i
                expr = self.read_arith(self.i + 2)
                if expr is not None:
                    yield ("arith", expr, start, self.i)
                    continue
                self.i = save
            if c in ("<", ">") and self.peek(1) == "(":
                yield ("word", self.read_word(), start, self.i)
                continue
            m = _OPERATOR.match(self.s, self.i) if c in _OP_START else None
            if m is None:
                yield ("word", self.read_word(), start, self.i)
                continue
            op = m.group(0)
            self.i = m.end()
            if op in ("<<", "<<-"):
                self.skip_blanks()
                if self.peek() in ("", "\n") or self.peek() in ";|&<>()":
                    raise BashSyntaxError("syntax error near unexpected token `newline'")
                target = self.read_word()
                hd = Redirect(op, target, heredoc_quoted=any(s[2] for s in target))
                self.pending_heredocs.append(hd)
                yield ("redir", hd, start, self.i)
            else:
                yield ("op", op, start, self.i)

    def read_heredoc_body(self, hd: Redirect) -> None:
        delim = "".join(s[1] for s in hd.target or [])
        lines = []
        while True:
            if self.i >= len(self.s):
                self.continues = True
                break
            end = self.s.find("\n", self.i)
            line = self.s[self.i:] if end < 0 else self.s[self.i:end]
            self.i = len(self.s) if end < 0 else end + 1
            if hd.op == "<<-":
                line = line.lstrip("\t")
            if line.strip() == delim:
                break
            lines.append(line)
        hd.heredoc = "\n".join(lines) + "\n" if lines else ""


def parse(text: str) -> list[AndOr]:
    """Parse a script into a list of and-or lists (the top-level commands, each with its source text).

    Results are cached by text (the executor never mutates the tree); each call gets its own list."""
    return list(_parse_cached(text))


_SIMPLE_LINE = re.compile(r"[ \t\r\n]*[^\s;|&<>()\\'\"$`#]+(?:[ \t\r]+[^\s;|&<>()\\'\"$`#]+)*[ \t\r\n]*")
"""One command of plain words only: no quoting, expansion, comment, operator or line break between words."""


@lru_cache(maxsize=1024)
def _parse_cached(text: str) -> tuple[AndOr, ...]:
    from .bash_parse import RESERVED, Parser

    if _SIMPLE_LINE.fullmatch(text):  # fast path: split directly (what the lexer and parser would produce)
        words = text.split()
        if words[0] not in RESERVED:
            simple = Simple(words=[[("lit", w, False)] for w in words])
            return (AndOr([(None, Pipeline([simple]))], text=text.strip()),)
    return tuple(Parser(text).program())


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
