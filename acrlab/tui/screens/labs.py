"""Labs: the scenario list (objective, difficulty, best score); Enter opens a lab."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from ..services import Unavailable, attr

SANDBOX = "__sandbox__"


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


class LabsScreen(Screen):
    CSS_PATH = "lists.tcss"

    problem = ""
    """Why scenarios or scores could not be read (shown instead of the highlighted lab's line)."""
    details: dict[str, str] = {}
    """Row key -> the full objective line shown under the table for the highlighted lab."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Pick a lab and press Enter. Each lab opens a terminal on its own simulated tenant.",
                     id="labs-intro", classes="intro")
        yield DataTable(id="labs-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="labs-message", classes="message")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Labs"
        self.refresh_data()
        self.query_one(DataTable).focus()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def on_resize(self) -> None:
        self.refresh_data()

    def _widths(self) -> tuple[int, int]:
        """Lab and Objective column widths that fit the screen next to Level (12) and Best (4)."""
        free = max(30, self.size.width - 12 - 4 - 2 * 4 - 3)  # cell padding, scrollbar
        lab = max(18, free * 11 // 20)
        return lab, max(12, free - lab)

    def refresh_data(self) -> None:
        table = self.query_one(DataTable)
        lab_w, obj_w = self._widths()
        cursor = table.cursor_row
        table.clear(columns=True)
        table.add_column("Lab", width=lab_w)
        table.add_column("Objective", width=obj_w)
        table.add_column("Level", width=12)
        table.add_column("Best", width=4)
        table.add_row("Sandbox (free play, no checks)", "-", "-", "-", key=SANDBOX)
        message = ""
        try:
            scenarios = self.app.services.scenarios()
        except Unavailable as e:
            scenarios = []
            message = f"Scenarios are not available yet: {e}"
        best: dict[str, float] = {}
        try:
            best = self.app.services.best_lab_scores()
        except Exception as e:  # noqa: BLE001 - scores are optional on this screen
            message = message or f"best scores unavailable: {e}"
        self.details = {SANDBOX: "sandbox: a fresh tenant, no checks"}
        for sc in scenarios:
            sid = str(attr(sc, "id"))
            objective = attr(sc, "objective", "objectives", "section", default="")
            if isinstance(objective, (list, tuple)):
                objective = ", ".join(map(str, objective))
            objective = str(objective).removeprefix("AZ-104: ")
            score = f"{best[sid]:.0f}%" if sid in best else "-"
            title = str(attr(sc, "title", default=sid))
            table.add_row(_fit(title, lab_w), _fit(objective, obj_w), str(attr(sc, "difficulty", default="")), score,
                          key=sid)
            self.details[sid] = f"{sid}: {objective}"
        table.move_cursor(row=min(cursor, table.row_count - 1))
        self.problem = message
        self.query_one("#labs-message", Static).update(message)

    @on(DataTable.RowHighlighted, "#labs-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.query_one("#labs-message", Static).update(self.problem or self.details.get(event.row_key.value, ""))

    @on(DataTable.RowSelected, "#labs-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        self.app.open_lab(None if key == SANDBOX else key)
