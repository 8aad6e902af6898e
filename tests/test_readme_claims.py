"""The README's numbers are the product's: scenarios (and how many are troubleshooting), hand-written items,
generators and notebooks, as a newcomer would count them."""

from __future__ import annotations

import re
from pathlib import Path

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _claim(pattern: str) -> tuple[int, ...]:
    m = re.search(pattern, README)
    assert m, f"README no longer says {pattern!r}"
    return tuple(int(g) for g in m.groups())


def test_scenario_counts():
    from acrlab.labs import load_scenario
    from acrlab.labs.loader import scenario_files

    ids = list(scenario_files())
    troubleshooting = sum(1 for sid in ids if load_scenario(sid).troubleshooting)
    assert _claim(r"(\d+) graded scenarios in `scenarios/` \((\d+) troubleshooting\)") == (len(ids), troubleshooting)


def test_quiz_counts():
    from acrlab.quiz.bank import default_bank

    stats = default_bank().stats()
    (items,) = _claim(r"(\d+)\+ hand-written AZ-104-style items")
    assert items <= stats["total"] < items + 100
    assert _claim(r"plus (\d+) generators of fresh items") == (stats["generators"],)


def test_notebook_count():
    notebooks = sorted((Path(__file__).resolve().parents[1] / "acrlab" / "notebooks").glob("*.ipynb"))
    assert _claim(r"`notebooks/`: (\d+) Jupyter walkthroughs") == (len(notebooks),)


def test_every_command_the_readme_shows_is_in_acrlab_help(capsys):
    from acrlab.cli import main

    assert main(["--help"]) == 0
    usage = capsys.readouterr().out
    lines = [ln.strip() for ln in usage.splitlines()]
    shown = set(re.findall(r"^acrlab ([a-z-]+)(?: ([a-z-]+))?", README, flags=re.M))
    for command, sub in shown:
        assert any(ln.startswith(command + " ") or ln == command for ln in lines), command
        if command in ("class", "quiz", "scenario", "notebooks", "progress") and sub:
            assert any(ln.startswith(command + " ") and sub in ln.split()[1].split("|") for ln in lines), \
                f"acrlab --help does not show `acrlab {command} {sub}`"
