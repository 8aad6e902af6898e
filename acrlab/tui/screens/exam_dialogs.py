"""Exam dialogs: a yes/no confirmation, the section's review grid, the final report with bars per course section
and objective, and the question-by-question review with the explanation of every option."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from ..widgets.bars import Bars


def _questions(item: Any) -> int:
    return len(item.questions) if item.type == "case_study" else 1


def unanswered_questions(exam: Any, indices: Any) -> tuple[int, int]:
    """(unanswered, total) questions among form ``indices``; a case study counts each of its questions."""
    left = total = 0
    for k in indices:
        item, response = exam.items[k], exam.responses.get(k)
        n = _questions(item)
        total += n
        if item.type == "case_study":
            answered = len([q for q in item.questions if (response or {}).get(q.id) is not None])
            left += n - answered
        elif response is None:
            left += 1
    return left, total


class ConfirmDialog(ModalScreen[bool]):
    """A question with a confirm and a cancel button; returns True when confirmed."""

    CSS_PATH = "modal.tcss"
    BINDINGS = [Binding("escape", "dismiss(False)", "Cancel")]

    def __init__(self, title: str, body: str, confirm: str, cancel: str = "Cancel") -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.confirm_label = confirm
        self.cancel_label = cancel

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.title_text, classes="dialog-title", id="confirm-title")
            yield Static(self.body, id="confirm-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.confirm_label, id="confirm-yes", variant="warning")
                yield Button(self.cancel_label, id="confirm-no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()  # the safe choice has the focus

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")


class ReviewGrid(ModalScreen[int | None]):
    """The current section's items (the real exam reviews one section at a time); locked ones are disabled."""

    CSS_PATH = "modal.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Close")]

    def __init__(self, exam: Any) -> None:
        super().__init__()
        self.exam = exam

    def compose(self) -> ComposeResult:
        ex = self.exam
        section = ex.current_section
        with Vertical(id="dialog", classes="-wide"):
            yield Label(f"Review: {section.title}", classes="dialog-title")
            yield Static("answered ●  unanswered ○  flagged ⚑  locked 🔒", classes="note")
            with Grid(id="review-grid"):
                for k in section.indices:
                    locked = ex.is_locked(k)
                    mark = "🔒" if locked else ("●" if k in ex.responses else "○")
                    flag = "⚑" if k in ex.marked else ""
                    yield Button(f"{k + 1} {mark}{flag}", id=f"item-{k}", disabled=locked,
                                 classes="-current" if k == ex.index else "")
            yield Button("Close", id="close")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "close":
            self.dismiss(None)
        elif event.button.id and event.button.id.startswith("item-"):
            self.dismiss(int(event.button.id.removeprefix("item-")))


def _trial_note() -> str:
    try:
        from acrlab.quiz.report import TRIAL_NOTE
    except ImportError:  # an older quiz package: the plain statement
        return "Unscored items: they do not count toward the score."
    return TRIAL_NOTE


def _titles() -> tuple[Any, Any]:
    from acrlab.objectives import objective_title, section_title
    return section_title, objective_title


class ExamReportScreen(ModalScreen[None]):
    """Score, pass/fail, a bar per course section and objective, the unscored trial items, and the scale note."""

    CSS_PATH = "modal.tcss"
    BINDINGS = [Binding("escape", "dismiss", "Close")]

    def __init__(self, report: Any, bank: Any = None) -> None:
        super().__init__()
        self.report = report
        self.bank = bank

    def compose(self) -> ComposeResult:
        r = self.report
        section_title, objective_title = _titles()
        with Vertical(id="dialog", classes="-wide"):
            verdict = "PASS" if r.passed else "FAIL"
            yield Label(f"Exam result: {r.scaled} / 1000 — {verdict}", id="exam-verdict",
                        classes="dialog-title " + ("-pass" if r.passed else "-fail"))
            pct = round(100 * r.earned / r.possible, 1) if r.possible else 0.0
            timing = " (time ran out: your answers were submitted automatically)" if r.timed_out else ""
            brk = f", breaks {int(r.break_seconds // 60)}:{int(r.break_seconds % 60):02d}" if r.break_seconds else ""
            yield Static(f"{r.earned}/{r.possible} points ({pct:g}%) in {int(r.elapsed_seconds // 60)} min"
                         f"{brk}{timing}", id="exam-points")
            with VerticalScroll(id="exam-sections"):
                yield Label("By course section", classes="section")
                yield Bars([(section_title(s), t.earned / t.possible if t.possible else 0, f"{t.earned}/{t.possible}")
                            for s, t in r.by_section.items()], threshold=0.7, id="section-bars")
                yield Label("By objective", classes="section")
                yield Bars([(objective_title(o), t.earned / t.possible if t.possible else 0,
                             f"{t.earned}/{t.possible}") for o, t in r.by_objective.items()],
                           threshold=0.7, id="objective-bars")
                unscored = list(getattr(r, "unscored", []))
                if unscored:
                    lines = [_trial_note()] + [f"  Question {u.index + 1}: unscored ({u.earned}/{u.possible} points, "
                                               "not counted)" for u in unscored]
                    yield Static("\n".join(lines), id="exam-unscored", classes="note")
                yield Static(r.note, classes="note")
                yield Static("Missed questions are now due in Review (F8).", classes="note")
            with Horizontal(classes="dialog-buttons"):
                if self.bank is not None:
                    yield Button("Review questions", id="review-questions")
                yield Button("Close", id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "review-questions" and self.bank is not None:
            self.app.push_screen(ExamReviewScreen(self.report, self.bank))
        elif event.button.id == "close":
            self.dismiss()


class ExamReviewScreen(ModalScreen[None]):
    """Every question of the sitting: your answer, the points, why each option is right or wrong, the sources."""

    CSS_PATH = "modal.tcss"
    BINDINGS = [Binding("escape", "dismiss", "Close")]

    def __init__(self, report: Any, bank: Any) -> None:
        super().__init__()
        self.report = report
        self.bank = bank

    def compose(self) -> ComposeResult:
        from acrlab.quiz.report import format_review
        with Vertical(id="dialog", classes="-wide"):
            yield Label("Question-by-question review", classes="dialog-title")
            with VerticalScroll(id="exam-review"):
                blocks = "\n".join(format_review(self.report, self.bank)).split("\n\n")
                for k, block in enumerate(blocks):
                    head, _, rest = block.partition("\n")
                    yield Static(head, classes="section" if k else "note", markup=False)
                    if rest:
                        yield Static(rest, classes="review-body", markup=False)
            yield Button("Close", id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "close":
            self.dismiss()
