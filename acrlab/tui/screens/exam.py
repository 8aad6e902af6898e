"""Exam: a timed sitting (quiz ExamSession) with flags, a review grid, locked sections and a final report."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Static

from ..keys import EXAM_KEYS
from ..services import Unavailable
from ..widgets.question import QuestionView
from .exam_dialogs import ExamReportScreen, ReviewGrid

SHORT_QUOTAS = {"single": 5, "multiple": 2, "yesno": 1, "ordering": 1, "dropdown": 1}


class ExamScreen(Screen):
    CSS_PATH = "exam.tcss"
    BINDINGS = [Binding(k.key, k.action, k.description, id=k.id) for k in EXAM_KEYS]

    def __init__(self) -> None:
        super().__init__()
        self.exam: Any = None
        self.timer = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="exam-start"):
            yield Static("A timed practice exam. Yes/No series and case studies lock once you leave them, "
                         "as in the real exam. Flag items to revisit them from the review grid.", classes="intro")
            with Horizontal(classes="start-row"):
                yield Label("Questions", classes="ctl-label")
                yield Input("10", id="exam-count", restrict=r"[0-9]*", max_length=3)
                yield Label("Minutes", classes="ctl-label")
                yield Input("20", id="exam-minutes", restrict=r"[0-9]*", max_length=3)
                yield Button("Start exam", id="exam-begin", variant="primary")
            yield Static("", id="exam-message", classes="message")
        with Vertical(id="exam-run", classes="-hidden"):
            with Horizontal(id="exam-bar"):
                yield Label("", id="exam-pos")
                yield Label("", id="exam-flag")
                yield Label("", id="exam-timer")
            yield VerticalScroll(id="exam-body")
            with Horizontal(id="exam-actions"):
                yield Button("◀ Prev", id="exam-prev")
                yield Button("Flag", id="exam-flagbtn")
                yield Button("Review grid", id="exam-grid")
                yield Button("Next ▶", id="exam-next", variant="primary")
                yield Button("Finish", id="exam-finish", variant="error")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Exam"
        self.query_one("#exam-begin", Button).focus()

    # -- starting ---------------------------------------------------------------------------------
    async def start_exam(self, count: int, minutes: float, seed: int | None = None) -> None:
        try:
            quiz = self.app.services.quiz()
            bank = self.app.services.bank()
        except Unavailable as e:
            self.query_one("#exam-message", Static).update(f"The exam is not available: {e}")
            return
        count = max(3, min(count, 60))
        quotas = self._quotas(count)
        bp = quiz.Blueprint(minutes=max(1, minutes), type_quotas=quotas, section_minimums={})
        form = quiz.build_form(bank, bp, seed=self.app.seed if seed is None else seed, include_performance=False)
        self.exam = quiz.ExamSession(form, bank)
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
        count = int(self.query_one("#exam-count", Input).value or 10)
        minutes = int(self.query_one("#exam-minutes", Input).value or 20)
        await self.start_exam(count, minutes)

    # -- running ---------------------------------------------------------------------------------
    async def show_item(self) -> None:
        ex = self.exam
        body = self.query_one("#exam-body", VerticalScroll)
        await body.remove_children()
        item = ex.current
        quiz = self.app.services.quiz()
        lock = " · locks when you leave it" if item.type in ("yesno", "case_study") else ""
        self.query_one("#exam-pos", Label).update(f"Question {ex.index + 1} of {len(ex.items)}{lock}")
        self.query_one("#exam-flag", Label).update("⚑ flagged" if ex.index in ex.marked else "")
        view = QuestionView(item, quiz.display_options, quiz.display_steps, id="exam-question")
        await body.mount(view)
        self.call_after_refresh(self._restore, view, ex.responses.get(ex.index))
        body.scroll_home(animate=False)
        self._tick()

    def _restore(self, view: QuestionView, response: Any) -> None:
        """Show a previously given answer again (single/multiple/dropdown)."""
        from textual.widgets import RadioSet, Select, SelectionList

        if response is None:
            return
        t = view.item.type
        if t == "single":
            buttons = list(view.query_one(RadioSet).query("RadioButton"))
            idx = "ABCDEFGH".index(response)
            if idx < len(buttons):
                buttons[idx].value = True
        elif t in ("multiple", "ordering"):
            sl = view.query_one(SelectionList)
            for v in response:
                sl.select(v)
        elif t == "dropdown":
            for name, v in response.items():
                view.query_one(f"#q-blank-{name}", Select).value = v

    def _save(self) -> bool:
        """Record the answer on screen; False if it is malformed."""
        if self.exam is None or self.exam.report is not None:
            return False
        response = self.query_one(QuestionView).response()
        if response is None:
            return True
        try:
            self.exam.answer(response)
        except Exception as e:  # noqa: BLE001 - ResponseError, ExamTimeUp
            self.notify(str(e), severity="error")
            return False
        return True

    def _tick(self) -> None:
        if self.exam is None or self.exam.report is not None:
            return
        left = int(self.exam.time_remaining())
        label = self.query_one("#exam-timer", Label)
        label.update(f"⏱ {left // 60:02d}:{left % 60:02d}")
        label.set_class(left < 60, "-low")
        if left <= 0:
            self.notify("Time is up.", severity="warning")
            self.action_finish()

    async def _move(self, how: str, index: int | None = None) -> None:
        if self.exam is None or self.exam.report is not None:
            return
        self._save()
        was = self.exam.index
        try:
            if how == "goto":
                self.exam.goto(index)
            else:
                getattr(self.exam, how)()
        except IndexError:
            self.notify("No more questions that way: open the review grid or Finish.", severity="information")
            return
        except Exception as e:  # noqa: BLE001 - ExamLockedError, ExamTimeUp
            self.notify(str(e), severity="warning")
            return
        if self.exam.is_locked(was):
            self.notify(f"Question {was + 1} is now locked.", severity="information")
        await self.show_item()

    async def action_next(self) -> None:
        await self._move("next")

    async def action_prev(self) -> None:
        await self._move("prev")

    def action_flag(self) -> None:
        if self.exam is None or self.exam.report is not None:
            return
        k = self.exam.index
        self.exam.mark(k not in self.exam.marked)
        self.query_one("#exam-flag", Label).update("⚑ flagged" if k in self.exam.marked else "")

    def action_grid(self) -> None:
        if self.exam is None or self.exam.report is not None:
            return
        self._save()

        async def chosen(index: int | None) -> None:
            if index is not None and self.exam is not None and index != self.exam.index:
                await self._move("goto", index)
        self.app.push_screen(ReviewGrid(self.exam), chosen)

    def action_finish(self) -> None:
        if self.exam is None:
            return
        if self.exam.report is None:
            self._save()
        report = self.exam.finish()
        if self.timer is not None:
            self.timer.stop()
        try:
            self.app.services.store().save_exam_report(report)
        except Exception as e:  # noqa: BLE001 - the report still shows
            self.notify(f"report not saved: {e}", severity="warning")
        self.app.push_screen(ExamReportScreen(report), self._after_report)

    async def _after_report(self, _result: object) -> None:
        await self._reset()

    async def _reset(self) -> None:
        self.exam = None
        await self.query_one("#exam-body").remove_children()
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

    @on(Button.Pressed, "#exam-finish")
    def _b_finish(self) -> None:
        self.action_finish()
