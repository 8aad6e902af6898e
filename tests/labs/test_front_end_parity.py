"""Issue 17's proof: every scenario is solved with PowerShell only and with Bicep only, or its answer book says why
that front end cannot do the task. The answers are valid entries of the answer books (tests/labs/answers), which
test_answers.py grades to 100% on a fork of the prepared lab, and the PowerShell lab solutions
(tests/pwsh/solutions/<scenario>[.<variant>].ps1), which tests/pwsh/test_lab_solutions.py grades to 100%. This file
checks that each scenario has them, that the PowerShell ones use no az CLI, and that each stated impossibility names
a step of the scenario the front end cannot take."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from acrlab.labs import load_scenario
from acrlab.labs.loader import scenario_files

HERE = Path(__file__).parent / "answers"
PWSH_SOLUTIONS = Path(__file__).parents[1] / "pwsh" / "solutions"
KINDS = ("bash", "pwsh", "bicep", "arm")
"""The answer books and their submission kinds, as test_answers.py reads them."""
FRONT_ENDS = ("pwsh", "bicep")
LAB_GAPS: dict[tuple[str, str], str] = {
}
"""Scenarios the lab cannot yet solve through a front end although real Azure can (each is a missing feature)."""

AZ_COMMAND = re.compile(r"(^|[;|{(&]|\$\()\s*az\s", re.MULTILINE)


def _book(sid: str) -> dict:
    path = HERE / f"{sid}.yaml"
    return (yaml.safe_load(path.read_text()) or {}) if path.exists() else {}


def _kind(entry: dict) -> str:
    return next(k for k in KINDS if k in entry)


def _code_lines(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def _only(entry: dict, kind: str) -> bool:
    """A valid answer of this kind that uses this front end only (no az CLI inside a PowerShell answer)."""
    return _kind(entry) == kind and not (kind == "pwsh" and AZ_COMMAND.search(_code_lines(entry[kind])))


def _answers(sid: str, kind: str) -> list[dict]:
    """The scenario's valid answers of one kind: its answer book's, and for pwsh its lab solution files."""
    out = [e for e in _book(sid).get("valid") or [] if _kind(e) == kind]
    if kind == "pwsh":
        out += [{"name": p.name, "pwsh": p.read_text()} for p in sorted(PWSH_SOLUTIONS.glob(f"{sid}.ps1"))]
        out += [{"name": p.name, "pwsh": p.read_text()} for p in sorted(PWSH_SOLUTIONS.glob(f"{sid}.*.ps1"))]
    return out


def test_every_scenario_is_solved_by_each_front_end_or_says_why():
    problems = []
    for sid in scenario_files():
        book = _book(sid)
        for kind in FRONT_ENDS:
            answered = any(_only(e, kind) for e in _answers(sid, kind))
            stated = (book.get("not_possible") or {}).get(kind)
            gap = LAB_GAPS.get((sid, kind))
            ways = [w for w, on in (("a valid answer", answered), ("not_possible", stated), ("LAB_GAPS", gap)) if on]
            if len(ways) != 1:
                problems.append(f"{sid}/{kind}: " + (" and ".join(ways) if ways else "no answer, reason or gap"))
    assert not problems, "\n".join(problems)


def test_the_powershell_solutions_and_gaps_are_found():
    assert _answers("create-registry", "pwsh"), "tests/pwsh/solutions moved: update PWSH_SOLUTIONS"
    assert len(_answers("least-privilege-aks", "pwsh")) >= 2  # least-privilege-aks.ps1 and its .attach variant
    ids = set(scenario_files())
    assert {sid for sid, _ in LAB_GAPS} <= ids and {k for _, k in LAB_GAPS} <= set(FRONT_ENDS)


def test_powershell_only_detection():
    assert _only({"pwsh": "Get-AzContainerRegistry\n# az acr show is what bash would run\n"}, "pwsh")
    assert not _only({"pwsh": "$id = $(az acr show -n r --query id -o tsv)\n"}, "pwsh")
    assert not _only({"pwsh": "Get-AzContext\naz acr update -n r --sku Premium\n"}, "pwsh")
    assert not _only({"bash": "az acr show -n r"}, "pwsh")


def _not_possible() -> list:
    out = []
    for sid in scenario_files():
        for kind, why in (_book(sid).get("not_possible") or {}).items():
            out.append(pytest.param(sid, kind, why, id=f"{sid}.{kind}"))
    return out


@pytest.mark.parametrize("sid,kind,why", _not_possible())
def test_a_stated_impossibility_names_a_step_of_the_scenario(sid, kind, why):
    """`needs` is a step of the scenario's reference solution (or one of its checks) that the front end cannot take;
    the reason says why in a sentence."""
    assert kind in FRONT_ENDS, f"{sid}: not_possible for unknown front end {kind!r}"
    assert isinstance(why, dict) and set(why) == {"needs", "reason"}, f"{sid}/{kind}: give needs and reason"
    assert len(why["reason"].split()) >= 8, f"{sid}/{kind}: the reason must say concretely why"
    scenario = load_scenario(sid)
    checks = {c.id for _, c in scenario.checks()}
    solution = scenario.solution.bash or ""
    assert why["needs"] in checks or why["needs"] in solution, \
        f"{sid}/{kind}: {why['needs']!r} is neither a check of the scenario nor a step of its reference solution"
    assert not any(_only(e, kind) for e in _answers(sid, kind)), \
        f"{sid}/{kind}: said to be impossible, yet the book holds a valid {kind} answer"
