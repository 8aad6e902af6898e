"""`acrlab lab|scenario|grade|class`: each `fn(argv) -> exit code`, never a traceback."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

from .grader import GradingError, grade
from .loader import ScenarioError, UnknownScenario, list_scenarios, load_scenario, parse_file, scenario_files
from .submission import KINDS, SubmissionError


class _Parser(argparse.ArgumentParser):
    """argparse that returns exit code 2 with its message instead of raising SystemExit mid-command."""

    def error(self, message):
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise _Usage()


class _Usage(Exception):
    pass


def _parse(parser: argparse.ArgumentParser, argv: list[str]):
    try:
        return parser.parse_args(argv)
    except SystemExit as e:  # --help
        raise _Exit(int(e.code or 0)) from None
    except _Usage:
        raise _Exit(2) from None


class _Exit(Exception):
    def __init__(self, code: int):
        self.code = code


def _guard(fn):
    def wrapper(argv: list[str]) -> int:
        try:
            return fn(list(argv))
        except _Exit as e:
            return e.code
        except (UnknownScenario, SubmissionError) as e:
            print(f"acrlab: {e}", file=sys.stderr)
            return 2
        except ScenarioError as e:
            print(f"acrlab: the scenario file is invalid:\n{e}", file=sys.stderr)
            return 2
        except GradingError as e:
            print(f"acrlab: {e}", file=sys.stderr)
            return 1
    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    return wrapper


# ----------------------------------------------------------------------------------------------
@_guard
def scenario_main(argv: list[str]) -> int:
    """acrlab scenario list | show ID | validate [FILES...]"""
    p = _Parser(prog="acrlab scenario", description="List, show and validate lab scenarios.")
    sub = p.add_subparsers(dest="cmd", metavar="list|show|validate")
    ls = sub.add_parser("list", help="every scenario")
    ls.add_argument("--json", action="store_true")
    show = sub.add_parser("show", help="a scenario's narrative and tasks")
    show.add_argument("id")
    show.add_argument("--seed", type=int, default=0)
    show.add_argument("--solution", action="store_true", help="also print the reference solution")
    val = sub.add_parser("validate", help="check scenario files (all built-in ones by default)")
    val.add_argument("files", nargs="*")
    args = _parse(p, argv)
    if args.cmd == "list":
        items = list_scenarios()
        if args.json:
            print(json.dumps([{"id": s.id, "title": s.title, "difficulty": s.difficulty, "minutes": s.minutes,
                               "troubleshooting": s.troubleshooting, "max_score": s.max_score} for s in items],
                             indent=2))
            return 0
        width = max((len(s.id) for s in items), default=2)
        print(f"{'ID':<{width}}  {'LEVEL':<12}  MIN  TITLE")
        for s in items:
            flag = " [troubleshooting]" if s.troubleshooting else ""
            print(f"{s.id:<{width}}  {s.difficulty:<12}  {s.minutes:>3}  {s.title}{flag}")
        return 0
    if args.cmd == "show":
        from .variables import render_scenario, values_for

        raw = load_scenario(args.id)
        s = render_scenario(raw, values_for(raw, args.seed))
        print(f"# {s.title}\n\n{s.objective} · {s.difficulty} · ~{s.minutes} min"
              + (" · troubleshooting" if s.troubleshooting else "") + "\n")
        print(s.narrative.strip() + "\n")
        print("## Tasks")
        for t in s.tasks:
            pts = sum(c.points for c in t.checks)
            print(f"- {t.title} ({pts:g} points)")
            for c in t.checks:
                if c.visibility != "hidden":
                    print(f"    - {c.title}")
        if args.solution:
            print("\n## Reference solution (bash)\n")
            print(s.solution.bash.rstrip())
        return 0
    if args.cmd == "validate":
        files = [Path(f) for f in args.files] or sorted(scenario_files().values())
        bad = 0
        for f in files:
            try:
                s = parse_file(f)
                print(f"ok    {f}  ({s.id}, {len(s.checks())} checks, {s.max_score:g} points)")
            except ScenarioError as e:
                bad += 1
                for issue in e.issues:
                    print(f"error {issue}")
        print(f"{len(files) - bad} valid, {bad} invalid")
        return 1 if bad else 0
    p.print_help()
    return 2


@_guard
def grade_main(argv: list[str]) -> int:
    """acrlab grade ID SUBMISSION [--seed N] [--format text|json] [--kind KIND]"""
    p = _Parser(prog="acrlab grade", description="Grade a submission (bash transcript, .ps1, Bicep, ARM "
                "JSON or a TUI session export) against a scenario.")
    p.add_argument("id")
    p.add_argument("submission", help="file to grade, or - for standard input")
    p.add_argument("--seed", type=int, default=None, help="the student's seed (default 0, or the export's)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--kind", choices=KINDS, default=None, help="override detection by extension/content")
    args = _parse(p, argv)
    load_scenario(args.id)
    if args.submission == "-":
        from .submission import MAX_BYTES, decode, parse_submission

        text, notes = decode(sys.stdin.buffer.read(MAX_BYTES + 1), "<stdin>")
        source = parse_submission(text, args.kind)
        source.notes, source.name = notes, "<stdin>"
    else:
        source = Path(args.submission)  # read bounded: /dev/stdin and pipes work, a directory says so
    report = grade(args.id, source, seed=args.seed, kind=args.kind)
    if args.format == "json":
        print(json.dumps(report.to_dict(), indent=2))
    else:
        print(report.to_text(), end="")
    return 0


@_guard
def class_main(argv: list[str]) -> int:
    """acrlab class grade ID SUBMISSIONS_DIR --out DIR [--roster roster.csv] [--jobs N]"""
    from .classroom import RosterError, grade_class

    p = _Parser(prog="acrlab class", description="Grade a whole class.")
    sub = p.add_subparsers(dest="cmd", metavar="grade")
    g = sub.add_parser("grade", help="grade every submission in a directory")
    g.add_argument("id")
    g.add_argument("submissions")
    g.add_argument("--out", required=True)
    g.add_argument("--roster", help="CSV with student_id and seed columns")
    g.add_argument("--jobs", type=int, default=None, help="worker processes (default: CPU count)")
    args = _parse(p, argv)
    if args.cmd != "grade":
        p.print_help()
        return 2
    load_scenario(args.id)
    try:
        summary = grade_class(args.id, Path(args.submissions), Path(args.out),
                              Path(args.roster) if args.roster else None, jobs=args.jobs)
    except RosterError as e:
        print(f"acrlab: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"acrlab: cannot write results to {args.out}: {e.strerror or e}", file=sys.stderr)
        return 2
    print(f"graded {summary['count']} submission(s) in {summary['_seconds']:.1f} s: mean "
          f"{summary['mean_percent']:g}%, median {summary['median_percent']:g}%, {summary['errors']} error(s)")
    print(f"wrote {args.out}/gradebook.csv, feedback/, results/, summary.json")
    return 0


@_guard
def lab_main(argv: list[str]) -> int:
    """acrlab lab ID [--plain] [--seed N]"""
    p = _Parser(prog="acrlab lab", description="Play a lab scenario.")
    p.add_argument("id", nargs="?")
    p.add_argument("--plain", action="store_true", help="use this terminal instead of the app")
    p.add_argument("--seed", type=int, default=0)
    args = _parse(p, argv)
    if args.id is None:
        return scenario_main(["list"])
    load_scenario(args.id)
    if not args.plain:
        try:  # resolved by name like acrlab.cli's ROUTES: labs sits below the TUI and never imports it statically
            tui_lab_main = importlib.import_module("acrlab.tui.launch").lab_main
        except (ImportError, AttributeError):
            print("acrlab: the app is not available in this build; using the plain terminal (--plain).",
                  file=sys.stderr)
        else:
            return int(tui_lab_main(argv) or 0)
    from .play import play

    return play(args.id, args.seed)
