"""`lab` subcommands, one module per family; each module exports COMMANDS = {name: (fn, one-line help)}.

`TABLE` names the subcommands of each module, so `lab advance` imports only the module it runs;
tests/test_lazy_tables.py checks it against what the modules export (add a new subcommand here).
"""

TABLE: dict[str, tuple[str, ...]] = {
    "baseimage": ("publish-base",),
    "ca": ("ca",),
    "core": ("advance", "now", "whoami"),
    "dockerhub": ("dockerhub",),
    "egress": ("egress",),
    "endpoint": ("endpoint",),
    "git": ("git",),
    "insight": ("cost", "scans"),
    "subscription": ("subscription",),
    "why": ("why-denied",),
}
"""module -> the subcommands it exports (in COMMANDS)."""
