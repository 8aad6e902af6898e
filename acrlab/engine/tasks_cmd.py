"""`cmd` steps of ACR Tasks: run a container, as `docker run` does on the agent.

A cmd value is `[docker run flags] image [args]` (acr-tasks YAML reference: "cmd: -t image" passes `-t` to
docker run), or an alias: `acr` (mcr.microsoft.com/acr/acr-cli: `acr purge` really purges), `az`
(mcr.microsoft.com/azure-cli, run as the task's identity), `bash` (ubuntu), `curl`, and `docker` (the Docker
CLI on the agent: `docker login|stop|rm|tag|pull|images|ps|run`), and the Buildpacks runner
mcr.microsoft.com/oryx/pack (`pack build`, tasks_pack). The image is pulled first, so a missing image fails
the step with docker's text; `hello-world` images print Docker's greeting; other images exit 0 without output,
because the lab does not execute arbitrary programs. Detached containers (`detach: true` or `-d`) keep running
under their `id` until `docker stop`.

Sources: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-tasks-reference-yaml.md
(cmd, detach, aliases), Azure-Samples/acr-build-helloworld-node taskmulti.yaml (`- cmd: -t ...` then
`docker stop test`), importing-public-content/import-baseimage-node acr-task.yaml (`docker tag`).
"""

from __future__ import annotations

import re
import shlex

from . import catalog
from .build import BuildError
from .tasks_access import AZ_IMAGE, run_az
from .tasks_script import run_script

ACR_CLI_IMAGE = "mcr.microsoft.com/acr/acr-cli:0.19"
DOCKER_CLI_IMAGE = "docker.io/library/docker:cli"
PACK_IMAGE = "mcr.microsoft.com/oryx/pack"
ALIASES = {"acr": ACR_CLI_IMAGE, "az": AZ_IMAGE, "bash": "docker.io/library/ubuntu:latest",
           "curl": "docker.io/library/alpine:latest", "docker": DOCKER_CLI_IMAGE}
HELLO = ("\nHello from Docker!\nThis message shows that your installation appears to be working correctly.\n\n"
         "To generate this message, Docker took the following steps:\n 1. The Docker client contacted the Docker daemon.\n"
         " 2. The Docker daemon pulled the \"hello-world\" image from the Docker Hub.\n    (amd64)\n"
         " 3. The Docker daemon created a new container from that image which runs the\n"
         "    executable that produces the output you are currently reading.\n"
         " 4. The Docker daemon streamed that output to the Docker client, which sent it\n    to your terminal.\n")

_HELLO_LAYERS = {layer.digest for layer in catalog.HELLO + catalog.MCR_HELLO}
_VALUE_FLAGS = {"-e", "--env", "-p", "--publish", "-v", "--volume", "--name", "-w", "--workdir", "--network",
                "--entrypoint", "-u", "--user", "--env-file", "--add-host", "-l", "--label", "--mount", "--memory",
                "-m", "--cpus", "--platform", "--restart", "--hostname", "-h"}


class StepFailed(Exception):
    pass


_ODD_SPACE = re.compile(r"[\x0b\x0c\x1c-\x1f]")


def split_args(value: str | list[str]) -> list[str]:
    """shlex.split, with a fast path for the common case of no quotes or escapes (same result)."""
    text = value if isinstance(value, str) else " ".join(value)
    if "'" in text or '"' in text or "\\" in text or not text.isascii() or _ODD_SPACE.search(text):
        return shlex.split(text)
    return text.split()


def split_run_flags(argv: list[str]) -> tuple[dict[str, list[str]], list[str]]:
    """(docker run flags, [image, args...]) from a cmd value's words."""
    flags: dict[str, list[str]] = {}
    i = 0
    while i < len(argv) and argv[i].startswith("-"):
        name, eq, value = argv[i].partition("=")
        if name in _VALUE_FLAGS and not eq:
            if i + 1 >= len(argv):
                raise StepFailed(f"flag needs an argument: {name}")
            value, i = argv[i + 1], i + 1
        flags.setdefault(name, []).append(value)
        i += 1
    return flags, argv[i:]


_OPERATORS = ("|", "&&", "||", ";")
_SHELL_IMAGES = ("docker.io/library/ubuntu", "docker.io/library/bash", "docker.io/library/alpine",
                 "docker.io/library/busybox", "mcr.microsoft.com/acr/bash")


def run_cmd(agent, step, argv: list[str]) -> None:
    """Run one cmd step on `agent` (a tasks_runs._Agent). The agent runs the step's `docker run` through its host
    shell, so `|`, `&&`, `||` and `;` in a cmd value chain host commands (the agent's `docker`) after the container:
    `bash echo $PW | docker login -u NAME --password-stdin` logs the agent in with the container's output."""
    segments: list[tuple[str, list[str]]] = [("", [])]
    for word in argv:
        if word in _OPERATORS:
            segments.append((word, []))
        else:
            segments[-1][1].append(word)
    out, failed = _container(agent, step, segments[0][1], piped=len(segments) > 1 and segments[1][0] == "|"), None
    for i, (op, words) in enumerate(segments[1:], 1):
        if (op == "&&" and failed) or (op == "||" and not failed):
            continue
        piped = i + 1 < len(segments) and segments[i + 1][0] == "|"
        try:
            if words[:1] != ["docker"]:
                raise StepFailed(f"/bin/sh: {words[0] if words else op}: the agent's host shell in this lab runs only "
                                 "docker commands after a step's container")
            out, failed = _docker(agent, words[1:], stdin=out if op == "|" else None, piped=piped), None
        except StepFailed as e:
            if i + 1 < len(segments) and segments[i + 1][0] in ("||", ";"):
                agent.lines.append(str(e))
                failed, out = str(e), []
                continue
            raise
    if failed:
        raise StepFailed(failed)


