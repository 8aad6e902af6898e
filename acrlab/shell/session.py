"""A terminal session: hosts, files, environment, and the programs a learner can run."""

from __future__ import annotations

import importlib
import posixpath
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from ..engine import Cloud, budget
from ..engine.tenant import Principal
from . import bash
from .docker_images import LocalImageStore

HOME = "/home/learner"
HISTSIZE = 500
"""bash's default HISTSIZE: the lines of history a shell keeps in memory."""


@dataclass
class IO:
    """What a program reads and writes. Each stream holds at most `cap` characters (the command's output
    budget): writing past it keeps what fits and stops the command (budget.Stopped 'output'), so no stream
    is ever built to gigabytes before being cut, and a cut is always reported."""

    stdin: str = ""
    _out: list[str] = field(default_factory=list)
    _err: list[str] = field(default_factory=list)
    _seq: list[tuple[bool, str]] = field(default_factory=list)
    """Both streams in the order they were written (True = stderr), as a terminal shows them."""
    cap: int = field(default_factory=budget.output_cap)
    _sizes: list[int] = field(default_factory=lambda: [0, 0])

    def out(self, text: str = "", end: str = "\n") -> None:
        self._write(False, text + end)

    def err(self, text: str = "", end: str = "\n") -> None:
        self._write(True, text + end)

    def _write(self, is_err: bool, text: str) -> None:
        size = self._sizes[is_err] + len(text)
        if size > self.cap:
            text = text[:max(0, self.cap - self._sizes[is_err])]
            self._sizes[is_err] = self.cap
            if text:
                self._append(is_err, text)
            raise budget.Stopped("output", f"more than {self.cap / 2**20:.3g} MB on {'stderr' if is_err else 'stdout'}")
        self._sizes[is_err] = size
        self._append(is_err, text)

    def _append(self, is_err: bool, text: str) -> None:
        (self._err if is_err else self._out).append(text)
        self._seq.append((is_err, text))

    def note(self, text: str) -> None:
        """A line on stderr from the lab itself (why a command stopped): never refused by the cap, and on a line
        of its own even when the output was cut in the middle of one."""
        cut = bool(self._seq) and not self._seq[-1][1].endswith("\n")
        self._append(True, ("\n" if cut else "") + text + "\n")

    def forward(self, child: IO, stdout: bool = True, stderr: bool = True, merge: bool = False,
                to_err: bool = False, limit: int | None = None) -> None:
        """Replay what `child` wrote, in order. `merge` sends stderr to stdout (2>&1); `to_err` the reverse (>&2).
        `limit` keeps only the first `limit` characters of stdout (no error). Consecutive pieces of one stream are
        joined, so output handed up through many nested commands is copied once per level, not once per line."""
        left = limit
        pieces: list[tuple[bool, list[str]]] = []
        for is_err, text in child._seq:
            if merge:
                is_err = False
            elif to_err:
                is_err = True
            if (is_err and not stderr) or (not is_err and not stdout):
                continue
            if not is_err and left is not None:
                if left <= 0:
                    continue
                text, left = text[:left], left - len(text)
            if pieces and pieces[-1][0] == is_err:
                pieces[-1][1].append(text)
            else:
                pieces.append((is_err, [text]))
        for is_err, texts in pieces:
            self._write(is_err, "".join(texts))

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
    subscription_id: str | None = None
    """`az account set`: the current subscription (None: the tenant's default one, as after `az login`)."""


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
    modes: dict[str, int] = field(default_factory=dict)
    """Permission bits of the paths a program set them on (docker's trust key store, tar archives made under a
    umask); any other file reads as 0644 and directory as 0755."""
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


TRANSIENT_STATE = ("_cond", "_loop_depth", "_loop_iters", "_depth", "_frames", "_subst_status")
"""Executor bookkeeping of a running command, dropped when a budget stops it half-way."""


MAX_NESTING = 200
"""Deepest `$(`, `${`, `((`, `(`, `{` nesting a bash line may have (bash has no limit; the lab refuses clearly)."""


