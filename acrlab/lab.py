"""The Lab API: a simulated tenant plus a learner terminal, driven by command strings."""

from __future__ import annotations

import copy
import json
from collections import deque
from dataclasses import dataclass
from datetime import timedelta

from .engine import Cloud
from .engine.budget import DEFAULT_LIMITS, BudgetExceeded, Limits, Stopped, cause, metered, release
from .engine.clock import parse_duration
from .shell.session import IO, Session

TRANSCRIPT_LIMIT = 10_000
"""Results a Lab keeps by default (the oldest go first)."""


@dataclass
class Result:
    """What a command printed and how it ended.

    The text is kept once, as the pieces in the order they were written (`chunks`); `stdout`, `stderr` and
    `output` are joined from them when asked for, so a long transcript holds each printed line once."""

    exit_code: int
    command: str = ""
    chunks: tuple[tuple[bool, str], ...] = ()
    """(is_stderr, text) pieces as a terminal shows them, for front ends that style the two streams differently."""

    @property
    def stdout(self) -> str:
        return "".join(text for is_err, text in self.chunks if not is_err)

    @property
    def stderr(self) -> str:
        return "".join(text for is_err, text in self.chunks if is_err)

    @property
    def output(self) -> str:
        """stdout and stderr interleaved in the order they were written, as a terminal shows them."""
        return "".join(text for _, text in self.chunks)

    @property
    def ok(self) -> bool:
        return self.exit_code == 0

    def json(self):
        """stdout parsed as JSON (raises ValueError with the text when it is not JSON)."""
        stdout = self.stdout
        try:
            return json.loads(stdout)
        except json.JSONDecodeError as e:
            raise ValueError(f"output is not JSON ({e}): {stdout[:500]!r} stderr={self.stderr[:500]!r}") from None

    def __str__(self) -> str:
        return self.output


class Lab:
    """A fresh simulated tenant: the learner is Owner of one subscription, with no resource groups.

    >>> lab = Lab(seed=0)
    >>> lab.run("az group create -n rg -l eastus").exit_code
    0
    """

    def __init__(self, seed: int = 0, limits: Limits | None = None,
                 transcript_limit: int | None = TRANSCRIPT_LIMIT) -> None:
        self.seed = seed
        self.cloud = Cloud(seed)
        self.session = Session(self.cloud)
        self.limits = limits or DEFAULT_LIMITS
        self.transcript: deque[Result] = deque(maxlen=transcript_limit)
        """The latest `transcript_limit` results (None keeps every one), as a terminal's scrollback keeps the
        latest lines: a lab that runs all year holds a bounded transcript. `commands` keeps every command."""
        self.commands: list[str] = []
        """Every command `run` was given, in order (what an export or a replay needs)."""

    @property
    def limits(self) -> Limits:
        """The budget of every command `run` starts (time, steps, memory, output); see engine/budget.py."""
        return self.session.limits

    @limits.setter
    def limits(self, value: Limits) -> None:
        self.session.limits = value

    def interrupt(self) -> bool:
        """Stop the command `run` is running (from another thread, e.g. on ctrl+c): it ends at its next step
        point with exit code 130 and '^C (interrupted)' on stderr. False when no command is running."""
        return self.session.interrupt()

    def run(self, text: str, shell: str = "bash", stdin: str = "") -> Result:
        """Run one or more lines as the learner would type them."""
        sh = self.session
        previous = sh.mode
        if shell == "pwsh":
            sh.mode = "pwsh"
        elif shell != "bash":
            raise ValueError(f"unknown shell {shell!r}: use 'bash' or 'pwsh'")
        io = IO(stdin=stdin)
        try:
            code = sh.execute(text, io)
        finally:
            if shell == "pwsh":
                sh.mode = previous
        result = Result(code, text, tuple(io._seq))
        self.transcript.append(result)
        self.commands.append(text)
        return result

    def advance(self, delta: str | timedelta) -> None:
        """Move the simulated clock: '3h', '31d', '90m', '2d3h' or a timedelta. Runs under the lab's budget:
        BudgetExceeded if the work due in that time does not fit (the clock stays where the work stopped)."""
        meter, opened = None, False
        try:
            try:
                with metered(self.limits) as (meter, opened):
                    self.session._meter = meter
                    try:
                        self.cloud.clock.advance(parse_duration(delta))
                    finally:
                        self.session._meter = None
            finally:
                if meter is not None and opened:  # a stop landing in the block's exit leaks nothing
                    release(meter)
        except Stopped as stop:
            raise BudgetExceeded(cause(stop, meter).message(self.limits)) from None

    def write_file(self, path: str, content: str) -> None:
        """Put a file in the learner's working directory (e.g. a Dockerfile)."""
        self.session.write_file(path, content)

    def read_file(self, path: str) -> str | None:
        return self.session.read_file(path)

    def new_session(self, principal=None) -> Session:
        """Another terminal on the same tenant, signed in as `principal` (default: the learner)."""
        s = Session(self.cloud)
        s.limits = self.limits
        if principal is not None:
            s.workstation.az.principal = principal
            s.workstation.az.login_kind = "user" if principal.kind == "User" else "servicePrincipal"
        return s

    def fork(self) -> Lab:
        """An independent deep copy (cloud, clock, sessions, files, transcript): changing or advancing the fork
        never touches this lab. Engine listeners hold their Cloud as data (bound methods, small callables), so
        `copy.deepcopy` rebinds them to the copy through its memo."""
        return copy.deepcopy(self)

    @property
    def now(self):
        return self.cloud.clock.now()
