"""A cmd step that starts an image built earlier in the same run, whose command is a shell script of its build
context (`COPY ./test.sh .` then `CMD ./test.sh`): the script runs with the image's environment, its output goes
to the run's log and its exit status decides the step, as the gated import of
MicrosoftDocs/azure-management-docs articles/container-registry/tasks-consume-public-content.md relies on (its
validate-base-image step fails on BACKGROUND_COLOR Red). The shell layer provides the interpreter
(`cloud.state['script_in_run']`: the lab's bash in a fresh terminal); other images keep exiting 0 without output.
"""

from __future__ import annotations

_SHELLS = ("sh", "bash", "/bin/sh", "/bin/bash", "/usr/bin/bash")


def _script_path(argv: list[str], working_dir: str) -> tuple[str, list[str]] | None:
    """(absolute script path, its arguments) when the container's command runs one script, else None."""
    if len(argv) >= 3 and argv[0] in _SHELLS and argv[1] == "-c":
        words = argv[2].split()
        if not words or any(c in argv[2] for c in "|;&$<>`"):
            return None
        argv = words
    if not argv or argv[0] in _SHELLS or "/" not in argv[0] and not argv[0].startswith("."):
        return None
    path = argv[0]
    if not path.startswith("/"):
        path = (working_dir or "/").rstrip("/") + "/" + path.removeprefix("./")
    return path, argv[1:]


def run_script(agent, content, args: list[str]) -> tuple[int, list[str]] | None:
    """(exit status, output lines) of the image's script, or None when the image does not run one of its build
    context's shell scripts (or the lab has no shell to run it)."""
    files = agent.files_of.get(content.digest)
    config = content.config
    runner = agent.cloud.state.get("script_in_run")
    if not files or config is None or runner is None:
        return None
    entrypoint = list(config.entrypoint or [])
    if entrypoint and entrypoint[0].rsplit("/", 1)[-1] == "docker-entrypoint.sh":
        entrypoint = entrypoint[1:]  # official images' entrypoint execs a command it is given (node, bash, redis)
    argv = entrypoint + (list(args) if args else list(config.cmd or []))
    found = _script_path(argv, config.working_dir)
    if found is None or found[0] not in files:
        return None
    text = files[found[0]]
    shebang = text.split("\n", 1)[0]
    if not shebang.startswith("#!") or not shebang[2:].strip().split()[0].endswith(("/sh", "/bash")):
        return None
    env = dict(e.split("=", 1) for e in config.env if "=" in e)
    code, out, err = runner(agent.cloud, text, env, found[1])
    return code, (out + err).rstrip("\n").splitlines()
