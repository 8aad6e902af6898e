"""watch [-n SECONDS] [-t] COMMAND...: procps' watch, one refresh.

Real watch reruns COMMAND every SECONDS until Ctrl+C, redrawing the screen. The lab's clock moves only when a
command moves it, so every refresh would show the same screen: watch draws it once (header, then the command's
output, as procps prints them) and says so, instead of never returning. The ACR Tasks docs use it to follow
runs (MicrosoftDocs/azure-management-docs articles/container-registry/tasks-consume-public-content.md:
`watch -n1 az acr task list-runs -r $REGISTRY -o table`)."""

from __future__ import annotations

from ..executor import IO, run_program
from ..session import Session


def watch(sh: Session, argv: list[str], io: IO) -> int:
    interval, title, i = "2.0", True, 0
    while i < len(argv) and argv[i].startswith("-") and argv[i] != "-":
        a = argv[i]
        if a in ("-n", "--interval") and i + 1 < len(argv):
            interval, i = argv[i + 1], i + 2
        elif a.startswith("-n") and len(a) > 2:
            interval, i = a[2:], i + 1
        elif a.startswith("--interval="):
            interval, i = a.split("=", 1)[1], i + 1
        elif a in ("-t", "--no-title"):
            title, i = False, i + 1
        else:
            io.err(f"watch: invalid option -- '{a.lstrip('-')[:1]}'\nUsage:\n watch [options] command")
            return 1
    try:
        seconds = float(interval)
    except ValueError:
        io.err(f"watch: failed to parse argument: '{interval}'")
        return 1
    if not argv[i:]:
        io.err("\nUsage:\n watch [options] command")
        return 1
    command = argv[i:]
    if title:
        now = sh.cloud.clock.now()
        stamp = now.strftime("%a %b ") + f"{now.day:2d}" + now.strftime(" %H:%M:%S %Y")
        io.out(f"Every {max(seconds, 0.1):.1f}s: {' '.join(command)}    {sh.host.name}: {stamp}\n")
    sub = IO()
    run_program(sh, command, sub)
    io.out(sub.stdout, end="")
    io.err(sub.stderr, end="")
    io.err("acrlab: watch drew one refresh (the lab's clock does not move while you watch); run it again to refresh.")
    return 0


PROGRAMS = {"watch": watch}
