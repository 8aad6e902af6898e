"""Submissions are data: read with bounds, told apart by kind, replayed by the lab shell (never the host).

Kinds: `bash` (a script or a transcript: when lines start with `$ ` only those are commands, with `> `
continuation lines), `pwsh` (.ps1), `bicep`, `arm` (JSON with a deploymentTemplate `$schema`), and
`tui` (a session export: {"scenario", "seed", "commands": [{"shell", "text"}]}).
"""

from __future__ import annotations

import codecs
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .budget import TIME_LIMIT, Deadline, TimeLimit  # noqa: F401  (importable from here too)

MAX_BYTES = 256 * 1024
MAX_COMMANDS = 2000
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
    answers: dict[int, list[str]] = field(default_factory=dict)
    """Index in `commands` -> the answers given at that command's prompts (session exports, transcripts)."""
    notes: list[str] = field(default_factory=list)
    """How the file was read (encoding, line endings): shown to the teacher and the student."""


KIND_ALIASES = {"ps1": "pwsh", "powershell": "pwsh", "sh": "bash", "json": None}
"""Names a teacher may use for a kind (the file extension or the language); json is told apart by content."""


def read_input(source: str | os.PathLike, kind: str | None = None) -> tuple[str, str, list[str]]:
    """(text, name, notes): a path is read (bounded; Windows encodings understood); any other string is the
    submission itself."""
    looks_like_path = isinstance(source, str) and "\n" not in source and 0 < len(source) < 4096 and (
        _exists(source) or (" " not in source and Path(source).suffix.lower() in (*EXTENSIONS, ".json")))
    if isinstance(source, os.PathLike) or looks_like_path:
        path = Path(source)
        text, notes = decode(read_bounded(path), str(path))
        return text, str(path), notes
    if isinstance(source, bytes):
        text, notes = decode(source, "<submission>")
        return text, "<submission>", notes
    if len(source.encode("utf-8", "replace")) > MAX_BYTES:
        raise SubmissionError(f"the submission is over the {MAX_BYTES // 1024} KB limit")
    return source, "<submission>", []


def read_bounded(path: Path, limit: int = MAX_BYTES) -> bytes:
    """At most `limit` bytes of a file, a pipe or a device (/dev/stdin works, /dev/zero cannot fill memory)."""
    try:
        if path.is_dir():
            raise SubmissionError(f"{path} is a directory, not a submission file (give the file inside it, or "
                                  "grade the folder with `acrlab class grade`)")
        if path.is_file() and path.stat().st_size > limit:
            raise SubmissionError(f"{path}: {path.stat().st_size} bytes is over the {limit // 1024} KB limit")
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except OSError as e:
        raise SubmissionError(f"cannot read {path}: {e.strerror or e}") from None
    if len(data) > limit:
        raise SubmissionError(f"{path}: over the {limit // 1024} KB limit")
    return data


def _exists(source: str) -> bool:
    try:
        return Path(source).exists()
    except (OSError, ValueError):
        return False


