"""`lab`: commands that act on the simulation itself (clock, explanations, simulated outside world)."""

from __future__ import annotations

import importlib
from functools import cache

from ..labcmd import TABLE
from ..session import IO, Session


def lab_command(name: str):
    """One subcommand's (fn, help), importing only its module (None when there is no such subcommand)."""
    for module, names in TABLE.items():
        if name in names:
            return importlib.import_module(f"acrlab.shell.labcmd.{module}").COMMANDS[name]
    return None


@cache
def lab_commands() -> dict:
    """Every subcommand (for `lab help`)."""
    found: dict = {}
    for module in sorted(TABLE):
        found.update(importlib.import_module(f"acrlab.shell.labcmd.{module}").COMMANDS)
    return found


def lab(sh: Session, argv: list[str], io: IO) -> int:
    if not argv or argv[0] in ("help", "--help", "-h"):
        cmds = lab_commands()
        io.out("lab: commands that act on the simulation itself\n")
        width = max(len(k) for k in cmds) + 2
        for name, (_, text) in sorted(cmds.items()):
            io.out(f"  lab {name.ljust(width)}{text}")
        return 0
    entry = lab_command(argv[0])
    if entry is None:
        io.err(f"lab: unknown command '{argv[0]}'. Run 'lab help' for the list.")
        return 2
    return entry[0](sh, argv[1:], io)


PROGRAMS = {"lab": lab}
