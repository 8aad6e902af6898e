"""What `acrlab class grade` writes: per-student files, the gradebook, LMS imports and the summary.

  gradebook.csv                     one row per student, a column of points per check (cells made inert)
  canvas.csv, moodle.csv            grade imports for Canvas and Moodle (see the README's classroom section)
  feedback/<file>.md                per-student feedback (hidden checks stay hidden)
  gradescope/<file>/results.json    Gradescope autograder results
  results/<file>.json               the full report plus the submission as read (for `class regrade`)
  summary.json, report.html         class statistics, per-check pass rates, similar-transcript clusters

Student ids become file names without collisions: a safe id is used as it is; any other id is folded to ASCII
and given a short hash of the exact id (`José` -> `Jose-1a2b3c4d`, `a b` -> `a_b-5e6f7a8b`, while `a_b` stays
`a_b`); ids that differ only by case get the hash too (case-insensitive file systems).
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from pathlib import Path

from ..shell import fastjson

SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _fold(student: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", student).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9._@-]", "_", ascii_).strip("._")[:60] or "student"


def file_names(students: list[str]) -> dict[str, str]:
    """Student id -> a file name unique in the class (also case-insensitively)."""
    lower: dict[str, int] = {}
    for s in students:
        lower[s.lower()] = lower.get(s.lower(), 0) + 1
    out: dict[str, str] = {}
    for s in students:
        if SAFE.match(s) and lower[s.lower()] == 1:
            out[s] = s
        else:
            out[s] = f"{_fold(s)}-{hashlib.sha256(s.encode()).hexdigest()[:8]}"
    taken: dict[str, str] = {}
    for s in sorted(out, key=lambda x: (out[x] != x, x)):  # safe ids keep their names first
        name = out[s]
        while name.lower() in taken:
            name = f"{_fold(s)}-{hashlib.sha256((s + name).encode()).hexdigest()[:8]}"
        taken[name.lower()] = s
        out[s] = name
    return out


def inert(cell) -> str:
    """OWASP CSV injection rule: a cell starting with = + - @ tab or CR is prefixed with a quote."""
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(FORMULA_START) else text


def write_student(out: Path, fname: str, student: str, report, submission: dict | None,
                  roster: dict | None = None) -> None:
    """feedback/, gradescope/ and results/ for one student; the stored result keeps the submission as read and
    the roster's word on the student (`status`, the row's `columns`), so a regrade writes the same LMS files."""
    _folder(out / "feedback")
    (out / "feedback" / f"{fname}.md").write_text(report.to_markdown(student), encoding="utf-8")
    gs = out / "gradescope" / fname
    gs.mkdir(parents=True, exist_ok=True)
    (gs / "results.json").write_text(_dumps(report.gradescope()) + "\n", encoding="utf-8")
    _folder(out / "results")
    record = {"student": student, "report": report.to_dict(), "submission": submission}
    if roster:
        record.update(roster=roster.get("status", ""), roster_columns=roster.get("columns") or {})
    (out / "results" / f"{fname}.json").write_text(_dumps(record) + "\n", encoding="utf-8")


_MADE: set[Path] = set()


def _folder(path: Path) -> None:
    """mkdir -p, once per folder and process while it is there (a grading worker writes a file per student
    into each)."""
    if path not in _MADE or not path.is_dir():
        path.mkdir(parents=True, exist_ok=True)
        if len(_MADE) > 256:
            _MADE.clear()
        _MADE.add(path)


def _dumps(value) -> str:
    """`json.dumps(value, indent=2, default=str)` (ASCII, escapes as json writes them), accelerated: a class
    writes two documents per student."""
    return fastjson.dumps(value, ensure_ascii=True, small=True)


def write_gradebook(out: Path, check_ids: list[str], rows: list[dict]) -> None:
    with open(out / "gradebook.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["student_id", "seed", "score", "max_score", "percent", "file", "roster", "error", *check_ids])
        for row in rows:
            r = row["report"]
            pts = {c["id"]: c["points"] for c in r["checks"]}
            w.writerow([inert(x) for x in [
                row["student"], row["seed"], f"{r['score']:g}", f"{r['max_score']:g}", f"{r['percent']:g}",
                r.get("source") or "", row.get("roster", ""), r.get("error") or "",
                *[f"{pts.get(cid, 0):g}" for cid in check_ids]]])


CANVAS_IDENTITY = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")


def write_lms(out: Path, title: str, max_score: float, rows: list[dict], roster_columns: dict[str, dict]) -> None:
    """canvas.csv (Canvas's gradebook import: identity columns, then one assignment column, after a Points
    Possible row) and moodle.csv (an identifier column and a grade column, mapped in Moodle's CSV import).
    Identity columns come from the roster when it has them (a Canvas gradebook export works as a roster)."""
    column = f"{title} (acrlab)"
    with open(out / "canvas.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow([*CANVAS_IDENTITY, column])
        w.writerow(["    Points Possible", "", "", "", "", f"{max_score:g}"])
        for row in rows:
            extra = roster_columns.get(row["student"], {})
            ident = [extra.get(c, "") for c in CANVAS_IDENTITY]
            if not any(ident[1:4]):
                ident[3] = row["student"]  # SIS Login ID: the id the class folder used
            ident[0] = ident[0] or row["student"]
            w.writerow([inert(x) for x in [*ident, f"{row['report']['score']:g}"]])
    with open(out / "moodle.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Identifier", "Email address", "Grade", "Feedback"])
        for row in rows:
            extra = roster_columns.get(row["student"], {})
            email = next((v for k, v in extra.items() if k.lower() in ("email", "email address", "e-mail")), "")
            r = row["report"]
            feedback = r.get("error") or f"{r['score']:g}/{r['max_score']:g} points"
            w.writerow([inert(x) for x in [row["student"], email, f"{r['score']:g}", feedback]])
