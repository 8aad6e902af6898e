"""Key bindings: the defaults, and a user keymap from `$ACRLAB_HOME/keys.toml` (or the user config dir).

keys.toml:

    [keys]
    check = "ctrl+g"        # binding id = comma-separated keys
    help = "f1,question_mark"
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

import platformdirs


@dataclass(frozen=True)
class KeySpec:
    id: str
    key: str
    action: str
    description: str
    where: str = "everywhere"
    show: bool = True


APP_KEYS = [
    KeySpec("help", "f1", "help", "Help"),
    KeySpec("palette", "ctrl+p", "command_palette", "Palette"),
    KeySpec("quit", "ctrl+q", "quit", "Quit"),
    KeySpec("home", "f2", "go('home')", "Home"),
    KeySpec("learn", "f3", "go('learn')", "Learn"),
    KeySpec("labs", "f4", "go('labs')", "Labs"),
    KeySpec("portal", "f5", "go('portal')", "Portal"),
    KeySpec("quiz", "f6", "go('quiz')", "Quiz"),
    KeySpec("exam", "f7", "go('exam')", "Exam"),
    KeySpec("review", "f8", "go('review')", "Review"),
    KeySpec("progress", "f9", "go('progress')", "Progress"),
]

LAB_KEYS = [
    KeySpec("check", "ctrl+g", "check", "Check my work", "lab"),
    KeySpec("hint", "ctrl+t", "hint", "Hint", "lab"),
    KeySpec("advance", "f10", "advance", "Advance clock", "lab"),
    KeySpec("reset", "", "reset", "Reset lab", "lab", show=False),
    KeySpec("export", "ctrl+s", "export", "Export session", "lab"),
    KeySpec("focus_terminal", "ctrl+l", "focus_terminal", "Terminal", "lab"),
    KeySpec("focus_explorer", "ctrl+b", "focus_explorer", "Explorer", "lab"),
]

EXAM_KEYS = [
    KeySpec("exam_next", "ctrl+n", "next", "Next", "exam"),
    KeySpec("exam_prev", "ctrl+b", "prev", "Previous", "exam"),
    KeySpec("exam_flag", "ctrl+f", "flag", "Flag", "exam"),
    KeySpec("exam_grid", "ctrl+o", "grid", "Review grid", "exam"),
    KeySpec("exam_break", "ctrl+t", "take_break", "Break", "exam"),
    KeySpec("exam_finish", "ctrl+s", "finish", "Finish", "exam"),
]

QUIZ_KEYS = [
    KeySpec("quiz_submit", "ctrl+s", "submit", "Submit", "quiz / review"),
    KeySpec("quiz_next", "ctrl+n", "next", "Next question", "quiz / review"),
]

PORTAL_KEYS = [
    KeySpec("portal_create", "ctrl+s", "create", "Review + create", "portal"),
]

# Keys a bash user relies on stay the terminal's: ctrl+r searches the history, ctrl+c interrupts, ctrl+n and
# ctrl+a/ctrl+e are never lab actions. Reset has no default key (the Reset button and the palette ask first);
# keys.toml may give it one.

ALL_KEYS = APP_KEYS + LAB_KEYS + EXAM_KEYS + QUIZ_KEYS + PORTAL_KEYS


def keymap_path() -> Path:
    home = os.environ.get("ACRLAB_HOME")
    base = Path(home) if home else Path(platformdirs.user_config_dir("acrlab"))
    return base / "keys.toml"


def load_keymap(path: Path | None = None) -> tuple[dict[str, str], list[str]]:
    """The user's remaps {binding id: keys} and any problems found (unknown ids, bad file)."""
    path = path or keymap_path()
    if not path.exists():
        return {}, []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        return {}, [f"{path}: {e}"]
    table = data.get("keys", {})
    if not isinstance(table, dict):
        return {}, [f"{path}: [keys] must be a table of binding id = \"key\""]
    known = {k.id for k in ALL_KEYS}
    out: dict[str, str] = {}
    problems: list[str] = []
    for ident, keys in table.items():
        if ident not in known:
            problems.append(f"{path}: unknown binding id {ident!r} (known: {', '.join(sorted(known))})")
        elif not isinstance(keys, str) or not keys.strip():
            problems.append(f"{path}: {ident} must be a string such as \"ctrl+g\"")
        else:
            out[ident] = keys.strip()
    return out, problems


def effective_key(spec: KeySpec, keymap: dict[str, str]) -> str:
    return keymap.get(spec.id, spec.key)
