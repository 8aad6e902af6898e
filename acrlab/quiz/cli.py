"""``acrlab quiz validate|stats|practice|review|exam`` (called by the top-level dispatcher as ``main(argv)``)."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from acrlab.progress.store import StoreError

from ..objectives import SECTION_TITLES, objective_title
from .bank import default_bank, load_bank
from .loader import BankError
from .models import SECTIONS, TYPES
from .practice import PracticeSession, feedback_for, select_items
from .scoring import score_item
from .textui import Quit, ask_any, heading, parse_response, render, say, show_feedback
from .verify import EngineUnavailable

__all__ = ["main", "parse_response", "render"]


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _minutes(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of minutes") from None
    if not 0 < value <= 300:
        raise argparse.ArgumentTypeError("must be above 0 and at most 300")
    return value


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="acrlab quiz", description="Question bank, practice, review and exams")
    sub = p.add_subparsers(dest="cmd", required=True)
    v = sub.add_parser("validate", help="validate bank YAML files (default: the packaged bank and the Learn pages)")
    v.add_argument("files", nargs="*", type=Path)
    v.add_argument("--docs", action="append", type=Path, default=[], metavar="DIR",
                   help="a local docs checkout (e.g. MicrosoftDocs/azure-management-docs); check every quoted "
                        "source against it word for word (repeatable)")
    s = sub.add_parser("stats", help="counts of hand-written items")
    s.add_argument("--json", action="store_true")
    pr = sub.add_parser("practice", help="practice with instant feedback (answers read from stdin)")
    pr.add_argument("--section", action="append", choices=SECTIONS, metavar="SECTION",
                    help="course section number, e.g. 3.3 for Authentication (repeatable): "
                         + "; ".join(f"{k} {v}" for k, v in SECTION_TITLES.items()))
    pr.add_argument("--objective", action="append", help="objective id, e.g. acr.auth.tokens (repeatable)")
    pr.add_argument("--type", action="append", choices=TYPES, help="item type (repeatable)")
    pr.add_argument("--missed", action="store_true", help="only items missed last time")
    pr.add_argument("--unseen", action="store_true", help="only items never answered")
    pr.add_argument("--limit", "--count", dest="limit", type=_positive, default=10, help="at most N items")
    pr.add_argument("--seed", type=int, default=None, help="shuffle the items with this seed")
    pr.add_argument("--generated", type=int, default=0, help="add N generated items")
    pr.add_argument("--no-store", action="store_true", help="do not record progress")
    rv = sub.add_parser("review", help="spaced repetition: answer the items that are due")
    rv.add_argument("--limit", type=_positive, default=20, help="at most N due items")
    rv.add_argument("--readiness", action="store_true", help="only print readiness per objective")
    ex = sub.add_parser("exam", help="a plain-text timed exam (the app has the full-screen one)")
    ex.add_argument("--items", "-n", type=int, default=None, help="scored items (default: a full 50-item exam)")
    ex.add_argument("--minutes", "-m", type=_minutes, default=None,
                    help="time limit (default: 120 minutes for the full exam with labs, 100 without; "
                         "the same pace for shorter ones)")
    ex.add_argument("--trial", type=int, default=None,
                    help="unscored trial items, 0-5 (default: on, 3 in a full exam, 1 per 15 items)")
    ex.add_argument("--order", choices=["general-first", "case-studies-first", "labs-first"],
                    default="general-first", help="which sections come first (the real exam varies)")
    ex.add_argument("--no-review", action="store_true", help="do not print the question-by-question review")
    ex.add_argument("--seed", type=int, default=None, help="draw the form with this seed")
    ex.add_argument("--no-labs", action="store_true", help="leave out the performance-based labs")
    ex.add_argument("--no-store", action="store_true", help="do not save the report")
    return p


def main(argv: list[str] | None = None, *, stdin: TextIO | None = None, stdout: TextIO | None = None,
         clock: Callable[[], float] | None = None) -> int:
    out = stdout or sys.stdout
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 2
    inp = stdin or sys.stdin
    try:
        if args.cmd == "validate":
            return _validate(args.files, out, args.docs)
        if args.cmd == "stats":
            return _stats(args.json, out)
        if args.cmd == "review":
            return _review(args, inp, out)
        if args.cmd == "exam":
            from .cli_exam import run_exam
            return run_exam(args, inp, out, clock)
        return _practice(args, inp, out)
    except BankError as exc:
        print(f"error: the question bank is invalid:\n{exc}", file=out)
        return 1
    except (KeyboardInterrupt, EOFError):
        print("\nstopped.", file=out)
        return 130
    except (OSError, sqlite3.Error) as exc:
        print(f"error: {exc}", file=out)
        return 2
    except (StoreError, EngineUnavailable) as exc:
        print(f"error: {exc}", file=out)
        return 2
    except Exception as exc:  # never a traceback at the learner's door
        print(f"error: unexpected problem ({type(exc).__name__}: {exc}); please report it", file=out)
        return 1


def _validate(files: list[Path], out: TextIO, docs: list[Path] | None = None) -> int:
    missing = [f for f in [*files, *(docs or [])] if not f.exists()]
    if missing:
        for f in missing:
            print(f"{f}: no such file or directory", file=out)
        return 2
    try:
        bank = load_bank(files or None)
    except BankError as exc:
        for issue in exc.issues:
            print(str(issue), file=out)
        print(f"{len(exc.issues)} problem(s) found", file=out)
        return 1
    problems = 0
    if not files:
        from ..learnpages import page_problems
        for problem in page_problems():
            print(f"Learn page {problem}", file=out)
            problems += 1
    if docs:
        from .sourcecheck import check_sources
        facts = dict(bank.sources)
        facts.update({f"{i.id}.source[{k}]": ref for i in _all_items(bank)
                      for k, ref in enumerate(i.source) if not isinstance(ref, str)})
        results = check_sources(facts, docs)
        for r in results:
            if r.status == "missing":
                print(f"source {r.fact}: {r.detail}", file=out)
                problems += 1
        unchecked = [r for r in results if r.status == "unchecked"]
        print(f"sources: {sum(r.status == 'ok' for r in results)} quote(s) found word for word, "
              f"{len(unchecked)} not checked (article not in the given docs), "
              f"{sum(r.status == 'missing' for r in results)} not found", file=out)
        for r in unchecked:
            print(f"  not checked: {r.fact} ({r.url}): {r.detail}", file=out)
    if problems:
        print(f"{problems} problem(s) found", file=out)
        return 1
    print(f"ok: {len(bank)} items valid", file=out)
    return 0


def _all_items(bank):
    for item in bank.items:
        yield item
        yield from getattr(item, "questions", [])


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


def _practice(args: argparse.Namespace, inp: TextIO, out: TextIO) -> int:
    bank = default_bank()
    unknown = [o for o in args.objective or [] if o not in bank.objectives]
    if unknown:
        say(out, f"error: unknown objective(s) {', '.join(unknown)}; known: {', '.join(sorted(bank.objectives))}")
        return 2
    if not 0 <= args.generated <= 100:
        say(out, "error: --generated takes a number from 0 to 100")
        return 2
    store = None
    if not args.no_store or args.missed or args.unseen:
        from acrlab.progress import open_store
        store = open_store()
    try:
        extra = []
        if args.generated:
            from .generators import generate_many
            extra = generate_many(args.generated, args.seed or 0)
        items = select_items(bank, sections=args.section, objectives=args.objective, types=args.type,
                             missed=args.missed, unseen=args.unseen, store=store, seed=args.seed,
                             limit=args.limit + args.generated, extra=extra)
        if not items:
            say(out, "No items match these filters.")
            return 0
        session = PracticeSession(items, store=store if not args.no_store else None)
        say(out, f"{len(session)} question(s). Type 'quit' to stop; your answers so far are kept.")
        while not session.finished:
            item = session.current
            say(out, "", heading(f"{session.index + 1}/{len(session)}", item))
            try:
                response = ask_any(item, inp, out)
            except Quit:
                session.stop()
                break
            if item.type == "performance":
                say(out, "Grading your work in a fresh lab...")
            show_feedback(session.submit(response), out)
        s = session.summary()
        done = "Done" if session.finished else f"Stopped after {session.index} of {len(session)}"
        say(out, "", f"{done}: {s['earned']}/{s['possible']} points ({s['percent']}%).")
        return 0
    finally:
        if store is not None:
            store.close()


def _review(args: argparse.Namespace, inp: TextIO, out: TextIO) -> int:
    from acrlab.progress import due_items, open_store, readiness
    bank = default_bank()
    with open_store() as store:
        if args.readiness:
            say(out, "Readiness per objective (mean recall probability of its items, 0-100%):")
            for obj, value in readiness(store, bank).items():
                say(out, f"  {round(100 * value):>3}%  {objective_title(obj)}")
            return 0
        due = [i for i in due_items(store) if i in bank]
        if not due:
            cards = store.cards()
            say(out, "Nothing is due for review.")
            if cards:
                say(out, f"Next card due: {cards[0]['due']} ({len(cards)} card(s) in total).")
            else:
                say(out, "Cards are made when you answer items: try 'acrlab quiz practice'.")
            return 0
        due = due[:args.limit]
        attempt = store.start_attempt("review")
        earned = possible = 0
        say(out, f"{len(due)} card(s) due. Type 'quit' to stop; the cards you answer are rescheduled.")
        reviewed = 0
        for n, item_id in enumerate(due, 1):
            item = bank.get(item_id)
            say(out, "", heading(f"review {n}/{len(due)}", item))
            try:
                response = ask_any(item, inp, out)
            except Quit:
                break
            score = score_item(item, response)
            store.record_answer(attempt, item, response, score)  # reschedules the card
            earned, possible, reviewed = earned + score.earned, possible + score.possible, reviewed + 1
            show_feedback(feedback_for(item, score), out)
        store.finish_attempt(attempt)
        say(out, "", f"Reviewed {reviewed} item(s): {earned}/{possible} points. "
                     f"{len(due_items(store))} still due now.")
        return 0
