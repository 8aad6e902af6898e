"""Grade a whole class: one submission per student, in parallel, deterministic, junk-proof.

`grade_class` finds each student's file (class_find.py), grades them in a pool that survives a dead or stuck
worker (class_pool.py; each submission under one time budget and a memory cap), and writes the outputs
(class_outputs.py, class_report.py). The roster CSV has a `student_id` (or `student`/`id`/`sid`/`email`)
column and, optionally, `seed` (per-student names; 0 without it); its other columns (e.g. a Canvas gradebook
export's) are kept for the LMS files. Students missing from the roster or unknown to it are flagged. Outputs
carry no timestamps, so regrading is byte-identical. `regrade_class` grades the stored submissions again (after
the scenario's rubric changed) without the original folder.
"""

from __future__ import annotations

import csv
import gc
import json
import os
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import collusion
from .budget import TIME_LIMIT
from .class_find import find_submissions
from .class_outputs import file_names, write_gradebook, write_lms, write_student
from .class_pool import run as run_pool
from .grader import GradingError, grade, student_scenario
from .loader import load_scenario, parse_file, parse_rubric
from .report import error_report
from .submission import SubmissionError, parse_submission

MEMORY_MB = 1536
"""Address space each grading process may add to its baseline (a runaway submission hits MemoryError)."""
HARD_GRACE = 15.0
"""Seconds past the time budget after which a stuck grading process is stopped from outside."""


class RosterError(ValueError):
    pass


@dataclass
class Roster:
    seeds: dict[str, int] = field(default_factory=dict)
    columns: dict[str, dict] = field(default_factory=dict)
    """Student -> the roster row's other columns (names, SIS ids, email)."""
    has_seed: bool = False


ID_COLUMNS = ("student_id", "student", "id", "sid", "sis login id", "sis user id", "login", "username", "email")


def read_roster(path: Path) -> Roster:
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(f))
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise RosterError(f"cannot read roster {path}: {getattr(e, 'strerror', None) or e}") from None
    roster = Roster()
    if not rows:
        return roster
    cols = {c.strip().lower(): c for c in rows[0] if c}
    id_col = next((cols[c] for c in ID_COLUMNS if c in cols), None)
    if id_col is None:
        raise RosterError(f"roster {path} needs a student_id column (or one of: {', '.join(ID_COLUMNS[1:])}); "
                          f"found: {', '.join(cols) or 'none'}")
    roster.has_seed = "seed" in cols
    for n, row in enumerate(rows, 2):
        sid = (row.get(id_col) or "").strip()
        if not sid or sid.lower() == "points possible":
            continue
        seed_text = (row.get(cols["seed"]) or "").strip() if roster.has_seed else ""
        try:
            roster.seeds[sid] = int(seed_text or 0)
        except ValueError:
            raise RosterError(f"roster {path} line {n}: seed {seed_text!r} is not an integer") from None
        roster.columns[sid] = {k.strip(): (v or "").strip() for k, v in row.items() if k and k != cols.get("seed")}
    return roster


# -- the worker ----------------------------------------------------------------------------------
_SCENARIOS: dict[str, object] = {}


def _scenario(item: dict):
    key = item.get("scenario_file") or item["scenario"]
    if key not in _SCENARIOS:
        _SCENARIOS[key] = parse_file(key, match_name=False) if item.get("scenario_file") else \
            load_scenario(item["scenario"])
    return _SCENARIOS[key]


def student_view(scenario, seed: int):
    """The scenario with this student's names, for reports of submissions that could not be graded."""
    return student_scenario(scenario, seed)


def _own_values(scenario, seed: int) -> dict[str, str]:
    """The student's own names (variables drawn from their seed; not the tenant-wide ids)."""
    from .variables import values_for

    return {k: v for k, v in values_for(scenario, seed).items() if isinstance(v, str)}


def grade_item(item: dict) -> dict:
    """Grade one student and write their files; never raises."""
    scenario = _scenario(item)
    seed, sub_record, lines, text = item["seed"], None, [], ""
    if item.get("problem"):
        report = error_report(student_view(scenario, seed), seed, item["problem"], notes=item.get("notes", []))
    else:
        try:
            if item.get("stored") is not None:  # regrade: the submission as it was read the first time
                st = item["stored"]
                sub = parse_submission(st["text"], st["kind"])
                sub.name, sub.notes = st.get("name", "<submission>"), list(st.get("notes") or [])
            else:
                sub = parse_submission(Path(item["path"]))
                sub.name = item.get("shown") or sub.name
                sub.notes = list(item.get("notes", [])) + sub.notes
            sub_record = {"kind": sub.kind, "text": sub.text, "name": sub.name, "notes": sub.notes}
            report = grade(scenario, sub, seed=seed, time_limit=item.get("time_limit", TIME_LIMIT))
            text = sub.text
            lines = collusion.normalise(text, _own_values(scenario, seed))
        except (SubmissionError, GradingError) as e:
            report = error_report(student_view(scenario, seed), seed, str(e), notes=item.get("notes", []),
                                  source=item.get("shown", ""))
        except Exception as e:  # one broken submission must not stop the class
            report = error_report(student_view(scenario, seed), seed,
                                  f"internal error while grading: {type(e).__name__}: {e}", source=item.get("shown", ""))
    if item.get("out"):
        write_student(Path(item["out"]), item["fname"], item["student"], report, sub_record, _roster_record(item))
    return {"student": item["student"], "fname": item["fname"], "seed": seed, "roster": item.get("roster", ""),
            "report": report.to_dict(), "lines": lines, "text": text, "values": _own_values(scenario, seed)}


