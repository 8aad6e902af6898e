"""A terminal session: hosts, files, environment, and the programs a learner can run."""

from __future__ import annotations

import importlib
import pkgutil
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..engine import Cloud
from ..engine.tenant import Principal
from . import bash
from .docker_images import LocalImageStore

HOME = "/home/learner"
MAX_OUTPUT = 2_000_000


@dataclass
class IO:
    """What a program reads and writes."""

    stdin: str = ""
    _out: list[str] = field(default_factory=list)
    _err: list[str] = field(default_factory=list)
    _seq: list[tuple[bool, str]] = field(default_factory=list)
    """Both streams in the order they were written (True = stderr), as a terminal shows them."""

    def out(self, text: str = "", end: str = "\n") -> None:
        self._out.append(text + end)
        self._seq.append((False, text + end))

    def err(self, text: str = "", end: str = "\n") -> None:
        self._err.append(text + end)
        self._seq.append((True, text + end))

    def forward(self, child: IO, stdout: bool = True, stderr: bool = True, merge: bool = False,
                to_err: bool = False, limit: int | None = None) -> None:
        """Replay what `child` wrote, in order. `merge` sends stderr to stdout (2>&1); `to_err` the reverse (>&2)."""
        budget = limit
        for is_err, text in child._seq:
            if merge:
                is_err = False
            elif to_err:
                is_err = True
            if is_err and stderr:
                self.err(text, end="")
            elif not is_err and stdout:
                if budget is not None:
                    if budget <= 0:
                        continue
                    text, budget = text[:budget], budget - len(text)
                self.out(text, end="")

    @property
    def output(self) -> str:
        """stdout and stderr interleaved as a terminal would show them."""
        return "".join(text for _, text in self._seq)

    @property
    def stdout(self) -> str:
        return "".join(self._out)

    @property
    def stderr(self) -> str:
        return "".join(self._err)


Program = Callable[["Session", list[str], IO], int]


@dataclass
class AzContext:
    """What `az login` leaves behind on one host."""

    principal: Principal | None = None
    login_kind: str = "user"  # user | servicePrincipal | managedIdentity
    defaults: dict[str, str] = field(default_factory=dict)
    """`az configure --defaults group=... location=... acr=...`."""


@dataclass
class Host:
    """A machine the learner types on: the workstation, or a VM reached with ssh."""

    name: str
    kind: str = "workstation"  # workstation | vm | cloudshell
    files: dict[str, str] = field(default_factory=dict)
    cwd: str = HOME
    az: AzContext = field(default_factory=AzContext)
    docker: dict[str, Any] = field(default_factory=lambda: {"auths": {}, "images": LocalImageStore()})
    kube: dict[str, Any] = field(default_factory=lambda: {"contexts": {}, "current": None})
    resource_id: str | None = None
    """VMs: the VM resource id (for network placement and managed identity)."""
    public_ip: str = "203.0.113.10"
    subnet_id: str | None = None
    """VMs: the subnet their NIC is in (network rules, private endpoints and private DNS are judged from it)."""
    private_ip: str | None = None
    location: str | None = None
    """The Azure region the host is in (None: the workstation, see engine.replication)."""
    managed_identities: list[str] = field(default_factory=list)
    """VMs: object ids of the managed identities `az login --identity` may use."""


class ExitShell(Exception):
    def __init__(self, code: int = 0):
        self.code = code


@cache
def programs() -> dict[str, Program]:
    """Discover programs: every module in acrlab.shell.programs exports PROGRAMS = {name: fn}."""
    found: dict[str, Program] = {}
    pkg = importlib.import_module("acrlab.shell.programs")
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"acrlab.shell.programs.{info.name}")
        found.update(getattr(module, "PROGRAMS", {}))
    return found


def _az_in_run(cloud, principal, args):
    from .az.commands.run import az_in_run

    return az_in_run(cloud, principal, args)


def _load_yaml(text: str):
    """Task YAML files: PyYAML's safe loader, with libyaml's parser where PyYAML has it."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


class Session:
    """One learner terminal bound to a simulated cloud."""

    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud
        # What ACR task runs need from the layer above (the engine imports no PyYAML and no shell):
        # the YAML parser for task files and the interpreter for the `az` alias in `cmd` steps.
        cloud.state.setdefault("yaml_loader", _load_yaml)
        cloud.state.setdefault("az_in_run", _az_in_run)
        self.workstation = Host(name="workstation")
        self.workstation.az.principal = cloud.learner
        self.host_stack: list[Host] = [self.workstation]
        self.hosts: dict[str, Host] = {"workstation": self.workstation}
        self.env: dict[str, str] = {"HOME": HOME, "USER": "learner", "SHELL": "/bin/bash", "PATH": "/usr/bin:/bin"}
        self.last_exit = 0
        self.history: list[str] = []
        self.interactive = False
        """True when a person types at a prompt (az may prompt); False for scripts (prompts fail as without a tty)."""
        self.mode = "bash"
        """'bash' or 'pwsh' (after typing `pwsh`)."""
        self.state: dict[str, Any] = {}
        """Per-family session state (pwsh variables, debug flags, ...)."""

    # -- hosts and files -----------------------------------------------------------------------
    @property
    def host(self) -> Host:
        return self.host_stack[-1]

    def abspath(self, path: str) -> str:
        if path.startswith("~"):
            path = HOME + path[1:]
        return posixpath.normpath(posixpath.join(self.host.cwd, path))

    def read_file(self, path: str) -> str | None:
        return self.host.files.get(self.abspath(path))

    def write_file(self, path: str, content: str, append: bool = False) -> None:
        p = self.abspath(path)
        if p == "/dev/null":
            return
        self.host.files[p] = (self.host.files.get(p, "") if append else "") + content

    def list_dir(self, path: str = ".") -> list[str] | None:
        base = self.abspath(path)
        prefix = base.rstrip("/") + "/"
        names = set()
        for p in self.host.files:
            if p.startswith(prefix):
                names.add(p[len(prefix):].split("/", 1)[0])
        if not names and base != self.host.cwd and base not in (HOME, "/"):
            return None
        return sorted(names)

    def dir_files(self, path: str = ".") -> dict[str, str]:
        """Every file under a directory, keyed by path relative to it (a build context)."""
        base = self.abspath(path).rstrip("/") + "/"
        return {p[len(base):]: c for p, c in self.host.files.items() if p.startswith(base)}

    # -- running -------------------------------------------------------------------------------
    def run(self, text: str, io: IO | None = None) -> tuple[int, str, str]:
        """Run a script; returns (exit code, stdout, stderr)."""
        io = io or IO()
        if self.mode == "pwsh" and "pwsh" in programs():
            code = programs()["pwsh"](self, ["-Command", text], io)
            self.last_exit = code
            return code, io.stdout, io.stderr
        try:
            script = bash.parse(text)
        except bash.BashSyntaxError as e:
            io.err(f"bash: {e}")
            self.last_exit = 2
            return 2, io.stdout, io.stderr
        from .executor import run_andor

        code = self.last_exit
        for andor in script:
            if andor.text:
                self.history.append(andor.text)
            try:
                code = run_andor(self, andor, io)
            except ExitShell as e:
                code = e.code
                if len(self.host_stack) > 1:
                    left = self.host_stack.pop()
                    io.err(f"logout\nConnection to {left.name} closed.")
                else:
                    self.last_exit = code
                    break
            self.last_exit = code
            if self.mode == "pwsh":
                break
        return code, io.stdout, io.stderr
