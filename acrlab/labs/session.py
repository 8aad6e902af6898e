"""LabSession: one learner working one scenario (the object the TUI and `acrlab lab --plain` drive).

    ls = LabSession("least-privilege-aks", seed=0)   # Lab created, set-up applied
    ls.narrative                                     # Markdown with this student's names
    ls.run("az acr show -n acrlabprod")              # the learner's terminal (lab.run)
    report = ls.check()                              # GradeReport; recorded in progress if available
    ls.hint()                                        # next hint (escalating), None when exhausted
    ls.reset()                                       # fresh lab, set-up again
    ls.export_session()                              # {"scenario", "seed", "commands": [{shell, text}]}
"""

from __future__ import annotations

import contextlib
import dataclasses
import time
from collections.abc import Iterator

from ..engine.budget import BudgetExceeded
from ..lab import Lab, Result
from . import audit
from .budget import Deadline, TimeLimit
from .checks import evaluate
from .fork import fork
from .loader import load_scenario
from .outcome import BLOCKED, NOT_EVALUATED, Outcome
from .report import GradeReport, build_report
from .schema import Scenario
from .setup import SetupError, apply_setup, same_state
from .variables import render_scenario, values_for

EXPORT_FORMAT = "acrlab-session/1"


def evaluate_all(lab: Lab, scenario: Scenario, deadline: Deadline | None = None) -> list[tuple]:
    """(task, check, outcome) for every check; `after:` checks judge a copy with the clock moved on. Under a
    deadline, what a check runs (its commands, the clock moved on) gets at most the time left, and a check cut
    short by it, or not reached, fails with NOT_EVALUATED: never with a wrong answer's reason."""
    out: list[tuple] = []
    futures: dict[str, Lab | Outcome] = {}
    checks = scenario.checks()
    try:
        with deadline or _NO_DEADLINE, same_state():
            for task, check in checks:
                out.append((task, check, _judge(lab, check, futures, deadline)))
                if deadline is not None:
                    deadline.check()
    except TimeLimit:
        pass
    out += [(task, check, Outcome(False, check.title, NOT_EVALUATED)) for task, check in checks[len(out):]]
    return _gate(out)


def _judge(lab: Lab, check, futures: dict[str, Lab | Outcome], deadline: Deadline | None) -> Outcome:
    target: Lab | Outcome = lab
    if check.kind == "script":
        target = fork(lab)  # scripts may change state: give each its own copy
        if check.after:
            target = _later(target, check, deadline)
    elif check.after:
        target = futures.get(check.after) or _later(fork(lab), check, deadline)
        futures[check.after] = target
    if isinstance(target, Outcome):  # the clock could not be moved on: this check cannot be judged
        return Outcome(False, check.title, target.actual)
    with _within(target, deadline):
        outcome = evaluate(target, check)
    if not outcome.passed and deadline is not None and deadline.expired():
        raise TimeLimit()  # cut short by the grading time limit: not evaluated
    return outcome


def _later(target: Lab, check, deadline: Deadline | None) -> Lab | Outcome:
    """`target` with its clock moved on by `check.after`, or an Outcome saying why it could not be."""
    try:
        with _within(target, deadline):
            target.advance(check.after)
    except BudgetExceeded as e:
        if deadline is not None and deadline.expired():
            raise TimeLimit() from None
        return Outcome(False, check.title, f"the lab's clock could not be moved on {check.after}: {e}")
    return target


@contextlib.contextmanager
def _within(target: Lab, deadline: Deadline | None) -> Iterator[None]:
    """Cut the budget of every command `target` runs (Lab.limits, copied by its new sessions) to the time the
    deadline leaves, for the duration of the block."""
    saved = getattr(target, "limits", None)
    if deadline is None or saved is None:
        yield
        return
    left = deadline.seconds - (time.monotonic() - deadline.start)
    if left < saved.seconds:
        target.limits = dataclasses.replace(saved, seconds=max(0.01, left))
    try:
        yield
    finally:
        target.limits = saved


def _gate(out: list[tuple]) -> list[tuple]:
    """A check earns nothing while a check it `requires` fails, directly or through a chain of requirements."""
    passed = {c.id: o.passed for _, c, o in out}
    titles = {c.id: c.title for _, c, _ in out}
    changed = True
    while changed:
        changed = False
        for i, (task, check, outcome) in enumerate(out):
            blocked = [titles[r] for r in check.requires if not passed.get(r)]
            if outcome.passed and blocked:
                out[i] = (task, check, Outcome(False, outcome.expected, f"{BLOCKED}{blocked[0]}"))
                passed[check.id] = False
                changed = True
    return out


