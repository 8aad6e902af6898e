"""Conditional expressions: `test` / `[` (POSIX argument-count rules) and `[[ ]]` (patterns, =~, && ||)."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable

from . import user_regex

UNARY_FILE = {"-e", "-f", "-d", "-s", "-r", "-w", "-x", "-L", "-h"}
UNARY = UNARY_FILE | {"-z", "-n", "-v"}
INT_OPS = {"-eq", "-ne", "-lt", "-le", "-gt", "-ge"}
STR_OPS = {"=", "==", "!=", "<", ">"}
BINARY = INT_OPS | STR_OPS


class CondError(Exception):
    """Exit status 2 with bash's message (without the `bash: [: ` prefix)."""


class Context:
    def __init__(self, file_test: Callable[[str, str], bool], is_set: Callable[[str], bool],
                 arith: Callable[[str], int] | None = None):
        self.file_test = file_test
        self.is_set = is_set
        self.arith = arith  # [[ ]] evaluates -eq operands arithmetically; test wants plain integers

    def integer(self, s: str) -> int:
        if self.arith is not None:
            return self.arith(s)
        t = s.strip()
        if re.fullmatch(r"[+-]?\d+", t) and len(t.lstrip("+-").lstrip("0")) <= 19 and -2**63 <= int(t) < 2**63:
            return int(t)
        raise CondError(f"{s}: integer expression expected")

    def unary(self, op: str, arg: str) -> bool:
        if op == "-z":
            return arg == ""
        if op == "-n":
            return arg != ""
        if op == "-v":
            return self.is_set(arg)
        return self.file_test(op, arg)

    def binary(self, a: str, op: str, b: str, pattern: bool = False) -> bool:
        if op in INT_OPS:
            x, y = self.integer(a), self.integer(b)
            return {"-eq": x == y, "-ne": x != y, "-lt": x < y, "-le": x <= y, "-gt": x > y, "-ge": x >= y}[op]
        if op in ("=", "=="):
            return fnmatch.fnmatchcase(a, b) if pattern else a == b
        if op == "!=":
            return not fnmatch.fnmatchcase(a, b) if pattern else a != b
        if op == "<":
            return a < b
        if op == ">":
            return a > b
        raise CondError(f"{op}: binary operator expected")


def test(args: list[str], ctx: Context) -> bool:
    """`test ARGS` / `[ ARGS ]` (without the closing bracket)."""
    n = len(args)
    if n == 0:
        return False
    if n == 1:
        return args[0] != ""
    if n == 2:
        if args[0] == "!":
            return args[1] == ""
        if args[0] in UNARY:
            return ctx.unary(args[0], args[1])
        raise CondError(f"{args[0]}: unary operator expected")
    if n == 3:
        if args[1] in BINARY:
            return ctx.binary(args[0], args[1], args[2])
        if args[1] in ("-a", "-o"):
            left, right = args[0] != "", args[2] != ""
            return left and right if args[1] == "-a" else left or right
        if args[0] == "!":
            return not test(args[1:], ctx)
        if args[0] == "(" and args[2] == ")":
            return args[1] != ""
        raise CondError(f"{args[1]}: binary operator expected")
    if n == 4 and args[0] == "!":
        return not test(args[1:], ctx)
    if n == 4 and args[0] == "(" and args[3] == ")":
        return test(args[1:3], ctx)
    return _TestExpr(args, ctx).parse()


class _TestExpr:
    """Five or more arguments: ! ( ) -a -o with the usual precedence."""

    def __init__(self, args: list[str], ctx: Context):
        self.a, self.i, self.ctx = args, 0, ctx

    def parse(self) -> bool:
        v = self.or_()
        if self.i < len(self.a):
            raise CondError("too many arguments")
        return v

    def peek(self) -> str | None:
        return self.a[self.i] if self.i < len(self.a) else None

    def or_(self) -> bool:
        v = self.and_()
        while self.peek() == "-o":
            self.i += 1
            v = self.and_() or v
        return v

    def and_(self) -> bool:
        v = self.not_()
        while self.peek() == "-a":
            self.i += 1
            v = self.not_() and v
        return v

    def not_(self) -> bool:
        if self.peek() == "!":
            self.i += 1
            return not self.not_()
        return self.primary()

    def primary(self) -> bool:
        tok = self.peek()
        if tok is None:
            raise CondError("argument expected")
        if tok == "(":
            self.i += 1
            v = self.or_()
            if self.peek() != ")":
                raise CondError("`)' expected")
            self.i += 1
            return v
        if tok in UNARY and self.i + 1 < len(self.a):
            self.i += 2
            return self.ctx.unary(tok, self.a[self.i - 1])
        if self.i + 2 < len(self.a) + 0 and self.a[self.i + 1] in BINARY:
            self.i += 3
            return self.ctx.binary(tok, self.a[self.i - 2], self.a[self.i - 1])
        self.i += 1
        return tok != ""


class DoubleBracket:
    """`[[ ... ]]` over expanded words: (text, is_operator, pieces) where pieces are (text, active) as from
    bash_expand.expand_pieces: quoted parts of a pattern or regex match literally."""

    def __init__(self, words: list[tuple[str, bool, bool]], ctx: Context):
        self.w, self.i, self.ctx = words, 0, ctx
        self.rematch: list[str] | None = None

    def evaluate(self) -> bool:
        v = self.or_()
        if self.i < len(self.w):
            raise CondError(f"syntax error in conditional expression: unexpected token `{self.w[self.i][0]}'")
        return v

    def op(self, *names: str) -> bool:
        return self.i < len(self.w) and self.w[self.i][1] and self.w[self.i][0] in names

    def or_(self) -> bool:
        v = self.and_()
        while self.op("||"):
            self.i += 1
            right = self.and_()
            v = v or right
        return v

    def and_(self) -> bool:
        v = self.not_()
        while self.op("&&"):
            self.i += 1
            right = self.not_()
            v = v and right
        return v

    def not_(self) -> bool:
        if self.op("!"):
            self.i += 1
            return not self.not_()
        return self.primary()

    def take(self) -> tuple[str, bool, bool]:
        if self.i >= len(self.w):
            raise CondError("syntax error in conditional expression")
        self.i += 1
        return self.w[self.i - 1]

    def primary(self) -> bool:
        if self.op("("):
            self.i += 1
            v = self.or_()
            if not self.op(")"):
                raise CondError("syntax error in conditional expression")
            self.i += 1
            return v
        text, is_op, _ = self.take()
        if is_op and text in UNARY and self.i < len(self.w) and not self.op("&&", "||", ")"):
            return self.ctx.unary(text, self.take()[0])
        if self.i < len(self.w) and self.w[self.i][1] and (self.w[self.i][0] in BINARY or self.w[self.i][0] == "=~"):
            op = self.take()[0]
            rhs, _, pieces = self.take()
            if op == "=~":
                try:
                    m = user_regex.search("".join(t if active else re.escape(t) for t, active in pieces), text)
                except re.error:
                    raise CondError("syntax error in conditional expression") from None
                self.rematch = [m.group(0), *[g or "" for g in m.groups()]] if m else []
                return m is not None
            if op in ("=", "==", "!="):
                from .bash_glob import matches

                return matches(pieces, text) != (op == "!=")
            return self.ctx.binary(text, op, rhs)
        return text != ""
