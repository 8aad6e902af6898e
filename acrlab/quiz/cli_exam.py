"""``acrlab quiz exam``: a plain-text timed exam (for terminals without the TUI).

Answering an item moves to the next one. Lines starting with ':' are exam commands (see EXAM_HELP);
an empty line skips to the next item. End of input submits the answers given so far.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import TextIO

from .bank import default_bank
from .exam import (
    LOCKING_TYPES,
    Blueprint,
    ExamError,
    ExamLockedError,
    ExamSectionEnd,
    ExamSession,
    ExamTimeUp,
    build_form,
)
from .report import ExamReport, format_report, format_review, record_exam
from .textui import ask, ask_lab, read_line, render, say

EXAM_HELP = """Exam commands:
  :next / :prev      move within this section (an empty line also moves on)
  :go N              go to question N of this section
  :mark              mark (or unmark) this question for review
  :review            the review screen of this section
  :break             take a break (as many as you like; the exam clock keeps running;
                     every question you have seen locks; not within a problem-solution set or a lab)
  :learn [WORDS]     open Microsoft Learn: list the Learn pages, or show the page matching WORDS
                     (as in the real exam, the clock keeps running while you read)
  :finish            finish this section (it cannot be reopened); in the last section, end the exam
  :time              time left
  :help              this text"""


def _clock_text(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 60:02d}:{s % 60:02d}"


class PlainExam:
    def __init__(self, ex: ExamSession, inp: TextIO, out: TextIO):
        self.ex, self.inp, self.out = ex, inp, out
        self.done = False
        self._skip = False

    # -- screens ---------------------------------------------------------------------------------
    def position(self) -> tuple[int, int]:
        sec = self.ex.current_section
        return sec.indices.index(self.ex.index) + 1, len(sec.indices)

    def header(self) -> None:
        ex = self.ex
        n, total = self.position()
        sec_no = ex.section + 1
        flags = []
        if ex.index in ex.marked:
            flags.append("marked for review")
        if ex.current.type in LOCKING_TYPES:
            flags.append("you cannot return to this item once you leave it")
        if ex.index in ex.responses:
            flags.append("answered")
        say(self.out, "", f"== Section {sec_no} of {len(ex.sections)}: {ex.current_section.title} == "
                          f"question {n} of {total}   time left {_clock_text(ex.time_remaining())}"
            + (f"   ({'; '.join(flags)})" if flags else ""))

    def review(self) -> None:
        entries = self.ex.review_screen()
        indices = self.ex.current_section.indices
        say(self.out, f"Review screen (section {self.ex.section + 1}):")
        if not entries:
            say(self.out, "  every question of this section is locked.")
        for e in entries:
            state = "answered" if e["answered"] else "NOT answered"
            say(self.out, f"  {indices.index(e['index']) + 1:>3}. {state}{'  [marked]' if e['marked'] else ''}")
        last = self.ex.section + 1 >= len(self.ex.sections)
        say(self.out, "Type ':go N' to revisit a question or ':finish' to "
            + ("end the exam." if last else "finish this section (it cannot be reopened)."))

    # -- commands --------------------------------------------------------------------------------
    def command(self, line: str) -> bool:
        """Handle an exam command; True when the current item changed (or the exam ended)."""
        ex = self.ex
        word, _, arg = line.partition(" ")
        try:
            if word in ("", ":next", ":n"):
                ex.next()
                return True
            if word in (":prev", ":p"):
                ex.prev()
                return True
            if word == ":go":
                indices = ex.current_section.indices
                if not arg.strip().isdigit() or not 1 <= int(arg) <= len(indices):
                    say(self.out, f"  ':go N' takes a question number from 1 to {len(indices)}")
                    return False
                ex.goto(indices[int(arg) - 1])
                return True
            if word == ":mark":
                ex.mark(ex.index not in ex.marked)
                say(self.out, "  marked for review." if ex.index in ex.marked else "  mark removed.")
                return False
            if word == ":review":
                self.review()
                return False
            if word == ":time":
                say(self.out, f"  time left {_clock_text(ex.time_remaining())}")
                return False
            if word == ":break":
                return self.take_break()
            if word == ":learn":
                self.learn(arg)
                return False
            if word == ":finish":
                return self.finish_section()
            say(self.out, EXAM_HELP)
            return False
        except ExamSectionEnd:
            self.review()
            return False
        except ExamTimeUp:
            raise
        except (ExamLockedError, ExamError, IndexError) as exc:
            say(self.out, f"  {exc}")
            return False

    def learn(self, words: str) -> None:
        """Microsoft Learn during the exam: the course's Learn pages (never the quiz, labs or review)."""
        from ..learnpages import find_page, list_pages
        if not words.strip():
            say(self.out, "Learn pages (':learn WORDS' opens one; the exam clock keeps running):",
                *(f"  {title}" for title in list_pages()))
            return
        page = find_page(words)
        say(self.out, *(page.splitlines() if page else [f"  no Learn page matches {words.strip()!r}."]))
        say(self.out, f"  (time left {_clock_text(self.ex.time_remaining())})")

    def take_break(self) -> bool:
        reason = self.ex.break_allowed()
        if reason:
            say(self.out, f"  {reason}.")
            return False
        self.ex.take_break()
        say(self.out, f"Break started. The exam clock keeps running ({_clock_text(self.ex.time_remaining())} "
                      "left); the questions you have seen are now locked. Press Enter to resume.")
        read_line(self.inp, self.out, "")
        if self.ex.on_break:
            self.ex.resume()
        return True

    def finish_section(self) -> bool:
        last = self.ex.section + 1 >= len(self.ex.sections)
        what = "end the exam" if last else "finish this section; it cannot be reopened"
        unanswered = [e for e in self.ex.review_screen() if not e["answered"]]
        if unanswered:
            say(self.out, f"  {len(unanswered)} question(s) of this section are not answered.")
        say(self.out, f"  Type 'yes' to {what}.")
        if read_line(self.inp, self.out).strip().lower() not in ("y", "yes"):
            say(self.out, "  not finished.")
            return False
        if last:
            self.done = True
        else:
            self.ex.finish_section()
        return True

    # -- the sitting -----------------------------------------------------------------------------
    def answer_current(self) -> None:
        ex, item = self.ex, self.ex.current
        if item.type == "performance":
            commands = ask_lab(item, self.inp, self.out, show=True)
            ex.answer(commands)
            self.advance()
            return
        if item.type == "case_study":
            say(self.out, *render(item))
            response = dict(ex.responses.get(ex.index) or {})
            for n, q in enumerate(item.questions, 1):
                say(self.out, "", f"Case study question {n} of {len(item.questions)}")
                self._skip = False
                got = ask(q, self.inp, self.out, commands=self._case_command)
                if got is None:  # left the case study (or skipped its remaining questions)
                    if response and ex.report is None and not ex.is_locked(ex.index):
                        ex.answer(response)
                    if self._skip:
                        self.advance()
                    return
                response[q.id] = got
            ex.answer(response)
            self.advance()
            return
        got = ask(item, self.inp, self.out, commands=self.command)
        if got is not None:
            ex.answer(got)
            self.advance()

    def _case_command(self, line: str) -> bool:
        if not line:
            self._skip = True  # skip the remaining questions of the case study
            return True
        return self.command(line)

    def advance(self) -> None:
        try:
            self.ex.next()
        except ExamSectionEnd:
            self.review()
            while not self.done and not self._await_command():
                pass

    def _await_command(self) -> bool:
        line = read_line(self.inp, self.out).strip()
        if not line.startswith(":"):
            say(self.out, "  type ':go N', ':finish' or ':help'.")
            return False
        return self.command(line)

    def run(self) -> ExamReport:
        ex = self.ex
        try:
            while not self.done:
                if ex.poll() is not None:
                    break
                if ex.all_locked:
                    say(self.out, "Every question is locked.")
                    self.done = self._confirm_end()
                    continue
                self.header()
                if ex.is_locked(ex.index):
                    self.advance()
                    continue
                self.answer_current()
        except ExamTimeUp:
            say(self.out, "", "Time is up: your answers were submitted.")
        except (EOFError, KeyboardInterrupt):
            say(self.out, "", "Input ended: your answers were submitted.")
            ex.finish()
            raise EOFError from None
        return ex.finish()

    def _confirm_end(self) -> bool:
        say(self.out, "  Type 'yes' to end the exam.")
        return read_line(self.inp, self.out).strip().lower() in ("y", "yes")


