"""Exam mode: blueprint-driven forms, a timer on an injectable clock, mark for review,
Yes/No series and case studies that lock once left, and a scored, reviewable report.

The scaled score (1-1000, 700 to pass) is an ESTIMATE; see :func:`acrlab.quiz.scoring.scaled_score`.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, Field, model_validator

from .models import TYPES
from .scoring import ItemScore, ResponseError, scaled_score, score_item, score_parts

LOCKING_TYPES = {"yesno", "case_study"}
SCALE_NOTE = ("The scaled score is an estimate: Microsoft does not publish its scaling. Here the "
              "pass fraction of raw points maps to 700, linearly on either side.")


class ExamError(Exception):
    pass


class ExamLockedError(ExamError):
    """The item was left and is locked (Yes/No series and case studies)."""


class ExamTimeUp(ExamError):
    pass


class Blueprint(BaseModel):
    minutes: float = Field(default=100, gt=0)
    type_quotas: dict[str, int] = Field(default_factory=lambda: {
        "single": 26, "multiple": 8, "yesno": 4, "ordering": 3, "dropdown": 6, "case_study": 1, "performance": 2})
    section_minimums: dict[str, int] = Field(default_factory=lambda: {"3.3": 4, "8": 2, "3.2": 2})
    pass_fraction: float = Field(default=0.70, gt=0, lt=1)

    @model_validator(mode="after")
    def _known_types(self) -> Blueprint:
        bad = [t for t in self.type_quotas if t not in TYPES]
        if bad:
            raise ValueError(f"unknown item types in quotas: {bad}")
        return self

    @property
    def total(self) -> int:
        return sum(self.type_quotas.values())


class ExamForm(BaseModel):
    blueprint: Blueprint
    seed: int
    item_ids: list[str]
    shortfalls: list[str] = []  # quotas the bank could not fill


def build_form(bank: Any, blueprint: Blueprint | None = None, seed: int = 0,
               include_performance: bool = True) -> ExamForm:
    """Draw items by type quota, preferring sections still below their minimum."""
    bp = blueprint or Blueprint()
    rng = random.Random(seed)
    chosen: list[Any] = []
    shortfalls: list[str] = []
    per_section: dict[str, int] = {}
    quotas = dict(bp.type_quotas)
    if not include_performance and quotas.get("performance"):
        quotas["single"] = quotas.get("single", 0) + quotas.pop("performance")
    for t in TYPES:
        want = quotas.get(t, 0)
        pool = bank.filter(types=[t])
        rng.shuffle(pool)
        for _ in range(want):
            if not pool:
                shortfalls.append(f"type {t}: wanted {want}, bank has too few")
                break
            pool.sort(key=lambda i: -(bp.section_minimums.get(i.section, 0) - per_section.get(i.section, 0)))
            pick = pool.pop(0)
            chosen.append(pick)
            per_section[pick.section] = per_section.get(pick.section, 0) + 1
    for sec, need in bp.section_minimums.items():
        if per_section.get(sec, 0) < need:
            shortfalls.append(f"section {sec}: wanted {need}, drew {per_section.get(sec, 0)}")
    general = [i for i in chosen if i.type not in ("case_study", "performance")]
    rng.shuffle(general)
    ordered = general + [i for i in chosen if i.type == "case_study"] + [i for i in chosen if i.type == "performance"]
    return ExamForm(blueprint=bp, seed=seed, item_ids=[i.id for i in ordered], shortfalls=shortfalls)


class Tally(BaseModel):
    earned: int = 0
    possible: int = 0

    @property
    def percent(self) -> float:
        return round(100 * self.earned / self.possible, 1) if self.possible else 0.0


class ItemResult(BaseModel):
    index: int
    item_id: str
    type: str
    section: str
    objective: str
    response: Any = None
    marked: bool = False
    earned: int
    possible: int
    parts: list[bool]


class ExamReport(BaseModel):
    form: ExamForm
    elapsed_seconds: float
    timed_out: bool
    earned: int
    possible: int
    scaled: int
    passed: bool
    by_section: dict[str, Tally]
    by_objective: dict[str, Tally]
    items: list[ItemResult]
    note: str = SCALE_NOTE

    def review(self, bank: Any) -> list[dict[str, Any]]:
        """The attempt item by item: the item, the response, the score and the explanation."""
        from .practice import explain
        out = []
        for r in self.items:
            item = bank.get(r.item_id)
            out.append({"index": r.index, "item": item, "response": r.response, "earned": r.earned,
                        "possible": r.possible, "marked": r.marked, "explanation": item.explanation,
                        "details": explain(item), "docs_note": item.docs_note})
        return out


def build_report(form: ExamForm, items: list[Any], responses: dict[int, Any], marked: set[int],
                 elapsed: float, timed_out: bool, grader: Any = None) -> ExamReport:
    results: list[ItemResult] = []
    by_section: dict[str, Tally] = {}
    by_objective: dict[str, Tally] = {}
    for k, item in enumerate(items):
        try:
            sc = score_item(item, responses.get(k), grader)
        except Exception:  # an ungradable response (e.g. engine missing) earns nothing
            sc = ItemScore(item_id=item.id, earned=0, possible=item.parts(), parts=[False] * item.parts(),
                           section_parts=[(item.section, item.objective, False)] * item.parts())
        for sec, obj, ok in sc.section_parts:
            for key, table in ((sec, by_section), (obj, by_objective)):
                t = table.setdefault(key, Tally())
                t.possible += 1
                t.earned += int(ok)
        results.append(ItemResult(index=k, item_id=item.id, type=item.type, section=item.section,
                                  objective=item.objective, response=responses.get(k), marked=k in marked,
                                  earned=sc.earned, possible=sc.possible, parts=sc.parts))
    earned = sum(r.earned for r in results)
    possible = sum(r.possible for r in results)
    scaled = scaled_score(earned, possible, form.blueprint.pass_fraction)
    return ExamReport(form=form, elapsed_seconds=elapsed, timed_out=timed_out, earned=earned, possible=possible,
                      scaled=scaled, passed=scaled >= 700, by_section=dict(sorted(by_section.items())),
                      by_objective=dict(sorted(by_objective.items())), items=results)


class ExamSession:
    """One sitting. ``clock`` returns seconds (monotonic); inject a fake for tests."""

    def __init__(self, form: ExamForm, bank: Any, *, clock: Callable[[], float] = time.monotonic,
                 grader: Any = None):
        self.form = form
        self.items = [bank.get(i) for i in form.item_ids]
        self.clock = clock
        self.grader = grader
        self.started = clock()
        self.index = 0
        self.responses: dict[int, Any] = {}
        self.marked: set[int] = set()
        self.locked: set[int] = set()
        self.report: ExamReport | None = None

    # -- time ---------------------------------------------------------------------------------
    @property
    def duration(self) -> float:
        return self.form.blueprint.minutes * 60

    def elapsed(self) -> float:
        return max(0.0, self.clock() - self.started)

    def time_remaining(self) -> float:
        return max(0.0, self.duration - self.elapsed())

    @property
    def expired(self) -> bool:
        return self.time_remaining() <= 0

    def _check_open(self) -> None:
        if self.report is not None:
            raise ExamError("the exam is finished")
        if self.expired:
            raise ExamTimeUp("time is up; finish() to see the report")

    # -- navigation -----------------------------------------------------------------------------
    @property
    def current(self) -> Any:
        return self.items[self.index]

    def goto(self, index: int) -> Any:
        self._check_open()
        if not 0 <= index < len(self.items):
            raise IndexError(f"no item {index}; the exam has {len(self.items)}")
        if index in self.locked:
            raise ExamLockedError(f"item {index + 1} is locked: it was left and cannot be revisited")
        if index != self.index and self.items[self.index].type in LOCKING_TYPES:
            self.locked.add(self.index)
        self.index = index
        return self.current

    def next(self) -> Any:
        nxt = self.index + 1
        while nxt < len(self.items) and nxt in self.locked:
            nxt += 1
        return self.goto(nxt)

    def prev(self) -> Any:
        prv = self.index - 1
        while prv >= 0 and prv in self.locked:
            prv -= 1
        return self.goto(prv)

    def is_locked(self, index: int) -> bool:
        return index in self.locked

    # -- answering ------------------------------------------------------------------------------
    def answer(self, response: Any, index: int | None = None) -> None:
        self._check_open()
        k = self.index if index is None else index
        if k != self.index:
            raise ExamError("answer the item you are on (use goto first)")
        item = self.items[k]
        if item.type != "performance" and response is not None:
            score_parts(item, response)  # raises ResponseError on a malformed response
        elif item.type == "performance" and not isinstance(response, (list, dict)):
            raise ResponseError("a performance response is a list of commands")
        self.responses[k] = response

    def mark(self, flag: bool = True, index: int | None = None) -> None:
        k = self.index if index is None else index
        if k in self.locked:
            raise ExamLockedError(f"item {k + 1} is locked")
        (self.marked.add if flag else self.marked.discard)(k)

    def review_screen(self) -> list[dict[str, Any]]:
        """Entries for the review screen; locked Yes/No series and case studies are not listed."""
        return [{"index": k, "item_id": it.id, "type": it.type, "answered": k in self.responses,
                 "marked": k in self.marked} for k, it in enumerate(self.items) if k not in self.locked]

    def finish(self) -> ExamReport:
        if self.report is None:
            elapsed = min(self.elapsed(), self.duration)
            self.report = build_report(self.form, self.items, self.responses, self.marked, elapsed,
                                       self.expired, self.grader)
        return self.report
