"""Labs: the scenario list (title, difficulty, objective topic, best score); Enter opens a lab."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from ..services import Unavailable, attr

SANDBOX = "__sandbox__"


AREAS = (("Configure access", "Access"), ("Configure security", "Security"),
         ("Create and manage", "Registry"), ("Manage container images", "Images"))
"""Short names for the AZ-104 objective heads, so the list can show the topic that tells labs apart."""


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def short_title(title: str, width: int) -> str:
    """A title that does not fit loses its 'Troubleshooting:' prefix to 'Fix:' (the words after it tell labs apart)."""
    if len(title) > width and title.startswith("Troubleshooting: "):
        return "Fix: " + title.removeprefix("Troubleshooting: ")
    return title


def short_objective(objective: str) -> str:
    """'AZ-104: Configure access to an Azure container registry (RBAC)' -> 'Access: RBAC'."""
    text = objective.removeprefix("AZ-104: ").strip()
    head, _, topic = text.partition(" (")
    topic = topic.rstrip(")")
    area = next((short for prefix, short in AREAS if head.startswith(prefix)), " ".join(head.split()[:2]))
    return f"{area}: {topic}" if topic else area


class LabsScreen(Screen):
    CSS_PATH = "lists.tcss"

    problem = ""
    """Why scenarios or scores could not be read (shown instead of the highlighted lab's line)."""
    details: dict[str, str] = {}
    """Row key -> the full objective line shown under the table for the highlighted lab."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Enter opens a lab: tasks, a terminal on its own tenant, ctrl+g checks.",
                     id="labs-intro", classes="intro")
        yield DataTable(id="labs-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="labs-message", classes="message", markup=False)
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
        """Lab and Topic column widths that fit the screen next to Level (12) and Best (4)."""
        free = max(30, self.size.width - 12 - 4 - 2 * 4 - 3)  # cell padding, scrollbar
        lab = max(18, free * 3 // 5)
        return lab, max(12, free - lab)

    def refresh_data(self) -> None:
        table = self.query_one(DataTable)
        lab_w, obj_w = self._widths()
        cursor = table.cursor_row
        table.clear(columns=True)
        table.add_column("Lab", width=lab_w)
        table.add_column("Level", width=12)
        table.add_column("Topic", width=obj_w)
        table.add_column("Best", width=4)
        table.add_row(_fit("Sandbox (free play, no checks)", lab_w), "-", "-", "-", key=SANDBOX)
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
        self.details = {SANDBOX: "Sandbox: a fresh tenant with no tasks and no checks; try any command."}
        for sc in scenarios:
            sid = str(attr(sc, "id"))
            objective = attr(sc, "objective", "objectives", "section", default="")
            if isinstance(objective, (list, tuple)):
                objective = ", ".join(map(str, objective))
            objective = str(objective).removeprefix("AZ-104: ")
            score = f"{best[sid]:.0f}%" if sid in best else "-"
            title = str(attr(sc, "title", default=sid))
            minutes = attr(sc, "minutes", default=None)
            table.add_row(Text(_fit(short_title(title, lab_w), lab_w)), Text(str(attr(sc, "difficulty", default=""))),
                          Text(_fit(short_objective(objective), obj_w)), score, key=sid)
            about = f"{sid}" + (f" · about {minutes} min" if minutes else "")
            self.details[sid] = f"{title}\n{about} · {objective}"
        table.move_cursor(row=min(cursor, table.row_count - 1))
        self.problem = message
        self.query_one("#labs-message", Static).update(message or self.details.get(self._highlighted_key(), ""))

    def _highlighted_key(self) -> str:
        table = self.query_one(DataTable)
        if not table.row_count:
            return ""
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    @on(DataTable.RowHighlighted, "#labs-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.query_one("#labs-message", Static).update(self.problem or self.details.get(event.row_key.value, ""))

    @on(DataTable.RowSelected, "#labs-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        self.app.open_lab(None if key == SANDBOX else key)