def _roster_record(item: dict) -> dict | None:
    if not item.get("roster"):
        return None
    return {"status": item["roster"], "columns": item.get("roster_columns") or {}}


def warm_up(items: list[dict]) -> None:
    """Import and load everything grading needs (engine families, az command tables, the scenario) before the
    first student's clock starts; forked workers inherit it."""
    from .session import LabSession

    for item in items[:1]:
        try:
            LabSession(_scenario(item), seed=0).lab.run("az version -o none")
        except Exception:  # a scenario that cannot be set up is reported per student, not here
            pass


def _init_worker() -> None:
    from ..lab import Lab

    Lab(seed=0)  # on platforms without fork, import every engine family once per worker


def _failed_row(item: dict, reason: str) -> dict:
    scenario = _scenario(item)
    report = error_report(student_view(scenario, item["seed"]), item["seed"], reason, source=item.get("shown", ""))
    if item.get("out"):
        write_student(Path(item["out"]), item["fname"], item["student"], report, None, _roster_record(item))
    return {"student": item["student"], "fname": item["fname"], "seed": item["seed"], "roster": item.get("roster", ""),
            "report": report.to_dict(), "lines": []}


def _checked(item: dict, result) -> dict:
    if isinstance(result, tuple):
        reason = "the memory limit was reached while grading" if result[0] == "memory" else \
            f"internal error while grading: {result[1]}"
        return _failed_row(item, reason)
    return result


def grade_all(items: list[dict], jobs: int | None = None, time_limit: float = TIME_LIMIT,
              memory_mb: int | None = MEMORY_MB, worker=grade_item) -> list[dict]:
    """Grade prepared items (see grade_class), in parallel when there are enough of them."""
    for it in items:
        it.setdefault("time_limit", time_limit)
    jobs = max(1, jobs or os.cpu_count() or 1)
    warm_up(items)
    if jobs == 1 or len(items) < 8:
        return [_checked(it, _safe(worker, it)) for it in items]
    gc.freeze()  # what the warm-up loaded is the workers' for good: their collections skip it (and copy no page)
    try:
        return run_pool(worker, items, jobs, _failed_row, init=_init_worker, hard_timeout=time_limit + HARD_GRACE,
                        memory_mb=memory_mb, check_result=_checked)
    finally:
        gc.unfreeze()


def _safe(worker, item):
    try:
        return worker(item)
    except MemoryError:
        return ("memory", None)


def grade_class(scenario_id: str, submissions: Path, out: Path, roster_path: Path | None = None,
                jobs: int | None = None, pick: list[str] | None = None, time_limit: float = TIME_LIMIT,
                memory_mb: int | None = MEMORY_MB, worker=grade_item) -> dict:
    started = time.monotonic()
    scenario = load_scenario(scenario_id)
    roster = read_roster(roster_path) if roster_path else None
    found, notes = find_submissions(submissions, pick)
    students = [f.student for f in found]
    missing = sorted(set(roster.seeds) - set(students)) if roster else []
    names = file_names(students + missing)
    items = []
    for f in found:
        status = "" if roster is None else ("listed" if f.student in roster.seeds else "not in roster")
        items.append({"scenario": scenario.id, "out": str(out), "student": f.student, "fname": names[f.student],
                      "path": str(f.path) if f.path else None, "shown": f.shown, "problem": f.error,
                      "notes": f.notes, "seed": roster.seeds.get(f.student, 0) if roster else 0, "roster": status,
                      "roster_columns": roster.columns.get(f.student, {}) if roster else {}})
    items += [{"scenario": scenario.id, "out": str(out), "student": s, "fname": names[s], "path": None,
               "problem": "no submission", "seed": roster.seeds[s], "roster": "listed",
               "roster_columns": roster.columns.get(s, {})} for s in missing]
    items.sort(key=lambda it: it["student"])
    if roster is not None:
        notes += _roster_notes(items)
        if not roster.has_seed:
            notes.append("the roster has no seed column: every student was graded with seed 0 (the default names)")
    out.mkdir(parents=True, exist_ok=True)
    rows = grade_all(items, jobs, time_limit, memory_mb, worker)
    summary = write_outputs(scenario, rows, out, notes, names, roster.columns if roster else {})
    summary["_seconds"] = time.monotonic() - started
    return summary


