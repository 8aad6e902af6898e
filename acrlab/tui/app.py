"""AcrLabApp: top-level modes (home, learn, labs, portal, quiz, exam, review, progress), global keys, palette."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.binding import Binding

from . import resume
from .keys import APP_KEYS, effective_key, load_keymap
from .palette import AcrLabCommands
from .screens.confirm import ConfirmScreen
from .services import Services

HERE = Path(__file__).parent

EXAM_OPEN_MODES = ("exam", "learn")
MODE_TITLES = {
    "home": "Home", "learn": "Learn", "labs": "Labs", "portal": "Portal", "quiz": "Quiz practice",
    "exam": "Exam", "review": "Review", "progress": "Progress",
}


def _mode_factory(name: str):
    def make():
        from .screens import screen_class

        return screen_class(name)()
    return make


class AcrLabApp(App[int]):
    """The study app. `start` picks the first mode; `lab_id` opens a scenario straight away."""

    TITLE = "acrlab"
    SUB_TITLE = "Azure Container Registry lab + AZ-104 practice"
    CSS_PATH = [HERE / "theme.tcss", HERE / "app.tcss"]
    COMMANDS = App.COMMANDS | {AcrLabCommands}
    MODES = {name: _mode_factory(name) for name in MODE_TITLES}
    BINDINGS = [Binding(effective_key(k, {}), k.action, k.description, id=k.id,
                        show=k.id in ("help", "quit"), priority=k.id in ("help", "quit"))
                for k in APP_KEYS if k.id != "palette"]
    """The palette key is Textual's own COMMAND_PALETTE_BINDING (remapped from keys.toml in __init__)."""

    def __init__(self, start: str = "home", lab_id: str | None = None, seed: int = 0,
                 services: Services | None = None, open_lab: bool = False, resume_directly: bool = False) -> None:
        self.keymap, self.keymap_problems = load_keymap()
        if "palette" in self.keymap:
            self.COMMAND_PALETTE_BINDING = self.keymap["palette"]
        super().__init__()
        self.start = start if start in MODE_TITLES else "home"
        self.lab_id = lab_id
        self.open_lab_at_start = open_lab or lab_id is not None
        self.seed = seed
        self.resume_directly = resume_directly
        """Reopen the lab left in the middle without asking (the browser classroom: a reload returns to it)."""
        self.services = services or Services()
        self._sandbox: Any = None
        self.active_lab: Any = None
        """The LabRun of the lab screen opened last (the portal works on its tenant)."""
        self.exam_in_progress = False
        """Set by the exam screen while a sitting runs: then only the exam and the Learn pages open (as in the real
        exam, Microsoft Learn is available; labs, practice and review are not)."""

    # -- lifecycle ---------------------------------------------------------------------------------
    def on_mount(self) -> None:
        if self.keymap:
            self.set_keymap(self.keymap)
        for problem in self.keymap_problems:
            self.notify(problem, title="keys.toml", severity="warning", timeout=8, markup=False)
        self.switch_mode(self.start)
        if self.open_lab_at_start:
            self.call_after_refresh(self.open_lab, self.lab_id)
        else:
            self.call_after_refresh(self.offer_resume)

    def on_unmount(self) -> None:
        self.services.close()

    @property
    def sandbox(self) -> Any:
        """The free-play tenant the portal edits when no lab is open (created on first use)."""
        if self._sandbox is None:
            from acrlab.lab import Lab

            self._sandbox = Lab(seed=self.seed)
        return self._sandbox

    @property
    def tenant_lab(self) -> Any:
        """The Lab whose tenant the portal edits: the open lab's, else the sandbox."""
        return self.active_lab.lab if self.active_lab is not None else self.sandbox

    # -- actions -----------------------------------------------------------------------------------
    def exam_blocks(self, mode: str) -> bool:
        """True (and says why) when an exam in progress keeps ``mode`` closed."""
        if self.exam_in_progress and mode not in EXAM_OPEN_MODES:
            self.notify("An exam is in progress: only the Learn pages (F3) are open, as Microsoft Learn is in the "
                        "real exam. Finish the exam (F7) to use the rest.", severity="warning")
            return True
        return False

    def action_go(self, mode: str) -> None:
        if mode in MODE_TITLES and mode != self.current_mode and not self.exam_blocks(mode):
            self.switch_mode(mode)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def offer_resume(self) -> None:
        """At start: the lab left in the middle (quit, closed terminal, browser reload) is offered again;
        served in a browser it simply reopens, as a reload should."""
        saved = resume.latest()
        if saved is None:
            return
        if self.resume_directly:
            self.open_lab(saved.scenario_id, resume_from=saved)
            return
        self.push_screen(ConfirmScreen(
            "Resume your lab?", f"You left a lab in the middle: {saved.label}.\nResume it where you left off?",
            [("resume", "Resume", "primary"), ("later", "Not now", "default")]),
            lambda choice: self.open_lab(saved.scenario_id, resume_from=saved) if choice == "resume" else None)

    def open_lab(self, scenario_id: str | None, resume_from: resume.Saved | None = None, ask: bool = True) -> None:
        """Open a lab screen (None = the sandbox) on top of the Labs mode; a lab with saved work offers to resume."""
        from .screens.lab import LabScreen

        if self.exam_blocks("labs"):
            return
        if resume_from is None and ask:
            saved = resume.load(scenario_id)
            if saved is not None:
                def answered(choice: str | None) -> None:
                    if choice == "resume":
                        self.open_lab(scenario_id, resume_from=saved)
                    elif choice == "restart":
                        resume.discard(scenario_id)
                        self.open_lab(scenario_id, ask=False)
                self.push_screen(ConfirmScreen(f"Open {saved.title}", f"You have work saved in this lab: "
                                               f"{saved.label}.", [("resume", "Resume", "primary"),
                                                                   ("restart", "Start over", "warning"),
                                                                   ("cancel", "Cancel", "default")]), answered)
                return
        if self.current_mode != "labs":
            self.switch_mode("labs")
        self.push_screen(LabScreen(scenario_id, resume_from=resume_from))

    def practise_objective(self, objective: str) -> None:
        """Quiz practice on one objective's questions (the palette's 'Quiz: ...' entries)."""
        if self.exam_blocks("quiz"):
            return
        self.switch_mode("quiz")
        self.call_after_refresh(lambda: getattr(self.screen, "start_objective", lambda o: None)(objective))

    def open_learn_page(self, slug: str) -> None:
        self.switch_mode("learn")
        self.call_after_refresh(lambda: getattr(self.screen, "show_page", lambda s: None)(slug))

    def run_screen_action(self, action: str) -> None:
        """Run an action on the current screen if it has it (palette entries for lab/exam actions)."""
        method = getattr(self.screen, f"action_{action}", None)
        if method is None:
            self.notify(f"'{action}' is available on the lab screen; open a lab first.", severity="warning")
            return
        method()
