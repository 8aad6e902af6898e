"""Submissions are data: read with bounds, told apart by kind, replayed by the lab shell (never the host).

Kinds: `bash` (a script or a transcript: when lines start with `$ ` only those are commands, with `> `
continuation lines), `pwsh` (.ps1), `bicep`, `arm` (JSON with a deploymentTemplate `$schema`), and
`tui` (a session export: {"scenario", "seed", "commands": [{"shell", "text"}]}).
"""

from __future__ import annotations

import json
import os
import re
import signal
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

MAX_BYTES = 256 * 1024
MAX_COMMANDS = 2000
TIME_LIMIT = 20.0
"""Seconds of lab time (real CPU time of the simulator) one submission may take."""
KINDS = ("bash", "pwsh", "bicep", "arm", "tui")
EXTENSIONS = {".sh": "bash", ".bash": "bash", ".txt": "bash", ".ps1": "pwsh", ".bicep": "bicep"}


class SubmissionError(ValueError):
    """The submission cannot be read or understood (exit code 2)."""


@dataclass
class Submission:
    kind: str
    text: str
    name: str = "<submission>"
    commands: list[tuple[str, str]] = field(default_factory=list)
    """(shell, text) pairs to run, in order (bash/pwsh/tui)."""
    seed: int | None = None
    scenario: str | None = None


KIND_ALIASES = {"ps1": "pwsh", "powershell": "pwsh", "sh": "bash", "json": None}
"""Names a teacher may use for a kind (the file extension or the language); json is told apart by content."""


def read_input(source: str | os.PathLike, kind: str | None = None) -> tuple[str, str]:
    """(text, name): a path is read (bounded, UTF-8); any other string is the submission itself."""
    looks_like_path = isinstance(source, str) and "\n" not in source and 0 < len(source) < 4096 and (
        _is_file(source) or (" " not in source and Path(source).suffix.lower() in (*EXTENSIONS, ".json")))
    if isinstance(source, os.PathLike) or looks_like_path:
        path = Path(source)
        try:
            if path.is_dir():
                raise SubmissionError(f"{path} is a directory, not a submission file")
            size = path.stat().st_size
            if size > MAX_BYTES:
                raise SubmissionError(f"{path}: {size} bytes is over the {MAX_BYTES // 1024} KB limit")
            data = path.read_bytes()
        except OSError as e:
            raise SubmissionError(f"cannot read {path}: {e.strerror or e}") from None
        return decode(data, str(path)), str(path)
    if isinstance(source, bytes):
        return decode(source, "<submission>"), "<submission>"
    if len(source.encode("utf-8", "replace")) > MAX_BYTES:
        raise SubmissionError(f"the submission is over the {MAX_BYTES // 1024} KB limit")
    return source, "<submission>"


def _is_file(source: str) -> bool:
    try:
        return Path(source).is_file()
    except (OSError, ValueError):
        return False


def decode(data: bytes, name: str) -> str:
    if len(data) > MAX_BYTES:
        raise SubmissionError(f"{name}: over the {MAX_BYTES // 1024} KB limit")
    if b"\x00" in data:
        raise SubmissionError(f"{name}: binary data (NUL bytes), not a text submission")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SubmissionError(f"{name}: not UTF-8 text") from None
    return text.replace("\r\n", "\n")


def detect_kind(text: str, name: str) -> str:
    ext = Path(name).suffix.lower()
    if ext in EXTENSIONS:
        return EXTENSIONS[ext]
    stripped = text.lstrip()
    if ext == ".json" or stripped.startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise SubmissionError(f"{name}: invalid JSON at line {e.lineno} column {e.colno}: {e.msg}") from None
        if isinstance(data, dict) and "deploymentTemplate" in str(data.get("$schema", "")):
            return "arm"
        if isinstance(data, dict) and "commands" in data:
            return "tui"
        raise SubmissionError(f"{name}: JSON that is neither an ARM template (no deploymentTemplate $schema) "
                              "nor a session export (no 'commands')")
    if re.search(r"^\s*resource\s+\w+\s+'Microsoft\.[^']+@[\d-]+(-preview)?'", text, re.M):
        return "bicep"
    if re.search(r"^\s*(New|Get|Set|Update|Remove|Connect|Import)-Az\w+", text, re.M) and \
            not re.search(r"^\s*(\$ )?(az|docker|kubectl) ", text, re.M):
        return "pwsh"
    return "bash"


