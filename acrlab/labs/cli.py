"""`acrlab lab|scenario|grade|class`: each `fn(argv) -> exit code`, never a traceback."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

from ..content_index import path_problems, scenario_files, scenario_index
from .cli_common import _Exit, _guard, _parse, _Parser  # noqa: F401

# The loader, the grader and the engine are imported by the commands that use them: `acrlab scenario list`
# answers from acrlab.content_index's cached listing without them.


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
        index = scenario_index()
        items = index["scenarios"]
        for problem in path_problems():
            print(f"acrlab: warning: {problem}", file=sys.stderr)
        for path, issues in index["broken"].items():
            print(f"acrlab: warning: {path} is not listed because it is invalid "
                  f"(`acrlab scenario validate {path}` shows every problem):", file=sys.stderr)
            for issue in issues[:3]:
                print(f"  {issue}", file=sys.stderr)
        if args.json:
            print(json.dumps([{k: s[k] for k in ("id", "title", "difficulty", "minutes", "troubleshooting",
                                                 "max_score")} for s in items], indent=2))
            return 0
        width = max((len(s["id"]) for s in items), default=2)
        print(f"{'ID':<{width}}  {'LEVEL':<12}  MIN  TITLE")
        for s in items:
            flag = " [troubleshooting]" if s["troubleshooting"] else ""
            print(f"{s['id']:<{width}}  {s['difficulty']:<12}  {s['minutes']:>3}  {s['title']}{flag}")
        return 0
    if args.cmd == "show":
        from .loader import load_scenario
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
        from .loader import ScenarioError, parse_file

        files = [Path(f) for f in args.files] or sorted(scenario_files().values())
        bad = 0
        for problem in path_problems() if not args.files else []:
            print(f"error {problem}")
            bad += 1
        for f in files:
            try:
                s = parse_file(f)
                print(f"ok    {f}  ({s.id}, {len(s.checks())} checks, {s.max_score:g} points)")
            except ScenarioError as e:
                bad += 1
                for issue in e.issues:
                    print(f"error {issue}")
        print(f"{len(files) - bad + len(path_problems() if not args.files else [])} valid, {bad} invalid")
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
    from .grader import grade
    from .loader import load_scenario
    from .submission import KINDS

    p.add_argument("--kind", choices=KINDS, default=None, help="override detection by extension/content")
    p.add_argument("--explain", action="store_true", help="replay step by step: each command, its output, and "
                   "the checks it made pass or fail")
    args = _parse(p, argv)
    load_scenario(args.id)
    if args.submission == "-":
        from .submission import MAX_BYTES, decode, parse_submission

        text, notes = decode(sys.stdin.buffer.read(MAX_BYTES + 1), "<stdin>")
        source = parse_submission(text, args.kind)
        source.notes, source.name = notes, "<stdin>"
    else:
        source = Path(args.submission)  # read bounded: /dev/stdin and pipes work, a directory says so
    if args.explain:
        from .explain import explain
        from .submission import parse_submission

        sub = source if not isinstance(source, Path) else parse_submission(source, args.kind)
        for line in explain(load_scenario(args.id), sub, args.seed or sub.seed or 0):
            print(line)
        return 0
    report = grade(args.id, source, seed=args.seed, kind=args.kind)
    if args.format == "json":
        print(json.dumps(report.to_dict(), indent=2))
    else:
        print(report.to_text(), end="")
    return 0


def class_main(argv: list[str]) -> int:
    """The route "class" -> acrlab.labs.cli:class_main (acrlab/labs/class_cli.py)."""
    from .class_cli import class_main

    return class_main(argv)


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
    from .loader import load_scenario

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
