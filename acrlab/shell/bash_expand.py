"""Expanding words: braces, tilde, parameters, $(...)/`...`, $((...)), word splitting and pathname expansion,
in bash's order. Also case/[[ ]] patterns and the text of here-documents."""

from __future__ import annotations

import re

from . import bash
from .bash_arith import ArithError
from .bash_arith import evaluate as arith_evaluate
from .bash_arith import message as arith_message
from .bash_glob import Piece, brace_expand, expand_path, has_glob, pattern_regex, tilde
from .session import IO, Session

MAX_DEPTH = 8
MAX_FIELDS = 100_000
_INERT = frozenset("{~*?[")
"""Unquoted, these may start brace, tilde or pathname expansion; a literal word without them expands to itself."""


class ExpansionError(Exception):
    """A failed expansion (`${x y}`, bad arithmetic): bash prints it and the command does not run."""


class UnboundVariable(ExpansionError):
    """`set -u` and an unset parameter: a script exits with status 1 (an interactive shell abandons the line)."""


def positional(sh: Session) -> list[str]:
    return sh.state.get("_argv") or []


def _value(sh: Session, kind: str, val: str, io: IO) -> str:
    if kind == "var":
        return lookup_var(sh, val, io)
    if kind == "arith":
        return arithmetic(sh, val, io)
    if kind == "psub":
        raise ExpansionError(f"{val}: process substitution is not supported in this lab shell; "
                             "write the output to a file first (cmd > out.txt) and use the file")
    return command_substitution(sh, val, io)


_IFS_BLANKS = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"
"""What splitting treats as blanks: the default IFS (space, tab, newline) and the other ASCII whitespace the lab
has always split on; never a non-ASCII space such as U+00A0, which bash keeps inside the word."""
_IFS_SPLIT = re.compile(f"[{re.escape(_IFS_BLANKS)}]+")


def _ifs_blank(ch: str) -> bool:
    return bool(ch) and ch in _IFS_BLANKS


def expand_pieces(sh: Session, word: list[bash.Segment], io: IO, split: bool = True) -> list[list[Piece]]:
    """Expand one word (after brace and tilde expansion) into fields of (text, glob-active) pieces."""
    word = tilde(word, sh.env, sh.host.cwd)
    if word == [("var", "@", True)]:
        return [[(a, False)] for a in positional(sh)]
    fields: list[list[Piece]] = []
    cur: list[Piece] = []
    started = False
    for kind, val, quoted in word:
        if kind == "lit":
            cur.append((val, not quoted))
            started = True
            continue
        if kind == "var" and val == "@" and quoted:
            args = positional(sh)  # "x$@y": the first and last fields join the surrounding text
            if args:
                cur.append((args[0], False))
                for a in args[1:]:
                    fields.append(cur)
                    cur = [(a, False)]
                started = True
            continue
        text = _value(sh, kind, val, io)
        if quoted or not split:
            cur.append((text, not quoted))
            started = True
            continue
        pieces = text.split() if text.isascii() else _IFS_SPLIT.split(text.strip(_IFS_BLANKS))
        if not pieces or pieces == [""]:
            continue
        if _ifs_blank(text[:1]) and started:
            fields.append(cur)
            cur = []
        cur.append((pieces[0], True))
        started = True
        for p in pieces[1:]:
            fields.append(cur)
            cur = [(p, True)]
        if _ifs_blank(text[-1:]):
            fields.append(cur)
            cur = []
            started = False
    if started:
        fields.append(cur)
    return fields


def expand_word(sh: Session, word: list[bash.Segment], io: IO, split: bool = True) -> list[str]:
    """Expand one word into zero or more fields: brace expansion, tilde, parameters and substitutions,
    word splitting of unquoted expansions, then pathname expansion (no match keeps the pattern)."""
    if word and all(seg[0] == "lit" and (seg[2] or _INERT.isdisjoint(seg[1])) for seg in word):
        return ["".join(seg[1] for seg in word)]  # literal text only: every step would keep it as it is
    if not split:
        return ["".join(t for f in expand_pieces(sh, word, io, split=False) for t, _ in f)]
    out: list[str] = []
    for w in brace_expand(word) if any(s[0] == "lit" and not s[2] and "{" in s[1] for s in word) else [word]:
        for field in expand_pieces(sh, w, io):
            text = "".join(t for t, _ in field)
            if has_glob(field) and not sh.state.get("noglob"):
                found = expand_path(field, sh.host.files, sh.host.cwd, sh.env)
                if found:
                    out.extend(found)
                    continue
                if sh.state.get("nullglob"):
                    continue
            out.append(text)
        if len(out) > MAX_FIELDS:
            raise ExpansionError("brace expansion: too many words")
    return out


