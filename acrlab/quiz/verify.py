"""Run verify blocks and performance checks against the engine (``acrlab.lab.Lab``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jmespath

from .models import Expectation, PerformanceItem


class EngineUnavailable(RuntimeError):
    """The engine (acrlab.lab) is not importable, so commands cannot be run."""


def lab_factory() -> Callable[[], Any]:
    try:
        from acrlab.lab import Lab
    except Exception as exc:  # the engine is optional for the quiz
        raise EngineUnavailable(f"acrlab.lab is not available: {exc}") from None
    return lambda: Lab(seed=0)


@dataclass
class StepResult:
    step: Expectation
    ok: bool
    problems: list[str]


def _json(result: Any) -> Any:
    try:
        return result.json()
    except Exception as exc:
        raise ValueError(f"output is not JSON: {exc}") from None


def run_step(lab: Any, step: Expectation) -> StepResult:
    if step.advance is not None:
        lab.advance(step.advance)
        return StepResult(step, True, [])
    r = lab.run(step.run, shell=step.shell) if step.shell else lab.run(step.run)
    problems: list[str] = []
    if step.expect_exit is not None and r.exit_code != step.expect_exit:
        problems.append(f"exit code {r.exit_code}, expected {step.expect_exit}; stderr: {r.stderr.strip()[:300]}")
    if step.expect_error is not None and (r.exit_code != 0) != step.expect_error:
        problems.append(f"exit code {r.exit_code}, expected {'failure' if step.expect_error else 'success'}")
    if step.expect_stdout_contains is not None and step.expect_stdout_contains not in r.stdout:
        problems.append(f"stdout lacks {step.expect_stdout_contains!r}")
    if step.expect_stderr_contains is not None and step.expect_stderr_contains not in r.stderr:
        problems.append(f"stderr lacks {step.expect_stderr_contains!r}: {r.stderr.strip()[:300]}")
    if step.expect_query:
        try:
            data = _json(r)
            for expr, want in step.expect_query.items():
                got = jmespath.search(expr, data)
                if got != want:
                    problems.append(f"query {expr!r} gave {got!r}, expected {want!r}")
        except (ValueError, jmespath.exceptions.JMESPathError) as exc:
            problems.append(str(exc))
    return StepResult(step, not problems, problems)


def run_steps(steps: list[Expectation], make_lab: Callable[[], Any] | None = None) -> list[StepResult]:
    lab = (make_lab or lab_factory())()
    return [run_step(lab, s) for s in steps]


def verify_item(item: Any, make_lab: Callable[[], Any] | None = None) -> list[str]:
    """Problems found running the item's verify block (and, for performance items, setup+solution+checks)."""
    problems: list[str] = []
    make = make_lab or lab_factory()
    if item.verify:
        for res in run_steps(item.verify, make):
            problems += [f"{res.step.run or res.step.advance}: {p}" for p in res.problems]
    if isinstance(item, PerformanceItem):
        checks = grade_performance(item, item.solution, make)
        problems += [f"check {k} ({item.checks[k].run}) fails with the solution"
                     for k, ok in enumerate(checks) if not ok]
    return problems


def grade_performance(item: PerformanceItem, commands: list[str],
                      make_lab: Callable[[], Any] | None = None) -> list[bool]:
    """Run setup, the learner's commands, then each check in one fresh Lab; a bool per check."""
    lab = (make_lab or lab_factory())()
    for cmd in item.setup:
        lab.run(cmd)
    for cmd in commands:
        if cmd.strip():
            lab.run(cmd)
    return [run_step(lab, c).ok for c in item.checks]
