"""Replay a submission step by step, showing what each command printed and what it changed in the grade.

After every top-level command the checks are judged again on the lab as it stands, and the explanation lists the
checks that start or stop passing at that step (hidden checks are counted, never named). This is how a teacher (or
a student with their own file) sees *why* a submission got its marks: which command earned which check, which
command undid one, and where an error stopped the work.
"""

from __future__ import annotations

from collections.abc import Iterator

from .grader import prepared
from .replay import Replay, plan
from .report import fmt
from .session import evaluate_all
from .submission import Submission

OUTPUT_LINES = 6


def _status(lab, scenario) -> dict[str, tuple[bool, object]]:
    return {c.id: (o.passed, c) for _, c, o in evaluate_all(lab, scenario)}


def _name(check) -> str:
    return "a hidden check" if check.visibility == "hidden" else f"'{check.title}'"


def explain(scenario, sub: Submission, seed: int = 0) -> Iterator[str]:
    """Lines of the step-by-step explanation (yielded as each step runs)."""
    ls = prepared(scenario, seed)
    sc = ls.scenario
    before = _status(ls.lab, sc)
    points = {c.id: c.points for _, c in sc.checks()}
    score = sum(points[i] for i, (ok, _) in before.items() if ok)
    yield f"{sc.title} (seed {seed}): {sub.kind} submission {sub.name}"
    yield f"before any command: {fmt(score)}/{fmt(sc.max_score)} points"
    replay = Replay(ls.lab)
    steps = plan(sub) if sub.kind not in ("bicep", "arm") else [("deploy", sub.text, None)]
    for shell, text, answers in steps:
        if shell == "deploy":
            replay._deploy(sub, sc)
            shown = f"az deployment group create -g {sc.resource_group} --template-file ..."
        else:
            replay._one(text, shell, answers)
            shown = text.strip()
        step = replay.steps[-1]
        prompt = "PS> " if shell == "pwsh" else "$ "
        yield ""
        yield f"step {step.n}: {prompt}{shown.splitlines()[0] if shown else ''}" + (" ..." if "\n" in shown else "")
        result = ls.lab.transcript[-1] if ls.lab.transcript else None
        output = (result.output if result is not None else "").rstrip().splitlines()
        for line in output[:OUTPUT_LINES]:
            yield f"    {line}"
        if len(output) > OUTPUT_LINES:
            yield f"    ... ({len(output) - OUTPUT_LINES} more line(s))"
        yield f"    exit code {step.exit_code}" + (f": {step.error}" if step.error else "")
        after = _status(ls.lab, sc)
        gained = [c for cid, (ok, c) in after.items() if ok and not before[cid][0]]
        lost = [c for cid, (ok, c) in after.items() if not ok and before[cid][0]]
        for c in gained:
            yield f"    + now passes: {_name(c)} (+{fmt(c.points)})"
        for c in lost:
            yield f"    - no longer passes: {_name(c)} (-{fmt(c.points)})"
        before = after
    score = sum(points[i] for i, (ok, _) in before.items() if ok)
    yield ""
    yield f"after {len(replay.steps)} command(s): {fmt(score)}/{fmt(sc.max_score)} points"
