"""Grade a whole class: one submission per student, in parallel, deterministic, junk-proof.

Layout of SUBMISSIONS_DIR: `alice.sh`, `bob.ps1`, `carol.json`... (the file stem is the student id) or
`dave/answer.sh` (the folder name is the student id; the folder holds one submission file).
Roster CSV: a `student_id` (or `student`/`id`) column and a `seed` column; rostered students without
a submission get a row saying so. Output in OUT:
  gradebook.csv              one row per student, a column per check (points)
  feedback/<student>.md      per-student feedback (hidden checks stay hidden)
  gradescope/<student>/results.json   Gradescope autograder results
  summary.json               mean, median, pass rate per check, identical-transcript clusters
"""

from __future__ import annotations

import csv
import hashlib
import json
import multiprocessing
import os
import re
import statistics
import time
from pathlib import Path

from .grader import GradingError, grade
from .loader import load_scenario
from .report import error_report
from .submission import MAX_BYTES, SubmissionError

PRIORITY = [".json", ".bicep", ".ps1", ".sh", ".bash", ".txt"]


class RosterError(ValueError):
    pass


def safe_id(student: str) -> str:
    return re.sub(r"[^A-Za-z0-9._@-]", "_", student)[:100] or "_"


def read_roster(path: Path) -> dict[str, int]:
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(f))
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise RosterError(f"cannot read roster {path}: {e}") from None
    if not rows:
        return {}
    cols = {c.strip().lower(): c for c in rows[0] if c}
    id_col = next((cols[c] for c in ("student_id", "student", "id", "sid", "email") if c in cols), None)
    if id_col is None or "seed" not in cols:
        raise RosterError(f"roster {path} needs a student_id column and a seed column (found: {', '.join(cols)})")
    roster = {}
    for n, row in enumerate(rows, 2):
        sid = (row.get(id_col) or "").strip()
        if not sid:
            continue
        try:
            roster[sid] = int((row.get(cols["seed"]) or "0").strip() or 0)
        except ValueError:
            raise RosterError(f"roster {path} line {n}: seed {row.get(cols['seed'])!r} is not an integer") from None
    return roster


def find_submissions(directory: Path) -> tuple[list[tuple[str, Path | None, str | None]], list[str]]:
    """[(student, file or None, error or None)], plus notes about duplicates."""
    if not directory.is_dir():
        raise SubmissionError(f"{directory} is not a directory")
    found: dict[str, tuple[Path | None, str | None]] = {}
    notes = []
    for entry in sorted(directory.iterdir(), key=lambda p: p.name):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            student = entry.name
            files = [p for p in sorted(entry.iterdir()) if p.is_file() and not p.name.startswith(".")]
            ranked = sorted((p for p in files if p.suffix.lower() in PRIORITY), key=lambda p: PRIORITY.index(p.suffix.lower()))
            item = (ranked[0], None) if ranked else (None, "no submission file (.sh, .txt, .ps1, .bicep, .json) in the folder")
        elif entry.is_file():
            student, item = entry.stem, (entry, None)
        else:
            continue
        if student in found:
            notes.append(f"{student}: more than one submission; graded {found[student][0].name if found[student][0] else '-'}, "
                         f"ignored {entry.name}")
            continue
        found[student] = item
    return [(s, p, e) for s, (p, e) in found.items()], notes


def normalized_hash(path: Path | None) -> str | None:
    """Hash of the submission with comments, prompts and spacing removed (for identical-transcript clusters)."""
    if path is None:
        return None
    try:
        data = path.read_bytes()[: MAX_BYTES + 1]
    except OSError:
        return None
    text = data.decode("utf-8", "replace")
    lines = []
    for ln in text.splitlines():
        ln = re.sub(r"^\s*(\$|>|PS[^>]*>)\s", "", ln)
        ln = re.sub(r"\s+", " ", ln).strip()
        if ln and not ln.startswith("#"):
            lines.append(ln)
    if not lines:
        return None
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def _grade_one(item: tuple) -> dict:
    """Worker: grade one student and write their feedback and Gradescope files; never raises."""
    scenario_id, out, student, path, problem, seed = item
    scenario = load_scenario(scenario_id)
    if problem:
        report = error_report(scenario, seed, problem)
    else:
        try:
            report = grade(scenario, Path(path), seed=seed)
        except (SubmissionError, GradingError) as e:
            report = error_report(scenario, seed, str(e))
        except Exception as e:  # one broken submission must not stop the class
            report = error_report(scenario, seed, f"internal error while grading: {type(e).__name__}: {e}")
    if out:
        write_student(Path(out), student, report)
    return {"student": student, "seed": seed, "report": report.to_dict(),
            "hash": normalized_hash(Path(path)) if path and not problem else None}


