"""`lab`: commands that act on the simulation itself (clock, explanations, simulated outside world)."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from ..session import IO, Session


@cache
def lab_commands() -> dict:
    found: dict = {}
    pkg = importlib.import_module("acrlab.shell.labcmd")
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"acrlab.shell.labcmd.{info.name}")
        found.update(getattr(module, "COMMANDS", {}))
    return found


def lab(sh: Session, argv: list[str], io: IO) -> int:
    cmds = lab_commands()
    if not argv or argv[0] in ("help", "--help", "-h"):
        io.out("lab: commands that act on the simulation itself\n")
        width = max(len(k) for k in cmds) + 2
        for name, (_, text) in sorted(cmds.items()):
            io.out(f"  lab {name.ljust(width)}{text}")
        return 0
    entry = cmds.get(argv[0])
    if entry is None:
        io.err(f"lab: unknown command '{argv[0]}'. Run 'lab help' for the list.")
        return 2
    return entry[0](sh, argv[1:], io)


PROGRAMS = {"lab": lab}
