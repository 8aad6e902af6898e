"""``acrlab quiz validate|stats|practice`` (called by the top-level dispatcher as ``main(argv)``)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from .bank import default_bank, load_bank
from .loader import BankError
from .models import LETTERS, SECTIONS, TYPES
from .practice import PracticeSession, select_items
from .scoring import ResponseError, display_options, display_steps


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="acrlab quiz", description="Question bank, practice and statistics")
    sub = p.add_subparsers(dest="cmd", required=True)
    v = sub.add_parser("validate", help="validate bank YAML files (default: the packaged bank)")
    v.add_argument("files", nargs="*", type=Path)
    s = sub.add_parser("stats", help="counts of hand-written items")
    s.add_argument("--json", action="store_true")
    pr = sub.add_parser("practice", help="plain-text practice reading answers from stdin")
    pr.add_argument("--section", action="append", choices=SECTIONS)
    pr.add_argument("--objective", action="append")
    pr.add_argument("--type", action="append", choices=[t for t in TYPES if t != "performance"])
    pr.add_argument("--missed", action="store_true", help="only items missed last time")
    pr.add_argument("--unseen", action="store_true", help="only items never answered")
    pr.add_argument("--count", type=int, default=10)
    pr.add_argument("--seed", type=int, default=None)
    pr.add_argument("--generated", type=int, default=0, help="add N generated items")
    pr.add_argument("--no-store", action="store_true", help="do not record progress")
    return p


def main(argv: list[str] | None = None, *, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        if args.cmd == "validate":
            return _validate(args.files, out)
        if args.cmd == "stats":
            return _stats(args.json, out)
        return _practice(args, stdin or sys.stdin, out)
    except BankError as exc:
        print(f"error: the question bank is invalid:\n{exc}", file=out)
        return 1
    except (KeyboardInterrupt, EOFError):
        print("\nstopped.", file=out)
        return 130


def _validate(files: list[Path], out: TextIO) -> int:
    missing = [f for f in files if not f.exists()]
    if missing:
        for f in missing:
            print(f"{f}: no such file", file=out)
        return 2
    try:
        bank = load_bank(files or None)
    except BankError as exc:
        for issue in exc.issues:
            print(str(issue), file=out)
        print(f"{len(exc.issues)} problem(s) found", file=out)
        return 1
    print(f"ok: {len(bank)} items valid", file=out)
    return 0


def _stats(as_json: bool, out: TextIO) -> int:
    stats = default_bank().stats()
    if as_json:
        print(json.dumps(stats, indent=2), file=out)
        return 0
    print(f"total hand-written items: {stats['total']}   generators: {stats['generators']}", file=out)
    for key in ("by_type", "by_section", "by_difficulty", "by_objective"):
        print(f"{key.replace('_', ' ')}:", file=out)
        for k, v in stats[key].items():
            print(f"  {k:<16} {v}", file=out)
    return 0


def render(item: Any) -> list[str]:
    """Plain-text rendering of an item as the candidate sees it (no answers)."""
    lines: list[str] = []
    if item.type == "yesno":
        lines += [item.scenario, item.stem]
        lines += [f"  {k}. {s.text}" for k, s in enumerate(item.statements, 1)]
        lines.append("Answer with Y or N for each statement, e.g. 'Y N Y'.")
    elif item.type in ("single", "multiple"):
        lines.append(item.stem)
        lines += [f"  {LETTERS[k]}. {o.text}" for k, o in enumerate(item.options)]
        lines.append("Answer with a letter." if item.type == "single"
                     else f"Choose {len(item.answer)}: letters separated by commas, e.g. 'A,C'.")
    elif item.type == "ordering":
        lines.append(item.stem)
        lines += [f"  {k}. {s.text}" for k, s in enumerate(display_steps(item), 1)]
        lines.append(f"Answer with {len(item.steps)} numbers in order, e.g. '3 1 2'.")
    elif item.type == "dropdown":
        lines += [item.stem, "  " + item.template]
        for name in item.blank_order():
            opts = display_options(item, name)
            lines.append(f"  {{{name}}}: " + "  ".join(f"{k}) {o}" for k, o in enumerate(opts, 1)))
        lines.append("Answer with one number per blank, in order, e.g. '2 1'.")
    elif item.type == "case_study":
        lines.append(item.title)
        lines += [f"{h}: {t}" for h, t in item.scenario.items()]
    else:
        lines += [item.stem, "Enter commands, one per line; an empty line finishes."]
    return lines


def parse_response(item: Any, text: str) -> Any:
    """Turn a typed answer into a response for :func:`acrlab.quiz.scoring.score_item`."""
    words = text.replace(",", " ").split()
    if item.type == "single":
        if len(words) != 1:
            raise ResponseError("type one letter")
        return words[0].upper()
    if item.type == "multiple":
        return [w.upper() for w in words]
    if item.type == "yesno":
        vals = [w.lower() for w in words]
        if len(vals) != len(item.statements) or any(v not in ("y", "n", "yes", "no") for v in vals):
            raise ResponseError(f"type {len(item.statements)} answers, each Y or N")
        return [v.startswith("y") for v in vals]
    if item.type == "ordering":
        shown = display_steps(item)
        try:
            return [shown[int(w) - 1].id for w in words]
        except (ValueError, IndexError):
            raise ResponseError(f"type numbers between 1 and {len(shown)}") from None
    if item.type == "dropdown":
        names = item.blank_order()
        if len(words) != len(names):
            raise ResponseError(f"type {len(names)} numbers, one per blank")
        try:
            return {n: display_options(item, n)[int(w) - 1] for n, w in zip(names, words, strict=True)}
        except (ValueError, IndexError):
            raise ResponseError("a number is out of range") from None
    raise ResponseError(f"{item.type} items are answered differently")


def _ask(item: Any, inp: TextIO, out: TextIO) -> Any:
    for line in render(item):
        print(line, file=out)
    while True:
        print("> ", end="", file=out, flush=True)
        line = inp.readline()
        if not line:
            raise EOFError
        try:
            response = parse_response(item, line.strip())
            from .scoring import score_parts
            score_parts(item, response)
            return response
        except ResponseError as exc:
            print(f"  {exc}; try again.", file=out)


def _practice(args: argparse.Namespace, inp: TextIO, out: TextIO) -> int:
    bank = default_bank()
    store = None
    if not args.no_store or args.missed or args.unseen:
        from acrlab.progress import open_store
        store = open_store()
    extra = []
    if args.generated:
        from .generators import generate_many
        extra = generate_many(args.generated, args.seed or 0)
    types = args.type or [t for t in TYPES if t != "performance"]
    try:
        items = select_items(bank, sections=args.section, objectives=args.objective, types=types,
                             missed=args.missed, unseen=args.unseen, store=store, seed=args.seed,
                             limit=args.count + args.generated, extra=extra)
    except ValueError as exc:
        print(f"error: {exc}", file=out)
        return 2
    if not items:
        print("No items match these filters.", file=out)
        return 0
    session = PracticeSession(items, store=store if not args.no_store else None)
    while not session.finished:
        item = session.current
        print(f"\n[{session.index + 1}/{len(session)}] {item.id} (section {item.section}, {item.difficulty})", file=out)
        if item.type == "case_study":
            for line in render(item):
                print(line, file=out)
            response = {}
            for q in item.questions:
                print("", file=out)
                response[q.id] = _ask(q, inp, out)
        else:
            response = _ask(item, inp, out)
        fb = session.submit(response)
        print(f"{'Correct' if fb.correct else 'Not quite'}: {fb.earned}/{fb.possible}. {fb.explanation}", file=out)
        for d in fb.details:
            print("  " + d, file=out)
        if fb.docs_note:
            print(f"  Note: {fb.docs_note}", file=out)
        print("  See: " + "; ".join(fb.references), file=out)
    s = session.summary()
    print(f"\nDone: {s['earned']}/{s['possible']} points ({s['percent']}%).", file=out)
    if store is not None:
        store.close()
    return 0
