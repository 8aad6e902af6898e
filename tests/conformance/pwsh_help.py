"""Running the examples of Az PowerShell help pages in the lab: each example is the command as the page prints it
and the shape of its output (table headers, list labels, or the exact scalar lines), compared with what the lab
prints. Shapes, not whole outputs: dates, digests and ids differ from the page's own run."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

HELP = "Azure/azure-powershell src/ContainerRegistry/ContainerRegistry/help/"


@dataclass
class Example:
    page: str
    """The help page (repository path under HELP, or a full repository path)."""
    command: str
    table: tuple = ()
    """Header words of the table the page shows."""
    labels: tuple = ()
    """Labels of the list the page shows."""
    lines: tuple | None = None
    """The exact output lines (scalars such as True or repository names)."""
    setup: str = ""
    vars: dict = field(default_factory=dict)


def shape(text: str) -> tuple[tuple, tuple, tuple]:
    """(table header words, list labels, other non-blank lines) of PowerShell's formatted output."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    table, labels, rest = (), [], []
    for i, ln in enumerate(lines):
        if i + 1 < len(lines) and re.fullmatch(r"[- ]+", lines[i + 1]) and not table:
            table = tuple(ln.split())
        elif re.match(r"^[A-Za-z][\w.]*\s+: ?", ln):
            labels.append(ln.split(":", 1)[0].strip())
        elif not re.fullmatch(r"[- ]+", ln) and not table:
            rest.append(ln.strip())
    return table, tuple(labels), tuple(rest)


def check(lab, ex: Example) -> None:
    if ex.setup:
        r = lab.run(ex.setup, shell="pwsh")
        assert r.exit_code == 0, f"set-up for {ex.page}: {r.output}"
    r = lab.run(ex.command, shell="pwsh")
    where = f"{ex.page}: {ex.command}\n{r.output}"
    assert r.exit_code == 0, where
    table, labels, rest = shape(r.stdout)
    if ex.table:
        assert table == ex.table, where
    if ex.labels:
        assert labels == ex.labels, where
    if ex.lines is not None:
        assert rest == ex.lines, where


def setup_lab(setup: str, shell: str = "pwsh"):
    """A fresh lab (seed 0) with the pages' resources created; each example runs in a fork of it."""
    from acrlab import Lab
    lab = Lab(seed=0)
    r = lab.run(setup, shell=shell)
    assert r.exit_code == 0, r.output
    return lab


def ids(examples: list[Example]) -> list[str]:
    return [f"{e.page.rsplit('/', 1)[-1]}:{i}" for i, e in enumerate(examples)]


def help_example_tests(setup: str, examples: list[Example]):
    """A help-page test module's two common pieces: the module-scoped `help_lab` fixture (the pages' resources
    created once) and `test_help_example`, run for each example in a fork of it. Assign both at module level:
    `help_lab, test_help_example = help_example_tests(SETUP, EXAMPLES)`."""
    import pytest

    @pytest.fixture(scope="module")
    def help_lab():
        return setup_lab(setup)

    @pytest.mark.parametrize("ex", examples, ids=ids(examples))
    def test_help_example(help_lab, ex):
        check(help_lab.fork(), ex)

    return help_lab, test_help_example
