"""Containers on the learner's Docker host: `docker run` records one (its process does not run in the lab),
`docker ps [-a] [-q]`, `docker stop|start|kill|rm [-f]` change or remove it with Docker's own messages."""

from __future__ import annotations

from ..docker_state import find_local, human_duration, tabwriter
from ..session import IO, Session
from . import docker as docker_program

_original_run = docker_program.SUBCOMMANDS["run"]
_VALUE_FLAGS = {"-p", "--publish", "-e", "--env", "--name", "-v", "--volume", "-w", "--workdir", "--entrypoint",
                "--platform", "--network", "-u", "--user", "--env-file", "-l", "--label", "--restart", "-m",
                "--memory", "--cpus", "--mount", "--hostname", "-h", "--pull"}
ADJECTIVES = ["admiring", "brave", "clever", "eager", "focused", "gallant", "happy", "jolly", "keen", "nifty"]
NAMES = ["turing", "hopper", "lovelace", "curie", "darwin", "euler", "gauss", "newton", "pascal", "tesla"]


def _containers(sh: Session) -> dict:
    return sh.host.docker.setdefault("containers", {})


def _parse_run(argv: list[str]) -> tuple[dict, str | None, list[str]]:
    opts: dict = {"publish": []}
    i = 0
    while i < len(argv) and argv[i].startswith("-"):
        flag, eq, value = argv[i].partition("=")
        takes = flag in _VALUE_FLAGS
        if takes and not eq:
            value = argv[i + 1] if i + 1 < len(argv) else ""
        if flag == "--name":
            opts["name"] = value
        elif flag in ("-p", "--publish"):
            opts["publish"].append(value)
        elif not takes:
            letters = flag[1:] if not flag.startswith("--") else ""
            if flag == "--detach" or "d" in letters:
                opts["detach"] = True
            if flag == "--rm":
                opts["rm"] = True
        i += 2 if takes and not eq else 1
    return opts, (argv[i] if i < len(argv) else None), argv[i + 1:]


def run(sh: Session, argv: list[str], io: IO) -> int:
    opts, ref, command = _parse_run(argv)
    containers = _containers(sh)
    name = opts.get("name")
    if name and any(c["name"] == name for c in containers.values()):
        existing = next(cid for cid, c in containers.items() if c["name"] == name)
        io.err(f'docker: Error response from daemon: Conflict. The container name "/{name}" is already in use by '
               f'container "{existing}". You have to remove (or rename) that container to be able to reuse that '
               "name.\nSee 'docker run --help'.")
        return 125
    code = _original_run(sh, argv, io)
    if code != 0 or ref is None:
        return code
    cid = sh.cloud.ids.hex(64)
    if not command:
        img = find_local(sh, ref)
        cfg = img.content.config if img else None
        command = ((cfg.entrypoint or []) + (cfg.cmd or [])) if cfg else []
    n = len(containers)
    name = name or f"{ADJECTIVES[n % len(ADJECTIVES)]}_{NAMES[(n // len(ADJECTIVES) + n) % len(NAMES)]}"
    detached = bool(opts.get("detach"))
    if not (opts.get("rm") and not detached):
        containers[cid] = {"name": name, "image": ref, "command": " ".join(command), "created": sh.cloud.clock.now(),
                           "running": detached, "exit": 0, "ports": opts["publish"]}
    if detached:
        io.out(cid)
    return 0


def _find(sh: Session, ref: str) -> str | None:
    containers = _containers(sh)
    for cid, c in containers.items():
        if c["name"] == ref or cid == ref:
            return cid
    matches = [cid for cid in containers if cid.startswith(ref)]
    return matches[0] if len(matches) == 1 else None


def _each(sh: Session, argv: list[str], io: IO, verb: str, action) -> int:
    refs = [a for a in argv if not a.startswith("-")]
    if not refs:
        io.err(f'"docker {verb}" requires at least 1 argument.\nSee \'docker {verb} --help\'.\n\nUsage:  docker '
               f"{verb} [OPTIONS] CONTAINER [CONTAINER...]")
        return 1
    code = 0
    for ref in refs:
        cid = _find(sh, ref)
        if cid is None:
            io.err(f"Error response from daemon: No such container: {ref}")
            code = 1
            continue
        message = action(_containers(sh), cid)
        if message:
            io.err(message)
            code = 1
        else:
            io.out(ref)
    return code


def stop(sh: Session, argv: list[str], io: IO) -> int:
    def act(containers, cid):
        if containers[cid]["running"]:
            containers[cid].update(running=False, exit=0, finished=sh.cloud.clock.now())
    return _each(sh, argv, io, "stop", act)


def kill(sh: Session, argv: list[str], io: IO) -> int:
    def act(containers, cid):
        if not containers[cid]["running"]:
            return f"Error response from daemon: cannot kill container: {cid[:12]}: container {cid} is not running"
        containers[cid].update(running=False, exit=137, finished=sh.cloud.clock.now())
    return _each(sh, argv, io, "kill", act)


def start(sh: Session, argv: list[str], io: IO) -> int:
    def act(containers, cid):
        containers[cid].update(running=True, started=sh.cloud.clock.now())
    return _each(sh, argv, io, "start", act)


def rm(sh: Session, argv: list[str], io: IO) -> int:
    force = any(a in ("-f", "--force") for a in argv)

    def act(containers, cid):
        if containers[cid]["running"] and not force:
            return (f'Error response from daemon: cannot remove container "/{containers[cid]["name"]}": container '
                    "is running: stop the container before removing or force remove")
        del containers[cid]
    return _each(sh, argv, io, "rm", act)


def ps(sh: Session, argv: list[str], io: IO) -> int:
    show_all = any(a in ("-a", "--all") for a in argv) or any(a.startswith("-") and "a" in a[1:] and
                                                             not a.startswith("--") for a in argv)
    quiet = any(a in ("-q", "--quiet") for a in argv) or any(a.startswith("-") and "q" in a[1:] and
                                                            not a.startswith("--") for a in argv)
    now = sh.cloud.clock.now()
    rows = []
    for cid, c in reversed(list(_containers(sh).items())):
        if not c["running"] and not show_all:
            continue
        if quiet:
            rows.append(cid[:12])
            continue
        age = human_duration((now - c["created"]).total_seconds())
        status = f"Up {human_duration((now - c.get('started', c['created'])).total_seconds())}" if c["running"] else \
            f"Exited ({c['exit']}) {human_duration((now - c.get('finished', c['created'])).total_seconds())} ago"
        ports = ", ".join(f"0.0.0.0:{p.split(':')[0]}->{p.split(':')[-1]}/tcp" for p in c["ports"] if ":" in p) \
            if c["running"] else ""
        command = c["command"] or ""
        command = f'"{command[:19]}…"' if len(command) > 20 else f'"{command}"'
        rows.append([cid[:12], c["image"], command, f"{age} ago", status, ports, c["name"]])
    if quiet:
        for r in rows:
            io.out(r)
        return 0
    header = ["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"]
    for line in tabwriter([header] + rows):
        io.out(line)
    return 0


docker_program.SUBCOMMANDS.update({"run": run, "ps": ps, "stop": stop, "kill": kill, "start": start, "rm": rm})
PROGRAMS: dict = {}
