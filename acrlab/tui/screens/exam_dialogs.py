"""Exam dialogs: the review grid (answered / flagged / locked) and the final report with bars per section."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from ..widgets.bars import Bars


class ReviewGrid(ModalScreen[int | None]):
    """One button per item; locked items are disabled. Returns the chosen index."""

    CSS_PATH = "modal.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Close")]

    def __init__(self, exam: Any) -> None:
        super().__init__()
        self.exam = exam

    def compose(self) -> ComposeResult:
        ex = self.exam
        with Vertical(id="dialog", classes="-wide"):
            yield Label("Review: answered ●  unanswered ○  flagged ⚑  locked 🔒", classes="dialog-title")
            with Grid(id="review-grid"):
                for k in range(len(ex.items)):
                    locked = ex.is_locked(k)
                    mark = "🔒" if locked else ("●" if k in ex.responses else "○")
                    flag = "⚑" if k in ex.marked else ""
                    b = Button(f"{k + 1} {mark}{flag}", id=f"item-{k}", disabled=locked,
                               classes="-current" if k == ex.index else "")
                    yield b
            yield Button("Close", id="close")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "close":
            self.dismiss(None)
        elif event.button.id and event.button.id.startswith("item-"):
            self.dismiss(int(event.button.id.removeprefix("item-")))


class ExamReportScreen(ModalScreen[None]):
    """Score, pass/fail, a bar per seed section, and the scale note."""

    CSS_PATH = "modal.tcss"
    BINDINGS = [Binding("escape", "dismiss", "Close")]

    def __init__(self, report: Any) -> None:
        super().__init__()
        self.report = report

    def compose(self) -> ComposeResult:
        r = self.report
        with Vertical(id="dialog", classes="-wide"):
            verdict = "PASS" if r.passed else "FAIL"
            yield Label(f"Exam result: {r.scaled} / 1000 — {verdict}", id="exam-verdict",
                        classes="dialog-title " + ("-pass" if r.passed else "-fail"))
            pct = round(100 * r.earned / r.possible, 1) if r.possible else 0.0
            timing = " (time ran out)" if r.timed_out else ""
            yield Static(f"{r.earned}/{r.possible} points ({pct:g}%) in {int(r.elapsed_seconds // 60)} min"
                         f"{timing}", id="exam-points")
            with VerticalScroll(id="exam-sections"):
                yield Label("By section", classes="section")
                yield Bars([(f"Section {s}", t.earned / t.possible if t.possible else 0, f"{t.earned}/{t.possible}")
                            for s, t in r.by_section.items()], threshold=0.7, id="section-bars")
                yield Label("By objective", classes="section")
                yield Bars([(o, t.earned / t.possible if t.possible else 0, f"{t.earned}/{t.possible}")
                            for o, t in r.by_objective.items()], threshold=0.7, id="objective-bars")
                yield Static(r.note, classes="note")
            yield Button("Close", id="close", variant="primary")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss()