def _container(agent, step, words: list[str], piped: bool) -> list[str]:
    """`docker run` of the step's container; its output lines (fed to the next command when `piped`)."""
    flags, rest = split_run_flags(words)
    if not rest:
        raise StepFailed('"docker run" requires at least 1 argument.')
    image = ALIASES.get(rest[0], rest[0])
    agent.log(f"Launching container with name: {step.id}")
    out: list[str] = []
    if image == ACR_CLI_IMAGE:
        from .purge import run_purge
        if rest[1:2] == ["cssc"]:  # Continuous Patching's workflow tasks
            from .continuous_patching_runs import run_cssc
            out = run_cssc(agent, rest[2:])
            agent.wait(2)
        elif rest[1:2] != ["purge"]:
            raise StepFailed(f'unknown command "{" ".join(rest[1:2])}" for "acr"')
        else:
            code, out = run_purge(agent.cloud, agent.reg, rest[2:], agent.cred)
            agent.wait(1 + 0.02 * len(out))
            if code:
                agent.lines += out
                raise StepFailed("exit status 1")
    elif image == AZ_IMAGE:
        code, out = run_az(agent.cloud, agent, rest[1:])
        agent.wait(2)
        if code:
            agent.lines += out
            raise StepFailed(f"exit status {code}")
    elif image == DOCKER_CLI_IMAGE:
        return _docker(agent, rest[1:], piped=piped)
    elif image.startswith(PACK_IMAGE + ":"):
        from .tasks_pack import pack_build
        _pull(agent, image)
        out = pack_build(agent, rest[1:])
    else:
        content = _pull(agent, image)
        script = run_script(agent, content, rest[1:])
        if script is not None and script[0]:
            agent.lines += script[1]
            raise StepFailed(f"exit status {script[0]}")
        if script is not None:
            out = script[1]
        elif any(layer.digest in _HELLO_LAYERS for layer in content.layers):
            out = HELLO.splitlines()
        elif rest[1:2] == ["echo"] and agent._full(image).rsplit(":", 1)[0] in _SHELL_IMAGES:
            out = _echo(rest[2:])
        if step.detach or "-d" in flags or "--detach" in flags:
            agent.containers[(flags.get("--name") or [step.id])[-1]] = image
        agent.wait(1)
    if not piped:
        agent.lines += out
    return out


def _echo(args: list[str]) -> list[str]:
    """The echo of a shell image (`bash echo hello world`): its arguments on one line; -n drops the newline."""
    text = " ".join(args[1:] if args[:1] == ["-n"] else args)
    return [text] if text or args[:1] != ["-n"] else []


def _pull(agent, image: str):
    try:
        content = agent._resolve_base(image)
    except BuildError as e:
        raise StepFailed(f"Unable to find image '{image}' locally\ndocker: Error response from daemon: "
                         f"{e.message}.") from None
    if content is None:
        raise StepFailed(f"Unable to find image '{image}' locally\ndocker: Error response from daemon: "
                         f"{catalog.missing_message(image)}.")
    return content


def _docker(agent, argv: list[str], stdin: list[str] | None = None, piped: bool = False) -> list[str]:
    """The Docker CLI on the agent, against the agent's own daemon (images built or pulled in this run); returns
    its output lines (logged unless `piped`)."""
    if not argv:
        raise StepFailed("docker: 'docker' requires a command")
    verb, args = argv[0], [a for a in argv[1:] if not a.startswith("-")]
    if verb == "login":
        from .tasks_login import docker_login
        out = docker_login(agent, argv[1:], stdin)
        agent.wait(1)
        if not piped:
            agent.lines += out
        return out
    if verb in ("stop", "rm", "kill"):
        for name in args:
            if name not in agent.containers:
                raise StepFailed(f"Error response from daemon: No such container: {name}")
            if verb != "stop" or "-f" in argv:
                agent.containers.pop(name)
            agent.lines.append(name)
    elif verb == "tag":
        if len(args) != 2:
            raise StepFailed('"docker tag" requires exactly 2 arguments.')
        source = agent.built.get(agent._full(args[0])) or agent.built.get(args[0]) or _pull(agent, args[0])
        agent.built[agent._full(args[1])] = source
    elif verb == "pull":
        if len(args) != 1:
            raise StepFailed('"docker pull" requires exactly 1 argument.')
        content = _pull(agent, args[0])
        agent.built[agent._full(args[0])] = content
        agent.lines += [f"Digest: {content.digest}", f"Status: Downloaded newer image for {args[0]}"]
    elif verb in ("images", "ps", "version", "info"):
        agent.lines.append({"images": "REPOSITORY   TAG   IMAGE ID   CREATED   SIZE",
                            "ps": "CONTAINER ID   IMAGE   COMMAND   CREATED   STATUS   PORTS   NAMES"}.get(verb, ""))
    elif verb == "run":
        flags, rest = split_run_flags(argv[1:])
        if not rest:
            raise StepFailed('"docker run" requires at least 1 argument.')
        _pull(agent, rest[0])
        if "-d" in flags or "--detach" in flags:
            agent.containers[(flags.get("--name") or [rest[0]])[-1]] = rest[0]
    else:
        raise StepFailed(f"docker {verb}: not available in this lab's task agent (supported: login, stop, rm, kill, "
                         "tag, pull, run, images, ps)")
    agent.wait(1)
    return []
