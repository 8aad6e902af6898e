"""bash's printf builtin: escapes, %s %d %i %u %o %x %X %f %e %g %c %b %q %%, flags, width and precision
(also `*`), the format reused while arguments remain, `printf -v NAME`."""

from __future__ import annotations

import re

from ...engine import budget
from ..session import IO, Session

SPEC = re.compile(r"%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([a-zA-Z%])?")
ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "r": "\r", "v": "\v", '"': '"',
           "'": "'", "e": "\x1b", "E": "\x1b"}
ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{1,2}|u[0-9A-Fa-f]{1,4}|U[0-9A-Fa-f]{1,8}|0?[0-7]{1,3}|.)", re.S)
MAX_OUT = 1_000_000


class _Stop(Exception):
    """\\c in a %b argument: no further output."""


def _escape(e: str) -> str:
    if e[0] in "xuU":
        return chr(min(int(e[1:], 16), 0x10FFFF))
    if e[0].isdigit():
        return chr(int(e, 8) & 0xFF)
    return ESCAPES.get(e, "\\" + e)


def escapes(text: str, in_b: bool = False) -> str:
    """Backslash escapes of a format (and of a %b argument, where \\c stops all further output)."""
    out: list[str] = []
    pos = 0
    for m in ESCAPE.finditer(text):
        out.append(text[pos:m.start()])
        pos = m.end()
        if m.group(1) == "c" and in_b:
            raise _Stop("".join(out))
        out.append(_escape(m.group(1)))
    out.append(text[pos:])
    return "".join(out)


def shell_quote(s: str) -> str:
    """printf %q: backslash-escape what the shell would treat specially ('' for the empty string)."""
    if s == "":
        return "''"
    if any(ord(c) < 32 for c in s):
        return "$'" + "".join({"\n": "\\n", "\t": "\\t", "'": "\\'", "\\": "\\\\"}.get(c, c) for c in s) + "'"
    return re.sub(r"([^A-Za-z0-9_./,:=@%^+-])", r"\\\1", s)


class Formatter:
    def __init__(self, args: list[str], io: IO):
        self.args = args
        self.k = 0
        self.io = io
        self.status = 0

    def take(self) -> str | None:
        if self.k < len(self.args):
            self.k += 1
            return self.args[self.k - 1]
        return None

    def number(self, raw: str | None, floating: bool = False):
        if raw is None or raw == "":
            return 0.0 if floating else 0
        text = raw.strip()
        if text[:1] in ("'", '"'):
            return ord(text[1]) if len(text) > 1 else 0
        try:
            if floating:
                return float(text)
            m = re.fullmatch(r"([+-]?)(0[xX][0-9A-Fa-f]+|0[0-7]*|[1-9]\d*)", text)
            if m:
                return self._integer(raw, m.group(1) == "-", m.group(2))
        except ValueError:
            pass
        lead = re.match(r"[+-]?\d+(\.\d*)?" if floating else r"([+-]?)(\d+)", text)
        self.io.err(f"bash: printf: {raw}: invalid number")
        self.status = 1
        if lead:
            if floating:
                return float(lead.group(0))
            return self._integer(raw, lead.group(1) == "-", lead.group(2), warn=False)
        return 0.0 if floating else 0

    def _integer(self, raw: str, negative: bool, body: str, warn: bool = True) -> int:
        """A decimal, 0x hex or 0 octal integer; past 64 bits bash warns and uses the nearest limit."""
        base = 16 if body[:2].lower() == "0x" else 8 if body.startswith("0") and len(body) > 1 else 10
        digits = body[2:] if base == 16 else body
        if base == 8:  # strtoimax stops at the first digit that is not octal ("08" reads 0)
            digits = re.match(r"[0-7]*", digits).group(0) or "0"
        value = int(digits, base) if len(digits.lstrip("0")) <= 25 else 1 << 64
        if value > (1 << 63) - (0 if negative else 1):
            if warn:
                self.io.err(f"bash: printf: {raw}: Numerical result out of range")
                self.status = 1
            return -(1 << 63) if negative else (1 << 63) - 1
        return -value if negative else value

    def one(self, m: re.Match) -> str:
        flags, width, prec, conv = m.groups()
        if conv == "%":
            return "%"
        if width == "*":
            width = str(self.number(self.take()))
        if prec == "*":
            prec = str(self.number(self.take()))
        for size, what in ((width, "the printf field width"), (prec, "the printf precision")):
            if size:
                budget.check_size(int(size.lstrip("-")[:20] or 0), what)
        if width and width.startswith("-"):
            flags, width = flags + "-", width[1:]
        spec = "%" + flags + (width or "") + ("." + prec if prec is not None else "")
        arg = self.take()
        if conv in "sbq":
            text = arg or ""
            if conv == "b":
                text = escapes(text, in_b=True)
            elif conv == "q":
                text = shell_quote(text)
            return (spec + "s") % text
        if conv == "c":
            return (("%" + flags + (width or "")) + "s") % (arg or "")[:1]
        if conv in "diouxX":
            value = self.number(arg)
            if conv in "uoxX" and value < 0:
                value += 1 << 64
            return (spec + ("d" if conv in "diu" else conv)) % value
        return (spec + conv) % self.number(arg, floating=True)


def render(fmt: str, args: list[str], io: IO) -> tuple[str, int]:
    """The whole output of `printf FMT ARGS...` and its status."""
    for m in SPEC.finditer(fmt):
        conv = m.group(4)
        if conv is None or conv not in "%sbqcdiouxXfFeEgG":
            shown = conv or ""
            io.err(f"bash: printf: `{shown}': invalid format character" if shown else
                   "bash: printf: `%': missing format character")
            return "", 1
    f = Formatter(args, io)
    out: list[str] = []
    size = 0
    while True:
        pos = 0
        start_k = f.k
        for m in SPEC.finditer(fmt):
            out.append(escapes(fmt[pos:m.start()]))
            try:
                out.append(f.one(m))
            except _Stop as stop:
                out.append(stop.args[0])
                return "".join(out), f.status
            pos = m.end()
            size += len(out[-1])
        out.append(escapes(fmt[pos:]))
        if f.k >= len(args) or f.k == start_k or size > MAX_OUT:
            break
    return "".join(out), f.status


def printf(sh: Session, argv: list[str], io: IO) -> int:
    args = list(argv)
    var = None
    if args[:1] == ["-v"]:
        if len(args) < 2:
            io.err("bash: printf: -v: option requires an argument\nprintf: usage: printf [-v var] format [arguments]")
            return 2
        var = args[1]
        args = args[2:]
        if not re.fullmatch(r"[A-Za-z_]\w*", var):
            io.err(f"bash: printf: `{var}': not a valid identifier")
            return 2
    if args[:1] == ["--"]:
        args = args[1:]
    elif args and args[0].startswith("-") and len(args[0]) > 1:
        io.err(f"bash: printf: {args[0][:2]}: invalid option\nprintf: usage: printf [-v var] format [arguments]")
        return 2
    if not args:
        io.err("printf: usage: printf [-v var] format [arguments]")
        return 2
    text, status = render(args[0], args[1:], io)
    if var is not None:
        from ..bash_vars import assign

        assign(sh, var, text)
    else:
        io.out(text, end="")
    return status


PROGRAMS = {"printf": printf}
