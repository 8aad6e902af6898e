"""Quiz practice and Review: one item at a time with instant feedback (the quiz PracticeSession)."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Label, Markdown, Select, Static

from acrlab.objectives import objective_title, section_title

from ..keys import QUIZ_KEYS
from ..services import Unavailable
from ..widgets.question import QuestionView


def feedback_markdown(fb: Any) -> str:
    head = "### ✔ Correct" if fb.correct else f"### ✘ {fb.earned}/{fb.possible} points"
    lines = [head, "", fb.explanation, ""] + [f"- {d}" for d in fb.details]
    if fb.docs_note:
        lines += ["", f"*Note:* {fb.docs_note}"]
    lines += ["", "References: " + ", ".join(fb.references)]
    return "\n".join(lines)


class PracticeBase(Screen):
    """Shared by QuizScreen and ReviewScreen: subclasses pick the items."""

    CSS_PATH = "quiz.tcss"
    BINDINGS = [Binding(k.key, k.action, k.description, id=k.id) for k in QUIZ_KEYS]
    MODE = "practice"
    HEADING = "Practice"

    def __init__(self) -> None:
        super().__init__()
        self.session: Any = None
        self.answered_current = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="quiz-bar"):
            yield from self.compose_controls()
            yield Label("", id="quiz-progress")
        with VerticalScroll(id="quiz-body"):
            yield Static("", id="quiz-message", classes="message")
        with Horizontal(id="quiz-actions"):
            yield Button("Submit (ctrl+s)", id="submit", variant="primary")
            yield Button("Next (ctrl+n)", id="next")
        yield Footer()

    def compose_controls(self) -> ComposeResult:
        yield from ()

    async def on_mount(self) -> None:
        self.title = self.HEADING
        await self.start()

    def pick_items(self) -> list[Any]:
        raise NotImplementedError

    async def start(self) -> None:
        body = self.query_one("#quiz-body")
        await body.remove_children()
        try:
            quiz = self.app.services.quiz()
            items = self.pick_items()
            try:
                store = self.app.services.store()
            except Unavailable as e:
                store = None
                self.notify(f"answers will not be saved: {e}", severity="warning", markup=False)
            self.session = quiz.PracticeSession(items, store=store, mode=self.MODE)
        except Unavailable as e:
            self.session = None
            await body.mount(Static(f"Practice is not available: {e}", classes="message", markup=False))
            return
        await self.show_current()

    async def show_current(self) -> None:
        body = self.query_one("#quiz-body")
        await body.remove_children()
        self.answered_current = False
        s = self.session
        progress = self.query_one("#quiz-progress", Label)
        actions = self.query_one("#quiz-actions")
        if s is None or s.finished:
            summ = s.summary() if s else {"answered": 0, "earned": 0, "possible": 0, "percent": 0}
            progress.update("")
            actions.set_class(True, "-hidden")
            await body.mount(Static(self.empty_text() if s is None or not len(s) else
                              f"Done: {summ['answered']} answered, {summ['earned']}/{summ['possible']} points "
                              f"({summ['percent']}%). {self.done_text()}", id="quiz-done", classes="message"))
            return
        actions.set_class(False, "-hidden")
        item = s.current
        progress.update(f"{s.index + 1}/{len(s)} · {section_title(item.section)} · {objective_title(item.objective)} · "
                        f"{item.difficulty}")
        quiz = self.app.services.quiz()
        view = QuestionView(item, quiz.display_options, quiz.display_steps, id="question")
        await body.mount(view)
        body.scroll_home(animate=False)
        self.call_after_refresh(self.focus_question)

    def focus_question(self) -> None:
        """Put the focus on the question's first control (without scrolling past a case study's scenario)."""
        for widget in self.query_one("#quiz-body").query("*"):
            if widget.focusable and widget.can_focus:
                widget.focus(scroll_visible=False)
                return

    def done_text(self) -> str:
        return "Pick another section above, or see how you stand on Progress (F9)."

    def empty_text(self) -> str:
        return "No questions match."

    async def action_submit(self) -> None:
        if self.session is None or self.session.finished or self.answered_current:
            return
        view = self.query_one(QuestionView)
        response = view.response()
        if response is None:
            self.notify("Answer first (or press ctrl+n to skip).", severity="warning")
            return
        try:
            fb = self.session.submit(response)
        except Exception as e:  # noqa: BLE001 - ResponseError or a grader problem is shown, not raised
            self.notify(f"That answer could not be scored: {e}", severity="error", markup=False)
            return
        self.answered_current = True
        view.disabled = True
        body = self.query_one("#quiz-body")
        await body.mount(Markdown(feedback_markdown(fb), id="feedback", classes="-ok" if fb.correct else "-wrong"))
        self.call_after_refresh(body.scroll_end, animate=False)
        self.query_one("#next", Button).focus()

    async def action_next(self) -> None:
        if self.session is None:
            return
        if not self.answered_current:
            self.session.skip()
        await self.show_current()

    @on(Button.Pressed, "#submit")
    async def _submit(self) -> None:
        await self.action_submit()

    @on(Button.Pressed, "#next")
    async def _next(self) -> None:
        await self.action_next()


class QuizScreen(PracticeBase):
    HEADING = "Quiz practice"
    _section_started: object = "all"
    objective: str | None = None
    """Set by a Learn page link: practise one objective."""

    async def start_objective(self, objective: str) -> None:
        self.objective = objective
        await self.start()

    def compose_controls(self) -> ComposeResult:
        from acrlab.quiz.models import SECTIONS

        yield Label("Section", classes="ctl-label")
        yield Select([("All sections", "all")] + [(f"Section {s}", s) for s in SECTIONS], value="all",
                     allow_blank=False, id="section")

    def pick_items(self) -> list[Any]:
        quiz = self.app.services.quiz()
        bank = self.app.services.bank()
        section = self.query_one("#section", Select).value
        self._section_started = section
        sections = None if section == "all" else [section]
        objectives = [self.objective] if self.objective else None
        return quiz.select_items(bank, sections=sections, objectives=objectives, limit=10,
                                 seed=getattr(self.app, "seed", 0))

    @on(Select.Changed, "#section")
    async def _section(self, event: Select.Changed) -> None:
        if event.value != self._section_started:
            self.objective = None
            await self.start()


class ReviewScreen(PracticeBase):
    MODE = "review"
    HEADING = "Review (due cards)"

    def pick_items(self) -> list[Any]:
        bank = self.app.services.bank()
        due = self.app.services.due_cards()
        return [bank.get(i) for i in due if i in bank][:20]

    def empty_text(self) -> str:
        return ("No cards are due. Questions you miss in Quiz practice (F6) come back here when they are due; "
                "Home (F2) shows how many.")

    def done_text(self) -> str:
        return "Those were all the cards due now; Progress (F9) shows your readiness."

    async def on_screen_resume(self) -> None:
        if self.session is None or self.session.finished:
            await self.start()
