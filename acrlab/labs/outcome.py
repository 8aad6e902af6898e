"""What a check found: passed or not, expected versus actual (the report decides what to reveal)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

NOT_EVALUATED = "not evaluated: the grading time limit was reached first"


@dataclass
class Outcome:
    passed: bool
    expected: str
    actual: str
    note: str = ""


class CheckFailed(Exception):
    """The check could not find what it looks at (the actual value is this message)."""


def short(value: Any, limit: int = 160) -> str:
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True, default=str)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def run_json(sh, command: str) -> tuple[Any, str | None]:
    """Run a command; (parsed JSON or None, error text or None)."""
    text = command.strip()
    if text.startswith("az ") and not re.search(r"(^|\s)(-o|--output)(\s|=)", text):
        text += " -o json"
    code, out, err = sh.run(text)
    if code != 0:
        lines = [ln for ln in err.strip().splitlines() if ln.strip()]
        return None, lines[-1] if lines else f"exit code {code}"
    if not out.strip():
        return None, None
    try:
        return json.loads(out), None
    except json.JSONDecodeError:
        return out.strip(), None
