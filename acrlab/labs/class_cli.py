"""`acrlab class grade|regrade|explain`: a whole class, the same class after the rubric changed, one student's
submission step by step."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from .cli_common import _guard, _parse, _Parser
from .loader import load_scenario, parse_rubric
from .submission import SubmissionError, parse_submission

OUTPUTS = "gradebook.csv, canvas.csv, moodle.csv, summary.json, report.html, feedback/, gradescope/, results/"


def _parser() -> _Parser:
    p = _Parser(prog="acrlab class", description="Grade a whole class, regrade it, or explain one student's grade.")
    sub = p.add_subparsers(dest="cmd", metavar="grade|regrade|explain")
    g = sub.add_parser("grade", help="grade every submission in a directory")
    g.add_argument("id")
    g.add_argument("submissions")
    g.add_argument("--out", required=True)
    g.add_argument("--roster", help="CSV with a student_id column and (optionally) a seed column")
    g.add_argument("--jobs", type=int, default=None, help="worker processes (default: CPU count)")
    g.add_argument("--pick", action="append", metavar="GLOB",
                   help="in a student's folder with several candidate files, grade the one matching GLOB "
                        "(e.g. 'answer.*' or '*.ps1'; repeatable); default: the newest")
    g.add_argument("--time-limit", type=float, default=None, help="seconds per submission (default 20)")
    g.add_argument("--memory", type=int, default=None, metavar="MB",
                   help="memory each grading process may use beyond its start (default 1536)")
    r = sub.add_parser("regrade", help="grade the stored submissions of OUT again (after a rubric change)")
    r.add_argument("id")
    r.add_argument("out")
    r.add_argument("--scenario-file", help="the changed scenario file (default: the scenario ID as installed)")
    r.add_argument("--jobs", type=int, default=None)
    e = sub.add_parser("explain", help="replay one student's submission step by step")
    e.add_argument("id")
    e.add_argument("out", help="the --out folder of `acrlab class grade`")
    e.add_argument("student")
    return p


@_guard
def class_main(argv: list[str]) -> int:
    """acrlab class grade ID DIR --out OUT | regrade ID OUT | explain ID OUT STUDENT"""
    from .classroom import RosterError

    p = _parser()
    args = _parse(p, argv)
    if args.cmd is None:
        p.print_help()
        return 2
    load_scenario(args.id)
    try:
        if args.cmd == "grade":
            return _grade(args)
        if args.cmd == "regrade":
            return _regrade(args)
        return _explain(args)
    except RosterError as e:
        print(f"acrlab: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `acrlab class explain ... | head`: the reader has gone; nothing was being written
        raise
    except OSError as e:
        print(f"acrlab: cannot write results to {getattr(args, 'out', '')}: {e.strerror or e}", file=sys.stderr)
        return 2


def _grade(args) -> int:
    from .classroom import MEMORY_MB, TIME_LIMIT, grade_class

    summary = grade_class(args.id, Path(args.submissions), Path(args.out),
                          Path(args.roster) if args.roster else None, jobs=args.jobs, pick=args.pick,
                          time_limit=args.time_limit or TIME_LIMIT, memory_mb=args.memory or MEMORY_MB)
    print(f"graded {summary['count']} submission(s) in {summary['_seconds']:.1f} s: mean "
          f"{summary['mean_percent']:g}%, median {summary['median_percent']:g}%, {summary['errors']} error(s)")
    for note in summary["notes"]:
        print(f"note: {note}")
    if summary["similar_transcripts"]:
        print(f"{len(summary['similar_transcripts'])} cluster(s) of similar submissions: see "
              f"{_folder(args.out)}report.html")
    print(f"wrote {_folder(args.out)}{{{OUTPUTS}}}")
    return 0


def _folder(out: str) -> str:
    """The output folder as the teacher typed it, with its separator: 'results/' (then '{gradebook.csv, ...}')."""
    return os.path.join(str(Path(out)), "")


def _regrade(args) -> int:
    from .classroom import regrade_class

    if args.scenario_file:
        parse_rubric(args.scenario_file, args.id)  # an invalid file is reported before anything is rewritten
    summary, changed = regrade_class(args.id, Path(args.out),
                                     Path(args.scenario_file) if args.scenario_file else None, jobs=args.jobs)
    print(f"regraded {summary['count']} stored submission(s): mean {summary['mean_percent']:g}%, "
          f"{len(changed)} score(s) changed")
    for student, old, new in changed:
        print(f"  {student}: {old:g} -> {new:g}")
    print(f"rewrote {_folder(args.out)}{{{OUTPUTS}}}")
    return 0


def _explain(args) -> int:
    from .explain import explain

    record = None
    results = Path(args.out) / "results"
    for path in sorted(results.glob("*.json")) if results.is_dir() else []:
        try:
            rec = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(rec, dict) and rec.get("student") == args.student:
            record = rec
            break
    if record is None:
        raise SubmissionError(f"no stored result for student {args.student!r} in {results}")
    stored = record.get("submission")
    if not stored:
        raise SubmissionError(f"{args.student} has no gradable submission ({record['report'].get('error')})")
    sub = parse_submission(stored["text"], stored["kind"])
    sub.name = stored.get("name", sub.name)
    for line in explain(load_scenario(args.id), sub, record["report"].get("seed", 0)):
        print(line)
    return 0
