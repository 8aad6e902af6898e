"""Labs in progress: the app saves an open lab's commands after each one, so quitting (or a browser reload)
loses nothing and the lab can be resumed by replaying them on a fresh tenant (the simulation is deterministic
for a seed). One JSON file per lab under `$ACRLAB_HOME/labs-in-progress/` (no Textual here)."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import platformdirs

SANDBOX = "sandbox"
MAX_BYTES = 5_000_000


def folder() -> Path:
    home = os.environ.get("ACRLAB_HOME")
    return (Path(home) if home else Path(platformdirs.user_data_dir("acrlab"))) / "labs-in-progress"


def _path(scenario_id: str | None) -> Path:
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", scenario_id or SANDBOX)
    return folder() / f"{name}.json"


@dataclass(frozen=True)
class Saved:
    scenario_id: str | None
    title: str
    seed: int
    commands: list[dict]
    saved_at: str

    @property
    def label(self) -> str:
        n = len(self.commands)
        return f"{self.title} ({n} command{'s' if n != 1 else ''}, saved {self.saved_at[:16].replace('T', ' ')}Z)"


def save(scenario_id: str | None, title: str, seed: int, commands: list[dict]) -> Path | None:
    """Write (atomically) what resuming needs; nothing to resume (no command yet) removes the file."""
    path = _path(scenario_id)
    if not commands:
        discard(scenario_id)
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"scenario": scenario_id, "title": title, "seed": seed, "commands": commands,
            "saved_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S")}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
    tmp.replace(path)
    return path


def _read(path: Path) -> Saved | None:
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        commands = [c if isinstance(c, dict) else {"text": str(c)} for c in data["commands"]]
        if not all(isinstance(c.get("text"), str) for c in commands):
            return None
        return Saved(data.get("scenario") or None, str(data.get("title") or data.get("scenario") or "Sandbox"),
                     int(data.get("seed", 0)), commands, str(data.get("saved_at", "")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # unreadable: there is simply nothing to resume


def load(scenario_id: str | None) -> Saved | None:
    return _read(_path(scenario_id))


def latest() -> Saved | None:
    """The lab saved most recently (what the app offers to resume at start)."""
    try:
        files = sorted(folder().glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return None
    for p in files:
        saved = _read(p)
        if saved is not None:
            return saved
    return None


def discard(scenario_id: str | None) -> None:
    try:
        _path(scenario_id).unlink()
    except OSError:
        pass
