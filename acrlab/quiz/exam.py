"""Exam mode: one sitting on an injectable clock, with the real exam's rules (learning-products.md 1.1).

* Sections: a problem-solution set, the general items, each case study and the labs come as separate
  sections (in the blueprint's ``section_order``). Moving on finishes a section and it can never be
  reopened (going forward into a later section finishes the current one; ``next()`` at the end of a
  section raises :class:`ExamSectionEnd` so a UI can show the review screen and confirm with
  :meth:`ExamSession.finish_section`).
* Problem-solution items ("Does the solution meet the goal?"), Yes/No series and case studies lock once
  left and are not on the review screen.
* Breaks ("Take a break"), as Microsoft describes them: any number, as long as you like, but the exam
  clock keeps running (5 minutes were built into the exam time); every item seen before a break locks.
  Not allowed in the middle of a lab or within a problem-solution set.
* Unscored trial items (``Blueprint.trial_items``) look like every other item; only the report names them.
* Time up: the next call submits the answers automatically (``ExamTimeUp`` carries the report);
  :meth:`ExamSession.poll` does the same for a UI timer.

The scaled score (1-1000, 700 to pass) is an ESTIMATE; see :func:`acrlab.quiz.scoring.scaled_score`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from .blueprint import Blueprint, ExamForm, FormSection, build_form, form_sections
from .report import SCALE_NOTE, ExamReport, ItemResult, Tally, build_report
from .scoring import ResponseError, score_parts

__all__ = ["Blueprint", "ExamForm", "FormSection", "build_form", "ExamReport", "ItemResult", "Tally",
           "build_report", "SCALE_NOTE", "ExamSession", "ExamError", "ExamLockedError", "ExamTimeUp",
           "ExamOnBreak", "ExamSectionEnd", "LOCKING_TYPES"]

LOCKING_TYPES = {"yesno", "case_study", "solution_goal"}


class ExamError(Exception):
    pass


class ExamLockedError(ExamError):
    """The item was left and is locked (problem-solution items, Yes/No series, case studies, finished
    sections, items seen before a break)."""


class ExamTimeUp(ExamError):
    """Time ran out; the answers were submitted automatically (``report``)."""

    def __init__(self, message: str, report: ExamReport | None = None):
        super().__init__(message)
        self.report = report


class ExamOnBreak(ExamError):
    """The candidate is on a break; :meth:`ExamSession.resume` first."""


class ExamSectionEnd(ExamError, IndexError):
    """``next()`` at the end of a section: finish the section to go on."""


class ExamSession:
    """One sitting. ``clock`` returns seconds (monotonic); inject a fake for tests."""

    def __init__(self, form: ExamForm, bank: Any, *, clock: Callable[[], float] = time.monotonic,
                 grader: Any = None):
        self.form = form
        self.items = [bank.get(i) for i in form.item_ids]
        if not self.items:
            raise ExamError("the exam form has no items")
        self.clock = clock
        self.grader = grader
        self.started = clock()
        self.index = 0
        self.responses: dict[int, Any] = {}
        self.marked: set[int] = set()
        self.locked: set[int] = set()
        self.seen: set[int] = {0}
        self.sections: list[FormSection] = form_sections(self.items)
        self._section_of = {k: n for n, s in enumerate(self.sections) for k in s.indices}
        self.section = 0
        self.breaks_taken = 0
        self.break_started: float | None = None
        self.break_seconds = 0.0
        self.report: ExamReport | None = None
        trial = set(form.trial_ids)
        self._unscored = {k for k, it in enumerate(self.items) if it.id in trial}

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

    def poll(self) -> ExamReport | None:
        """Submit automatically if time is up (for a UI timer); the report once the exam is over."""
        if self.report is None and self.expired:
            self._auto_submit()
        return self.report

    def _auto_submit(self) -> ExamReport:
        self._end_break()
        return self._finish(auto=True)

    def _check_open(self) -> None:
        if self.report is not None:
            raise ExamError("the exam is finished")
        if self.expired:
            report = self._auto_submit()
            raise ExamTimeUp("time is up: your answers were submitted", report)
        if self.break_started is not None:
            raise ExamOnBreak("you are on a break; resume to continue")

    # -- sections -------------------------------------------------------------------------------
    def section_of(self, index: int) -> int:
        return self._section_of[index]

    @property
    def current_section(self) -> FormSection:
        return self.sections[self.section]

    def finish_section(self) -> Any:
        """Close the current section for good and move to the first item of the next one."""
        self._check_open()
        if self.section + 1 >= len(self.sections):
            raise ExamSectionEnd("this is the last section: finish the exam")
        self.locked.update(self.current_section.indices)
        self.section += 1
        self.index = self.current_section.indices[0]
        self.seen.add(self.index)
        return self.current

    # -- navigation -----------------------------------------------------------------------------
    @property
    def current(self) -> Any:
        return self.items[self.index]

    def goto(self, index: int) -> Any:
        self._check_open()
        if not 0 <= index < len(self.items):
            raise IndexError(f"no item {index + 1}; the exam has {len(self.items)}")
        if index in self.locked:
            raise ExamLockedError(f"item {index + 1} is locked: it was left and cannot be revisited")
        target = self.section_of(index)
        if target < self.section:  # pragma: no cover - finished sections are locked
            raise ExamLockedError(f"item {index + 1} is in a finished section")
        if index != self.index and self.current.type in LOCKING_TYPES:
            self.locked.add(self.index)
        while self.section < target:  # going forward finishes the sections in between
            self.locked.update(self.current_section.indices)
            self.section += 1
        self.index = index
        self.seen.add(index)
        return self.current

    def _open_in_section(self, indices: list[int]) -> int | None:
        return next((k for k in indices if k not in self.locked and k != self.index), None)

    def next(self) -> Any:
        later = [k for k in self.current_section.indices if k > self.index]
        k = self._open_in_section(later)
        if k is None:
            self._check_open()
            raise ExamSectionEnd("end of this section: review it, then finish the section to go on "
                                 "(a finished section cannot be reopened)")
        return self.goto(k)

    def prev(self) -> Any:
        earlier = [k for k in reversed(self.current_section.indices) if k < self.index]
        k = self._open_in_section(earlier)
        if k is None:
            self._check_open()
            raise IndexError("no earlier open item in this section")
        return self.goto(k)

    def is_locked(self, index: int) -> bool:
        return index in self.locked

    # -- break ----------------------------------------------------------------------------------
    def break_allowed(self) -> str | None:
        """None if a break may be taken now, else the reason it may not."""
        if self.report is not None:
            return "the exam is finished"
        if self.break_started is not None:
            return "you are already on a break"
        allowed = self.form.blueprint.breaks_allowed
        if allowed is not None and self.breaks_taken >= allowed:
            return "no break left in this exam"
        if self.current_section.kind == "performance":
            return "breaks are not allowed in the middle of a lab"
        if self.current_section.kind == "solution_goal":
            return "breaks are not allowed within a problem-solution set"
        return None

    def take_break(self) -> None:
        """Start a break: every item seen so far locks; the exam clock keeps running until :meth:`resume`."""
        self._check_open()
        reason = self.break_allowed()
        if reason:
            raise ExamError(reason)
        self.locked.update(self.seen)
        self.marked -= self.seen
        self.breaks_taken += 1
        self.break_started = self.clock()

    @property
    def on_break(self) -> bool:
        return self.break_started is not None

    def break_elapsed(self) -> float:
        """Seconds of the current break so far (0 when not on a break)."""
        return 0.0 if self.break_started is None else max(0.0, self.clock() - self.break_started)

    def _end_break(self) -> None:
        if self.break_started is not None:
            self.break_seconds += self.break_elapsed()
            self.break_started = None

    def resume(self) -> Any:
        """End the break and go to the first item not seen before it."""
        if self.break_started is None:
            raise ExamError("you are not on a break")
        self._end_break()
        if self.report is None and self.expired:
            report = self._auto_submit()
            raise ExamTimeUp("time ran out during the break: your answers were submitted", report)
        k = self._open_in_section(self.current_section.indices)
        if k is not None:
            self.index = k
            self.seen.add(k)
        elif self.section + 1 < len(self.sections):
            self.section += 1
            self.index = self.current_section.indices[0]
            self.seen.add(self.index)
        return self.current

    @property
    def all_locked(self) -> bool:
        return all(k in self.locked for k in range(len(self.items)))

    # -- answering ------------------------------------------------------------------------------
    def answer(self, response: Any, index: int | None = None) -> None:
        self._check_open()
        k = self.index if index is None else index
        if k != self.index:
            raise ExamError("answer the item you are on (use goto first)")
        if k in self.locked:
            raise ExamLockedError(f"item {k + 1} is locked")
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
        """The current section's review screen; locked items (Yes/No left, seen before a break) are not listed."""
        return [{"index": k, "item_id": self.items[k].id, "type": self.items[k].type,
                 "answered": k in self.responses, "marked": k in self.marked}
                for k in self.current_section.indices if k not in self.locked]

    def finish(self) -> ExamReport:
        if self.report is None:
            if self.expired:
                return self._auto_submit()
            self._end_break()
            return self._finish(auto=False)
        return self.report

    def _finish(self, auto: bool) -> ExamReport:
        elapsed = min(self.elapsed(), self.duration)
        self.locked.update(range(len(self.items)))
        self.report = build_report(self.form, self.items, self.responses, self.marked, elapsed,
                                   self.expired, self.grader, unscored=self._unscored,
                                   break_seconds=self.break_seconds, auto_submitted=auto)
        return self.report
