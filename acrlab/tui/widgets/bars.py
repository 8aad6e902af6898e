"""Labelled horizontal bars (readiness per objective, exam score per section)."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.widget import Widget


class Bars(Widget):
    """`rows` are (label, fraction 0..1, right-hand text); the bar grows with the widget's width."""

    DEFAULT_CSS = """
    Bars { height: auto; }
    """

    def __init__(self, rows: list[tuple[str, float, str]] | None = None, threshold: float | None = None,
                 **kw) -> None:
        super().__init__(**kw)
        self.rows = list(rows or [])
        self.threshold = threshold

    def set_rows(self, rows: list[tuple[str, float, str]]) -> None:
        self.rows = list(rows)
        self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:
        return max(1, len(self.rows))

    def render(self) -> RenderableType:
        if not self.rows:
            return Text("(nothing yet)", style="dim")
        label_w = min(28, max(len(r[0]) for r in self.rows))
        note_w = max(len(r[2]) for r in self.rows)
        bar_w = max(6, self.size.width - label_w - note_w - 4)
        table = Table.grid(padding=(0, 1))
        table.add_column(width=label_w, no_wrap=True, overflow="ellipsis")
        table.add_column(width=bar_w, no_wrap=True)
        table.add_column(width=note_w, justify="right", no_wrap=True)
        for label, frac, note in self.rows:
            frac = max(0.0, min(1.0, frac))
            filled = int(round(frac * bar_w))
            ok = self.threshold is None or frac >= self.threshold
            bar = Text("█" * filled, style="green" if ok else "red")
            bar.append("░" * (bar_w - filled), style="grey35")
            table.add_row(label, bar, note)
        return table
