"""The terminal pane: scrollback, a prompt line with history (up/down) and Tab completion."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Label, RichLog

Completer = Callable[[str], tuple[str, list[str]]]


class CommandInput(Input):
    """A single-line prompt that keeps history and asks for completion on Tab."""

    BINDINGS = [
        Binding("up", "history(-1)", "Previous command", show=False),
        Binding("down", "history(1)", "Next command", show=False),
        Binding("tab", "complete", "Complete", show=False),
    ]

    class CompleteRequested(Message):
        def __init__(self, value: str) -> None:
            super().__init__()
            self.value = value

    def __init__(self, **kw) -> None:
        super().__init__(placeholder="type a command: az, docker, ls ... (Tab completes, --help explains)", **kw)
        self.history: list[str] = []
        self._pos = 0
        self._draft = ""

    def remember(self, command: str) -> None:
        if command.strip() and (not self.history or self.history[-1] != command):
            self.history.append(command)
        self._pos = len(self.history)
        self._draft = ""

    def action_history(self, step: int) -> None:
        if not self.history:
            return
        if self._pos == len(self.history):
            self._draft = self.value
        self._pos = max(0, min(len(self.history), self._pos + step))
        self.value = self.history[self._pos] if self._pos < len(self.history) else self._draft
        self.cursor_position = len(self.value)

    def action_complete(self) -> None:
        self.post_message(self.CompleteRequested(self.value))


class TerminalPane(Vertical):
    """Shows what commands print; posts `TerminalPane.Submitted` when the learner presses Enter."""

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

        def __init__(self, pane: TerminalPane, answer: str) -> None:
            super().__init__()
            self.pane = pane
            self.answer = answer

        @property
        def control(self) -> TerminalPane:
            return self.pane

    def __init__(self, completer: Completer | None = None, prompt: str = "$ ", **kw) -> None:
        super().__init__(**kw)
        self.completer = completer
        self.prompt = prompt
        self._continuation = ""
        self.question: str | None = None
        """The prompt shown while the pane waits for an answer (az's `... (y/n): `), else None."""

    def compose(self) -> ComposeResult:
        yield RichLog(id="scrollback", wrap=True, markup=False, highlight=False, max_lines=5000, min_width=20)
        with Horizontal(id="prompt-line"):
            yield Label(self.prompt, id="prompt")
            yield CommandInput(id="command", compact=True)

    @property
    def log_view(self) -> RichLog:
        return self.query_one("#scrollback", RichLog)

    @property
    def input(self) -> CommandInput:
        return self.query_one("#command", CommandInput)

    def focus_input(self) -> None:
        self.input.focus()

    def set_prompt(self, prompt: str) -> None:
        self.prompt = prompt
        self.query_one("#prompt", Label).update(prompt if not self._continuation else "> ")

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

    def ask(self, prompt: str) -> None:
        """Show `prompt` on the input line, as a terminal does; the next line typed is posted as `Answered`."""
        self.question = prompt
        self.add_class("-asking")
        self.query_one("#prompt", Label).update(prompt)
        self.focus_input()

    def stop_asking(self) -> None:
        self.question = None
        self.remove_class("-asking")
        self.query_one("#prompt", Label).update(self.prompt)

    def write_note(self, text: str, style: str = "italic cyan") -> None:
        self.log_view.write(Text(text, style=style))

    def clear(self) -> None:
        self.log_view.clear()

    @on(Input.Submitted, "#command")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        line = event.value
        self.input.value = ""
        if self.question is not None:
            self.log_view.write(Text(self.question + line, style="bold yellow"))
            self.stop_asking()
            self.post_message(self.Answered(self, line))
            return
        self.log_view.write(Text(("> " if self._continuation else self.prompt) + line, style="bold green"))
        if line.rstrip().endswith("\\") or line.rstrip().endswith("`"):
            self._continuation += line + "\n"
            self.query_one("#prompt", Label).update("> ")
            return
        text, self._continuation = self._continuation + line, ""
        self.query_one("#prompt", Label).update(self.prompt)
        self.input.remember(text.replace("\\\n", " ").replace("\n", " ") if "\n" in text else text)
        if text.strip():
            self.post_message(self.Submitted(self, text))

    @on(CommandInput.CompleteRequested)
    def _complete(self, event: CommandInput.CompleteRequested) -> None:
        event.stop()
        if self.completer is None or self.question is not None:
            return
        line, candidates = self.completer(event.value)
        if candidates:
            shown = "  ".join(candidates[:60]) + ("  ..." if len(candidates) > 60 else "")
            self.write_note(shown, style="dim")
        self.input.value = line
        self.input.cursor_position = len(line)