class _NoDeadline:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


_NO_DEADLINE = _NoDeadline()


BUILTIN_VARIABLES = ("subscription_id", "tenant_id", "learner_upn")


def builtin_values(lab: Lab) -> dict[str, str]:
    """Variables every scenario may use: the lab's subscription and tenant ids and the learner's UPN."""
    cloud = lab.cloud
    return {"subscription_id": cloud.subscription.subscription_id, "tenant_id": cloud.tenant.tenant_id,
            "learner_upn": cloud.learner.user_principal_name or ""}


class LabSession:
    """A scenario with its Lab, set-up applied, for one student seed."""

    def __init__(self, scenario: Scenario | str, seed: int = 0, record_progress: bool = False) -> None:
        self.raw: Scenario = load_scenario(scenario) if isinstance(scenario, str) else scenario
        self.seed = seed
        self.record_progress = record_progress
        self.hints_shown = 0
        self.commands: list[dict] = []
        self.last_report: GradeReport | None = None
        self._start()

    def _start(self) -> None:
        self.lab = Lab(seed=self.seed)
        base = builtin_values(self.lab) | values_for(self.raw, self.seed)
        self.values = apply_setup(self.lab, self.raw, base)  # may raise SetupError
        audit.attach(self.lab)  # from here on, pushes are recorded with their credential
        self.scenario = render_scenario(self.raw, self.values, strict=True)

    def fork(self) -> LabSession:
        """An independent copy with the same set-up applied (its lab is a deep copy; commands start empty)."""
        other = object.__new__(LabSession)
        other.__dict__.update(self.__dict__)
        other.lab = self.lab.fork()
        other.commands = []
        other.hints_shown = 0
        other.last_report = None
        return other

    # -- what the learner reads ----------------------------------------------------------------
    @property
    def id(self) -> str:
        return self.raw.id

    @property
    def title(self) -> str:
        return self.scenario.title

    @property
    def narrative(self) -> str:
        return self.scenario.narrative

    @property
    def tasks(self) -> list[dict]:
        return [{"id": t.id, "title": t.title, "checks": [c.title for c in t.checks if c.visibility != "hidden"]}
                for t in self.scenario.tasks]

    def hint(self) -> str | None:
        """The next hint, more explicit each time; None once all have been shown."""
        if self.hints_shown >= len(self.scenario.hints):
            return None
        self.hints_shown += 1
        return self.scenario.hints[self.hints_shown - 1]

    def solution(self, kind: str = "bash") -> str | None:
        """The reference solution (bash, pwsh, bicep or arm) with this student's names."""
        return getattr(self.scenario.solution, kind, None)

    # -- acting --------------------------------------------------------------------------------
    def run(self, text: str, shell: str = "bash") -> Result:
        self.commands.append({"shell": shell, "text": text})
        return self.lab.run(text, shell=shell)

    def check(self) -> GradeReport:
        """Grade the current state now (the lab is not changed)."""
        report = build_report(self.scenario, self.seed, evaluate_all(self.lab, self.scenario),
                              submission_kind="session", commands_run=len(self.commands))
        self.last_report = report
        if self.record_progress:
            record_grade(report)
        return report

    def reset(self) -> None:
        """Start over: a fresh tenant with the set-up applied again (hints already seen stay seen)."""
        self.commands.clear()
        self._start()

    def export_session(self) -> dict:
        """What `acrlab grade ID session.json` accepts: replaying it reproduces this state."""
        return {"format": EXPORT_FORMAT, "scenario": self.raw.id, "seed": self.seed,
                "commands": [{"shell": c["shell"], "text": c["text"], **({"answers": c["answers"]} if c.get("answers")
                                                                          else {})} for c in self.commands]}


def record_grade(report: GradeReport) -> bool:
    """Store the grade through acrlab.progress when that package is available; never fails grading."""
    try:
        from ..progress import record_lab_grade
    except ImportError:
        return False
    try:
        record_lab_grade(report.scenario, report.score, report.max_score,
                         [c.model_dump() for c in report.checks])
        return True
    except Exception as exc:  # a broken progress store must not lose the learner's grade report
        report.warnings.append(f"the grade was not saved to your progress: {exc}")
        return False


__all__ = ["LabSession", "SetupError", "evaluate_all", "record_grade", "EXPORT_FORMAT"]
