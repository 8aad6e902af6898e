"""LabRun: one open lab for the lab screen, over a labs `LabSession` or, with no scenario, a sandbox Lab.

It normalises what the screen shows (tasks, grade reports) so the screen does not depend on the exact
shape of the labs package's objects.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from acrlab.lab import Lab, Result

from .prompts import Question, answerable, question_in
from .services import Services, Unavailable, attr

SANDBOX_TEXT = """# Sandbox

A fresh simulated tenant: you are **learner@contoso.onmicrosoft.com**, Owner of one subscription,
with no resource groups yet. Try the seed's commands:

```
az group create -n rg-containers -l brazilsouth
az acr create -n myacr0001 -g rg-containers --sku Standard
az acr login -n myacr0001
```

The sandbox has no checks; open a lab from the Labs screen (or ctrl+p) to be graded.
"""


@dataclass
class CheckLine:
    text: str
    passed: bool
    points: float = 1.0
    message: str = ""


@dataclass
class Report:
    earned: float
    possible: float
    checks: list[CheckLine] = field(default_factory=list)
    raw: Any = None

    @property
    def percent(self) -> float:
        return round(100.0 * self.earned / self.possible, 1) if self.possible else 0.0

    @property
    def headline(self) -> str:
        def num(x: float) -> str:
            return str(int(x)) if float(x).is_integer() else f"{x:g}"
        return f"{num(self.earned)}/{num(self.possible)} points ({self.percent:g}%)"


def _report_from(raw: Any) -> Report:
    checks = []
    for c in attr(raw, "checks", "results", default=[]) or []:
        checks.append(CheckLine(
            text=str(attr(c, "description", "title", "text", "name", "id", default="check")),
            passed=bool(attr(c, "passed", "ok", default=False)),
            points=float(attr(c, "max_points", "points", "weight", default=1) or 0),
            message=str(attr(c, "message", "feedback", "detail", default="") or "")))
    earned = attr(raw, "earned", "score", "points", default=None)
    possible = attr(raw, "possible", "max_score", "max_points", "total", default=None)
    if earned is None:
        earned = sum(c.points for c in checks if c.passed)
    if possible is None:
        possible = sum(c.points for c in checks)
    return Report(float(earned), float(possible), checks, raw)


class LabRun:
    """The lab behind a lab screen. `scenario_id=None` is the sandbox."""

    def __init__(self, services: Services, scenario_id: str | None, seed: int = 0) -> None:
        self.services = services
        self.scenario_id = scenario_id
        self.seed = seed
        self.scenario: Any = None
        self.session: Any = None
        self.hints_shown = 0
        self.replay_fixes: dict[int, str | None] = {}
        """Transcript index -> what an exported session replays instead (None: nothing), for answered prompts."""
        self._open()

    def _open(self) -> None:
        if self.scenario_id is None:
            self.session = None
            self._lab = Lab(seed=self.seed)
            self._lab.session.interactive = True
            return
        labs = self.services.labs()
        session_cls = getattr(labs, "LabSession", None)
        if session_cls is None:
            raise Unavailable("the labs API has no LabSession yet")
        try:
            self.scenario = labs.load_scenario(self.scenario_id)
            self.session = session_cls(self.scenario_id, seed=self.seed)
        except Exception as e:  # noqa: BLE001 - unknown id, a broken scenario file or a failing set-up
            raise Unavailable(f"lab {self.scenario_id!r} could not be opened: {e}") from None
        self._lab = attr(self.session, "lab", default=None)
        if not isinstance(self._lab, Lab):
            raise Unavailable("the lab session does not expose its Lab (session.lab)")
        self._lab.session.interactive = True  # the pane is a terminal: az may ask y/n questions

    # -- what the screen shows -------------------------------------------------------------------
    @property
    def lab(self) -> Lab:
        return self._lab

    @property
    def is_sandbox(self) -> bool:
        return self.scenario_id is None

    @property
    def title(self) -> str:
        if self.is_sandbox:
            return "Sandbox"
        return str(attr(self.session, "title", default=attr(self.scenario, "title", default=self.scenario_id)))

    @property
    def narrative(self) -> str:
        if self.is_sandbox:
            return SANDBOX_TEXT
        text = attr(self.session, "narrative", default=None) or attr(self.scenario, "narrative", default="")
        return f"# {self.title}\n\n{text}"

    def tasks(self) -> list[tuple[str, str]]:
        """(task id, text) in order."""
        if self.is_sandbox:
            return []
        out = []
        for k, t in enumerate(attr(self.session, "tasks", default=None) or attr(self.scenario, "tasks", default=[])):
            if isinstance(t, str):
                out.append((str(k), t))
            else:
                out.append((str(attr(t, "id", default=k)), str(attr(t, "text", "title", "description", default=t))))
        return out

    # -- doing things ----------------------------------------------------------------------------
    def run(self, command: str, shell: str = "bash") -> Result:
        """Through the session when there is one, so the exported session replays it."""
        if self.session is not None:
            return self.session.run(command, shell=shell) if shell != "bash" else self.session.run(command)
        return self._lab.run(command, shell=shell)

    def transcript(self) -> list[dict]:
        """The commands run so far, as an unattended replay must see them (what resuming replays)."""
        if self.session is not None:
            commands = [dict(c) for c in self.session.commands]
        else:
            commands = [{"shell": "bash", "text": r.command} for r in self._lab.transcript]
        return self._fixed(commands)

    def replay(self, commands: list[dict]) -> int:
        """Run saved commands again on this (fresh) lab; returns how many ran."""
        for c in commands:
            self.run(c["text"], shell=c.get("shell", "bash") if c.get("shell") in ("bash", "pwsh") else "bash")
        return len(commands)

    def drop_last(self) -> None:
        """Leave the last command out of what is replayed (it was interrupted part-way)."""
        self.replay_fixes[self._last_index()] = None

    def _last_index(self) -> int:
        return (len(self.session.commands) if self.session is not None else len(self._lab.commands)) - 1

    def question(self, command: str, result: Result) -> Question | None:
        """The y/n question `command` stopped at, when the pane can ask it and re-run the command."""
        q = question_in(result.stderr) if result.exit_code else None
        if q is None or self._lab.session.mode != "bash" or not answerable(command):
            return None
        self.replay_fixes[self._last_index()] = None  # it stopped before changing anything
        return q

    def answer(self, command: str, answer: str) -> Result:
        """Re-run `command` with the learner's y/n answer waiting for az's prompt."""
        self._lab.session.state["pending_answer"] = answer
        try:
            result = self.run(command)
        finally:
            self._lab.session.state.pop("pending_answer", None)
        # an exported session is replayed without a terminal: there `--yes` gives the same outcome
        self.replay_fixes[self._last_index()] = f"{command.rstrip()} --yes" if answer == "y" else None
        return result

    def check(self) -> Report:
        if self.is_sandbox:
            return Report(0, 0, [], None)
        return _report_from(self.session.check())

    def task_status(self, report: Report) -> dict[str, bool]:
        """Which tasks are done: from the report's per-task view, else all checks of a task passing."""
        raw = report.raw
        by_task = attr(raw, "tasks", default=None)
        if isinstance(by_task, dict):
            return {str(k): bool(attr(v, "done", "passed", default=v)) for k, v in by_task.items()}
        status: dict[str, list[bool]] = {}
        for c in attr(raw, "checks", "results", default=[]) or []:
            task = attr(c, "task", "task_id", default=None)
            if task is not None:
                status.setdefault(str(task), []).append(bool(attr(c, "passed", default=False)))
        if status:
            by_key = {k: all(v) for k, v in status.items()}
            # a check names its task by id or by title
            return {tid: by_key.get(tid, by_key.get(title, False)) for tid, title in self.tasks()}
        ids = [t for t, _ in self.tasks()]
        if len(ids) == len(report.checks):
            return {t: c.passed for t, c in zip(ids, report.checks, strict=True)}
        return {}

    def hint(self) -> str:
        if self.is_sandbox:
            return "The sandbox has no hints: try `az --help`, or open a lab."
        h = self.session.hint()
        self.hints_shown += 1
        return str(h) if h else "No more hints for this lab."

    def reset(self) -> None:
        self.replay_fixes.clear()
        if self.is_sandbox:
            self._open()
            return
        fn = getattr(self.session, "reset", None)
        if callable(fn):
            fn()
            self._lab = attr(self.session, "lab", default=self._lab)
            self._lab.session.interactive = True
        else:
            self._open()

    def _fixed(self, commands: list) -> list:
        """The transcript as an unattended replay must see it (prompts answered on screen become --yes)."""
        out = []
        for k, c in enumerate(commands):
            if k not in self.replay_fixes:
                out.append(c)
            elif self.replay_fixes[k] is not None:
                out.append(dict(c, text=self.replay_fixes[k]) if isinstance(c, dict) else self.replay_fixes[k])
        return out

    def advance(self, delta: str) -> Result:
        return self.run(f"lab advance {delta}")

    def export(self, directory: Path) -> Path:
        """Write the session file that `acrlab grade` reads; returns its path."""
        directory.mkdir(parents=True, exist_ok=True)
        target = free_export_path(directory, f"{self.scenario_id or 'sandbox'}-session")
        fn = getattr(self.session, "export_session", None) if self.session is not None else None
        if callable(fn):
            try:
                out = fn(target)
            except TypeError:
                out = fn()
            if isinstance(out, (str, Path)) and Path(out).exists():
                return Path(out)
            if isinstance(out, dict) and isinstance(out.get("commands"), list):
                out = dict(out, commands=self._fixed(out["commands"]))
            if isinstance(out, (dict, list)):
                target.write_text(json.dumps(out, indent=2, default=str), encoding="utf-8")
            elif isinstance(out, str):
                target.write_text(out, encoding="utf-8")
            return target
        data = {"scenario": self.scenario_id, "seed": self.seed,
                "commands": self._fixed(list(self._lab.commands))}
        target.write_text(json.dumps(data, indent=2), encoding="utf-8")
        return target


def free_export_path(directory: Path, stem: str) -> Path:
    """`stem.json`, or the first free `stem-2.json`, `stem-3.json`...: an export never overwrites an earlier one."""
    target, n = directory / f"{stem}.json", 1
    while target.exists():
        n += 1
        target = directory / f"{stem}-{n}.json"
    return target
