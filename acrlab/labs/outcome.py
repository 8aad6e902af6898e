"""What a check found: passed or not, expected versus actual (the report decides what to reveal)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

NOT_EVALUATED = "not evaluated: the grading time limit was reached first"
BLOCKED = "earned once this passes too: "
"""How a check whose own condition holds, but whose `requires` fails, is reported (then the failing title)."""


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


HINT_PREFIXES = ("To learn more about --query", "Run 'az", "Try this:", "Read more about the command")


def error_line(stderr: str) -> str:
    """The line of a failed command's stderr that says what went wrong: az's `ERROR:` line, else the last line
    that is not one of az's hints."""
    lines = [ln.strip() for ln in (stderr or "").strip().splitlines() if ln.strip()]
    errors = [ln for ln in lines if ln.startswith("ERROR:")]
    if errors:
        return _deployment_error(errors[0]) or errors[0]
    useful = [ln for ln in lines if not ln.startswith(HINT_PREFIXES)]
    return (useful or lines or [""])[-1]


def _deployment_error(line: str) -> str | None:
    """az prints a failed deployment as one JSON document whose top message only says to list the deployment
    operations; the reasons are in its `details`. 'ERROR: DeploymentFailed: PrincipalNotFound: Principal ...'."""
    try:
        error = json.loads(line.removeprefix("ERROR:").strip()).get("error")
    except (ValueError, AttributeError):
        return None
    if not isinstance(error, dict):
        return None
    reasons: list[str] = []

    def walk(e: dict) -> None:
        details = [d for d in e.get("details") or [] if isinstance(d, dict)]
        if not details:
            reasons.append(f"{e.get('code', 'Error')}: {e.get('message', '')}".strip())
        for d in details:
            walk(d)

    if error.get("details"):
        walk(error)
    else:
        reasons.append(str(error.get("message", "")))
    return f"ERROR: {error.get('code', 'Error')}: " + " | ".join(reasons)


def run_json(sh, command: str) -> tuple[Any, str | None]:
    """Run a command; (parsed JSON or None, error text or None)."""
    text = command.strip()
    if text.startswith("az ") and not re.search(r"(^|\s)(-o|--output)(\s|=)", text):
        text += " -o json"
    code, out, err = sh.run(text)
    if code != 0:
        return None, error_line(err) or f"exit code {code}"
    if not out.strip():
        return None, None
    try:
        return json.loads(out), None
    except json.JSONDecodeError:
        return out.strip(), None
