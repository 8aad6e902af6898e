"""The lab screen: narrative + task checklist, terminal pane, resource explorer, clock, hints, check my work."""

from __future__ import annotations

import os
import time
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Markdown, Static, TabbedContent, TabPane

from ..completion import complete
from ..keys import LAB_KEYS
from ..labrun import LabRun, Report
from ..prompts import Question, cancelled_stderr, valid_answer
from ..services import Unavailable
from ..tenant import Node, TenantView
from ..widgets.checklist import Checklist
from ..widgets.explorer import ResourceExplorer
from ..widgets.terminal import TerminalPane
from .report import ReportScreen


def _prompt(lab) -> str:
    sh = lab.session
    if sh.mode == "pwsh":
        return f"PS {sh.host.cwd}> "
    user = "learner" if sh.host.kind == "workstation" else "azureuser"
    return f"{user}@{sh.host.name}:{sh.host.cwd.replace('/home/learner', '~')}$ "


class LabScreen(Screen):
    """Only this screen runs commands and reads the tenant; its widgets post messages up."""

    CSS_PATH = "lab.tcss"
    BINDINGS = [Binding(k.key, k.action, k.description, id=k.id, priority=True) for k in LAB_KEYS] + [
        Binding("escape", "app.pop_screen", "Back to labs", show=False)]
    AUTO_FOCUS = "#command"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    """Below 100 columns the bar keeps the clock, Advance and Check (Hint and Reset stay on ctrl+t / ctrl+r)."""

    def __init__(self, scenario_id: str | None = None) -> None:
        super().__init__()
        self.scenario_id = scenario_id
        self.run: LabRun | None = None
        self.error = ""
        self.last_report: Report | None = None
        self.last_command_ms = 0.0
        self.explorer_stale = False
        self.asking: tuple[str, Question] | None = None
        """The command waiting for the learner's y/n answer, and az's question."""

    def compose(self) -> ComposeResult:
        yield Header()
        try:
            self.run = LabRun(self.app.services, self.scenario_id, seed=getattr(self.app, "seed", 0))
        except Unavailable as e:
            self.error = str(e)
        except Exception as e:  # noqa: BLE001 - the simulator failed to build the lab: say so, no traceback
            self.error = f"internal error: {type(e).__name__}: {e}"
        if self.run is None:
            yield Static(f"This lab cannot be opened.\n\n{self.error}\n\nPress Escape to go back.", id="lab-error")
            yield Footer()
            return
        with Horizontal(id="lab-body"):
            with TabbedContent(id="lab-side", initial="tab-tasks"):
                with TabPane("Tasks", id="tab-tasks"):
                    with VerticalScroll(id="narrative-scroll"):
                        yield Markdown(self.run.narrative, id="narrative")
                        yield Checklist(self.run.tasks(), id="checklist")
                with TabPane("Explorer", id="tab-explorer"):
                    yield ResourceExplorer(self._load_nodes, id="explorer")
                    yield Static("", id="explorer-detail")
                with TabPane("Report", id="tab-report"):
                    with VerticalScroll():
                        yield Static("Press ctrl+g to check your work.", id="report-text")
            with Vertical(id="lab-main"):
                yield TerminalPane(self._complete, _prompt(self.run.lab), id="terminal")
                with Horizontal(id="lab-bar"):
                    yield Label("", id="clock")
                    yield Input(value="1h", id="advance-by", restrict=r"[0-9dhms]*", max_length=8, compact=True)
                    yield Button("Advance", id="advance-btn", compact=True)
                    yield Button("Hint", id="hint-btn", compact=True)
                    yield Button("Reset", id="reset-btn", variant="warning", compact=True)
                    yield Button("Check", id="check-btn", variant="success", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        if self.run is None:
            return
        self.app.active_lab = self.run
        self.title = f"Lab: {self.run.title}"
        self._update_clock()
        self.terminal.write_note(f"{self.run.title}: you are learner@contoso.onmicrosoft.com. "
                                 "Tab completes az commands and flags; add --help to any command.")
        self.terminal.focus_input()
        self.warm_up()

    @work(thread=True)
    def warm_up(self) -> None:
        """Load the az command table and the shell's programs before the first command needs them."""
        try:
            from acrlab.shell.az import framework
            from acrlab.shell.session import programs

            framework.load()
            programs()
        except Exception:  # noqa: BLE001 - the first command will report the problem itself
            pass

    def on_screen_resume(self) -> None:
        if self.run is not None:
            self.app.active_lab = self.run
            self.refresh_state()

    def on_unmount(self) -> None:
        if getattr(self.app, "active_lab", None) is self.run:
            self.app.active_lab = None

    # -- helpers ---------------------------------------------------------------------------------
    @property
    def terminal(self) -> TerminalPane:
        return self.query_one("#terminal", TerminalPane)

    def _load_nodes(self, key: tuple | None) -> list[Node]:
        view = TenantView(self.run.lab.cloud)
        return view.roots() if key is None else view.children(key)

    def _complete(self, line: str) -> tuple[str, list[str]]:
        from acrlab.shell.session import programs

        sh = self.run.lab.session
        c = complete(line, list(programs()), sh.list_dir(".") or [])
        return c.line, c.candidates

    def _update_clock(self) -> None:
        now = self.run.lab.now
        self.query_one("#clock", Label).update(f"{now:%Y-%m-%d %H:%M}Z")

    def refresh_state(self, grade: bool = True) -> None:
        """After anything that changed the tenant: explorer (now if visible, else when shown), clock, prompt, ticks."""
        if self.query_one(TabbedContent).active == "tab-explorer":
            self.query_one(ResourceExplorer).reload()
            self.explorer_stale = False
        else:
            self.explorer_stale = True
        self._update_clock()
        self.terminal.set_prompt(_prompt(self.run.lab))
        if grade and not self.run.is_sandbox:
            self._grade(show=False)

    def _grade(self, show: bool) -> Report | None:
        try:
            report = self.run.check()
        except Exception as e:  # noqa: BLE001 - a failing checker is reported, not fatal
            self.notify(f"checking failed: {e}", severity="error")
            return None
        self.last_report = report
        self.query_one(Checklist).set_done(self.run.task_status(report))
        lines = [report.headline, ""] + [f"{'✔' if c.passed else '✘'} {c.text}" + (f"\n    {c.message}" if
                                        c.message and not c.passed else "") for c in report.checks]
        self.query_one("#report-text", Static).update("\n".join(lines))
        if show:
            self.app.push_screen(ReportScreen(self.run.title, report))
        return report

    # -- events ----------------------------------------------------------------------------------
    @on(TerminalPane.Submitted)
    def _run_command(self, event: TerminalPane.Submitted) -> None:
        start = time.perf_counter()
        text = event.command
        try:
            result = self.run.run(text)
        except Exception as e:  # noqa: BLE001 - a simulator bug is reported in the pane, never a crash
            self.terminal.write_output("", f"acrlab: internal error running this command: "
                                           f"{type(e).__name__}: {e}\n")
            return
        if text.strip() == "clear":
            self.terminal.clear()
        question = self.run.question(text, result)
        if question is not None:  # az asks before it changes anything: ask in the pane, re-run with the answer
            self.terminal.write_output(result.stdout, question.before)
            self.asking = (text, question)
            self.terminal.ask(question.prompt)
            return
        self.terminal.write_result(result)
        self.last_command_ms = (time.perf_counter() - start) * 1000
        self.refresh_state()

    @on(TerminalPane.Answered)
    def _answered(self, event: TerminalPane.Answered) -> None:
        if self.asking is None:
            return
        text, question = self.asking
        answer = valid_answer(event.answer)
        if answer is None:  # like knack's prompt_y_n: ask again until y or n
            self.terminal.ask(question.prompt)
            return
        self.asking = None
        try:
            result = self.run.answer(text, answer)
        except Exception as e:  # noqa: BLE001 - a simulator bug is reported in the pane, never a crash
            self.terminal.write_output("", f"acrlab: internal error running this command: {type(e).__name__}: {e}\n")
            return
        self.terminal.write_output(result.stdout, cancelled_stderr(result.stderr, question))
        self.refresh_state()

    @on(TabbedContent.TabActivated)
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "tab-explorer" and self.explorer_stale:
            self.query_one(ResourceExplorer).reload()
            self.explorer_stale = False

    @on(ResourceExplorer.Selected)
    def _explorer_selected(self, event: ResourceExplorer.Selected) -> None:
        self.query_one("#explorer-detail", Static).update(event.node.detail or event.node.label)

    @on(Button.Pressed, "#advance-btn")
    def _advance_pressed(self) -> None:
        self.action_advance()

    @on(Input.Submitted, "#advance-by")
    def _advance_submitted(self) -> None:
        self.action_advance()

    @on(Button.Pressed, "#hint-btn")
    def _hint_pressed(self) -> None:
        self.action_hint()

    @on(Button.Pressed, "#reset-btn")
    def _reset_pressed(self) -> None:
        self.action_reset()

    @on(Button.Pressed, "#check-btn")
    def _check_pressed(self) -> None:
        self.action_check()

    # -- actions ---------------------------------------------------------------------------------
    def action_check(self) -> None:
        if self.run is None:
            return
        if self.run.is_sandbox:
            self.notify("The sandbox has no checks: open a lab to be graded.", severity="warning")
            return
        report = self._grade(show=True)
        if report is not None:
            self._record(report)

    def _record(self, report: Report) -> None:
        try:
            store = self.app.services.store()
            checks = [{"passed": c.passed, "description": c.text, "points": c.points} for c in report.checks]
            store.record_lab_grade(self.run.scenario_id, report.earned, report.possible, checks)
        except Exception as e:  # noqa: BLE001 - progress is a nicety; the grade still shows
            self.notify(f"progress not saved: {e}", severity="warning")

    def action_hint(self) -> None:
        if self.run is None:
            return
        try:
            text = self.run.hint()
        except Exception as e:  # noqa: BLE001
            text = f"no hint available: {e}"
        self.terminal.write_note(f"hint: {text}", style="bold magenta")

    def action_advance(self) -> None:
        if self.run is None:
            return
        delta = self.query_one("#advance-by", Input).value.strip() or "1h"
        try:
            result = self.run.advance(delta)
        except Exception as e:  # noqa: BLE001
            self.notify(f"could not advance the clock: {e}", severity="error")
            return
        self.terminal.write_note(f"lab advance {delta}")
        self.terminal.write_result(result)
        self.refresh_state()

    def action_reset(self) -> None:
        if self.run is None:
            return
        try:
            self.run.reset()
        except Exception as e:  # noqa: BLE001 - e.g. a set-up step that fails
            self.notify(f"reset failed: {e}", severity="error")
            return
        self.app.active_lab = self.run
        self.asking = None
        self.terminal.stop_asking()
        self.terminal.clear()
        self.terminal.write_note("The lab was reset to its starting state.")
        self.query_one(Checklist).set_done({})
        self.refresh_state(grade=False)
        self.terminal.focus_input()

    def action_export(self) -> None:
        if self.run is None:
            return
        base = Path(os.environ.get("ACRLAB_HOME") or Path.cwd()) / "sessions"
        try:
            path = self.run.export(base)
        except Exception as e:  # noqa: BLE001
            self.notify(f"export failed: {e}", severity="error")
            return
        self.terminal.write_note(f"session exported to {path} (grade it with: acrlab grade "
                                 f"{self.run.scenario_id or 'ID'} {path})")
        self.notify(f"exported {path}")

    def action_focus_terminal(self) -> None:
        if self.run is not None:
            self.terminal.focus_input()

    def action_focus_explorer(self) -> None:
        if self.run is not None:
            self.query_one(TabbedContent).active = "tab-explorer"
            self.query_one(ResourceExplorer).focus()