_BOMS = [(codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
         (codecs.BOM_UTF8, "utf-8", "UTF-8 with a byte-order mark"),
         (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 with a byte-order mark (as Windows PowerShell 5.1 writes it)"),
         (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 (big-endian) with a byte-order mark")]


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM: ASCII-range text has a NUL in every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _looks_binary(text: str) -> bool:
    """Control characters, or (for a wide encoding read wrongly) mostly CJK-range characters."""
    if not text:
        return False
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\x0b\x0c\x1b")
    wide = sum(1 for ch in text if ord(ch) > 0x2FFF)
    return controls > max(2, len(text) // 100) or wide > 0.3 * len(text)


def decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """Text of a submission and notes on how it was read: UTF-8 (with or without BOM), UTF-16/32 with a BOM,
    BOM-less UTF-16, Windows-1252/Latin-1; CRLF and lone CR line endings become LF. Binary data is refused."""
    if len(data) > MAX_BYTES:
        raise SubmissionError(f"{name}: over the {MAX_BYTES // 1024} KB limit")
    notes: list[str] = []
    text = None
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                raise SubmissionError(f"{name}: starts with a {label.split(' (')[0]} mark but is not valid "
                                      f"{codec.upper()} text") from None
            notes.append(f"{Path(name).name}: read as {label}")
            break
    if text is None:
        codec = _utf16_without_bom(data) if b"\x00" in data else None
        if codec is not None:
            try:
                text = data.decode(codec)
                notes.append(f"{Path(name).name}: read as {codec.upper()} text without a byte-order mark")
            except UnicodeDecodeError:
                text = None
        if text is None and b"\x00" in data:
            raise SubmissionError(f"{name}: binary data (NUL bytes), not a text submission")
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
                notes.append(f"{Path(name).name}: not UTF-8; read as Windows-1252 (Western European) text")
            except UnicodeDecodeError:
                text = data.decode("latin-1")
                notes.append(f"{Path(name).name}: not UTF-8; read as Latin-1 (ISO-8859-1) text")
    if "\x00" in text or _looks_binary(text):
        raise SubmissionError(f"{name}: binary data, not a text submission (not readable as UTF-8, UTF-16 or "
                              "Windows-1252 text)")
    if "\r" in text:
        crlf = "\r\n" in text
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        notes.append(f"{Path(name).name}: {'Windows (CRLF)' if crlf else 'old Mac (CR)'} line endings read as LF")
    return text, notes


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


_ANSWER = re.compile(r"\(y/n\):\s*(y|n|yes|no)\s*$", re.I)


def strip_transcript(text: str) -> str:
    """Keep only commands of a terminal transcript (`$ cmd`, `> continued`); a plain script is unchanged."""
    return transcript_parts(text)[0]


def transcript_parts(text: str) -> tuple[str, list[str]]:
    """(commands, answers typed at az's y/n prompts, in order) of a terminal transcript."""
    lines = text.split("\n")
    if not any(ln.startswith("$ ") or ln == "$" for ln in lines):
        return text, []
    out: list[str] = []
    answers: list[str] = []
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
        else:
            m = _ANSWER.search(ln)
            if m:
                answers.append(m.group(1).lower()[:1])
    return "\n".join(out) + "\n", answers


def parse_submission(source, kind: str | None = None) -> Submission:
    text, name, notes = read_input(source, kind)
    kind = KIND_ALIASES.get(kind, kind) if kind else kind
    if kind is not None and kind not in KINDS:
        raise SubmissionError(f"unknown submission kind {kind!r}: use one of {', '.join(KINDS)}")
    kind = kind or detect_kind(text, name)
    sub = Submission(kind=kind, text=text, name=name, notes=notes)
    if kind == "bash":
        sub.text, answers = transcript_parts(text)
        sub.commands = [("bash", sub.text)]
        if answers:
            sub.answers = {0: answers}
    elif kind == "pwsh":
        sub.commands = [("pwsh", text)]
    elif kind == "tui":
        sub.commands, sub.seed, sub.scenario, sub.answers = parse_export(text, name)
    elif kind == "arm":
        try:
            json.loads(text)
        except json.JSONDecodeError as e:
            raise SubmissionError(f"{name}: invalid JSON at line {e.lineno}: {e.msg}") from None
    if kind in ("bash", "pwsh") and not any(ln.strip() and not ln.lstrip().startswith("#")
                                             for ln in sub.text.splitlines()):
        what = "is empty" if not text.strip() else "has no commands (only comments)"
        sub.notes.append(f"{Path(name).name} {what}: nothing was run")
    return sub


def parse_export(text: str, name: str) -> tuple[list[tuple[str, str]], int | None, str | None, dict]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise SubmissionError(f"{name}: invalid JSON at line {e.lineno}: {e.msg}") from None
    if not isinstance(data, dict) or not isinstance(data.get("commands"), list):
        raise SubmissionError(f"{name}: a session export needs a 'commands' list")
    cmds, recorded = [], {}
    for i, c in enumerate(data["commands"]):
        if isinstance(c, str):
            c = {"shell": "bash", "text": c}
        if not isinstance(c, dict) or not isinstance(c.get("text"), str) or c.get("shell", "bash") not in ("bash", "pwsh"):
            raise SubmissionError(f"{name}: commands[{i}] must be {{'shell': 'bash'|'pwsh', 'text': '...'}}")
        answers = c.get("answers")
        if answers is not None:
            if not isinstance(answers, list) or not all(isinstance(a, str) for a in answers):
                raise SubmissionError(f"{name}: commands[{i}].answers must be a list of strings")
            recorded[len(cmds)] = answers
        cmds.append((c.get("shell", "bash"), c["text"]))
    if len(cmds) > MAX_COMMANDS:
        raise SubmissionError(f"{name}: {len(cmds)} commands is over the limit of {MAX_COMMANDS}")
    seed = data.get("seed")
    if seed is not None and (not isinstance(seed, int) or isinstance(seed, bool)):
        raise SubmissionError(f"{name}: 'seed' must be an integer")
    scenario = data.get("scenario")
    return cmds, seed, scenario if isinstance(scenario, str) else None, recorded
