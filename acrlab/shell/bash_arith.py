"""Bash arithmetic: $((...)), ((...)), `for ((...))`: 64-bit integers, C operators, variables by name."""

from __future__ import annotations

import re
from collections.abc import Callable, MutableMapping

_TOKEN = re.compile(r"\s*(?:(0[xX][0-9a-fA-F]+|\d+#[0-9a-zA-Z@_]+|\d+)|([A-Za-z_][A-Za-z_0-9]*)|"
                    r"(\*\*=?|<<=|>>=|\+\+|--|&&|\|\||<=|>=|==|!=|<<|>>|[-+*/%&|^]=|[-+*/%<>=!~&|^?:,()]))")
ASSIGN = {"=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "^=", "|=", "**="}
BINARY = [  # lowest to highest precedence
    {"||"}, {"&&"}, {"|"}, {"^"}, {"&"}, {"==", "!="}, {"<", ">", "<=", ">="}, {"<<", ">>"}, {"+", "-"},
    {"*", "/", "%"},
]
MAX_DEPTH = 32


class ArithError(Exception):
    def __init__(self, message: str, token: str):
        super().__init__(message)
        self.token = token


def _wrap(v: int) -> int:
    v &= (1 << 64) - 1
    return v - (1 << 64) if v >> 63 else v


def int64(text: str) -> int | None:
    """A decimal argument as bash's builtins read it (strtoimax): None when it is not a number or does not fit
    in 64 bits (the builtin then says "numeric argument required")."""
    t = text.strip()
    if not re.fullmatch(r"[+-]?\d+", t) or not t.isascii() or len(t.lstrip("+-").lstrip("0")) > 19:
        return None
    value = int(t)
    return value if -2**63 <= value < 2**63 else None


def big_int(text: str, base: int = 10) -> int:
    """int() without Python's 4,300-digit limit: a longer number keeps its low 64 bits (bash wraps anyway)."""
    if len(text) <= 4000:
        return int(text, base)
    sign = -1 if text.startswith("-") else 1
    value = 0
    digits = text.lstrip("+-")
    for k in range(0, len(digits), 1000):
        chunk = digits[k:k + 1000]
        value = (value * base ** len(chunk) + int(chunk, base)) & ((1 << 64) - 1)
    return sign * value


def _number(text: str) -> int:
    if "#" in text:
        base_s, digits = text.split("#", 1)
        base = int(base_s)
        if not 2 <= base <= 64:
            raise ArithError("invalid arithmetic base", text)
        try:
            return big_int(digits, base)
        except ValueError:
            raise ArithError("value too great for base", text) from None
    if text.lower().startswith("0x"):
        return int(text, 16)
    if len(text) > 1 and text.startswith("0"):
        try:
            return big_int(text, 8)
        except ValueError:
            raise ArithError("value too great for base", text) from None
    return big_int(text)


def tokenize(expr: str) -> list[str]:
    toks, i = [], 0
    while i < len(expr):
        if expr[i:].strip() == "":
            break
        m = _TOKEN.match(expr, i)
        if not m or m.end() == i:
            rest = expr[i:].strip()
            raise ArithError("syntax error: invalid arithmetic operator", rest)
        toks.append(m.group(1) or m.group(2) or m.group(3))
        i = m.end()
    return toks


class Evaluator:
    def __init__(self, env: MutableMapping[str, str], depth: int = 0,
                 setter: Callable[[str, str], None] | None = None):
        self.env = env
        self.depth = depth
        self.setter = setter or env.__setitem__
        self.toks: list[str] = []
        self.i = 0
        self.skip = 0  # > 0 while evaluating a branch whose value is discarded (no side effects, no errors)

    def evaluate(self, expr: str) -> int:
        self.toks = tokenize(expr)
        self.i = 0
        if not self.toks:
            return 0
        v = self.comma()
        if self.i < len(self.toks):
            raise ArithError("syntax error in expression", " ".join(self.toks[self.i:]))
        return v

    def peek(self) -> str | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> str:
        tok = self.peek()
        if tok is None:
            raise ArithError("syntax error: operand expected", self.toks[-1] if self.toks else "")
        self.i += 1
        return tok

    def var(self, name: str) -> int:
        raw = self.env.get(name, "").strip()
        if not raw:
            return 0
        if re.fullmatch(r"-?\d+", raw):
            return _wrap(big_int(raw))
        if self.depth >= MAX_DEPTH:
            raise ArithError("expression recursion level exceeded", raw)
        return Evaluator(self.env, self.depth + 1, self.setter).evaluate(raw)

    def assign(self, name: str, value: int) -> int:
        if not self.skip:
            self.setter(name, str(value))
        return value

    def comma(self) -> int:
        v = self.assignment()
        while self.peek() == ",":
            self.i += 1
            v = self.assignment()
        return v

    def assignment(self) -> int:
        tok, nxt = self.peek(), self.toks[self.i + 1] if self.i + 1 < len(self.toks) else None
        if tok and re.fullmatch(r"[A-Za-z_]\w*", tok) and nxt in ASSIGN:
            self.i += 2
            rhs = self.assignment()
            if nxt == "=":
                return self.assign(tok, rhs)
            return self.assign(tok, self.binop(nxt[:-1], self.var(tok), rhs))
        return self.ternary()

    def ternary(self) -> int:
        cond = self.binary(0)
        if self.peek() != "?":
            return cond
        self.i += 1
        self.skip += 0 if cond else 1
        a = self.assignment()
        self.skip -= 0 if cond else 1
        if self.take() != ":":
            raise ArithError("`:' expected for conditional expression", self.toks[self.i - 1])
        self.skip += 1 if cond else 0
        b = self.assignment()
        self.skip -= 1 if cond else 0
        return a if cond else b

    def binary(self, level: int) -> int:
        if level == len(BINARY):
            return self.power()
        left = self.binary(level + 1)
        while self.peek() in BINARY[level]:
            op = self.take()
            if op in ("&&", "||"):
                short = (op == "&&" and not left) or (op == "||" and left)
                self.skip += 1 if short else 0
                right = self.binary(level + 1)
                self.skip -= 1 if short else 0
                left = int(bool(left) and bool(right)) if op == "&&" else int(bool(left) or bool(right))
            else:
                left = self.binop(op, left, self.binary(level + 1))
        return left

    def power(self) -> int:
        base = self.unary()
        if self.peek() == "**":
            self.i += 1
            return self.binop("**", base, self.power())
        return base

    def binop(self, op: str, a: int, b: int) -> int:
        if op in ("/", "%") and b == 0:
            if self.skip:
                return 0
            raise ArithError("division by 0", str(b))
        if op == "**" and b < 0:
            if self.skip:
                return 0
            raise ArithError("exponent less than 0", str(b))
        if op == "**" and b > 64 and abs(a) > 1:
            return 0 if a % 2 == 0 else a
        result = {
            "+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b,
            "/": lambda: abs(a) // abs(b) * (1 if (a < 0) == (b < 0) else -1),
            "%": lambda: a - b * (abs(a) // abs(b) * (1 if (a < 0) == (b < 0) else -1)),
            "**": lambda: pow(a, b, 1 << 64), "<<": lambda: a << (b & 63), ">>": lambda: a >> (b & 63),
            "&": lambda: a & b, "|": lambda: a | b, "^": lambda: a ^ b,
            "==": lambda: int(a == b), "!=": lambda: int(a != b), "<": lambda: int(a < b),
            ">": lambda: int(a > b), "<=": lambda: int(a <= b), ">=": lambda: int(a >= b),
        }[op]()
        return _wrap(result)

    def unary(self) -> int:
        tok = self.take()
        if tok in ("++", "--"):
            name = self.take()
            if not re.fullmatch(r"[A-Za-z_]\w*", name):
                raise ArithError("syntax error: operand expected", name)
            return self.assign(name, _wrap(self.var(name) + (1 if tok == "++" else -1)))
        if tok in ("-", "+"):
            v = self.unary()
            return _wrap(-v) if tok == "-" else v
        if tok == "!":
            return int(not self.unary())
        if tok == "~":
            return _wrap(~self.unary())
        if tok == "(":
            v = self.comma()
            if self.peek() != ")":
                raise ArithError("missing `)'", self.peek() or tok)
            self.i += 1
            return v
        if re.fullmatch(r"[A-Za-z_]\w*", tok):
            if self.peek() in ("++", "--"):
                op = self.take()
                old = self.var(tok)
                self.assign(tok, _wrap(old + (1 if op == "++" else -1)))
                return old
            return self.var(tok)
        if re.fullmatch(r"\d[0-9a-zA-Z#@_]*", tok):
            return _wrap(_number(tok))
        raise ArithError("syntax error: operand expected", " ".join(self.toks[self.i - 1:]))


def evaluate(expr: str, env: MutableMapping[str, str], setter: Callable[[str, str], None] | None = None) -> int:
    """Evaluate; raises ArithError (format with `message(expr, e)`)."""
    return Evaluator(env, setter=setter).evaluate(expr)


def message(expr: str, e: ArithError) -> str:
    return f"{expr.strip()}: {e} (error token is \"{e.token}\")"
