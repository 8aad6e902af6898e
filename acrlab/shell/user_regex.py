"""Regular expressions written by the learner (pwsh -match/-replace/-split, Select-String, bash [[ =~ ]], ...).

They run on the `regex` package, which avoids most catastrophic backtracking (`^(a+)+$` fails at once) and
takes a timeout: each call gets the time left in the command's budget, and running out stops the command
with the budget's message instead of hanging it, in any thread (the app runs commands off its event loop,
where no signal can interrupt Python's `re`). Patterns and flags are those of `re` (regex's VERSION0).

    rx = user_regex.compile(pattern, re.IGNORECASE)   # raises re.error for a bad pattern, like re.compile
    rx.search(text); rx.sub(repl, text); rx.split(text); rx.finditer(text)
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import regex

from ..engine import budget

_FLAGS = {re.IGNORECASE: regex.IGNORECASE, re.MULTILINE: regex.MULTILINE, re.DOTALL: regex.DOTALL,
          re.VERBOSE: regex.VERBOSE, re.ASCII: regex.ASCII, re.UNICODE: regex.UNICODE}
NO_BUDGET_TIMEOUT = 10.0
"""Seconds one match may take when no command budget is open (a direct API call)."""


def _regex_flags(flags: int) -> int:
    out = 0
    for re_flag, regex_flag in _FLAGS.items():
        if flags & re_flag:
            out |= regex_flag
    return out


class UserPattern:
    """A compiled learner pattern whose every call is bounded by the command's remaining time."""

    __slots__ = ("_rx", "pattern", "flags")

    def __init__(self, rx: Any, pattern: str, flags: int) -> None:
        self._rx = rx
        self.pattern = pattern
        self.flags = flags

    @property
    def groups(self) -> int:
        return self._rx.groups

    @property
    def groupindex(self):
        return self._rx.groupindex

    def _call(self, method: str, *args: Any, **kw: Any) -> Any:
        timeout = budget.seconds_left(NO_BUDGET_TIMEOUT)
        try:
            return getattr(self._rx, method)(*args, timeout=max(timeout, 0.001), **kw)
        except TimeoutError:
            meter = budget.current()
            stop = budget.Stopped("time", f"the regular expression {self.pattern[:60]!r} took too long")
            raise meter._stop(stop) if meter is not None else stop from None

    def search(self, text: str, pos: int = 0) -> Any:
        return self._call("search", text, pos)

    def match(self, text: str, pos: int = 0) -> Any:
        return self._call("match", text, pos)

    def fullmatch(self, text: str, pos: int = 0) -> Any:
        return self._call("fullmatch", text, pos)

    def findall(self, text: str) -> list:
        return self._call("findall", text)

    def finditer(self, text: str) -> list:
        """All matches (a list: the time bound covers the whole scan)."""
        return list(self._call("finditer", text))

    def sub(self, repl: Any, text: str, count: int = 0) -> str:
        return self._call("sub", repl, text, count)

    def subn(self, repl: Any, text: str, count: int = 0) -> tuple[str, int]:
        return self._call("subn", repl, text, count)

    def split(self, text: str, maxsplit: int = 0) -> list:
        return self._call("split", text, maxsplit)


@lru_cache(maxsize=256)
def compile(pattern: str, flags: int = 0) -> UserPattern:  # noqa: A001 - mirrors re.compile
    """Compile like re.compile (re flags; re.error for a bad pattern)."""
    try:
        rx = regex.compile(pattern, _regex_flags(flags) | regex.VERSION0)
    except regex.error as e:
        raise re.error(str(e)) from None
    except (OverflowError, RecursionError, ValueError) as e:
        raise re.error(f"pattern too complex: {e}") from None
    return UserPattern(rx, pattern, flags)


def search(pattern: str, text: str, flags: int = 0) -> Any:
    return compile(pattern, flags).search(text)


def fullmatch(pattern: str, text: str, flags: int = 0) -> Any:
    return compile(pattern, flags).fullmatch(text)