def strip_transcript(text: str) -> str:
    """Keep only commands of a terminal transcript (`$ cmd`, `> continued`); a plain script is unchanged."""
    lines = text.split("\n")
    if not any(ln.startswith("$ ") or ln == "$" for ln in lines):
        return text
    out: list[str] = []
    continuing = False
    for ln in lines:
        if ln.startswith("$ ") or ln == "$":
            out.append(ln[2:])
            continuing = ln.rstrip().endswith("\\")
        elif ln.startswith("> ") and out:
            out.append(ln[2:])
            continuing = ln.rstrip().endswith("\\")
        elif continuing:
            out.append(ln)
            continuing = ln.rstrip().endswith("\\")
    return "\n".join(out) + "\n"


def parse_submission(source, kind: str | None = None) -> Submission:
    text, name = read_input(source, kind)
    kind = KIND_ALIASES.get(kind, kind) if kind else kind
    if kind is not None and kind not in KINDS:
        raise SubmissionError(f"unknown submission kind {kind!r}: use one of {', '.join(KINDS)}")
    kind = kind or detect_kind(text, name)
    sub = Submission(kind=kind, text=text, name=name)
    if kind == "bash":
        sub.text = strip_transcript(text)
        sub.commands = [("bash", sub.text)]
    elif kind == "pwsh":
        sub.commands = [("pwsh", text)]
    elif kind == "tui":
        sub.commands, sub.seed, sub.scenario = parse_export(text, name)
    elif kind == "arm":
        try:
            json.loads(text)
        except json.JSONDecodeError as e:
            raise SubmissionError(f"{name}: invalid JSON at line {e.lineno}: {e.msg}") from None
    return sub


def parse_export(text: str, name: str) -> tuple[list[tuple[str, str]], int | None, str | None]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise SubmissionError(f"{name}: invalid JSON at line {e.lineno}: {e.msg}") from None
    if not isinstance(data, dict) or not isinstance(data.get("commands"), list):
        raise SubmissionError(f"{name}: a session export needs a 'commands' list")
    cmds = []
    for i, c in enumerate(data["commands"]):
        if isinstance(c, str):
            c = {"shell": "bash", "text": c}
        if not isinstance(c, dict) or not isinstance(c.get("text"), str) or c.get("shell", "bash") not in ("bash", "pwsh"):
            raise SubmissionError(f"{name}: commands[{i}] must be {{'shell': 'bash'|'pwsh', 'text': '...'}}")
        cmds.append((c.get("shell", "bash"), c["text"]))
    if len(cmds) > MAX_COMMANDS:
        raise SubmissionError(f"{name}: {len(cmds)} commands is over the limit of {MAX_COMMANDS}")
    seed = data.get("seed")
    if seed is not None and (not isinstance(seed, int) or isinstance(seed, bool)):
        raise SubmissionError(f"{name}: 'seed' must be an integer")
    scenario = data.get("scenario")
    return cmds, seed, scenario if isinstance(scenario, str) else None


class TimeLimit(BaseException):
    """Raised by the alarm; a BaseException so that no `except Exception` in the simulator swallows it."""

    pass


class Deadline:
    """A wall-clock bound on replaying one submission: an alarm where signals work, else checked between commands."""

    def __init__(self, seconds: float = TIME_LIMIT) -> None:
        self.seconds = seconds
        self.start = time.monotonic()
        self._armed = False

    def __enter__(self):
        if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
            self._old = signal.signal(signal.SIGALRM, self._fire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
            self._armed = True
        return self

    def _fire(self, *_):
        raise TimeLimit()

    def check(self) -> None:
        if time.monotonic() - self.start > self.seconds:
            raise TimeLimit()

    def __exit__(self, *exc):
        if self._armed:
            self._armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._old)
        return False
