"""The "check my work" report: `N/M points (P%)` and every check."""

from __future__ import annotations

import textwrap

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, ProgressBar, Static

from ..labrun import Report


class ReportScreen(ModalScreen[None]):
    CSS_PATH = "modal.tcss"
    BINDINGS = [Binding("escape", "dismiss", "Close"), Binding("enter", "dismiss", "Close", show=False)]

    def __init__(self, title: str, report: Report) -> None:
        super().__init__()
        self.lab_title = title
        self.report = report

    def compose(self) -> ComposeResult:
        r = self.report
        with Vertical(id="dialog"):
            yield Static(f"Check my work: {self.lab_title}", id="report-title", classes="dialog-title", markup=False)
            yield Label(r.headline, id="report-headline", classes="-pass" if r.percent >= 100 else "-partial")
            bar = ProgressBar(total=max(r.possible, 1), show_eta=False, id="report-bar")
            bar.progress = r.earned
            yield bar
            with VerticalScroll(id="report-checks"):
                for c in r.checks:
                    text = f"{'✔' if c.passed else '✘'} {c.text}"
                    if c.message and not c.passed:
                        text += "\n" + textwrap.indent(c.message, "    ")
                    yield Static(text, classes="check -ok" if c.passed else "check -fail", markup=False)
            yield Button("Close", id="close", variant="primary")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss()
