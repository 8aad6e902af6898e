"""The exam's setup panel: what the sitting will be, with the real exam's defaults shown as they will apply.

Minutes follow Microsoft's durations (100 minutes for a 50-question exam without labs, 120 with labs) at the
same pace for shorter exams, until the learner types their own; unscored trial items are on by default; the
sections can come in the orders the real exam uses.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

FULL_COUNT = 50
MINUTES_NO_LABS, MINUTES_LABS = 100, 120
ORDERS = [("General questions first", "general-first"), ("Case studies first", "case-studies-first"),
          ("Labs first", "labs-first")]
INTRO = ("A timed exam with Microsoft's rules: the clock runs for the whole sitting (breaks included; take as many "
         "as you like, but the questions you have seen lock); problem-solution items, Yes/No series and case studies "
         "lock once you leave them; a finished section cannot be reopened; some questions are unscored trial items "
         "you cannot tell apart. As in the real exam you may open Microsoft Learn (the Learn pages, F3) while the "
         "clock runs; labs, practice and review stay closed until you finish.")


@dataclass(frozen=True)
class ExamSettings:
    count: int
    minutes: float
    trial: int
    series: bool
    case_study: bool
    labs: bool
    order: str


def pace_minutes(count: int, labs: bool) -> int:
    """Minutes for ``count`` questions at the real exam's pace (at least 1)."""
    return max(1, round((MINUTES_LABS if labs else MINUTES_NO_LABS) * count / FULL_COUNT))


def default_trial(count: int) -> int:
    return max(1, count // 15)


def _int(text: str, default: int, low: int, high: int) -> int:
    try:
        value = int(text)
    except ValueError:
        return default
    return max(low, min(high, value))


class ExamSetup(Vertical):
    """Questions, minutes, unscored items, sections and their order; ``settings()`` reads them back, clamped."""

    DEFAULT_CSS = """
    ExamSetup { height: auto; }
    ExamSetup .setup-row { height: auto; margin-top: 1; }
    ExamSetup .field { width: auto; height: auto; margin-right: 2; }
    ExamSetup .field Label { padding: 0 1; }
    ExamSetup .field Input { width: 12; }
    ExamSetup .field Select { width: 30; }
    ExamSetup Checkbox { margin-right: 2; }
    ExamSetup #exam-begin, ExamSetup #exam-full { margin-right: 2; }
    """

    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self._minutes_typed = False
        self._auto_minutes = str(pace_minutes(10, False))
        """The minutes value the panel itself wrote last; any other value was typed by the learner."""

    def compose(self) -> ComposeResult:
        yield Static(INTRO, classes="intro")
        with Horizontal(classes="setup-row"):
            with Vertical(classes="field"):
                yield Label("Questions")
                yield Input("10", id="exam-count", restrict=r"[0-9]*", max_length=2)
            with Vertical(classes="field"):
                yield Label("Minutes")
                yield Input(str(pace_minutes(10, False)), id="exam-minutes", restrict=r"[0-9]*", max_length=3)
            with Vertical(classes="field"):
                yield Label("Unscored")
                yield Input(str(default_trial(10)), id="exam-trial", restrict=r"[0-9]*", max_length=2,
                            tooltip="unscored trial items, mixed in and unmarked, as in the real exam")
            with Vertical(classes="field"):
                yield Label("Section order")
                yield Select(ORDERS, value="general-first", allow_blank=False, id="exam-order")
        with Horizontal(classes="setup-row"):
            yield Checkbox("Problem-solution set", True, id="exam-series", compact=True)
            yield Checkbox("Case study", True, id="exam-case", compact=True)
            yield Checkbox("Labs", False, id="exam-labs", compact=True)
        with Horizontal(classes="setup-row"):
            yield Button("Start exam", id="exam-begin", variant="primary")
            yield Button("Full exam (50 questions)", id="exam-full")
        yield Static("", id="exam-summary", classes="note")
        yield Static("", id="exam-message", classes="message", markup=False)

    def on_mount(self) -> None:
        self._refresh_summary()

    # -- keeping the values real ------------------------------------------------------------------------
    @on(Input.Changed, "#exam-minutes")
    def _minutes_changed(self, event: Input.Changed) -> None:
        if event.value != self._auto_minutes:
            self._minutes_typed = True
        self._refresh_summary()

    @on(Input.Changed, "#exam-count")
    @on(Checkbox.Changed, "#exam-labs")
    def _pace_changed(self) -> None:
        if not self._minutes_typed:
            count = _int(self.query_one("#exam-count", Input).value, 10, 1, 60)
            self._auto_minutes = str(pace_minutes(count, self.query_one("#exam-labs", Checkbox).value))
            self.query_one("#exam-minutes", Input).value = self._auto_minutes
        self._refresh_summary()

    @on(Input.Changed, "#exam-trial")
    @on(Checkbox.Changed)
    @on(Select.Changed)
    def _other_changed(self) -> None:
        self._refresh_summary()

    def _refresh_summary(self) -> None:
        s = self.settings()
        parts = [f"{s.count} scored question(s) + {s.trial} unscored", f"{s.minutes:g} minutes"]
        parts += [name for on_, name in ((s.series, "a problem-solution set"), (s.case_study, "a case study"),
                                         (s.labs, "labs")) if on_]
        self.query_one("#exam-summary", Static).update("You will get: " + ", ".join(parts) + ".")

    def settings(self, full: bool = False) -> ExamSettings:
        """The values as the exam will use them (out-of-range input is clamped, and shown clamped)."""
        labs = self.query_one("#exam-labs", Checkbox).value
        order = str(self.query_one("#exam-order", Select).value or "general-first")
        if full:
            return ExamSettings(FULL_COUNT, MINUTES_LABS if labs else MINUTES_NO_LABS, 3, True, True, labs, order)
        count = _int(self.query_one("#exam-count", Input).value, 10, 3, 60)
        minutes = _int(self.query_one("#exam-minutes", Input).value, pace_minutes(count, labs), 1, 300)
        trial = _int(self.query_one("#exam-trial", Input).value, default_trial(count), 0, 10)
        return ExamSettings(count, minutes, trial, self.query_one("#exam-series", Checkbox).value,
                            self.query_one("#exam-case", Checkbox).value, labs, order)

    def show_settings(self, s: ExamSettings) -> None:
        """Write back the values actually used (after clamping), so the panel never shows a stale number."""
        if not self._minutes_typed:
            self._auto_minutes = str(int(s.minutes))
        self.query_one("#exam-count", Input).value = str(s.count)
        self.query_one("#exam-minutes", Input).value = str(int(s.minutes))
        self.query_one("#exam-trial", Input).value = str(s.trial)