def run_exam(args: argparse.Namespace, inp: TextIO, out: TextIO, clock: Callable[[], float] | None = None) -> int:
    if args.items is not None and not 1 <= args.items <= 60:
        say(out, "error: --items takes a number from 1 to 60")
        return 2
    if args.minutes is not None and not 0 < args.minutes <= 300:
        say(out, "error: --minutes takes a number of minutes above 0 (at most 300)")
        return 2
    if args.trial is not None and not 0 <= args.trial <= 5:
        say(out, "error: --trial takes a number from 0 to 5")
        return 2
    bank = default_bank()
    include_labs = not args.no_labs
    order = getattr(args, "order", None) or "general-first"
    if args.items is None:
        bp = Blueprint.full(labs=include_labs, section_order=order,
                            **({"minutes": args.minutes} if args.minutes else {}),
                            **({"trial_items": args.trial} if args.trial is not None else {}))
    else:
        bp = Blueprint.for_items(args.items, args.minutes, args.trial, include_performance=include_labs,
                                 section_order=order)
    form = build_form(bank, bp, seed=args.seed if args.seed is not None else int(time.time()),
                      include_performance=include_labs)
    ex = ExamSession(form, bank, clock=clock or time.monotonic)
    say(out, f"Exam: {len(ex.items)} questions in {len(ex.sections)} section(s), {bp.minutes:g} minutes. "
             "Some questions may be unscored trial items; you cannot tell which.",
        "Problem-solution items, Yes/No series and case studies lock once you leave them; a finished section "
        "cannot be reopened.",
        "Type ':help' for the exam commands (':learn' opens the Learn pages, as Microsoft Learn is open "
        "during the real exam).")
    plain = PlainExam(ex, inp, out)
    code = 0
    try:
        report = plain.run()
    except EOFError:
        report, code = ex.finish(), 130
    say(out, "", *format_report(report))
    if not getattr(args, "no_review", False):
        say(out, "", *format_review(report, bank))
    if not args.no_store:
        from acrlab.progress import open_store
        with open_store() as store:
            report_id = record_exam(store, report, ex.items)
        say(out, f"Report saved ({report_id}). Missed questions are due for review: 'acrlab quiz review'.")
    return code
