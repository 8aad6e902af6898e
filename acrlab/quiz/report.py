"""The exam report: one point per correct part, trial items excluded, a scaled estimate, breakdowns."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ..objectives import objective_title, section_title
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


def record_exam(store: Any, report: ExamReport, items: list[Any]) -> str:
    """Save the report and review every item's card: a miss (or a question left unanswered) is due again soon.

    ``items`` are the form's items in order (``ExamSession.items``). Returns the saved report's id.
    """
    report_id = store.save_exam_report(report)
    attempt = store.start_attempt("exam")
    for r in report.items:
        store.record_answer(attempt, items[r.index], r.response,
                            ItemScore(item_id=r.item_id, earned=r.earned, possible=r.possible, parts=r.parts))
    store.finish_attempt(attempt)
    return report_id


def describe_response(item: Any, response: Any) -> str:
    """The candidate's answer in words (``not answered`` for none)."""
    if response is None:
        return "not answered"
    t = item.type
    if t in ("single", "multiple"):
        return ", ".join(response) if isinstance(response, list) else str(response)
    if t == "yesno":
        return " ".join("-" if v is None else ("Yes" if v else "No") for v in response)
    if t == "solution_goal":
        return "Yes" if response else "No"
    if t == "ordering":
        steps = {s.id: s.text for s in list(item.steps) + list(item.distractors)}
        return " -> ".join(steps.get(x, str(x)) for x in response)
    if t == "dropdown":
        return "; ".join(f"{{{k}}} = {v}" for k, v in response.items())
    if t == "case_study":
        return f"{len(response)} of {len(item.questions)} questions answered"
    if t == "performance":
        return f"{len(response)} command(s)" if isinstance(response, list) else "lab checks"
    return str(response)


def format_review(report: ExamReport, bank: Any) -> list[str]:
    """Question-by-question review after the exam: your answer, the points, and why each option is right or wrong."""
    from .practice import explain
    lines = ["Question-by-question review (your answer, then why each option is right or wrong):"]
    for r in report.items:
        item = bank.get(r.item_id)
        verdict = "correct" if r.earned == r.possible else ("partly correct" if r.earned else "missed")
        extra = "" if r.scored else " (unscored trial item)"
        lines += ["", f"Question {r.index + 1}: {verdict}, {r.earned}/{r.possible} point(s){extra}"
                      f" - {objective_title(item.objective)}",
                  f"  {item.stem_text}", f"  Your answer: {describe_response(item, r.response)}"]
        lines += ["  " + x for x in explain(item)]
        lines.append(f"  Why: {item.explanation}")
        if item.docs_note:
            lines.append(f"  Note: {item.docs_note}")
        lines += [f"  Source: {src.url} - \"{src.quote}\"" for src in bank.sources_of(item)]
        lines += [f"  Read more: {url}" for url in item.refs.docs]
    return lines


def _bar(percent: float, width: int = 20) -> str:
    filled = int(round(width * percent / 100))
    return "#" * filled + "." * (width - filled)


def format_report(report: ExamReport) -> list[str]:
    """Plain-text score report: result, scaled score, bars per section and objective, unscored items."""
    mins, secs = divmod(int(report.elapsed_seconds), 60)
    lines = [f"Result: {'PASS' if report.passed else 'FAIL'}   scaled score {report.scaled} (700 to pass)",
             f"Raw: {report.earned}/{report.possible} points   time used {mins}:{secs:02d}"
             + ("   (time ran out: answers were submitted automatically)" if report.timed_out else ""),
             f"Note: {report.note}", "By course section:"]
    lines += [f"  {section_title(k):<34} {_bar(t.percent)} {t.percent:5.1f}%  ({t.earned}/{t.possible})"
              for k, t in report.by_section.items()]
    lines.append("By objective:")
    for k, t in report.by_objective.items():
        title = objective_title(k)
        if len(title) > 56:  # a long title gets its own line rather than losing its end
            lines.append(f"  {title}")
            title = ""
        lines.append(f"  {title:<56} {_bar(t.percent)} {t.percent:5.1f}%  ({t.earned}/{t.possible})")
    if report.unscored:
        lines.append(TRIAL_NOTE)
        lines += [f"  question {r.index + 1}: unscored ({r.earned}/{r.possible} points, not counted)"
                  for r in report.unscored]
    return lines