def expand_string(sh: Session, word: list[bash.Segment], io: IO) -> str:
    """A word expanded to one string: no splitting, no braces, no pathname expansion (assignments, [[ ]])."""
    return expand_word(sh, word, io, split=False)[0]


def expand_assignment(sh: Session, value: list[bash.Segment], io: IO) -> str:
    """The value of NAME=value: tilde after `=` and after each `:`, no splitting or globbing."""
    return expand_string(sh, tilde(value, sh.env, sh.host.cwd, assignment=True), io)


def expand_pattern(sh: Session, word: list[bash.Segment], io: IO) -> str:
    """A case / [[ == ]] pattern as a regular expression: quoted parts match literally."""
    pieces = [p for f in expand_pieces(sh, word, io, split=False) for p in f]
    return pattern_regex(pieces)


def expand_text(sh: Session, text: str, io: IO) -> str:
    """Expand $VAR, ${...}, $(...) and $((...)) in text as inside double quotes."""
    if "$" not in text and "`" not in text:
        return text
    try:
        word = bash.Lexer(f'"{escape_dq(text)}"').read_word()
    except bash.BashSyntaxError as e:
        raise ExpansionError(str(e)) from None
    return "".join(t for f in expand_pieces(sh, word, io, split=False) for t, _ in f)


def heredoc_dq(line: str) -> str:
    """A line of an unquoted here-document, written as the body of a double-quoted word: in a here-document a
    backslash quotes only `$`, a backquote and itself (bash(1), Here Documents), so `\\\\` is one backslash while
    `\\"` keeps its backslash and a bare `"` is an ordinary character."""
    out: list[str] = []
    i = 0
    while i < len(line):
        c = line[i]
        nxt = line[i + 1] if i + 1 < len(line) else ""
        if c == "\\" and nxt in ("$", "`", "\\"):
            out.append(c + nxt)
            i += 2
            continue
        out.append("\\\\" if c == "\\" else '\\"' if c == '"' else c)
        i += 1
    return "".join(out)


def escape_dq(line: str) -> str:
    return line.replace("\\", "\\\\").replace('"', '\\"').replace("\\\\$", "\\$").replace("\\\\`", "\\`")


def arithmetic(sh: Session, expr: str, io: IO) -> str:
    return str(arith(sh, expr, io))


def arith(sh: Session, expr: str, io: IO) -> int:
    from .bash_vars import ArithEnv, assign

    text = expand_text(sh, expr, io)
    try:
        return arith_evaluate(text, ArithEnv(sh), setter=lambda name, value: assign(sh, name, value))
    except ArithError as e:
        raise ExpansionError(arith_message(text, e)) from None


def lookup_var(sh: Session, name: str, io: IO | None = None) -> str:
    from .bash_params import parameter

    return parameter(sh, name, io or IO())


def command_substitution(sh: Session, script: str, io: IO) -> str:
    depth = sh.state.get("_depth", 0)
    if depth >= MAX_DEPTH:
        io.err("bash: maximum nesting of $(...) reached")
        return ""
    sub = IO()
    sh.state["_depth"] = depth + 1
    loops = sh.state.get("_loop_depth", 0)
    sh.state["_loop_depth"] = 0
    try:
        saved = sh.last_exit
        code, out, err = sh.run(script, sub)
        sh.last_exit = code if code else saved
        sh.state["_subst_status"] = code
    finally:
        sh.state["_depth"] = depth
        sh.state["_loop_depth"] = loops
    if err:
        io.err(err, end="")
    return out.rstrip("\n")
