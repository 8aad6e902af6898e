"""The lab screen: narrative + task checklist, terminal pane, resource explorer, clock, hints, check my work.

Commands run in a worker thread (the app stays responsive; ctrl+c interrupts), one at a time, in the order
typed or pasted. After each one the lab is saved for resuming (`resume.py`)."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Markdown, Static, TabbedContent, TabPane

from acrlab.completion import complete, shell_programs, tenant_names
from acrlab.shell.continuation import PS2, needs_more

from .. import resume
from ..keys import LAB_KEYS
from ..labrun import LabRun, Report
from ..prompts import cancelled_stderr, valid_answer
from ..services import Unavailable
from ..tenant import Node, TenantView
from ..widgets.checklist import Checklist
from ..widgets.explorer import ResourceExplorer
from ..widgets.terminal import TerminalPane
from .confirm import ConfirmScreen
from .editor import EDITORS, EditorScreen, save_command
from .lab_work import CommandWork, Outcome
from .report import ReportScreen

_EDIT = re.compile(rf"^\s*({'|'.join(EDITORS)})(\s+.*)?$")


def _prompt(lab) -> str:
    sh = lab.session
    if sh.mode == "pwsh":
        return f"PS {sh.host.cwd}> "
    user = "learner" if sh.host.kind == "workstation" else "azureuser"
    return f"{user}@{sh.host.name}:{sh.host.cwd.replace('/home/learner', '~')}$ "


class LabScreen(Screen):
    """Only this screen runs commands and reads the tenant; its widgets post messages up."""

    CSS_PATH = "lab.tcss"
    BINDINGS = [Binding(k.key, k.action, k.description, id=k.id, priority=True) for k in LAB_KEYS if k.key] + [
        Binding("escape", "app.pop_screen", "Back to labs", show=False)]
    AUTO_FOCUS = "#command"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    """Below 100 columns the bar keeps the clock, Advance and Check (Hint and Reset stay in the palette)."""

    def __init__(self, scenario_id: str | None = None, resume_from: resume.Saved | None = None) -> None:
        super().__init__()
        self.scenario_id = scenario_id
        self.resume_from = resume_from
        self.run: LabRun | None = None
        self.error = ""
        self.last_report: Report | None = None
        self.last_command_ms = 0.0
        self.explorer_stale = False
        self.work = CommandWork(self)

    def compose(self) -> ComposeResult:
        yield Header()
        try:
            self.run = LabRun(self.app.services, self.scenario_id, seed=getattr(self.app, "seed", 0))
        except Unavailable as e:
            self.error = str(e)
        except Exception as e:  # noqa: BLE001 - the simulator failed to build the lab: say so, no traceback
            self.error = f"internal error: {type(e).__name__}: {e}"
        if self.run is None:
            yield Static(Text(f"This lab cannot be opened.\n\n{self.error}\n\nPress Escape to go back."),
                         id="lab-error")
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
                    yield Static("", id="explorer-detail", markup=False)
                with TabPane("Report", id="tab-report"):
                    with VerticalScroll():
                        yield Static("Press ctrl+g to check your work.", id="report-text", markup=False)
            with Vertical(id="lab-main"):
                yield TerminalPane(self._complete, _prompt(self.run.lab), needs_more=self._needs_more,
                                   id="terminal")
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
        for k in LAB_KEYS:  # a binding with no default key exists only when keys.toml gives it one
            if not k.key and getattr(self.app, "keymap", {}).get(k.id):
                self._bindings.bind(self.app.keymap[k.id], k.action, k.description, priority=True)
        self.title = f"Lab: {self.run.title}"
        self._update_clock()
        self.terminal.write_note(f"{self.run.title}: you are learner@contoso.onmicrosoft.com. Tab completes "
                                 "(twice lists), --help explains, nano FILE edits a file, ctrl+c interrupts.")
        self.terminal.focus_input()
        if self.resume_from is not None and self.resume_from.commands:
            self.work.replay(self.resume_from.commands)
        else:
            self.work.warm_up()

    def on_screen_resume(self) -> None:
        if self.run is not None:
            self.app.active_lab = self.run
            if not self.work.busy:
                self.refresh_state(grade=False)

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

    def _needs_more(self, text: str) -> bool:
        return needs_more(text, self.run.lab.session.mode)

    def _complete(self, line: str) -> tuple[str, list[str]]:
        if self.work.busy:  # the tenant is changing under the running command
            return line, []
        sh = self.run.lab.session
        try:
            c = complete(line, shell_programs() + list(EDITORS), sh.list_dir(".") or [],
                         tenant_names(self.run.lab.cloud))
        except Exception:  # noqa: BLE001 - completion never breaks the terminal
            return line, []
        return c.line, c.candidates

    def _update_clock(self) -> None:
        now = self.run.lab.now
        self.query_one("#clock", Label).update(f"{now:%Y-%m-%d %H:%M}Z")

    def refresh_state(self, grade: bool = True, report: Report | None = None) -> None:
        """After anything that changed the tenant: explorer (now if visible, else when shown), clock, prompt, ticks."""
        if self.query_one(TabbedContent).active == "tab-explorer":
            self.query_one(ResourceExplorer).reload()
            self.explorer_stale = False
        else:
            self.explorer_stale = True
        self._update_clock()
        self.terminal.set_prompt(_prompt(self.run.lab), PS2.get(self.run.lab.session.mode, "> "))
        if report is not None:
            self.show_report(report, show=False)
        elif grade and not self.run.is_sandbox:
            self._grade(show=False)

    def _grade(self, show: bool) -> Report | None:
        try:
            report = self.run.check()
        except Exception as e:  # noqa: BLE001 - a failing checker is reported, not fatal
            self.notify(f"checking failed: {e}", severity="error", markup=False)
            return None
        self.show_report(report, show)
        return report

    def show_report(self, report: Report, show: bool) -> None:
        self.last_report = report
        self.query_one(Checklist).set_done(self.run.task_status(report))
        lines = [report.headline, ""] + [f"{'✔' if c.passed else '✘'} {c.text}" + (f"\n    {c.message}" if
                                        c.message and not c.passed else "") for c in report.checks]
        self.query_one("#report-text", Static).update(Text("\n".join(lines)))
        if show:
            self.app.push_screen(ReportScreen(self.run.title, report))

    def save_progress(self) -> None:
        """Keep the lab's commands so quitting or a browser reload can resume it."""
        try:
            resume.save(self.scenario_id, self.run.title, self.run.seed, self.run.transcript())
        except (OSError, ValueError) as e:
            self.notify(f"the lab could not be saved for resuming: {e}", severity="warning", markup=False)

    def _refuse_while_busy(self) -> bool:
        if self.work.busy:
            self.notify("A command is running: wait for it, or press ctrl+c to interrupt it.", severity="warning")
        return self.work.busy

    # -- events ----------------------------------------------------------------------------------
    @on(TerminalPane.Submitted)
    def _run_command(self, event: TerminalPane.Submitted) -> None:
        text = event.command
        m = _EDIT.match(text) if "\n" not in text else None
        if m is not None and self.run.lab.session.mode == "bash":
            self._open_editor(m.group(1), (m.group(2) or "").strip())
            return
        self.work.start(text)

    def finished(self, text: str, out: Outcome) -> None:
        """A command came back from the worker (called on the event loop)."""
        if out.error:
            self.terminal.write_output("", out.error)
        elif out.question is not None:  # az asks before it changes anything: ask in the pane, re-run with the answer
            self.terminal.write_output(out.result.stdout, out.question.before)
            self.work.asking = (text, out.question)
            self.terminal.ask(out.question.prompt)
        elif out.answered is not None:  # the re-run with the learner's y/n answer
            self.terminal.write_output(out.result.stdout, cancelled_stderr(out.result.stderr, out.answered))
        else:
            if text.strip() == "clear":
                self.terminal.clear()
            self.terminal.write_result(out.result)
        if out.interrupted:
            self.run.drop_last()
            self.terminal.write_note("^C: the command was interrupted", style="bold yellow")
        self.last_command_ms = out.ms
        if out.result is not None and out.question is None:
            self.refresh_state(grade=False, report=out.report)
        self.save_progress()
        self.terminal.command_done()

    @on(TerminalPane.Answered)
    def _answered(self, event: TerminalPane.Answered) -> None:
        if self.work.asking is None:
            self.terminal.command_done()
            return
        text, question = self.work.asking
        if event.answer is None:  # ctrl+c at az's question: nothing changes
            self.work.asking = None
            self.terminal.write_output("", cancelled_stderr("", question))
            self.terminal.command_done()
            return
        answer = valid_answer(event.answer)
        if answer is None:  # like knack's prompt_y_n: ask again until y or n
            self.terminal.command_done()
            self.terminal.ask(question.prompt)
            return
        self.work.asking = None
        self.work.start(text, answer=answer, question=question)

    @on(TerminalPane.InterruptRequested)
    def _interrupt(self) -> None:
        if not self.work.interrupt():
            self.notify("This build cannot interrupt a running command; it stops at its time budget.",
                        severity="warning")

    @on(TabbedContent.TabActivated)
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "tab-explorer" and self.explorer_stale and not self.work.busy:
            self.query_one(ResourceExplorer).reload()
            self.explorer_stale = False

    @on(ResourceExplorer.Selected)
    def _explorer_selected(self, event: ResourceExplorer.Selected) -> None:
        self.query_one("#explorer-detail", Static).update(Text(event.node.detail or event.node.label))

    @on(Button.Pressed, "#advance-btn")
    @on(Input.Submitted, "#advance-by")
    def _advance_pressed(self) -> None:
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

    # -- the editor --------------------------------------------------------------------------------
    def _open_editor(self, editor: str, arg: str) -> None:
        try:
            words = shlex.split(arg)
        except ValueError:
            words = []
        if len(words) != 1 or words[0].startswith("-"):
            self.terminal.write_output("", f"{editor}: usage: {editor} FILE (opens the lab's editor pane)\n")
            self.terminal.command_done()
            return
        path = words[0]
        sh = self.run.lab.session
        current = sh.read_file(path)

        def saved(text: str | None) -> None:
            if text is not None:
                self.terminal.write_note(f"[saved {path}: {len(text.splitlines())} lines]", style="dim")
                self.work.start(save_command(path, text))
            else:
                self.terminal.command_done()
            self.terminal.focus_input()

        self.app.push_screen(EditorScreen(path, current or "", current is None), saved)

    # -- actions ---------------------------------------------------------------------------------
    def action_check(self) -> None:
        if self.run is None or self._refuse_while_busy():
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
            self.notify(f"progress not saved: {e}", severity="warning", markup=False)

    def action_hint(self) -> None:
        if self.run is None or self._refuse_while_busy():
            return
        try:
            text = self.run.hint()
        except Exception as e:  # noqa: BLE001
            text = f"no hint available: {e}"
        self.terminal.write_note(f"hint: {text}", style="bold magenta")

    def action_advance(self) -> None:
        if self.run is None or self._refuse_while_busy():
            return
        delta = self.query_one("#advance-by", Input).value.strip() or "1h"
        self.terminal.feed(f"lab advance {delta}")

    def action_reset(self) -> None:
        if self.run is None or self._refuse_while_busy():
            return

        def answered(choice: str | None) -> None:
            if choice == "reset":
                self.reset_now()

        self.app.push_screen(ConfirmScreen("Reset the lab?", "Everything you did in this lab is undone: "
                                           "the tenant goes back to its starting state.",
                                           [("reset", "Reset the lab", "warning"), ("keep", "Keep working", "primary")]),
                             answered)

    def reset_now(self) -> None:
        try:
            self.run.reset()
        except Exception as e:  # noqa: BLE001 - e.g. a set-up step that fails
            self.notify(f"reset failed: {e}", severity="error", markup=False)
            return
        resume.discard(self.scenario_id)
        self.app.active_lab = self.run
        self.work.asking = None
        self.terminal.stop_asking()
        self.terminal.clear()
        self.terminal.write_note("The lab was reset to its starting state.")
        self.query_one(Checklist).set_done({})
        self.refresh_state(grade=False)
        self.terminal.focus_input()

    def action_export(self) -> None:
        if self.run is None or self._refuse_while_busy():
            return
        base = Path(os.environ.get("ACRLAB_HOME") or Path.cwd()) / "sessions"
        try:
            path = self.run.export(base)
        except Exception as e:  # noqa: BLE001
            self.notify(f"export failed: {e}", severity="error", markup=False)
            return
        self.terminal.write_note(f"session exported to {path} (grade it with: acrlab grade "
                                 f"{self.run.scenario_id or 'ID'} {path})")
        self.notify(f"exported {path}", markup=False)

    def action_focus_terminal(self) -> None:
        if self.run is not None:
            self.terminal.focus_input()

    def action_focus_explorer(self) -> None:
        if self.run is not None:
            self.query_one(TabbedContent).active = "tab-explorer"
            self.query_one(ResourceExplorer).focus()
