"""Labs: the scenario list (objective, difficulty, best score); Enter opens a lab."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from ..services import Unavailable, attr

SANDBOX = "__sandbox__"


class LabsScreen(Screen):
    CSS_PATH = "lists.tcss"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Pick a lab and press Enter. Each lab opens a terminal on its own simulated tenant.",
                     id="labs-intro", classes="intro")
        yield DataTable(id="labs-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="labs-message", classes="message")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Labs"
        table = self.query_one(DataTable)
        table.add_columns("Lab", "Objective", "Difficulty", "Best", "Id")
        self.refresh_data()
        table.focus()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        table.add_row("Sandbox (free play, no checks)", "-", "-", "-", "sandbox", key=SANDBOX)
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
        for sc in scenarios:
            sid = str(attr(sc, "id"))
            objective = attr(sc, "objective", "objectives", "section", default="")
            if isinstance(objective, (list, tuple)):
                objective = ", ".join(map(str, objective))
            score = f"{best[sid]:.0f}%" if sid in best else "-"
            table.add_row(str(attr(sc, "title", default=sid)), str(objective),
                          str(attr(sc, "difficulty", default="")), score, sid, key=sid)
        self.query_one("#labs-message", Static).update(message)

    @on(DataTable.RowSelected, "#labs-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        self.app.open_lab(None if key == SANDBOX else key)
