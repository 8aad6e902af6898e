"""The terminal pane: scrollback and a prompt line that reads input as bash does.

Lines typed (or pasted) are queued and taken one at a time: a line that leaves the input incomplete (an open
quote, a here-document, a trailing `\\` or `|`, an unclosed `if`/`for`/`{`...) shows the continuation prompt
`> ` and waits for more; complete input is posted as `Submitted` and the pane waits (typing ahead is kept)
until the screen calls `command_done()`. While az asks a question the next line is its answer (`Answered`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Label, RichLog

from .command_input import CommandInput

Completer = Callable[[str], tuple[str, list[str]]]
NeedsMore = Callable[[str], bool]
"""`needs_more(text)`: is the input typed so far still incomplete for the current shell?"""

MAX_LISTED = 100


class TerminalPane(Vertical):
    """Shows what commands print; posts `TerminalPane.Submitted` for each complete command."""

    class Submitted(Message):
        def __init__(self, pane: TerminalPane, command: str) -> None:
            super().__init__()
            self.pane = pane
            self.command = command

        @property
        def control(self) -> TerminalPane:
            return self.pane

    class Answered(Message):
        """The line typed after a question (`ask`): the screen decides what it means."""

        def __init__(self, pane: TerminalPane, answer: str | None) -> None:
            super().__init__()
            self.pane = pane
            self.answer = answer
            """The line typed, or None when ctrl+c cancelled the question."""

        @property
        def control(self) -> TerminalPane:
            return self.pane

    class InterruptRequested(Message):
        """ctrl+c while a command runs."""

    def __init__(self, completer: Completer | None = None, prompt: str = "$ ",
                 needs_more: NeedsMore | None = None, ps2: str = "> ", **kw) -> None:
        super().__init__(**kw)
        self.completer = completer
        self.needs_more = needs_more
        self.prompt = prompt
        self.ps2 = ps2
        self._continuation: list[str] = []
        self._queue: deque[str] = deque()
        self.busy = False
        """A command is running: lines typed now wait their turn, as typed-ahead lines do in bash."""
        self.question: str | None = None
        """The prompt shown while the pane waits for an answer (az's `... (y/n): `), else None."""
        self._search_prompt: str | None = None

    def compose(self) -> ComposeResult:
        yield RichLog(id="scrollback", wrap=True, markup=False, highlight=False, max_lines=5000, min_width=20)
        with Horizontal(id="prompt-line"):
            yield Label(Text(self.prompt), id="prompt")
            yield CommandInput(id="command", compact=True)

    @property
    def log_view(self) -> RichLog:
        return self.query_one("#scrollback", RichLog)

    @property
    def input(self) -> CommandInput:
        return self.query_one("#command", CommandInput)

    @property
    def pending(self) -> str:
        """The lines of an incomplete command typed so far."""
        return "\n".join(self._continuation)

    def focus_input(self) -> None:
        self.input.focus()

    # -- the prompt --------------------------------------------------------------------------------
    def _current_prompt(self) -> str:
        if self._search_prompt is not None:
            return self._search_prompt
        if self.question is not None:
            return self.question
        if self.busy:
            return ""
        return self.ps2 if self._continuation else self.prompt

    def _show_prompt(self) -> None:
        self.query_one("#prompt", Label).update(Text(self._current_prompt()))

    def set_prompt(self, prompt: str, ps2: str | None = None) -> None:
        self.prompt = prompt
        if ps2 is not None:
            self.ps2 = ps2
        self._show_prompt()

    # -- output ------------------------------------------------------------------------------------
    def write_output(self, stdout: str, stderr: str) -> None:
        """Append a command's output: stdout plain, stderr highlighted."""
        if stdout:
            self.log_view.write(Text(stdout.rstrip("\n")))
        if stderr:
            self.log_view.write(Text(stderr.rstrip("\n"), style="bold red" if "ERROR" in stderr else "yellow"))

    def write_result(self, result) -> None:
        """Append a command's output with stdout and stderr interleaved as they were written."""
        pieces: list[tuple[bool, str]] = []
        for is_err, text in getattr(result, "chunks", ()) or ((False, result.stdout), (True, result.stderr)):
            if pieces and pieces[-1][0] == is_err:
                pieces[-1] = (is_err, pieces[-1][1] + text)
            elif text:
                pieces.append((is_err, text))
        for is_err, text in pieces:
            if is_err:
                self.write_output("", text)
            else:
                self.write_output(text, "")

    def write_note(self, text: str, style: str = "italic cyan") -> None:
        self.log_view.write(Text(text, style=style))

    def clear(self) -> None:
        self.log_view.clear()

    # -- questions ---------------------------------------------------------------------------------
    def ask(self, prompt: str) -> None:
        """Show `prompt` on the input line, as a terminal does; the next line typed is posted as `Answered`."""
        self.question = prompt
        self.add_class("-asking")
        self._show_prompt()
        self.focus_input()

    def stop_asking(self) -> None:
        self.question = None
        self.remove_class("-asking")
        self._show_prompt()

    # -- the line discipline -----------------------------------------------------------------------
    def feed(self, *lines: str) -> None:
        """Lines as if typed, each followed by Enter (a paste, or a test)."""
        self._queue.extend(lines)
        self._pump()

    def command_done(self) -> None:
        """The screen finished the command it was given: read the next queued line."""
        self.busy = False
        self._show_prompt()
        self._pump()

    def cancel(self) -> None:
        """ctrl+c at the prompt: drop the line, the incomplete command and anything typed ahead."""
        shown = self._current_prompt() + self.input.value
        self.log_view.write(Text(shown + "^C", style="bold green"))
        self._continuation.clear()
        self._queue.clear()
        self.input.value = ""
        if self.question is not None:
            self.stop_asking()
            self.busy = True
            self.post_message(self.Answered(self, None))
        self._show_prompt()

    def _pump(self) -> None:
        while self._queue and not self.busy:
            self._take(self._queue.popleft())

    def _take(self, line: str) -> None:
        if self.question is not None:
            self.log_view.write(Text(self.question + line, style="bold yellow"))
            self.stop_asking()
            self.busy = True  # until the screen has dealt with the answer (it calls command_done)
            self.post_message(self.Answered(self, line))
            return
        self.log_view.write(Text(self._current_prompt() + line, style="bold green"))
        self._continuation.append(line)
        text = "\n".join(self._continuation)
        if self.needs_more is not None and self.needs_more(text):
            self._show_prompt()
            return
        self._continuation.clear()
        self.input.remember(text.replace("\\\n", ""))  # as bash's history keeps it: continuations joined
        if text.strip():
            self.busy = True
            self._show_prompt()
            self.post_message(self.Submitted(self, text))
        else:
            self._show_prompt()

    @on(Input.Submitted, "#command")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        line = event.value
        self.input.value = ""
        self.feed(line)

    @on(CommandInput.Pasted)
    def _pasted(self, event: CommandInput.Pasted) -> None:
        event.stop()
        self.feed(*event.lines)

    @on(CommandInput.Interrupted)
    def _interrupted(self, event: CommandInput.Interrupted) -> None:
        event.stop()
        if self.busy:
            self._queue.clear()
            self.post_message(self.InterruptRequested())
        else:
            self.cancel()

    @on(CommandInput.SearchChanged)
    def _search_changed(self, event: CommandInput.SearchChanged) -> None:
        event.stop()
        self._search_prompt = event.prompt
        self._show_prompt()

    @on(CommandInput.CompleteRequested)
    def _complete(self, event: CommandInput.CompleteRequested) -> None:
        event.stop()
        if self.completer is None or self.question is not None:
            return
        line, candidates = self.completer(event.value)
        if line == event.value and len(candidates) > 1:
            if event.again:  # the second Tab lists what could follow, as bash does
                shown = "  ".join(candidates[:MAX_LISTED])
                more = f"  ... ({len(candidates) - MAX_LISTED} more)" if len(candidates) > MAX_LISTED else ""
                self.log_view.write(Text(self._current_prompt() + event.value, style="bold green"))
                self.write_note(shown + more, style="dim")
            else:
                self.app.bell()
        self.input.completed(line)
