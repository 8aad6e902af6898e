"""Find each student's submission in a class folder as teachers receive it.

SUBMISSIONS_DIR holds one entry per student: a file (`alice.sh`: the stem is the student id) or a folder
(`bob/...`: the folder name is the id). In a folder, the submission is found wherever it is nested:
- candidates are files with a submission extension (.sh .bash .txt .ps1 .bicep .json), except notes
  (README, NOTES, TODO, LICENSE, CHANGELOG... and every .md), hidden files and folders, and OS litter;
- with several candidates: those matching a `--pick` glob (on the path inside the folder, e.g. `answer.*` or
  `*.ps1`) if given, else all of them; of those the newest (modification time) wins, then the submission kinds'
  priority, then the name. The report names the file graded and what was left aside.
Nothing is opened while looking: symlinks that lead outside the submissions folder are not followed, and FIFOs,
devices, sockets, dangling links and loops get a row with the reason instead of a grade.
"""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .submission import SubmissionError

PRIORITY = [".json", ".bicep", ".ps1", ".sh", ".bash", ".txt"]
NOTE_NAMES = re.compile(r"^(readme|notes?|todo|license|licence|changelog|feedback|comments?)([._-].*)?$", re.I)
LITTER = {"__MACOSX", ".DS_Store", "Thumbs.db", "desktop.ini", ".git", "node_modules", "__pycache__"}
MAX_DEPTH = 8
MAX_FILES = 2000
"""Files looked at in one student's folder (a folder with more is reported, not walked further)."""


@dataclass
class Found:
    student: str
    path: Path | None = None
    """The file to grade (None: nothing gradable; `error` says why)."""
    error: str | None = None
    shown: str = ""
    """The file as the teacher sees it, relative to the submissions folder (`bob/week3/answer.sh`)."""
    notes: list[str] = field(default_factory=list)


def _kind_of(mode: int) -> str | None:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return None


def _inside(root: Path, path: Path) -> bool:
    try:
        path.resolve(strict=True).relative_to(root)
        return True
    except (OSError, ValueError, RuntimeError):
        return False


def _regular(root: Path, path: Path) -> str | None:
    """None when `path` is a regular file we may read (links resolved inside `root`), else the reason."""
    try:
        if path.is_symlink():
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                return "a dangling or looping symbolic link"
            if not _inside(root, path):
                return f"a symbolic link to {target}, outside the submissions folder (not followed)"
        st = path.stat()
    except OSError as e:
        return f"unreadable ({e.strerror or e})"
    weird = _kind_of(st.st_mode)
    if weird:
        return weird
    if not stat.S_ISREG(st.st_mode):
        return "not a regular file"
    return None


def is_candidate(name: str) -> bool:
    p = Path(name)
    return (p.suffix.lower() in PRIORITY and not name.startswith(".") and p.suffix.lower() != ".md"
            and not NOTE_NAMES.match(name))


def _walk(root: Path, folder: Path) -> tuple[list[Path], list[str]]:
    """Candidate files under `folder` (no directory symlinks followed), and notes about what was skipped."""
    found, notes, seen = [], [], 0
    base_depth = len(folder.parts)
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        d = Path(dirpath)
        dirnames[:] = sorted(n for n in dirnames if n not in LITTER and not n.startswith(".")
                             and len(d.parts) - base_depth < MAX_DEPTH)
        for name in sorted(filenames):
            seen += 1
            if seen > MAX_FILES:
                notes.append(f"more than {MAX_FILES} files in the folder: the rest were not looked at")
                return found, notes
            if name in LITTER or not is_candidate(name):
                continue
            path = d / name
            why = _regular(root, path)
            if why:
                notes.append(f"skipped {path.relative_to(root)}: {why}")
                continue
            found.append(path)
    return found, notes


def choose(root: Path, folder: Path, pick: list[str] | None = None) -> tuple[Path | None, list[str]]:
    files, notes = _walk(root, folder)
    if not files:
        return None, notes
    rel = {f: f.relative_to(folder).as_posix() for f in files}
    pool = files
    if pick:
        picked = [f for f in files if any(fnmatch.fnmatch(rel[f], p) or fnmatch.fnmatch(f.name, p) for p in pick)]
        if picked:
            pool = picked
        else:
            notes.append(f"no file matches --pick {' '.join(pick)}: chose among all candidates")

    def key(f: Path):
        try:
            mtime = f.stat().st_mtime
        except OSError:
            mtime = 0.0
        return (-mtime, PRIORITY.index(f.suffix.lower()), rel[f])

    ranked = sorted(pool, key=key)
    chosen = ranked[0]
    if len(files) > 1:
        why = "matches --pick" if pick and pool is not files else "the newest"
        others = ", ".join(rel[f] for f in files if f != chosen)
        notes.append(f"{len(files)} candidate files: graded {rel[chosen]} ({why}); ignored {others}")
    return chosen, notes


def find_submissions(directory: Path, pick: list[str] | None = None) -> tuple[list[Found], list[str]]:
    """One Found per student, sorted by id, plus class-level notes (duplicate ids)."""
    try:
        if not directory.is_dir():
            raise SubmissionError(f"{directory} is not a directory")
        root = directory.resolve(strict=True)
        entries = sorted(directory.iterdir(), key=lambda p: p.name)
    except OSError as e:
        raise SubmissionError(f"cannot read {directory}: {e.strerror or e}") from None
    found: dict[str, Found] = {}
    notes: list[str] = []
    for entry in entries:
        if entry.name.startswith(".") or entry.name in LITTER:
            continue
        try:
            is_dir = entry.is_dir() and not entry.is_symlink()
        except OSError:
            is_dir = False
        if is_dir:
            student = entry.name
            path, item_notes = choose(root, entry, pick)
            item = Found(student, path, None if path else "no submission file (.sh, .txt, .ps1, .bicep, .json) "
                         "in the folder", notes=item_notes)
        else:
            if NOTE_NAMES.match(entry.name) or entry.suffix.lower() in (".md", ".csv"):
                notes.append(f"ignored {entry.name} (notes or a roster, not a submission)")
                continue
            student = entry.stem
            why = _regular(root, entry)
            if why is None and entry.suffix.lower() not in PRIORITY:
                why = f"not a submission file ({', '.join(PRIORITY)})"
            item = Found(student, None if why else entry, f"{entry.name} is {why}" if why else None)
        if item.path is not None:
            item.shown = Path(os.path.relpath(item.path, directory)).as_posix()
        if student in found:
            kept = found[student]
            notes.append(f"{student}: more than one submission; graded {kept.shown or '-'}, ignored {entry.name}")
            continue
        found[student] = item
    return [found[s] for s in sorted(found)], notes
