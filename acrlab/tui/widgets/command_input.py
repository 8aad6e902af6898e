"""The terminal pane's input line: history (up/down, ctrl+r search), Tab completion, multi-line paste, ctrl+c."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class CommandInput(Input):
    """A single-line prompt that behaves like bash's readline where it matters to a learner.

    - up/down walk the history; ctrl+r searches it backwards (type to narrow, ctrl+r again for an older
      match, Enter runs the match, Escape or an arrow keeps it for editing, ctrl+c or ctrl+g gives up);
    - Tab asks for completion (the pane lists the candidates on a second Tab, as bash does);
    - a paste of several lines is handed to the pane line by line (the last, unfinished line stays here);
    - ctrl+c is the pane's: interrupt the running command, or drop the line being typed.
    """

    BINDINGS = [
        Binding("up", "history(-1)", "Previous command", show=False),
        Binding("down", "history(1)", "Next command", show=False),
        Binding("tab", "complete", "Complete", show=False),
        Binding("ctrl+r", "search_history", "Search history", show=False),
        Binding("ctrl+c", "interrupt", "Interrupt", show=False),
    ]

    class CompleteRequested(Message):
        def __init__(self, value: str, again: bool) -> None:
            super().__init__()
            self.value = value
            self.again = again
            """True for a second Tab in a row on the same line (bash lists the candidates then)."""

    class Pasted(Message):
        """Complete lines pasted at once (each is run as if typed and followed by Enter)."""

        def __init__(self, lines: list[str]) -> None:
            super().__init__()
            self.lines = lines

    class Interrupted(Message):
        """ctrl+c."""

    class SearchChanged(Message):
        """The reverse-search prompt to show (None: the search ended)."""

        def __init__(self, prompt: str | None) -> None:
            super().__init__()
            self.prompt = prompt

    def __init__(self, **kw) -> None:
        super().__init__(placeholder="type a command: az, docker, ls ... (Tab completes, --help explains)", **kw)
        self.history: list[str] = []
        self._pos = 0
        self._draft = ""
        self._last_tab: str | None = None
        self.search: str | None = None
        """The reverse-i-search query while ctrl+r searching, else None."""
        self._search_from = 0

    # -- history -----------------------------------------------------------------------------------
    def remember(self, command: str) -> None:
        if command.strip() and (not self.history or self.history[-1] != command):
            self.history.append(command)
        self._pos = len(self.history)
        self._draft = ""

    def action_history(self, step: int) -> None:
        if self.search is not None:
            self.end_search(keep=True)
        if not self.history:
            return
        if self._pos == len(self.history):
            self._draft = self.value
        self._pos = max(0, min(len(self.history), self._pos + step))
        self.value = self.history[self._pos] if self._pos < len(self.history) else self._draft
        self.cursor_position = len(self.value)

    # -- ctrl+r: reverse incremental search --------------------------------------------------------
    def action_search_history(self) -> None:
        if self.search is None:
            self.search = ""
            self._search_from = len(self.history)
            self._draft = self.value
        else:  # ctrl+r again: the next older match
            self._search_from = max(0, self._search_from - 1)
        self._find()

    def _find(self) -> None:
        q = self.search or ""
        for k in range(min(self._search_from, len(self.history)) - 1, -1, -1):
            if q in self.history[k]:
                self._search_from = k
                self.value = self.history[k]
                self.cursor_position = max(0, self.history[k].find(q)) if q else len(self.value)
                self.post_message(self.SearchChanged(f"(reverse-i-search)`{q}': "))
                return
        self.post_message(self.SearchChanged(f"(failed reverse-i-search)`{q}': "))

    def end_search(self, keep: bool) -> None:
        """Leave the search with the match on the line (keep) or with the line as it was before it."""
        if self.search is None:
            return
        self.search = None
        if not keep:
            self.value = self._draft
        self.cursor_position = len(self.value)
        self._pos = len(self.history)
        self.post_message(self.SearchChanged(None))

    async def _on_key(self, event: events.Key) -> None:
        if event.key != "tab":
            self._last_tab = None
        if self.search is not None:
            if event.key == "ctrl+r":
                return  # the binding handles it
            if event.key in ("escape", "left", "right", "home", "end", "ctrl+g", "ctrl+c"):
                event.stop()
                event.prevent_default()
                self.end_search(keep=event.key not in ("ctrl+g", "ctrl+c"))
                return
            if event.key == "backspace":
                event.stop()
                event.prevent_default()
                self.search = self.search[:-1]
                self._search_from = len(self.history)
                self._find()
                return
            if event.key == "enter":
                self.end_search(keep=True)
                return  # Input submits the match
            if event.is_printable and event.character:
                event.stop()
                event.prevent_default()
                self.search += event.character
                self._search_from = min(len(self.history), self._search_from + 1)
                self._find()
                return
        await super()._on_key(event)

    # -- completion, paste, ctrl+c ----------------------------------------------------------------
    def action_complete(self) -> None:
        again = self._last_tab == self.value
        self._last_tab = self.value
        self.post_message(self.CompleteRequested(self.value, again))

    def completed(self, line: str) -> None:
        """Put the completed line in place (a Tab that changed nothing stays a 'second Tab' candidate)."""
        if line != self.value:
            self.value = line
            self.cursor_position = len(line)
        self._last_tab = self.value

    def _on_paste(self, event: events.Paste) -> None:
        text = event.text.replace("\r\n", "\n").replace("\r", "\n")
        if "\n" not in text:
            super()._on_paste(event)
            return
        event.stop()
        event.prevent_default()
        if self.search is not None:
            self.end_search(keep=True)
        whole = self.value[: self.cursor_position] + text + self.value[self.cursor_position:]
        *lines, rest = whole.split("\n")
        self.value = rest
        self.cursor_position = len(rest)
        self.post_message(self.Pasted(lines))

    def action_interrupt(self) -> None:
        if self.search is not None:
            self.end_search(keep=False)
            return
        self.post_message(self.Interrupted())
