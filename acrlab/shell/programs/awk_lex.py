"""Tokens of the awk language (POSIX awk as gawk reads it): regex literals where an operand may start,
string escapes, newlines as terminators, backslash-newline continuations and comments."""

from __future__ import annotations

import re

KEYWORDS = {"BEGIN", "END", "function", "func", "if", "else", "while", "for", "do", "break", "continue", "next",
            "nextfile", "exit", "return", "delete", "in", "getline", "print", "printf"}
BUILTINS = {"length", "substr", "index", "split", "sub", "gsub", "match", "sprintf", "tolower", "toupper", "int",
            "sqrt", "exp", "log", "sin", "cos", "atan2", "rand", "srand", "system", "close", "fflush"}
GAWK_ONLY = {"gensub", "strftime", "systime", "mktime", "asort", "asorti", "patsplit", "strtonum", "and", "or",
             "xor", "lshift", "rshift", "compl", "isarray", "typeof", "bindtextdomain", "dcgettext"}
OPERATORS = ["**=", "...", "+=", "-=", "*=", "/=", "%=", "^=", "==", "<=", ">=", "!=", "!~", "&&", "||", ">>", "++",
             "--", "**", "+", "-", "*", "/", "%", "^", "!", ">", "<", "|", "?", ":", "~", "$", "=", "(", ")", "[",
             "]", "{", "}", ",", ";"]
_NUMBER = re.compile(r"(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_NAME = re.compile(r"[A-Za-z_]\w*")
STRING_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "/": "/", "a": "\a", "b": "\b", "f": "\f",
                  "v": "\v"}


class AwkSyntaxError(Exception):
    def __init__(self, message: str, line: int, col: int, text: str):
        super().__init__(message)
        self.line, self.col, self.text = line, col, text


class Token:
    __slots__ = ("kind", "value", "line", "col")

    def __init__(self, kind: str, value, line: int, col: int):
        self.kind, self.value, self.line, self.col = kind, value, line, col

    def __repr__(self):
        return f"{self.kind}:{self.value!r}"


def _regex_allowed(prev: Token | None) -> bool:
    if prev is None:
        return True
    if prev.kind in ("number", "string", "ere", "name", "funcname", "builtin"):
        return False
    if prev.kind == "keyword":
        return prev.value not in ("getline",)
    return prev.value not in (")", "]", "$", "++", "--")


def tokenize(src: str) -> list[Token]:
    toks: list[Token] = []
    i, line, line_start = 0, 1, 0
    lines = src.split("\n")

    def fail(msg: str, at: int):
        raise AwkSyntaxError(msg, line, at - line_start, lines[line - 1] if line - 1 < len(lines) else "")

    while i < len(src):
        c = src[i]
        col = i - line_start
        if c in " \t\r":
            i += 1
            continue
        if c == "\\" and src.startswith("\\\n", i):
            i += 2
            line += 1
            line_start = i
            continue
        if c == "#":
            while i < len(src) and src[i] != "\n":
                i += 1
            continue
        if c == "\n":
            toks.append(Token("newline", "\n", line, col))
            i += 1
            line += 1
            line_start = i
            continue
        if c == '"':
            j, out = i + 1, []
            while True:
                if j >= len(src) or src[j] == "\n":
                    fail("unterminated string", i)
                ch = src[j]
                if ch == '"':
                    break
                if ch == "\\" and j + 1 < len(src):
                    nxt = src[j + 1]
                    if nxt in STRING_ESCAPES:
                        out.append(STRING_ESCAPES[nxt])
                        j += 2
                    elif nxt in "01234567":
                        m = re.match(r"[0-7]{1,3}", src[j + 1:])
                        out.append(chr(int(m.group(0), 8)))
                        j += 1 + len(m.group(0))
                    elif nxt == "\n":
                        j += 2
                    else:
                        out.append("\\" + nxt)  # gawk keeps an unknown escape (with a warning)
                        j += 2
                    continue
                out.append(ch)
                j += 1
            toks.append(Token("string", "".join(out), line, col))
            i = j + 1
            continue
        if c == "/" and _regex_allowed(toks[-1] if toks else None) and not src.startswith("/=", i):
            j, out, in_bracket = i + 1, [], False
            while True:
                if j >= len(src) or src[j] == "\n":
                    fail("unterminated regexp", i)
                ch = src[j]
                if ch == "\\" and j + 1 < len(src):
                    out.append("/" if src[j + 1] == "/" else src[j:j + 2])
                    j += 2
                    continue
                if ch == "[":
                    in_bracket = True
                elif ch == "]":
                    in_bracket = False
                elif ch == "/" and not in_bracket:
                    break
                out.append(ch)
                j += 1
            toks.append(Token("ere", "".join(out), line, col))
            i = j + 1
            continue
        m = _NUMBER.match(src, i)
        if m and (c.isdigit() or c == "."):
            toks.append(Token("number", float(m.group(0)), line, col))
            i = m.end()
            continue
        m = _NAME.match(src, i)
        if m:
            word = m.group(0)
            i = m.end()
            if word in KEYWORDS:
                toks.append(Token("keyword", "function" if word == "func" else word, line, col))
            elif word in BUILTINS:
                toks.append(Token("builtin", word, line, col))
            elif i < len(src) and src[i] == "(":
                toks.append(Token("funcname", word, line, col))
            else:
                toks.append(Token("name", word, line, col))
            continue
        for op in OPERATORS:
            if src.startswith(op, i):
                toks.append(Token("op", "^" if op == "**" else "^=" if op == "**=" else op, line, col))
                i += len(op)
                break
        else:
            fail(f"invalid char '{c}' in expression", i)
    toks.append(Token("eof", None, line, len(src) - line_start))
    return toks