def write_student(out: Path, student: str, report) -> None:
    sid = safe_id(student)
    (out / "feedback" / f"{sid}.md").write_text(report.to_markdown(student), encoding="utf-8")
    gs = out / "gradescope" / sid
    gs.mkdir(parents=True, exist_ok=True)
    (gs / "results.json").write_text(json.dumps(report.gradescope(), indent=2) + "\n", encoding="utf-8")


def _init_worker(scenario_id: str) -> None:
    load_scenario(scenario_id)
    from ..lab import Lab

    Lab(seed=0)  # import every engine family once per worker


def grade_all(scenario_id: str, items: list[tuple], jobs: int | None = None, out: Path | None = None) -> list[dict]:
    """Grade (student, path, problem, seed) items, in parallel; with `out`, per-student files are written too."""
    work = [(scenario_id, str(out) if out else None, *it) for it in items]
    jobs = max(1, jobs or os.cpu_count() or 1)
    if jobs == 1 or len(work) < 8:
        return [_grade_one(w) for w in work]
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    chunk = max(1, len(work) // (jobs * 8))
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(scenario_id,)) as pool:
        return list(pool.imap(_grade_one, work, chunksize=chunk))


def grade_class(scenario_id: str, submissions: Path, out: Path, roster_path: Path | None = None,
                jobs: int | None = None) -> dict:
    started = time.monotonic()
    scenario = load_scenario(scenario_id)
    roster = read_roster(roster_path) if roster_path else {}
    found, notes = find_submissions(submissions)
    items = [(student, str(path) if path else None, err, roster.get(student, 0)) for student, path, err in found]
    missing = sorted(set(roster) - {s for s, _, _ in found})
    items += [(student, None, "no submission", roster[student]) for student in missing]
    items.sort(key=lambda it: it[0])
    for sub in ("feedback", "gradescope"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    rows = grade_all(scenario.id, items, jobs, out)
    summary = write_outputs(scenario, rows, out, notes)
    summary["_seconds"] = time.monotonic() - started
    return summary


def write_outputs(scenario, rows: list[dict], out: Path, notes: list[str]) -> dict:
    """gradebook.csv and summary.json (per-student files are written by the workers)."""
    out.mkdir(parents=True, exist_ok=True)
    check_ids = [c.id for _, c in scenario.checks()]

    with open(out / "gradebook.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["student_id", "seed", "score", "max_score", "percent", "error", *check_ids])
        for row in rows:
            r = row["report"]
            pts = {c["id"]: c["points"] for c in r["checks"]}
            w.writerow([row["student"], row["seed"], f"{r['score']:g}", f"{r['max_score']:g}", f"{r['percent']:g}",
                        r.get("error") or "", *[f"{pts.get(cid, 0):g}" for cid in check_ids]])
    summary = summarize(scenario, rows, notes)
    (out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary


def summarize(scenario, rows: list[dict], notes: list[str]) -> dict:
    percents = [r["report"]["percent"] for r in rows]
    graded = [r for r in rows if not r["report"].get("error")]
    per_check = {}
    for _, c in scenario.checks():
        passed = sum(1 for r in graded for x in r["report"]["checks"] if x["id"] == c.id and x["passed"])
        per_check[c.id] = {"title": c.title, "points": c.points,
                           "pass_rate": round(passed / len(graded), 4) if graded else 0.0}
    clusters: dict[str, list[str]] = {}
    for r in rows:
        if r.get("hash"):
            clusters.setdefault(r["hash"], []).append(r["student"])
    return {
        "scenario": scenario.id, "title": scenario.title, "max_score": scenario.max_score,
        "count": len(rows), "graded": len(graded), "errors": len(rows) - len(graded),
        "mean_percent": round(statistics.fmean(percents), 2) if percents else 0.0,
        "median_percent": round(statistics.median(percents), 2) if percents else 0.0,
        "full_marks": sum(1 for r in rows if r["report"]["max_score"] and r["report"]["score"] == r["report"]["max_score"]),
        "checks": per_check,
        "identical_transcripts": sorted((sorted(v) for v in clusters.values() if len(v) > 1), key=lambda v: v[0]),
        "notes": notes,
    }
