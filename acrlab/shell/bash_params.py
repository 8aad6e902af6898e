"""Parameter expansion: $NAME, positional and special parameters, and the ${...} operators learners use:
${#x} ${x:-w} ${x-w} ${x:=w} ${x:+w} ${x:?msg} ${x#p} ${x##p} ${x%p} ${x%%p} ${x/p/r} ${x//p/r}
${x:off:len} ${x^^} ${x,,} ${x^} ${x,} ${!x}; `set -u` makes an unset one an error."""

from __future__ import annotations

import fnmatch
import re

from .session import IO, Session

_NAME = r"(?:[A-Za-z_][A-Za-z_0-9]*|\d+|[?#$!@*])"
_OPS = re.compile(rf"^({_NAME})(:-|:=|:\+|:\?|-|=|\+|\?|##|#|%%|%|//|/|\^\^|,,|\^|,|:)(.*)$", re.S)


def _raw(sh: Session, name: str) -> str | None:
    """The value, or None when unset."""
    from .executor import positional

    args = positional(sh)
    if name == "?":
        return str(sh.last_exit)
    if name == "#":
        return str(len(args))
    if name in ("@", "*"):
        return " ".join(args)
    if name == "$":
        return "4242"
    if name == "!":
        return ""
    if name == "0":
        return "bash"
    if name.isdigit():
        return args[int(name) - 1] if len(name) < 10 and int(name) <= len(args) else None
    if name == "PWD":
        return sh.host.cwd
    if name == "RANDOM":
        return str(int(sh.cloud.ids.hex(4), 16) % 32768)
    return sh.env.get(name)


def _word(sh: Session, text: str, io: IO) -> str:
    from .executor import expand_text

    return expand_text(sh, text, io)


def _strip(value: str, pattern: str, op: str) -> str:
    if op in ("#", "##"):
        rng = range(len(value) + 1) if op == "#" else range(len(value), -1, -1)
        for i in rng:
            if fnmatch.fnmatchcase(value[:i], pattern):
                return value[i:]
        return value
    rng = range(len(value), -1, -1) if op == "%" else range(len(value) + 1)
    for i in rng:
        if fnmatch.fnmatchcase(value[i:], pattern):
            return value[:i]
    return value


def _replace(value: str, spec: str, every: bool) -> str:
    """${x/p/r} ${x//p/r}, and ${x/#p/r} ${x/%p/r} anchored at the start / end."""
    pattern, _, repl = spec.partition("/")
    anchor = ""
    if not every and pattern[:1] in ("#", "%"):
        anchor, pattern = pattern[0], pattern[1:]
    if not pattern and not anchor:
        return value
    body = fnmatch.translate(pattern).removesuffix(r"\Z").removeprefix("(?s:").removesuffix(")")
    rx = re.compile(("^" if anchor == "#" else "") + f"(?:{body})" + ("$" if anchor == "%" else ""), re.S)
    return rx.sub(lambda m: repl, value, count=0 if every else 1)


def _unset(sh: Session, name: str):
    """Under `set -u`: bash's error for an unset parameter ($@ and $* are exempt)."""
    from .bash_expand import UnboundVariable

    if sh.state.get("nounset") and name not in ("@", "*"):
        raise UnboundVariable(f"${name}: unbound variable" if name.isdigit() else f"{name}: unbound variable")


def parameter(sh: Session, name: str, io: IO) -> str:
    from .executor import ExpansionError

    if re.fullmatch(_NAME, name):
        value = _raw(sh, name)
        if value is None:
            _unset(sh, name)
        return value or ""
    if name.startswith("#") and re.fullmatch(_NAME, name[1:]):
        value = _raw(sh, name[1:])
        if value is None:
            _unset(sh, name[1:])
        return str(len(value or ""))
    if name.startswith("!") and re.fullmatch(_NAME, name[1:]):  # ${!ref}: the variable named by ref
        target = _raw(sh, name[1:]) or ""
        if not re.fullmatch(_NAME, target):
            raise ExpansionError(f"{target}: invalid variable name" if target else f"{name[1:]}: invalid indirect expansion")
        return parameter(sh, target, io)
    m = _OPS.match(name)
    if not m:
        raise ExpansionError(f"${{{name}}}: bad substitution")
    var, op, arg = m.groups()
    value = _raw(sh, var)
    empty = not value
    if op in (":-", "-"):
        return _word(sh, arg, io) if (empty if op == ":-" else value is None) else value or ""
    if op in (":=", "="):
        if empty if op == ":=" else value is None:
            if not re.fullmatch(r"[A-Za-z_]\w*", var):
                raise ExpansionError(f"${var}: cannot assign in this way")
            from .bash_vars import assign

            assign(sh, var, _word(sh, arg, io))
            return sh.env[var]
        return value or ""
    if op in (":+", "+"):
        return _word(sh, arg, io) if not (empty if op == ":+" else value is None) else ""
    if op in (":?", "?"):
        if empty if op == ":?" else value is None:
            raise ExpansionError(f"{var}: {_word(sh, arg, io) or 'parameter null or not set'}")
        return value or ""
    if value is None:
        _unset(sh, var)
    value = value or ""
    if op in ("#", "##", "%", "%%"):
        return _strip(value, _word(sh, arg, io), op)
    if op in ("/", "//"):
        return _replace(value, _word(sh, arg, io), op == "//")
    if op == "^^":
        return value.upper()
    if op == ",,":
        return value.lower()
    if op == "^":
        return value[:1].upper() + value[1:]
    if op == ",":
        return value[:1].lower() + value[1:]
    # ${x:offset} / ${x:offset:length}
    off_s, _, len_s = arg.partition(":")
    try:
        off = _offset(off_s)
        if off < 0:
            off = max(len(value) + off, 0)
        if not len_s:
            return value[off:]
        length = _offset(len_s)
    except ValueError:
        raise ExpansionError(f"{arg}: syntax error: operand expected") from None
    end = off + length if length >= 0 else len(value) + length
    if end < off:
        raise ExpansionError(f"{len_s}: substring expression < 0")
    return value[off:end]


def _offset(text: str) -> int:
    """A ${x:offset:length} number; past any string's length it is as good as the largest."""
    t = text.strip() or "0"
    if len(t.lstrip("+-")) > 18 and t.lstrip("+-").isdigit():
        return -10**18 if t.startswith("-") else 10**18
    return int(t)
