"""Programs on the simulated PATH; each module exports PROGRAMS = {name: fn(session, argv, io) -> exit code}.

So that a command imports only what it runs, `TABLE` names the programs each module exports, and
`EXTENSIONS` the modules that change a program when imported (they export an empty PROGRAMS); both are
read by `acrlab.shell.session.programs()`. tests/test_lazy_tables.py imports every module and checks these
tables against what the modules really export: add a new program here (or the test names what is missing).
"""

TABLE: dict[str, tuple[str, ...]] = {
    "awk": ("awk", "gawk"),
    "az": ("az",),
    "azcopy": ("azcopy",),
    "bash_builtins": ("test", "[", "read", "break", "continue", "return", "local", "shift", "set", "shopt", "exec"),
    "bash_declare": ("declare", "typeset", "readonly", "export", "unset"),
    "bash_let": ("let",),
    "chmod": ("chmod", "umask"),
    "curl": ("curl",),
    "builtins": ("echo", "cat", "ls", "cd", "pwd", "mkdir", "touch", "rm", "head", "tail", "sleep", "exit", "logout",
                 "history", "whoami", "hostname", "base64", "true", "false", "clear", ":"),
    "dns": ("dig", "nslookup"),
    "docker": ("docker",),
    "git": ("git",),
    "grep": ("grep", "egrep", "fgrep"),
    "helm": ("helm",),
    "jq": ("jq",),
    "kubectl": ("kubectl",),
    "lab": ("lab",),
    "notation": ("notation",),
    "oras": ("oras",),
    "printf": ("printf",),
    "pwsh": ("pwsh",),
    "sed": ("sed",),
    "ssh": ("ssh",),
    "tar": ("tar",),
    "terraform": ("terraform",),
    "tree": ("tree",),
    "watch": ("watch",),
    "textutils": ("date", "seq", "sort", "uniq", "tr", "cut", "tee", "xargs", "wc"),
}
"""module -> the programs it exports (in PROGRAMS)."""

EXTENSIONS: dict[str, tuple[str, ...]] = {
    "docker": ("docker_buildx", "docker_containers", "docker_manifest", "docker_trust"),
}
"""program -> modules imported after its own, in name order (they add or wrap its subcommands)."""