def _roster_notes(items: list[dict]) -> list[str]:
    unknown = [it["student"] for it in items if it.get("roster") == "not in roster"]
    missing = [it["student"] for it in items if it.get("roster") == "listed" and it.get("problem") == "no submission"]
    return ([f"not in the roster (graded with seed 0): {', '.join(unknown)}"] if unknown else []) + \
        ([f"in the roster without a submission: {', '.join(missing)}"] if missing else [])


def _first_notes(out: Path) -> list[str]:
    """The notes `class grade` wrote (files ignored, roster mismatches): a regrade does not see the folder."""
    try:
        notes = json.loads((out / "summary.json").read_text(encoding="utf-8")).get("notes")
    except (OSError, ValueError, AttributeError):
        return []
    return [n for n in notes if isinstance(n, str) and not n.startswith("skipped ")] if isinstance(notes, list) else []


def regrade_class(scenario_id: str, out: Path, scenario_file: Path | None = None, jobs: int | None = None,
                  time_limit: float = TIME_LIMIT) -> tuple[dict, list[tuple[str, float, float]]]:
    """Grade the submissions stored in OUT/results again (e.g. after the rubric changed); returns the summary and
    (student, old score, new score) for every student whose score changed."""
    results = sorted((out / "results").glob("*.json")) if (out / "results").is_dir() else []
    if not results:
        raise SubmissionError(f"{out} holds no stored results (grade the class with `acrlab class grade` first)")
    scenario = parse_rubric(scenario_file, scenario_id) if scenario_file else load_scenario(scenario_id)
    items, old, notes = [], {}, []
    for path in results:
        try:
            rec = json.loads(path.read_text(encoding="utf-8"))
            student, rep = rec["student"], rec["report"]
        except (OSError, ValueError, KeyError, TypeError) as e:
            notes.append(f"skipped {path.name}: not a stored result ({e})")
            continue
        old[student] = rep["score"]
        item = {"scenario": scenario.id, "out": str(out), "student": student, "fname": path.stem,
                "seed": rep.get("seed", 0), "roster": rec.get("roster", ""), "shown": rep.get("source", ""),
                "roster_columns": rec.get("roster_columns") or {}}
        if scenario_file:
            item["scenario_file"] = str(scenario_file)
        if rec.get("submission"):
            item["stored"] = rec["submission"]
        else:
            item["problem"] = rep.get("error") or "no stored submission"
        items.append(item)
    items.sort(key=lambda it: it["student"])  # the order `class grade` writes (file names sort differently)
    notes += _first_notes(out) or _roster_notes(items)  # the folder and roster as they were when it was graded
    rows = grade_all(items, jobs, time_limit)
    summary = write_outputs(scenario, rows, out, notes, {r["student"]: r["fname"] for r in rows},
                            {it["student"]: it["roster_columns"] for it in items})
    changed = [(r["student"], old[r["student"]], r["report"]["score"]) for r in rows
               if old.get(r["student"]) != r["report"]["score"]]
    return summary, changed


def write_outputs(scenario, rows: list[dict], out: Path, notes: list[str], names: dict[str, str],
                  roster_columns: dict[str, dict]) -> dict:
    """gradebook.csv, canvas.csv, moodle.csv, summary.json and report.html (students' files come from workers)."""
    from .class_report import render

    out.mkdir(parents=True, exist_ok=True)
    view = student_view(scenario, 0)
    write_gradebook(out, [c.id for _, c in view.checks()], rows)
    write_lms(out, view.title, view.max_score, rows, roster_columns)
    summary = summarize(view, rows, notes)
    (out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    (out / "report.html").write_text(render(summary, rows, names), encoding="utf-8")
    return summary


def summarize(scenario, rows: list[dict], notes: list[str]) -> dict:
    """Class statistics; check titles use the default (seed 0) names."""
    percents = [r["report"]["percent"] for r in rows]
    graded = [r for r in rows if not r["report"].get("error")]
    per_check = {}
    for _, c in scenario.checks():
        passed = sum(1 for r in graded for x in r["report"]["checks"] if x["id"] == c.id and x["passed"])
        per_check[c.id] = {"title": c.title, "points": c.points,
                           "pass_rate": round(passed / len(graded), 4) if graded else 0.0}
    reference = set(collusion.normalise(scenario.solution.bash, {}))
    similar = collusion.clusters({r["student"]: r.get("lines") or [] for r in rows}, reference,
                                 {r["student"]: r.get("text") or "" for r in rows},
                                 {r["student"]: r.get("values") or {} for r in rows})
    return {
        "scenario": scenario.id, "title": scenario.title, "max_score": scenario.max_score,
        "count": len(rows), "graded": len(graded), "errors": len(rows) - len(graded),
        "mean_percent": round(statistics.fmean(percents), 2) if percents else 0.0,
        "median_percent": round(statistics.median(percents), 2) if percents else 0.0,
        "full_marks": sum(1 for r in rows if r["report"]["max_score"] and r["report"]["score"] == r["report"]["max_score"]),
        "checks": per_check,
        "identical_transcripts": [c["students"] for c in similar if c["identical_text"]],
        "similar_transcripts": similar,
        "notes": notes,
    }
