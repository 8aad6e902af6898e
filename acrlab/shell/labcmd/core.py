"""Core lab commands: the clock and what is going on."""

from __future__ import annotations

from ...engine import timer_horizon
from ...engine.clock import iso, parse_duration
from ..session import IO, Session


def advance(sh: Session, argv: list[str], io: IO) -> int:
    if not argv:
        io.err("usage: lab advance DURATION   (e.g. 3h, 31d, 90m, 2d3h)")
        return 2
    before = timer_horizon.marks(sh.cloud)
    try:
        d = parse_duration(argv[0])
        sh.cloud.clock.advance(d)
    except ValueError as e:
        io.err(f"lab advance: {e}")
        return 2
    for registry, summary in timer_horizon.since(sh.cloud, before):
        io.err(timer_horizon.note(registry, summary))
    io.out(f"The simulated clock is now {iso(sh.cloud.clock.now())}")
    return 0


def now(sh: Session, argv: list[str], io: IO) -> int:
    io.out(iso(sh.cloud.clock.now()))
    return 0


def whoami(sh: Session, argv: list[str], io: IO) -> int:
    p = sh.host.az.principal
    io.out(f"host: {sh.host.name} ({sh.host.kind})")
    io.out(f"az signed in as: {p.sign_in_name + ' (' + p.kind + ')' if p else 'nobody (run az login)'}")
    for server, entry in sorted(sh.host.docker.get("auths", {}).items()):
        io.out(f"docker logged in to {server} as {entry['username']}")
    return 0


COMMANDS = {
    "advance": (advance, "move the simulated clock forward: lab advance 3h | 31d | 2d3h"),
    "now": (now, "print the simulated time"),
    "whoami": (whoami, "who az and docker are signed in as, on which host"),
}
