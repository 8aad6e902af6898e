"""The exam report: one point per correct part, trial items excluded, a scaled estimate, breakdowns."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from .blueprint import ExamForm
from .scoring import ItemScore, scaled_score, score_item

SCALE_NOTE = ("The scaled score is an estimate: Microsoft does not publish its scaling. Here the "
              "pass fraction of raw points maps to 700, linearly on either side.")
TRIAL_NOTE = ("Unscored items: like the real exam, this form held trial items that look like any other "
              "item and do not count toward the score.")


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
    scored: bool = True


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
    break_seconds: float = 0.0
    auto_submitted: bool = False
    note: str = SCALE_NOTE

    @property
    def unscored(self) -> list[ItemResult]:
        return [r for r in self.items if not r.scored]

    def review(self, bank: Any) -> list[dict[str, Any]]:
        """The attempt item by item: the item, the response, the score and the explanation."""
        from .practice import explain
        out = []
        for r in self.items:
            item = bank.get(r.item_id)
            out.append({"index": r.index, "item": item, "response": r.response, "earned": r.earned,
                        "possible": r.possible, "marked": r.marked, "scored": r.scored,
                        "explanation": item.explanation, "details": explain(item), "docs_note": item.docs_note})
        return out


def _zero(item: Any) -> ItemScore:
    n = item.parts()
    return ItemScore(item_id=item.id, earned=0, possible=n, parts=[False] * n,
                     section_parts=[(item.section, item.objective, False)] * n)


def build_report(form: ExamForm, items: list[Any], responses: dict[int, Any], marked: set[int],
                 elapsed: float, timed_out: bool, grader: Any = None, *, unscored: set[int] | None = None,
                 break_seconds: float = 0.0, auto_submitted: bool = False) -> ExamReport:
    """Score a sitting. ``unscored`` are form indices of trial items (default: the form's trial ids)."""
    if unscored is None:
        trial = set(form.trial_ids)
        unscored = {k for k, it in enumerate(items) if it.id in trial}
    results: list[ItemResult] = []
    by_section: dict[str, Tally] = {}
    by_objective: dict[str, Tally] = {}
    for k, item in enumerate(items):
        try:
            sc = score_item(item, responses.get(k), grader)
        except Exception:  # an ungradable response (e.g. a broken lab command) earns nothing
            sc = _zero(item)
        scored = k not in unscored
        if scored:
            for sec, obj, ok in sc.section_parts:
                for key, table in ((sec, by_section), (obj, by_objective)):
                    t = table.setdefault(key, Tally())
                    t.possible += 1
                    t.earned += int(ok)
        results.append(ItemResult(index=k, item_id=item.id, type=item.type, section=item.section,
                                  objective=item.objective, response=responses.get(k), marked=k in marked,
                                  earned=sc.earned, possible=sc.possible, parts=sc.parts, scored=scored))
    earned = sum(r.earned for r in results if r.scored)
    possible = sum(r.possible for r in results if r.scored)
    scaled = scaled_score(earned, possible, form.blueprint.pass_fraction)
    return ExamReport(form=form, elapsed_seconds=elapsed, timed_out=timed_out, earned=earned, possible=possible,
                      scaled=scaled, passed=scaled >= 700, by_section=dict(sorted(by_section.items())),
                      by_objective=dict(sorted(by_objective.items())), items=results,
                      break_seconds=break_seconds, auto_submitted=auto_submitted)


def _bar(percent: float, width: int = 20) -> str:
    filled = int(round(width * percent / 100))
    return "#" * filled + "." * (width - filled)


def format_report(report: ExamReport) -> list[str]:
    """Plain-text score report: result, scaled score, bars per section and objective, unscored items."""
    mins, secs = divmod(int(report.elapsed_seconds), 60)
    lines = [f"Result: {'PASS' if report.passed else 'FAIL'}   scaled score {report.scaled} (700 to pass)",
             f"Raw: {report.earned}/{report.possible} points   time used {mins}:{secs:02d}"
             + ("   (time ran out: answers were submitted automatically)" if report.timed_out else ""),
             f"Note: {report.note}", "By seed section:"]
    lines += [f"  {k:<6} {_bar(t.percent)} {t.percent:5.1f}%  ({t.earned}/{t.possible})"
              for k, t in report.by_section.items()]
    lines.append("By objective:")
    lines += [f"  {k:<16} {_bar(t.percent)} {t.percent:5.1f}%  ({t.earned}/{t.possible})"
              for k, t in report.by_objective.items()]
    if report.unscored:
        lines.append(TRIAL_NOTE)
        lines += [f"  item {r.index + 1}: unscored ({r.earned}/{r.possible} points, not counted)"
                  for r in report.unscored]
    return lines