def _nesting(text: str) -> int:
    """How deeply brackets nest in `text`, outside single quotes (linear; skipped for ordinary lines)."""
    if text.count("(") + text.count("{") <= MAX_NESTING:
        return 0
    depth = deepest = 0
    quoted = False
    for c in text:
        if c == "'":
            quoted = not quoted
        elif quoted:
            continue
        elif c in "({":
            depth += 1
            deepest = max(deepest, depth)
        elif c in ")}":
            depth = max(0, depth - 1)
    return deepest


@lru_cache(maxsize=4096)
def _absolute(cwd: str, path: str) -> str:
    """`path` (`~` for the home directory) from `cwd`, normalised (kept per pair: scripts use the same few paths)."""
    if path.startswith("~"):
        path = HOME + path[1:]
    return posixpath.normpath(posixpath.join(cwd, path))


@cache
def _executor():
    """shell/executor.py, imported on first use (it imports this module); kept, as every command runs through it."""
    from . import executor

    return executor


class ExitShell(Exception):
    def __init__(self, code: int = 0):
        self.code = code


class Programs(Mapping[str, "Program"]):
    """The programs on the simulated PATH, imported on first use: `acrlab.shell.programs.TABLE` says which module
    exports each name (so `az group create` never imports awk, jq or pwsh)."""

    def __init__(self) -> None:
        from .programs import EXTENSIONS, TABLE

        self._modules = {name: module for module, names in TABLE.items() for name in names}
        self._extensions = EXTENSIONS
        self._loaded: dict[str, Program] = {}

    def get(self, name, default=None):  # the executor's look-up for every simple command: no exception path
        fn = self._loaded.get(name)
        if fn is None:
            if name not in self._modules:
                return default
            fn = self._load(name)
        return fn

    def __getitem__(self, name: str) -> Program:
        fn = self.get(name)
        if fn is None:
            raise KeyError(name)
        return fn

    def __contains__(self, name: object) -> bool:
        return name in self._modules

    def __iter__(self):
        return iter(self._modules)

    def __len__(self) -> int:
        return len(self._modules)

    def _load(self, name: str) -> Program:
        module = importlib.import_module(f"acrlab.shell.programs.{self._modules[name]}")
        for extension in self._extensions.get(name, ()):
            importlib.import_module(f"acrlab.shell.programs.{extension}")
        fn = self._loaded[name] = module.PROGRAMS[name]
        return fn

    def load_all(self) -> dict[str, Program]:
        """Import every program now (the app warms up this way before the first command)."""
        return {name: self[name] for name in self._modules}


@cache
def programs() -> Programs:
    """Every program on the simulated PATH, by name (each imported when first run)."""
    return Programs()


def _az_in_run(cloud, principal, args):
    from .az.commands.run import az_in_run

    return az_in_run(cloud, principal, args)


