"""`nano FILE` / `code FILE` in the lab terminal: an editor pane on a file of the lab's working directory.

The screen returns the text to save (or None); the lab screen writes it through the lab's shell, so the save
is a command of the session like any other (exported sessions, grading and resuming replay it)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

from .confirm import ConfirmScreen

EDITORS = ("nano", "code", "vi", "vim", "edit")
"""Commands that open the editor pane in the app."""


class EditorScreen(ModalScreen[str | None]):
    """ctrl+s (or nano's ctrl+o) saves and closes; escape (or nano's ctrl+x) closes, asking about unsaved text."""

    CSS_PATH = "modal.tcss"
    BINDINGS = [
        Binding("ctrl+s,ctrl+o", "save", "Save", priority=True),
        Binding("escape,ctrl+x", "close", "Close", priority=True),
    ]

    def __init__(self, path: str, text: str, new: bool) -> None:
        super().__init__()
        self.path = path
        self.original = text
        self.new = new

    def compose(self) -> ComposeResult:
        with Vertical(id="editor-dialog"):
            state = "new file" if self.new else f"{len(self.original.splitlines())} lines"
            yield Label(f"{self.path} ({state})  ctrl+s saves, escape closes", id="editor-title", markup=False)
            yield TextArea(self.original, id="editor-area", soft_wrap=False, show_line_numbers=True,
                           tab_behavior="indent")
            yield Label("", id="editor-status", markup=False)

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    def action_save(self) -> None:
        self.dismiss(self.text)

    def action_close(self) -> None:
        if self.text == self.original:
            self.dismiss(None)
            return

        def answered(choice: str | None) -> None:
            if choice == "save":
                self.dismiss(self.text)
            elif choice == "discard":
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen(f"Save {self.path}?", "The file has changes that are not saved.",
                                           [("save", "Save", "primary"), ("discard", "Discard", "error"),
                                            ("cancel", "Keep editing", "default")]), answered)


def save_command(path: str, text: str) -> str:
    """The shell command that writes `text` to `path`: a quoted here-document (nothing in it expands)."""
    body = text if text.endswith("\n") or not text else text + "\n"
    delim = "EOF"
    lines = {line.strip() for line in body.splitlines()}
    while delim in lines:
        delim += "_"
    quoted = "'" + path.replace("'", "'\\''") + "'"
    return f"cat > {quoted} <<'{delim}'\n{body}{delim}"
