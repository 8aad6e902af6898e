"""Help (F1): every key, where it works, and how to remap it."""

from __future__ import annotations

import os

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from ..keys import ALL_KEYS, effective_key, keymap_path

TERMINAL_KEYS = [
    ("up / down", "terminal", "previous / next command in history"),
    ("ctrl+r", "terminal", "search the history"),
    ("tab", "terminal", "complete (twice: list choices)"),
    ("enter", "terminal", "run it (unfinished: > )"),
    ("ctrl+c", "terminal", "interrupt / drop the line"),
    ("nano FILE", "terminal", "edit a lab file"),
    ("escape", "lab/report/help", "go back / close"),
    ("tab, shift+tab", "everywhere", "move the focus"),
]


def key_rows(keymap: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(keys, where, what, binding id) for every binding, with the user's remaps applied."""
    rows = [(effective_key(k, keymap) or "(palette)", k.where, k.description, k.id) for k in ALL_KEYS]
    rows += [(keys, where, what, "") for keys, where, what in TERMINAL_KEYS]
    return rows


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "modal.tcss"
    BINDINGS = [Binding("escape", "dismiss", "Close"), Binding("f1", "dismiss", "Close", show=False)]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="-wide -help"):
            yield Label("Keys (escape closes)", classes="dialog-title")
            yield DataTable(id="keys", zebra_stripes=True, cursor_type="row")
            where = "$ACRLAB_HOME/keys.toml" if os.environ.get("ACRLAB_HOME") else str(keymap_path())
            yield Static(f"Remap keys in {where}, e.g.\n[keys]\ncheck = \"ctrl+k\"\n"
                         "Open the command palette (ctrl+p) to reach every screen, lab and action.",
                         id="help-remap", markup=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Key", "Where", "What", "Binding id")
        for row in key_rows(getattr(self.app, "keymap", {})):
            table.add_row(*row)
        table.focus()
