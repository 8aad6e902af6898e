"""Exam: a timed sitting (quiz ExamSession) with the real exam's rules: sections that cannot be reopened, breaks
inside exam time that lock what was seen, problem-solution items, Yes/No series and case studies that lock,
unscored trial items, Microsoft Learn (the Learn pages) open during the exam, time-up auto-submit."""

from __future__ import annotations

import time
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Label, Static

from ..keys import EXAM_KEYS
from ..services import Unavailable
from ..widgets.question import QuestionView
from .exam_dialogs import ConfirmDialog, ExamReportScreen, ReviewGrid, unanswered_questions
from .exam_setup import ExamSettings, ExamSetup

SHORT_QUOTAS = {"single": 5, "multiple": 2, "yesno": 1, "ordering": 1, "dropdown": 1}
SERIES_ITEMS = 3
SECTION_WARNING = "You won't be able to return to this section."
LOCKING = ("yesno", "case_study", "solution_goal")


def _mmss(seconds: float) -> str:
    s = max(0, int(seconds))
    return f"{s // 60:02d}:{s % 60:02d}"


class ExamScreen(Screen):
    CSS_PATH = "exam.tcss"
    BINDINGS = [Binding(k.key, k.action, k.description, id=k.id) for k in EXAM_KEYS]

    def __init__(self) -> None:
        super().__init__()
        self.exam: Any = None
        self.timer = None
        self.clock = time.monotonic
        """The exam's clock in seconds (tests inject a fake one)."""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="exam-start"):
            yield ExamSetup(id="exam-setup")
        with Vertical(id="exam-run", classes="-hidden"):
            with Horizontal(id="exam-bar"):
                yield Label("", id="exam-pos")
                yield Label("", id="exam-flag")
                yield Label("", id="exam-timer")
            yield VerticalScroll(id="exam-body")
            with Vertical(id="exam-break", classes="-hidden"):
                yield Static("", id="break-text")
                yield Button("Resume the exam", id="exam-resume", variant="primary")
            with Horizontal(id="exam-actions"):
                yield Button("◀ Prev", id="exam-prev", compact=True)
                yield Button("Flag", id="exam-flagbtn", compact=True)
                yield Button("Review", id="exam-grid", compact=True)
                yield Button("Learn", id="exam-learn", compact=True)
                yield Button("Break", id="exam-breakbtn", compact=True)
                yield Button("Next ▶", id="exam-next", variant="primary", compact=True)
                yield Button("Finish", id="exam-finish", variant="error", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Exam"
        self.query_one("#exam-begin", Button).focus()

    def on_screen_resume(self) -> None:
        if self.exam is not None and self.exam.report is None:
            self._tick()
            self.call_after_refresh(self.focus_question)

    # -- starting ---------------------------------------------------------------------------------
    async def start_exam(self, count: int, minutes: float, seed: int | None = None, trial: int = 0,
                         case_study: bool = False, labs: bool = False, series: bool = False,
                         order: str = "general-first", full: bool = False) -> None:
        message = self.query_one("#exam-message", Static)
        try:
            quiz = self.app.services.quiz()
            bank = self.app.services.bank()
        except Unavailable as e:
            message.update(f"The exam is not available: {e}")
            return
        count = max(3, min(count, 60))
        trial = max(0, min(trial, 10))
        try:
            if full:
                bp = quiz.Blueprint.full(labs=labs, minutes=max(1, minutes), trial_items=trial, section_order=order)
            else:
                extra = {"case_study": int(case_study), "performance": int(labs),
                         "solution_goal": SERIES_ITEMS if series and count >= SERIES_ITEMS + 2 else 0}
                quotas = self._quotas(count - sum(extra.values()))
                quotas.update({t: n for t, n in extra.items() if n})
                bp = quiz.Blueprint(minutes=max(1, minutes), type_quotas=quotas, section_minimums={},
                                    trial_items=trial, section_order=order)
            form = quiz.build_form(bank, bp, seed=self.app.seed if seed is None else seed, include_performance=labs)
            self.exam = quiz.ExamSession(form, bank, clock=self.clock)
        except Exception as e:  # noqa: BLE001 - a blueprint the bank cannot fill is reported, not raised
            message.update(f"The exam could not be built: {e}")
            return
        self.query_one(ExamSetup).show_settings(ExamSettings(count, bp.minutes, trial, series, case_study, labs,
                                                             order))
        self.query_one("#exam-start").add_class("-hidden")
        self.query_one("#exam-run").remove_class("-hidden")
        self.app.exam_in_progress = True
        self.timer = self.set_interval(1, self._tick)
        await self.show_item()

    @staticmethod
    def _quotas(count: int) -> dict[str, int]:
        base = sum(SHORT_QUOTAS.values())
        quotas = {t: max(0, round(n * count / base)) for t, n in SHORT_QUOTAS.items()}
        quotas["single"] += count - sum(quotas.values())
        return {t: n for t, n in quotas.items() if n > 0}

    @on(Button.Pressed, "#exam-begin")
    async def _begin(self) -> None:
        s = self.query_one(ExamSetup).settings()
        await self.start_exam(s.count, s.minutes, trial=s.trial, case_study=s.case_study, labs=s.labs,
                              series=s.series, order=s.order)

    @on(Button.Pressed, "#exam-full")
    async def _begin_full(self) -> None:
        s = self.query_one(ExamSetup).settings(full=True)
        await self.start_exam(s.count, s.minutes, trial=s.trial, labs=s.labs, order=s.order, full=True)

    # -- running ---------------------------------------------------------------------------------
    @property
    def _over(self) -> bool:
        return self.exam is None or self.exam.report is not None

    async def show_item(self) -> None:
        ex = self.exam
        body = self.query_one("#exam-body", VerticalScroll)
        await body.remove_children()
        item = ex.current
        quiz = self.app.services.quiz()
        section = ex.current_section
        lock = " · locks when you leave it" if item.type in LOCKING else ""
        where = f"{section.title} ({ex.section + 1}/{len(ex.sections)}) · " if len(ex.sections) > 1 else ""
        n = section.indices.index(ex.index) + 1
        self.query_one("#exam-pos", Label).update(f"{where}Question {n} of {len(section.indices)}{lock}")
        self.query_one("#exam-flag", Label).update("⚑ flagged" if ex.index in ex.marked else "")
        view = QuestionView(item, quiz.display_options, quiz.display_steps, id="exam-question")
        await body.mount(view)
        self.call_after_refresh(view.restore, ex.responses.get(ex.index))
        body.scroll_home(animate=False)
        self._tick()
        self.call_after_refresh(self.focus_question)

    def focus_question(self) -> None:
        """Focus the question's first answer control; on a break, the Resume button (never a hidden widget)."""
        if self._over:
            return
        if self.exam.on_break:
            self.query_one("#exam-resume", Button).focus()
            return
        for widget in self.query_one("#exam-body").query("*"):
            if widget.focusable and widget.can_focus and widget.display and widget.visible:
                widget.focus(scroll_visible=False)
                return

    def _save(self) -> bool:
        """Record the answer on screen; False if it is malformed or the exam no longer takes answers."""
        if self._over or self.exam.on_break or self.exam.is_locked(self.exam.index):
            return False
        views = self.query(QuestionView)
        response = views.first().response() if views else None
        if response is None:
            return True
        try:
            self.exam.answer(response)
        except self.app.services.quiz().ExamTimeUp as e:
            self._show_report(e.report)
            return False
        except Exception as e:  # noqa: BLE001 - ResponseError: a malformed response is reported
            self.notify(str(e), severity="error", markup=False)
            return False
        return True

    def _tick(self) -> None:
        if self._over:
            return
        ex = self.exam
        report = ex.poll()  # the engine submits the answers itself once time is up
        if report is not None:
            self.notify("Time is up: your answers were submitted.", severity="warning")
            self._show_report(report)
            return
        left = ex.time_remaining()
        label = self.query_one("#exam-timer", Label)
        label.update(f"⏱ {_mmss(left)}")
        label.set_class(left < 60, "-low")
        if ex.on_break:
            self.query_one("#break-text", Static).update(
                f"On a break for {_mmss(ex.break_elapsed())}; {_mmss(left)} left in the exam.\n\n"
                "The exam clock keeps running during a break. The questions you saw before the break are locked. "
                "Resume whenever you are ready.")

    async def _move(self, how: str, index: int | None = None) -> None:
        if self._over:
            return
        quiz = self.app.services.quiz()
        if self.exam.on_break:
            self.notify("You are on a break: resume the exam first.", severity="warning")
            return
        self._save()
        if self._over:
            return
        was = self.exam.index
        try:
            if how == "goto":
                self.exam.goto(index)
            else:
                getattr(self.exam, how)()
        except quiz.ExamTimeUp as e:
            self._show_report(e.report)
            return
        except quiz.ExamSectionEnd:
            self._section_end()
            return
        except IndexError:
            self.notify("No earlier open question in this section.", severity="information")
            return
        except quiz.ExamError as e:  # ExamLockedError, ExamOnBreak: the engine's own message
            self.notify(str(e), severity="warning", markup=False)
            return
        if self.exam.is_locked(was):
            self.notify("The question you left is now locked.", severity="information")
        await self.show_item()

    def _section_end(self) -> None:
        """End of a section: offer to finish it (it cannot be reopened), or finish the exam after the last."""
        ex = self.exam
        if ex.section + 1 >= len(ex.sections):
            self.notify("This is the last question: review your answers, then Finish.", severity="information")
            return
        section = ex.current_section
        left, total = unanswered_questions(ex, section.indices)
        flagged = sum(1 for k in section.indices if k in ex.marked and not ex.is_locked(k))
        body = (f"You have reached the end of {section.title}. {SECTION_WARNING}\n\n"
                f"Unanswered questions: {left} of {total}. Flagged for review: {flagged}.\n"
                f"Next: {ex.sections[ex.section + 1].title}.")

        async def done(ok: bool | None) -> None:
            if ok and not self._over:
                try:
                    self.exam.finish_section()
                except self.app.services.quiz().ExamTimeUp as e:
                    self._show_report(e.report)
                    return
                except Exception as e:  # noqa: BLE001 - ExamError: the engine's message
                    self.notify(str(e), severity="warning", markup=False)
                    return
                await self.show_item()
            else:
                self.call_after_refresh(self.focus_question)
        self.app.push_screen(ConfirmDialog("Finish this section?", body, "Finish section", "Stay"), done)

    async def action_next(self) -> None:
        await self._move("next")

    async def action_prev(self) -> None:
        await self._move("prev")

    def action_flag(self) -> None:
        if self._over or self.exam.on_break:
            return
        k = self.exam.index
        try:
            self.exam.mark(k not in self.exam.marked)
        except Exception as e:  # noqa: BLE001 - ExamLockedError
            self.notify(str(e), severity="warning", markup=False)
        self.query_one("#exam-flag", Label).update("⚑ flagged" if k in self.exam.marked else "")

    def action_grid(self) -> None:
        if self._over or self.exam.on_break:
            return
        self._save()

        async def chosen(index: int | None) -> None:
            if index is not None and self.exam is not None and index != self.exam.index:
                await self._move("goto", index)
            else:
                self.call_after_refresh(self.focus_question)
        if not self._over:
            self.app.push_screen(ReviewGrid(self.exam), chosen)

    def action_learn(self) -> None:
        """Microsoft Learn during the exam: the Learn pages open while the exam clock keeps running."""
        if self._over:
            return
        self._save()
        self.notify("The exam clock keeps running while you read. Press F7 (Exam) to return.", severity="information")
        self.app.action_go("learn")

    # -- breaks ------------------------------------------------------------------------------------
    def action_take_break(self) -> None:
        if self._over:
            return
        reason = self.exam.break_allowed()
        if reason:  # the engine's reason: in the middle of a lab or within a problem-solution set
            self.notify(f"No break now: {reason}.", severity="warning")
            return
        left, total = unanswered_questions(self.exam, range(len(self.exam.items)))
        body = (f"{_mmss(self.exam.time_remaining())} left in the exam; {left} of {total} questions unanswered. "
                "The exam clock keeps running during the break, however long it lasts. Every question you have "
                "seen so far locks: you won't be able to return to them.")

        async def done(ok: bool | None) -> None:
            if not ok or self._over:
                self.call_after_refresh(self.focus_question)
                return
            self._save()
            try:
                self.exam.take_break()
            except Exception as e:  # noqa: BLE001 - ExamError / ExamTimeUp: the engine's message
                self.notify(str(e), severity="warning", markup=False)
                return
            self.query_one("#exam-body").add_class("-hidden")
            self.query_one("#exam-actions").add_class("-hidden")
            self.query_one("#exam-break").remove_class("-hidden")
            self._tick()
            self.call_after_refresh(self.focus_question)
        self.app.push_screen(ConfirmDialog("Take a break?", body, "Start the break", "Return to the exam"), done)

    async def action_resume(self) -> None:
        if self._over or not self.exam.on_break:
            return
        try:
            self.exam.resume()
        except self.app.services.quiz().ExamTimeUp as e:
            self._show_report(e.report)
            return
        self.query_one("#exam-break").add_class("-hidden")
        self.query_one("#exam-body").remove_class("-hidden")
        self.query_one("#exam-actions").remove_class("-hidden")
        if self.exam.all_locked:
            self.notify("Every question is locked: finish the exam.", severity="information")
        await self.show_item()

    # -- finishing ---------------------------------------------------------------------------------
    def action_finish(self) -> None:
        if self._over:
            return
        self._save()
        if self._over:
            return
        left, total = unanswered_questions(self.exam, range(len(self.exam.items)))
        body = f"Unanswered questions: {left} of {total}. Once you finish, you won't be able to change any answer."

        def done(ok: bool | None) -> None:
            if ok and not self._over:
                self._show_report(self.exam.finish())
            else:
                self.call_after_refresh(self.focus_question)
        self.app.push_screen(ConfirmDialog("Finish the exam?", body, "Finish exam", "Keep going"), done)

    def _show_report(self, report: Any) -> None:
        if self.timer is not None:
            self.timer.stop()
            self.timer = None
        self.app.exam_in_progress = False
        if report is None or isinstance(self.app.screen, ExamReportScreen):
            return
        try:
            self.app.services.quiz().record_exam(self.app.services.store(), report, self.exam.items)
        except Exception as e:  # noqa: BLE001 - the report still shows
            self.notify(f"report not saved: {e}", severity="warning", markup=False)
        bank = None
        try:
            bank = self.app.services.bank()
        except Unavailable:
            pass
        self.app.push_screen(ExamReportScreen(report, bank), self._after_report)

    async def _after_report(self, _result: object) -> None:
        await self._reset()

    async def _reset(self) -> None:
        self.exam = None
        self.app.exam_in_progress = False
        await self.query_one("#exam-body").remove_children()
        for ident in ("#exam-body", "#exam-actions"):
            self.query_one(ident).remove_class("-hidden")
        self.query_one("#exam-break").add_class("-hidden")
        self.query_one("#exam-run").add_class("-hidden")
        self.query_one("#exam-start").remove_class("-hidden")
        self.query_one("#exam-begin", Button).focus()

    BUTTON_ACTIONS = {"exam-prev": "prev", "exam-next": "next", "exam-flagbtn": "flag", "exam-grid": "grid",
                      "exam-learn": "learn", "exam-breakbtn": "take_break", "exam-resume": "resume",
                      "exam-finish": "finish"}

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        action = self.BUTTON_ACTIONS.get(event.button.id or "")
        if action:
            await self.run_action(action)
