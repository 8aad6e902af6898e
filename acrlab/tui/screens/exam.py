"""Exam: a timed sitting (quiz ExamSession) with the real exam's rules: sections that cannot be reopened, one
break inside exam time, Yes/No series and case studies that lock, unscored trial items, time-up auto-submit."""

from __future__ import annotations

import time
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Footer, Header, Input, Label, Static

from ..keys import EXAM_KEYS
from ..services import Unavailable
from ..widgets.question import QuestionView
from .exam_dialogs import ConfirmDialog, ExamReportScreen, ReviewGrid

SHORT_QUOTAS = {"single": 5, "multiple": 2, "yesno": 1, "ordering": 1, "dropdown": 1}
SECTION_WARNING = "You won't be able to return to this section."


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
            yield Static("A timed practice exam with the real exam's rules: Yes/No series and case studies lock "
                         "once you leave them, a finished section cannot be reopened, and one 5-minute break "
                         "counts inside exam time. Flag items to revisit them from the review grid.", classes="intro")
            with Horizontal(classes="start-row"):
                yield Label("Questions", classes="ctl-label")
                yield Input("10", id="exam-count", restrict=r"[0-9]*", max_length=3)
                yield Label("Minutes", classes="ctl-label")
                yield Input("20", id="exam-minutes", restrict=r"[0-9]*", max_length=3)
                yield Label("Unscored", classes="ctl-label")
                yield Input("0", id="exam-trial", restrict=r"[0-9]*", max_length=2,
                            tooltip="unscored trial items, mixed in and unmarked, as in the real exam")
            with Horizontal(classes="start-row"):
                yield Checkbox("Case study section", id="exam-case", compact=True)
                yield Checkbox("Labs section", id="exam-labs", compact=True)
                yield Button("Start exam", id="exam-begin", variant="primary")
            yield Static("", id="exam-message", classes="message")
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
                yield Button("Break", id="exam-breakbtn", compact=True)
                yield Button("Next ▶", id="exam-next", variant="primary", compact=True)
                yield Button("Finish", id="exam-finish", variant="error", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Exam"
        self.query_one("#exam-begin", Button).focus()

    # -- starting ---------------------------------------------------------------------------------
    async def start_exam(self, count: int, minutes: float, seed: int | None = None, trial: int = 0,
                         case_study: bool = False, labs: bool = False) -> None:
        try:
            quiz = self.app.services.quiz()
            bank = self.app.services.bank()
        except Unavailable as e:
            self.query_one("#exam-message", Static).update(f"The exam is not available: {e}")
            return
        count = max(3, min(count, 60))
        quotas = self._quotas(count - int(case_study) - int(labs))
        if case_study:
            quotas["case_study"] = 1
        if labs:
            quotas["performance"] = 1
        try:
            bp = quiz.Blueprint(minutes=max(1, minutes), type_quotas=quotas, section_minimums={},
                                trial_items=max(0, min(trial, 10)))
            form = quiz.build_form(bank, bp, seed=self.app.seed if seed is None else seed, include_performance=labs)
            self.exam = quiz.ExamSession(form, bank, clock=self.clock)
        except Exception as e:  # noqa: BLE001 - a blueprint the bank cannot fill is reported, not raised
            self.query_one("#exam-message", Static).update(f"The exam could not be built: {e}")
            return
        self.query_one("#exam-start").add_class("-hidden")
        self.query_one("#exam-run").remove_class("-hidden")
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
        def num(ident: str, default: int) -> int:
            value = self.query_one(ident, Input).value
            return int(value) if value else default
        await self.start_exam(num("#exam-count", 10), num("#exam-minutes", 20), trial=num("#exam-trial", 0),
                              case_study=self.query_one("#exam-case", Checkbox).value,
                              labs=self.query_one("#exam-labs", Checkbox).value)

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
        lock = " · locks when you leave it" if item.type in ("yesno", "case_study") else ""
        section = f"{ex.current_section.title} ({ex.section + 1}/{len(ex.sections)}) · " if len(ex.sections) > 1 else ""
        self.query_one("#exam-pos", Label).update(f"{section}Question {ex.index + 1} of {len(ex.items)}{lock}")
        self.query_one("#exam-flag", Label).update("⚑ flagged" if ex.index in ex.marked else "")
        view = QuestionView(item, quiz.display_options, quiz.display_steps, id="exam-question")
        await body.mount(view)
        self.call_after_refresh(view.restore, ex.responses.get(ex.index))
        body.scroll_home(animate=False)
        self._tick()

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
            self.notify(str(e), severity="error")
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
            if ex.break_remaining() <= 0:
                self.call_later(self.action_resume)
            else:
                self.query_one("#break-text", Static).update(
                    f"On a break: {_mmss(ex.break_remaining())} left of the break, {_mmss(left)} of the exam.\n\n"
                    "The exam clock keeps running. The questions you saw before the break are locked.")

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
            self.notify(str(e), severity="warning")
            return
        if self.exam.is_locked(was):
            self.notify(f"Question {was + 1} is now locked.", severity="information")
        await self.show_item()

    def _section_end(self) -> None:
        """End of a section: offer to finish it (it cannot be reopened), or finish the exam after the last."""
        ex = self.exam
        if ex.section + 1 >= len(ex.sections):
            self.notify("This is the last question: review your answers, then Finish.", severity="information")
            return
        left = [k for k in ex.current_section.indices if k not in ex.responses and not ex.is_locked(k)]
        flagged = [k for k in ex.current_section.indices if k in ex.marked]
        body = (f"You have reached the end of '{ex.current_section.title}'. {SECTION_WARNING}\n\n"
                f"Unanswered: {len(left)}. Flagged for review: {len(flagged)}.\n"
                f"Next: '{ex.sections[ex.section + 1].title}'.")

        async def done(ok: bool | None) -> None:
            if ok and not self._over:
                try:
                    self.exam.finish_section()
                except self.app.services.quiz().ExamTimeUp as e:
                    self._show_report(e.report)
                    return
                except Exception as e:  # noqa: BLE001 - ExamError: the engine's message
                    self.notify(str(e), severity="warning")
                    return
                await self.show_item()
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
            self.notify(str(e), severity="warning")
        self.query_one("#exam-flag", Label).update("⚑ flagged" if k in self.exam.marked else "")

    def action_grid(self) -> None:
        if self._over or self.exam.on_break:
            return
        self._save()

        async def chosen(index: int | None) -> None:
            if index is not None and self.exam is not None and index != self.exam.index:
                await self._move("goto", index)
        if not self._over:
            self.app.push_screen(ReviewGrid(self.exam), chosen)

    # -- the break ---------------------------------------------------------------------------------
    def action_take_break(self) -> None:
        if self._over:
            return
        reason = self.exam.break_allowed()
        if reason:  # the engine's reason: inside a Yes/No series, a case study, the labs, or none left
            self.notify(f"No break now: {reason}.", severity="warning")
            return
        minutes = self.exam.form.blueprint.break_minutes
        body = (f"A break of up to {minutes:g} minutes, counted inside exam time (the exam clock keeps running). "
                "Every question you have seen so far locks: you won't be able to return to them.")

        async def done(ok: bool | None) -> None:
            if not ok or self._over:
                return
            self._save()
            try:
                self.exam.take_break()
            except Exception as e:  # noqa: BLE001 - ExamError / ExamTimeUp: the engine's message
                self.notify(str(e), severity="warning")
                return
            self.query_one("#exam-body").add_class("-hidden")
            self.query_one("#exam-actions").add_class("-hidden")
            self.query_one("#exam-break").remove_class("-hidden")
            self.query_one("#exam-resume", Button).focus()
            self._tick()
        self.app.push_screen(ConfirmDialog("Take your break?", body, "Take the break", "Keep going"), done)

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
        ex = self.exam
        left = sum(1 for k in range(len(ex.items)) if k not in ex.responses)
        body = (f"Unanswered: {left} of {len(ex.items)}. Once you finish, you won't be able to change any answer.")

        def done(ok: bool | None) -> None:
            if ok and not self._over:
                self._show_report(self.exam.finish())
        self.app.push_screen(ConfirmDialog("Finish the exam?", body, "Finish exam", "Keep going"), done)

    def _show_report(self, report: Any) -> None:
        if self.timer is not None:
            self.timer.stop()
            self.timer = None
        if report is None or isinstance(self.app.screen, ExamReportScreen):
            return
        try:
            self.app.services.quiz().record_exam(self.app.services.store(), report, self.exam.items)
        except Exception as e:  # noqa: BLE001 - the report still shows
            self.notify(f"report not saved: {e}", severity="warning")
        self.app.push_screen(ExamReportScreen(report), self._after_report)

    async def _after_report(self, _result: object) -> None:
        await self._reset()

    async def _reset(self) -> None:
        self.exam = None
        await self.query_one("#exam-body").remove_children()
        for ident in ("#exam-body", "#exam-actions"):
            self.query_one(ident).remove_class("-hidden")
        self.query_one("#exam-break").add_class("-hidden")
        self.query_one("#exam-run").add_class("-hidden")
        self.query_one("#exam-start").remove_class("-hidden")

    @on(Button.Pressed, "#exam-prev")
    async def _b_prev(self) -> None:
        await self.action_prev()

    @on(Button.Pressed, "#exam-next")
    async def _b_next(self) -> None:
        await self.action_next()

    @on(Button.Pressed, "#exam-flagbtn")
    def _b_flag(self) -> None:
        self.action_flag()

    @on(Button.Pressed, "#exam-grid")
    def _b_grid(self) -> None:
        self.action_grid()

    @on(Button.Pressed, "#exam-breakbtn")
    def _b_break(self) -> None:
        self.action_take_break()

    @on(Button.Pressed, "#exam-resume")
    async def _b_resume(self) -> None:
        await self.action_resume()

    @on(Button.Pressed, "#exam-finish")
    def _b_finish(self) -> None:
        self.action_finish()