def _script_in_run(cloud, text: str, env: dict[str, str], args: list[str]):
    """A shell script of an image a run built, in a fresh terminal with the image's environment (tasks_script)."""
    sh = Session(cloud)
    sh.env.update(env)
    sh.env.update({str(i): a for i, a in enumerate(args, 1)})
    return sh.run(text, IO())


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
        cloud.state.setdefault("script_in_run", _script_in_run)
        self.workstation = Host(name="workstation")
        self.workstation.az.principal = cloud.learner
        self.host_stack: list[Host] = [self.workstation]
        self.hosts: dict[str, Host] = {"workstation": self.workstation}
        self.env: dict[str, str] = {"HOME": HOME, "USER": "learner", "SHELL": "/bin/bash", "PATH": "/usr/bin:/bin"}
        self.last_exit = 0
        self.history: deque[str] = deque(maxlen=HISTSIZE)
        """The latest lines typed (bash keeps HISTSIZE of them in memory); `history_count` counts them all."""
        self.history_count = 0
        self.interactive = False
        """True when a person types at a prompt (az may prompt); False for scripts (prompts fail as without a tty)."""
        self.mode = "bash"
        """'bash' or 'pwsh' (after typing `pwsh`)."""
        self.state: dict[str, Any] = {}
        """Per-family session state (pwsh variables, debug flags, ...)."""
        self.limits: budget.Limits = budget.DEFAULT_LIMITS
        """The time, step, memory and output budget of each command (see engine/budget.py)."""
        self._meter: budget.Meter | None = None

    # -- hosts and files -----------------------------------------------------------------------
    @property
    def host(self) -> Host:
        return self.host_stack[-1]

    def abspath(self, path: str) -> str:
        return _absolute(self.host.cwd, path)

    def read_file(self, path: str) -> str | None:
        return self.host.files.get(self.abspath(path))

    def write_file(self, path: str, content: str, append: bool = False) -> None:
        p = self.abspath(path)
        if p == "/dev/null":
            return
        old = self.host.files.get(p, "") if append else ""
        if len(old) + len(content) > budget.limits().output_bytes:
            raise budget.Stopped("output", f"the file {p} would grow past {budget.limits().output_mb:g} MB")
        self.host.files[p] = old + content

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
    def interrupt(self) -> bool:
        """Stop the command running in this session at its next step point (ctrl+c). Safe to call from any
        thread; returns False when no command is running."""
        meter = self._meter
        if meter is None:
            return False
        meter.interrupt()
        return True

    def run(self, text: str, io: IO | None = None) -> tuple[int, str, str]:
        """Run a script; returns (exit code 0-255, stdout, stderr). The outermost call runs under the session's
        budget (`limits`); nested calls (command substitution, ssh, task steps) share it."""
        io = io or IO()
        code = self.execute(text, io)
        return code, io.stdout, io.stderr

    def execute(self, text: str, io: IO) -> int:
        """`run` writing into `io` and returning only the exit code (what Lab.run needs: no joined copies)."""
        if budget.current() is not None:
            return self._run_code(text, io)
        meter: budget.Meter | None = None
        try:
            try:
                with budget.metered(self.limits) as (meter, _):
                    self._meter = meter
                    io.cap = meter.output_cap  # made before the meter opened (Lab.run): this session's budget
                    try:
                        code = self._run_code(text, io)
                    finally:
                        self._meter = None
            finally:
                if meter is not None:  # before reporting: a stop landing in the block's exit leaks nothing
                    budget.release(meter)
        except budget.Stopped as stop:
            code = self._stopped(stop, meter, io)
        except RecursionError:
            code = self._stopped(None, meter, io)
        except Exception as e:  # a simulator bug must never reach the learner as a traceback
            import traceback

            self.state.setdefault("internal_errors", []).append(traceback.format_exc())
            io.note(f"{'pwsh' if self.mode == 'pwsh' else 'bash'}: internal error in the simulator: "
                    f"{type(e).__name__}: {e}")
            code = 1
        self.last_exit = code
        return code

    def _stopped(self, stop: budget.Stopped | None, meter: budget.Meter | None, io: IO) -> int:
        """Report why the command stopped and leave the session ready for the next one."""
        for key in TRANSIENT_STATE:
            self.state.pop(key, None)
        if stop is None:  # Python's recursion limit, from input nested hundreds deep
            io.note("InvalidOperation: The script failed due to call depth overflow." if self.mode == "pwsh"
                    else "bash: the command is nested too deeply for the lab (recursion limit)")
            return 1 if self.mode == "pwsh" else 2
        stop = budget.cause(stop, meter)
        io.note(stop.message(self.limits))
        return stop.exit_code

    def _run_code(self, text: str, io: IO) -> int:
        if self.mode == "pwsh" and "pwsh" in programs():
            code = programs()["pwsh"](self, ["-Command", text], io) & 0xFF
            self.last_exit = code
            return code
        if _nesting(text) > MAX_NESTING:  # re-lexing each level would cost depth x length, then hit recursion
            io.err(f"bash: the command is nested too deeply for the lab (more than {MAX_NESTING} levels)")
            self.last_exit = 2
            return 2
        try:
            script = bash.parse(text)
        except bash.BashSyntaxError as e:
            io.err(f"bash: {e}")
            self.last_exit = 2
            return 2
        run_andor = _executor().run_andor
        code = self.last_exit
        for andor in script:
            if andor.text:
                self.history.append(andor.text)
                self.history_count += 1
            try:
                code = run_andor(self, andor, io)
            except ExitShell as e:
                code = e.code & 0xFF
                if len(self.host_stack) > 1:
                    left = self.host_stack.pop()
                    io.err(f"logout\nConnection to {left.name} closed.")
                else:
                    self.last_exit = code
                    break
            self.last_exit = code
            if self.mode == "pwsh":
                break
        return code
