"""A learner's year of study through the quiz and progress layers (issue 16's workload).

What a learner does, in the order they do it: the app loads and validates the bank (sources and vocabulary
included), then for a year of study days they answer practice questions (with generated ones mixed in),
grade labs (failed checks schedule review cards), take a full 50-question exam every two weeks (recorded with
`record_exam`, misses becoming cards), review the cards that are due and look at readiness on Home. Nothing is
cleaned up that the app would not clean up: the progress database keeps every answer, grade and report.

    python benchmarks/study_year.py                 # 365 days, 20 answers a day
    python benchmarks/study_year.py --days 60 --per-day 40

Prints the bank load, each step's time per call at the start and at the end of the year (flat = no cost grows
with history), and the size of the progress database. Not a timed test.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from acrlab.progress import due_items, open_store, readiness  # noqa: E402
from acrlab.quiz import Blueprint, ExamSession, build_form, generate_many, record_exam, score_item  # noqa: E402
from acrlab.quiz.bank import load_bank  # noqa: E402
from acrlab.quiz.scoring import display_options  # noqa: E402

LABS = ["partner-token", "retention-untagged", "private-registry", "geo-replicate", "aks-kubelet-identity"]


def right_or_wrong(item, rng):
    """A plausible response: right about two times in three."""
    right = rng.random() < 0.67
    t = item.type
    if t == "single":
        return item.answer if right else next(x for x in "ABCD" if x != item.answer)
    if t == "multiple":
        return list(item.answer) if right else [item.answer[0]]
    if t == "yesno":
        return [s.answer if right else not s.answer for s in item.statements]
    if t == "solution_goal":
        return item.answer if right else not item.answer
    if t == "ordering":
        return [s.id for s in item.steps][:: 1 if right else -1]
    if t == "dropdown":
        return {n: item.blanks[n].answer if right else display_options(item, n)[0] for n in item.blank_order()}
    if t == "case_study":
        return {q.id: right_or_wrong(q, rng) for q in item.questions}
    return {"checks": [right] * item.parts()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--per-day", type=int, default=20)
    args = ap.parse_args()
    rng = random.Random(0)
    t0 = time.perf_counter()
    bank = load_bank()
    load_s = time.perf_counter() - t0
    print(f"bank: {len(bank)} items, {len(bank.sources)} sourced facts, loaded and validated in {load_s:.2f} s")
    clock = [datetime(2026, 1, 5, 9, tzinfo=UTC)]
    timings: dict[str, list[tuple[int, float]]] = {}

    def timed(name, day, fn):
        start = time.perf_counter()
        out = fn()
        timings.setdefault(name, []).append((day, time.perf_counter() - start))
        return out

    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "progress.db", now=lambda: clock[0]) as store:
        pool = [i for i in bank.items if i.type != "performance"]
        for day in range(args.days):
            attempt = store.start_attempt("practice")
            items = rng.sample(pool, args.per_day // 2) + generate_many(args.per_day // 2, seed=day)
            for item in items:
                score = score_item(item, right_or_wrong(item, rng))
                timed("answer", day, lambda item=item, score=score, a=attempt: store.record_answer(a, item, None, score))
            store.finish_attempt(attempt)
            lab = LABS[day % len(LABS)]
            timed("lab grade", day, lambda lab=lab: store.record_lab_grade(
                lab, 3, 4, [{"passed": True}, {"passed": False}]))
            if day % 14 == 13:
                form = timed("build exam", day, lambda day=day: build_form(bank, Blueprint.full(), seed=day))
                ex = ExamSession(form, bank, clock=lambda: 0.0)
                for k, item in enumerate(ex.items):
                    if not ex.is_locked(k):
                        ex.goto(k)
                        ex.answer(right_or_wrong(item, rng))
                report = ex.finish()
                timed("record exam", day, lambda report=report, ex=ex: record_exam(store, report, ex.items))
            timed("due cards", day, lambda: due_items(store))
            timed("readiness", day, lambda: readiness(store, bank))
            clock[0] += timedelta(days=1)
        size = (Path(tmp) / "progress.db").stat().st_size
        answers = len(store.answers())
    print(f"{args.days} days: {answers} answers stored, progress.db {size / 1e6:.1f} MB, "
          f"total {time.perf_counter() - t0:.1f} s")
    for name, rows in timings.items():
        first = [s for d, s in rows if d < max(1, args.days // 10)]
        last = [s for d, s in rows if d >= args.days - max(1, args.days // 10)]
        mean = lambda xs: 1000 * sum(xs) / len(xs) if xs else float("nan")  # noqa: E731
        print(f"  {name:<12} {mean(first):8.2f} ms at the start   {mean(last):8.2f} ms at the end   ({len(rows)} calls)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
