"""Labelled horizontal bars (readiness per objective, exam score per section)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.widget import Widget


class Bars(Widget):
    """`rows` are (label, fraction 0..1, right-hand text); the bar grows with the widget's width.

    With `more_text`, setting `max_rows` (the lines the screen can spare) shows only the first rows and
    ends with `more_text.format(n=hidden)`.
    """

    DEFAULT_CSS = """
    Bars { height: auto; }
    """

    def __init__(self, rows: list[tuple[str, float, str]] | None = None, threshold: float | None = None,
                 more_text: str | None = None, max_label: int = 28, **kw) -> None:
        super().__init__(**kw)
        self.max_label = max_label
        """The widest a label may be (longer ones end in an ellipsis); the bar keeps at least a third."""
        self.rows = list(rows or [])
        self.threshold = threshold
        self.more_text = more_text
        self.max_rows: int | None = None

    def set_rows(self, rows: list[tuple[str, float, str]]) -> None:
        self.rows = list(rows)
        self.refresh(layout=True)

    def fit(self, max_rows: int | None) -> None:
        """Show at most `max_rows` lines (None: every row)."""
        if max_rows != self.max_rows:
            self.max_rows = max_rows
            self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:
        rows, hidden = self.visible_rows()
        return max(1, len(rows) + (1 if hidden else 0))

    def visible_rows(self) -> tuple[list[tuple[str, float, str]], int]:
        """The rows drawn and how many were left out for lack of height."""
        limit = self.max_rows
        if self.more_text is None or limit is None or len(self.rows) <= limit:
            return self.rows, 0
        shown = max(1, limit - 1)
        return self.rows[:shown], len(self.rows) - shown

    def render(self) -> RenderableType:
        if not self.rows:
            return Text("(nothing yet)", style="dim")
        rows, hidden = self.visible_rows()
        note_w = max(len(r[2]) for r in self.rows)
        label_w = min(self.max_label, max(len(r[0]) for r in self.rows),
                      max(8, (self.size.width - note_w - 4) * 2 // 3))
        bar_w = max(6, self.size.width - label_w - note_w - 4)
        table = Table.grid(padding=(0, 1))
        table.add_column(width=label_w, no_wrap=True, overflow="ellipsis")
        table.add_column(width=bar_w, no_wrap=True)
        table.add_column(width=note_w, justify="right", no_wrap=True)
        for label, frac, note in rows:
            frac = max(0.0, min(1.0, frac))
            filled = int(round(frac * bar_w))
            ok = self.threshold is None or frac >= self.threshold
            bar = Text("█" * filled, style="green" if ok else "red")
            bar.append("░" * (bar_w - filled), style="grey35")
            table.add_row(label, bar, note)
        if hidden and self.more_text is not None:
            more = Text(self.more_text.format(n=hidden), style="italic", overflow="ellipsis", no_wrap=True)
            return Group(table, more)
        return table
