"""Shell variables beyond a plain dict: readonly and exported attributes, `set -u` for arithmetic, and the one
way to assign (NAME=value, for, read, printf -v, declare, $((x=1))) that honours readonly."""

from __future__ import annotations

import re

from ..engine import budget
from .session import Session

NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
INITIALLY_EXPORTED = frozenset({"HOME", "USER", "SHELL", "PATH", "LANG", "TERM", "PWD", "LOGNAME"})


def readonly(sh: Session) -> set[str]:
    return sh.state.setdefault("readonly", set())


def exported(sh: Session) -> set[str]:
    return sh.state.setdefault("exported", set(INITIALLY_EXPORTED))


def assign(sh: Session, name: str, value: str) -> None:
    """Set a variable; a readonly one is refused with bash's message (the command fails with status 1)."""
    from .bash_expand import ExpansionError

    if name in readonly(sh):
        raise ExpansionError(f"{name}: readonly variable")
    if len(value) > budget.limits().output_bytes:  # `x=$x$x` in a loop: stop before gigabytes, not after
        raise budget.Stopped("memory", f"the value of {name} would be {len(value) // 2**20} MB")
    sh.env[name] = value


def quote_value(value: str) -> str:
    """A value as `declare -p` shows it: in double quotes with \\ " $ ` escaped."""
    return '"' + re.sub(r'([\\"$`])', r"\\\1", value) + '"'


def describe(sh: Session, name: str) -> str:
    flags = ("r" if name in readonly(sh) else "") + ("x" if name in exported(sh) else "")
    value = sh.env.get(name)
    shown = f"declare -{flags or '-'} {name}"
    return shown if value is None else f"{shown}={quote_value(value)}"


class ArithEnv:
    """The variables as $((...)) reads them: under `set -u` an unset name is an error, as in bash."""

    def __init__(self, sh: Session):
        self.sh = sh

    def get(self, name: str, default: str = "") -> str:
        if name in self.sh.env:
            return self.sh.env[name]
        if self.sh.state.get("nounset"):
            from .bash_expand import UnboundVariable

            raise UnboundVariable(f"{name}: unbound variable")
        return default

    def __getitem__(self, name: str) -> str:
        return self.get(name)

    def __contains__(self, name: object) -> bool:
        return name in self.sh.env
