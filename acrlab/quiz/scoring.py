"""Scoring: one point per correct part, no negative marking, and a scaled 1-1000 estimate.

Responses per type (all JSON-serialisable so they can be stored):

* single: ``"B"``; multiple: ``["A", "C"]`` (selecting more than the number of correct
  answers scores 0, as the real exam lets you pick exactly N);
* yesno: ``[True, False, True]`` (one bool or None per statement);
* ordering: list of step ids in the chosen order; a point per position that holds the right step;
* dropdown: ``{"blank": "choice"}``; case_study: ``{"question-id": response}``;
* solution_goal: ``True`` (Yes, the solution meets the goal) or ``False`` (No);
* performance: list of shell commands the learner ran (graded in a fresh Lab) or a
  pre-computed list of check results ``{"checks": [true, false]}``.

The scaled score is an ESTIMATE: Microsoft does not publish its scaling. We map the raw
fraction ``p`` piecewise-linearly so that ``p == pass_fraction`` (default 0.70) gives 700:
``1 + 699 * p / pass_fraction`` below the cut and ``700 + 300 * (p - cut) / (1 - cut)`` above.
"""

from __future__ import annotations

import hashlib
import math
import random
from typing import Any

from pydantic import BaseModel

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

PASS_SCALED = 700


class ItemScore(BaseModel):
    item_id: str
    earned: int
    possible: int
    parts: list[bool]
    section_parts: list[tuple[str, str, bool]] = []  # (section, objective, correct) per part

    @property
    def correct(self) -> bool:
        return self.earned == self.possible


class ResponseError(ValueError):
    """A response has the wrong shape for its item type."""


def _letters(value: Any, n: int) -> list[str]:
    vals = [value] if isinstance(value, str) else list(value or [])
    out = []
    for v in vals:
        v = str(v).strip().upper()
        if len(v) != 1 or v not in LETTERS[:n]:
            raise ResponseError(f"{v!r} is not an option letter (A-{LETTERS[n - 1]})")
        out.append(v)
    return out


def score_parts(item: Any, response: Any, grader: Any = None) -> list[bool]:
    """Per-part correctness for ``response`` (None = unanswered -> all parts wrong)."""
    n = item.parts()
    if response is None:
        return [False] * n
    if isinstance(item, SingleItem):
        chosen = _letters(response, len(item.options))
        return [len(chosen) == 1 and chosen[0] == item.answer]
    if isinstance(item, MultipleItem):
        chosen = set(_letters(response, len(item.options)))
        if len(chosen) > len(item.answer):
            return [False] * n
        hits = len(chosen & set(item.answer))
        return [True] * hits + [False] * (n - hits)
    if isinstance(item, YesNoItem):
        vals = list(response)
        if len(vals) != n:
            raise ResponseError(f"expected {n} yes/no answers, got {len(vals)}")
        return [v is not None and bool(v) == s.answer for v, s in zip(vals, item.statements, strict=True)]
    if isinstance(item, OrderingItem):
        seq = [str(x) for x in response]
        return [k < len(seq) and seq[k] == s.id for k, s in enumerate(item.steps)]
    if isinstance(item, DropdownItem):
        if not isinstance(response, dict):
            raise ResponseError("a dropdown response is a mapping of blank name to choice")
        return [response.get(name) == item.blanks[name].answer for name in item.blank_order()]
    if isinstance(item, CaseStudyItem):
        if not isinstance(response, dict):
            raise ResponseError("a case-study response maps question ids to responses")
        out: list[bool] = []
        for q in item.questions:
            out.extend(score_parts(q, response.get(q.id)))
        return out
    if isinstance(item, SolutionGoalItem):
        if not isinstance(response, bool):
            raise ResponseError("a problem-solution response is True (Yes) or False (No)")
        return [response == item.answer]
    if isinstance(item, PerformanceItem):
        if isinstance(response, dict) and "checks" in response:
            res = [bool(x) for x in response["checks"]]
            return (res + [False] * n)[:n]
        if grader is None:
            from .verify import grade_performance
            grader = grade_performance
        return grader(item, list(response))
    raise ResponseError(f"unknown item type {type(item).__name__}")


def score_item(item: Any, response: Any, grader: Any = None) -> ItemScore:
    parts = score_parts(item, response, grader)
    if isinstance(item, CaseStudyItem):
        tags = [(q.section, q.objective) for q in item.questions for _ in range(q.parts())]
    else:
        tags = [(item.section, item.objective)] * len(parts)
    return ItemScore(item_id=item.id, earned=sum(parts), possible=len(parts), parts=parts,
                     section_parts=[(s, o, p) for (s, o), p in zip(tags, parts, strict=True)])


def scaled_score(earned: int, possible: int, pass_fraction: float = 0.70) -> int:
    """Estimated 1-1000 scaled score; ``pass_fraction`` of the raw points maps to 700."""
    if possible <= 0:
        return 1
    p = max(0.0, min(1.0, earned / possible))
    if p < pass_fraction:
        value = 1 + (PASS_SCALED - 1) * p / pass_fraction
    else:
        value = PASS_SCALED + (1000 - PASS_SCALED) * (p - pass_fraction) / (1 - pass_fraction)
    return int(math.floor(value + 0.5))


def display_options(item: DropdownItem, blank: str) -> list[str]:
    """Drop-down choices in a stable shuffled order (so the right choice is not always first)."""
    opts = list(item.blanks[blank].options)
    seed = int(hashlib.sha256(f"{item.id}/{blank}".encode()).hexdigest()[:12], 16)
    random.Random(seed).shuffle(opts)
    return opts


def display_steps(item: OrderingItem) -> list[Any]:
    """Steps and distractors in a stable shuffled order that is never the answer order."""
    pool = list(item.steps) + list(item.distractors)
    seed = int(hashlib.sha256(item.id.encode()).hexdigest()[:12], 16)
    rng = random.Random(seed)
    for _ in range(20):
        rng.shuffle(pool)
        if [s.id for s in pool[:len(item.steps)]] != [s.id for s in item.steps]:
            break
    return pool
