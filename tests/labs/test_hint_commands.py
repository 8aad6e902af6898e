"""A hint that gives an inspection command (one with --query) gives one the learner can paste: run in the lab
as written, it is never a usage error (a missing --name sent learners to az's usage text instead)."""

from __future__ import annotations

import re

import pytest

from acrlab.labs import LabSession, load_scenario
from acrlab.labs.loader import scenario_files

PLACEHOLDER = re.compile(r"\.\.\.|<|\||\$")


def _inspection_commands(sid: str) -> list[str]:
    hints = " ".join(load_scenario(sid).hints)
    return [c for c in re.findall(r"`(az [^`]+)`", hints) if "--query" in c and not PLACEHOLDER.search(c)]


WITH_INSPECTION = [sid for sid in sorted(scenario_files()) if _inspection_commands(sid)]


def test_some_hints_give_inspection_commands():
    assert len(WITH_INSPECTION) >= 3


@pytest.mark.parametrize("sid", WITH_INSPECTION)
def test_inspection_commands_in_hints_run_as_written(sid):
    ls = LabSession(sid, seed=0)
    shown = []
    while (hint := ls.hint()) is not None:
        shown.append(hint)
    commands = [c for c in re.findall(r"`(az [^`]+)`", " ".join(shown)) if "--query" in c and not PLACEHOLDER.search(c)]
    assert commands
    for command in commands:
        r = ls.run(command)
        assert r.exit_code != 2, f"{sid}: hint `{command}` is a usage error: {r.stderr}"
