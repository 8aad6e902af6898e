"""Practice mode: instant feedback with explanations; filters by section, objective, type, missed, unseen."""

from __future__ import annotations

import random
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from ..objectives import section_title
from .models import (
    LETTERS,
    CaseStudyItem,
    DropdownItem,
    MultipleItem,
    OrderingItem,
    PerformanceItem,
    SingleItem,
    SolutionGoalItem,
    YesNoItem,
)
from .scoring import ItemScore, score_item


class Feedback(BaseModel):
    item_id: str
    earned: int
    possible: int
    correct: bool
    explanation: str
    details: list[str]  # right answer and why each wrong option is wrong
    parts: list[bool] = []  # per part: right or not (for labs: each check)
    docs_note: str | None = None
    references: list[str]


def explain(item: Any) -> list[str]:
    """Human-readable lines: the right answer(s) and why each other choice is wrong."""
    lines: list[str] = []
    if isinstance(item, (SingleItem, MultipleItem)):
        right = {item.answer} if isinstance(item, SingleItem) else set(item.answer)
        for k, opt in enumerate(item.options):
            mark = "correct" if LETTERS[k] in right else "wrong"
            lines.append(f"{LETTERS[k]}. {opt.text} [{mark}] - {opt.why}")
    elif isinstance(item, YesNoItem):
        for k, st in enumerate(item.statements, 1):
            lines.append(f"{k}. {st.text} [{'Yes' if st.answer else 'No'}] - {st.why}")
    elif isinstance(item, SolutionGoalItem):
        lines.append(f"Solution: {item.solution} [{'Yes' if item.answer else 'No'}] - {item.why}")
    elif isinstance(item, OrderingItem):
        lines += [f"{k}. {s.text}" for k, s in enumerate(item.steps, 1)]
        lines += [f"not needed: {d.text} - {d.why}" for d in item.distractors]
    elif isinstance(item, DropdownItem):
        for name in item.blank_order():
            b = item.blanks[name]
            lines.append(f"{{{name}}} = {b.answer}")
            lines += [f"  not {opt}: {why}" for opt, why in b.why.items()]
    elif isinstance(item, CaseStudyItem):
        for q in item.questions:
            lines.append(f"[{q.id}] {q.stem}")
            lines += ["  " + x for x in explain(q)]
    elif isinstance(item, PerformanceItem):
        lines += ["solution: " + c for c in item.solution]
        lines += [f"check: {describe_check(c)}" for c in item.checks]
    return lines


def describe_check(step: Any) -> str:
    """``az acr show -n x -> sku.name == Standard, exit 0`` (what a lab check expects)."""
    want = []
    if step.expect_exit is not None:
        want.append(f"exit {step.expect_exit}")
    if step.expect_error is not None:
        want.append("fails" if step.expect_error else "succeeds")
    want += [f"{k} == {v!r}" for k, v in (step.expect_query or {}).items()]
    if step.expect_stdout_contains is not None:
        want.append(f"output contains {step.expect_stdout_contains!r}")
    if step.expect_stderr_contains is not None:
        want.append(f"error contains {step.expect_stderr_contains!r}")
    return f"{step.run} -> {', '.join(want)}"


def feedback_for(item: Any, score: ItemScore) -> Feedback:
    details = explain(item)
    if isinstance(item, PerformanceItem):
        checks = iter(score.parts)
        details = [f"{d} [{'passed' if next(checks, False) else 'FAILED'}]" if d.startswith("check: ") else d
                   for d in details]
    return Feedback(item_id=item.id, earned=score.earned, possible=score.possible, correct=score.correct,
                    explanation=item.explanation, details=details, docs_note=item.docs_note, parts=score.parts,
                    references=[f"course section: {section_title(item.refs.seed)}", *item.refs.docs])


def select_items(bank: Any, *, sections: Iterable[str] | None = None, objectives: Iterable[str] | None = None,
                 types: Iterable[str] | None = None, missed: bool = False, unseen: bool = False,
                 store: Any = None, limit: int | None = None, seed: int | None = None,
                 extra: Iterable[Any] = ()) -> list[Any]:
    """Pick practice items. ``missed``/``unseen`` need a progress store (``acrlab.progress``)."""
    items = bank.filter(sections=sections, objectives=objectives, types=types) + list(extra)
    if (missed or unseen) and store is None:
        raise ValueError("the missed/unseen filters need a progress store")
    if missed:
        ids = store.missed_item_ids()
        items = [i for i in items if i.id in ids]
    if unseen:
        seen = store.seen_item_ids()
        items = [i for i in items if i.id not in seen]
    if seed is not None:
        random.Random(seed).shuffle(items)
    return items[:limit] if limit else items


class PracticeSession:
    """Walk through items one at a time; every submission returns :class:`Feedback` at once."""

    def __init__(self, items: list[Any], *, store: Any = None, grader: Any = None, mode: str = "practice"):
        self.items = list(items)
        self.index = 0
        self.store = store
        self.grader = grader
        self.results: list[ItemScore] = []
        self.attempt_id = store.start_attempt(mode) if store is not None else None

    def __len__(self) -> int:
        return len(self.items)

    @property
    def finished(self) -> bool:
        return self.index >= len(self.items)

    @property
    def current(self) -> Any | None:
        return None if self.finished else self.items[self.index]

    def submit(self, response: Any) -> Feedback:
        """Score the current item (raises ``ResponseError`` for a malformed response) and advance."""
        item = self.current
        if item is None:
            raise IndexError("the practice session is finished")
        score = score_item(item, response, self.grader)
        self.results.append(score)
        if self.store is not None:
            self.store.record_answer(self.attempt_id, item, response, score)
        self.index += 1
        if self.finished and self.store is not None:
            self.store.finish_attempt(self.attempt_id)
        return feedback_for(item, score)

    def stop(self) -> None:
        """End the session early (the learner quit): the answers given so far stay recorded as one attempt."""
        if not self.finished and self.store is not None and self.results:
            self.store.finish_attempt(self.attempt_id)

    def skip(self) -> None:
        if not self.finished:
            self.index += 1

    def summary(self) -> dict[str, Any]:
        earned = sum(r.earned for r in self.results)
        possible = sum(r.possible for r in self.results)
        return {"answered": len(self.results), "earned": earned, "possible": possible,
                "percent": round(100 * earned / possible, 1) if possible else 0.0}
