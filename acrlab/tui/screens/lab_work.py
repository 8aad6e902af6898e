"""Running the lab screen's commands off the event loop: one worker thread at a time, ctrl+c interrupts.

The thread runs the command (and grades the result, which forks the tenant) and hands an `Outcome` back to
the screen on the event loop; the screen never touches the tenant while a command runs."""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from ..labrun import Report
from ..prompts import Question

if TYPE_CHECKING:
    from .lab import LabScreen


@dataclass
class Outcome:
    result: Any = None
    question: Question | None = None
    """The y/n question the command stopped at (the pane asks it)."""
    answered: Question | None = None
    """The question this run answered (a re-run with the learner's answer)."""
    report: Report | None = None
    error: str = ""
    interrupted: bool = False
    ms: float = 0.0


class CommandWork:
    def __init__(self, screen: LabScreen) -> None:
        self.screen = screen
        self.busy = False
        self.asking: tuple[str, Question] | None = None
        """The command waiting for the learner's y/n answer, and az's question."""
        self._interrupted = False

    def _thread(self, fn, *args) -> None:
        self.busy = True
        self.screen.run_worker(partial(fn, *args), thread=True, group="lab-command", exit_on_error=False)

    def _hand_back(self, callback, *args) -> None:
        try:
            self.screen.app.call_from_thread(callback, *args)
        except RuntimeError:  # the app is closing
            self.busy = False

    # -- one command ---------------------------------------------------------------------------------
    def start(self, text: str, answer: str | None = None, question: Question | None = None) -> None:
        self._thread(self._run, text, answer, question)

    def _run(self, text: str, answer: str | None, question: Question | None) -> None:
        start = time.perf_counter()
        run = self.screen.run
        out = Outcome()
        try:
            if answer is None:
                out.result = run.run(text)
                out.question = run.question(text, out.result)
            else:
                out.result = run.answer(text, answer)
                out.answered = question
        except Exception as e:  # noqa: BLE001 - a simulator bug is reported in the pane, never a crash
            out.error = f"acrlab: internal error running this command: {type(e).__name__}: {e}\n"
        out.interrupted, self._interrupted = self._interrupted, False
        out.ms = (time.perf_counter() - start) * 1000
        if out.result is not None and out.question is None and not run.is_sandbox:
            try:
                out.report = run.check()
            except Exception:  # noqa: BLE001 - the screen shows grading problems on ctrl+g
                out.report = None
        self._hand_back(self._done, text, out)

    def _done(self, text: str, out: Outcome) -> None:
        self.busy = False
        self.screen.finished(text, out)

    def interrupt(self) -> bool:
        """Ask the running command to stop (False: this build's Lab cannot be interrupted)."""
        lab = self.screen.run.lab
        fn = getattr(lab, "interrupt", None) or getattr(lab.session, "interrupt", None)
        if not callable(fn):
            return False
        self._interrupted = True
        fn()
        return True

    # -- resuming a saved lab, warming up -------------------------------------------------------------
    def replay(self, commands: list[dict]) -> None:
        pane = self.screen.terminal
        pane.busy = True
        pane.write_note(f"Resuming: replaying your {len(commands)} command(s)...", style="italic cyan")
        self._thread(self._replay, commands)

    def _replay(self, commands: list[dict]) -> None:
        run = self.screen.run
        error, report = "", None
        try:
            run.replay(commands)
            report = None if run.is_sandbox else run.check()
        except Exception as e:  # noqa: BLE001
            error = f"acrlab: the saved lab could not be replayed: {type(e).__name__}: {e}\n"
        self._hand_back(self._replayed, commands, error, report)

    def _replayed(self, commands: list[dict], error: str, report: Report | None) -> None:
        self.busy = False
        pane = self.screen.terminal
        for c in commands:
            pane.input.remember(c["text"])
        if error:
            pane.write_output("", error)
        else:
            pane.write_note("Resumed where you left off (Escape goes back to the labs; the Reset button starts "
                            "again).", style="italic cyan")
        self.screen.refresh_state(grade=False, report=report)
        pane.command_done()

    def warm_up(self) -> None:
        """Load the az command table and the shell's programs before the first command needs them."""
        self.screen.run_worker(_warm_up, thread=True, group="warm-up", exit_on_error=False)


def _warm_up() -> None:
    try:
        from acrlab.shell.az import framework
        from acrlab.shell.session import programs

        framework.load()
        programs().load_all()
    except Exception:  # noqa: BLE001 - the first command will report the problem itself
        pass
