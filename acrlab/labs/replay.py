"""Replay a submission in a prepared lab, one top-level command at a time, recording what happened.

Each command is a `Step`: its text, exit code and, when it failed, the error it printed (the last stderr line).
Failing commands never stop the replay (the state decides the grade); a time limit stops it and says so.
Bicep and ARM submissions are written into the lab and deployed with `az deployment group create` to the
scenario's resource group.
"""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import NamedTuple

from ..iac import bicep
from ..iac.diagnostics import BicepCompileError
from ..shell import bash
from .budget import Deadline, TimeLimit
from .outcome import error_line
from .schema import Scenario
from .submission import MAX_COMMANDS, Submission, SubmissionError

MAX_STEPS_REPORTED = 25
"""Failed commands listed in a report (the count is always complete)."""


@dataclass
class Step:
    n: int
    shell: str
    command: str
    exit_code: int
    error: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def split_commands(text: str) -> list[str]:
    """Top-level commands of a bash script; a script bash cannot parse is replayed line by line."""
    try:
        return [a.text for a in bash.parse(text) if a.text.strip()]
    except bash.BashSyntaxError:
        pass
    chunks, buf = [], ""
    for line in text.split("\n"):
        if line.rstrip().endswith("\\"):
            buf += line + "\n"
            continue
        chunk, buf = buf + line, ""
        if chunk.strip() and not chunk.strip().startswith("#"):
            chunks.append(chunk)
    if buf.strip():
        chunks.append(buf)
    return chunks


def _pwsh_available() -> bool:
    from ..shell.session import programs

    return "pwsh" in programs()


class Chunk(NamedTuple):
    shell: str
    text: str
    answers: list[str] | None = None
    """Answers to the prompts this command asks (shared by the chunks of one recorded command, in order)."""


def plan(sub: Submission) -> list[Chunk]:
    """Top-level commands to run; raises SubmissionError when there are too many."""
    if sub.kind in ("bicep", "arm"):
        return []
    chunks: list[Chunk] = []
    for i, (shell, text) in enumerate(sub.commands):
        answers = sub.answers.get(i)
        queue = list(answers) if answers else None
        if shell == "pwsh":
            if not _pwsh_available():
                raise SubmissionError("PowerShell submissions need the lab's pwsh shell, "
                                      "which this build does not have yet")
            chunks.append(Chunk("pwsh", text, queue))
        else:
            chunks += [Chunk("bash", c, queue) for c in split_commands(text)]
    if len(chunks) > MAX_COMMANDS:
        raise SubmissionError(f"{len(chunks)} commands is over the limit of {MAX_COMMANDS}")
    return chunks


def _error_line(stderr: str) -> str:
    line = error_line(stderr)
    return line if len(line) <= 300 else line[:297] + "..."


class Replay:
    """Runs a submission in a lab, counting commands and failures within a deadline."""

    def __init__(self, lab, on_step: Callable[[Step], None] | None = None) -> None:
        self.lab = lab
        self.on_step = on_step
        self.steps: list[Step] = []
        self.warnings: list[str] = []
        self.deadline: Deadline | None = None

    @property
    def run(self) -> int:
        return len(self.steps)

    @property
    def failed(self) -> int:
        return sum(1 for s in self.steps if s.exit_code != 0)

    def failures(self) -> list[dict]:
        return [s.to_dict() for s in self.steps if s.exit_code != 0][:MAX_STEPS_REPORTED]

    def _one(self, text: str, shell: str, answers: list[str] | None = None) -> None:
        n = len(self.steps) + 1
        sh = self.lab.session
        if self.deadline is not None and hasattr(sh, "limits"):  # one command may not outlive the grading budget
            left = max(0.05, self.deadline.seconds - (time.monotonic() - self.deadline.start))
            if left < sh.limits.seconds:
                sh.limits = dataclasses.replace(sh.limits, seconds=left)
        saved = (sh.interactive, sh.state.get("ask"))
        if answers is not None:  # the learner's recorded answers to this command's prompts, in order
            sh.interactive = True
            sh.state["ask"] = lambda question: answers.pop(0) if answers else None
        try:
            r = self.lab.run(text, shell=shell)
            step = Step(n, shell, text, r.exit_code, _error_line(r.stderr) if r.exit_code else "")
        except TimeLimit:
            self.steps.append(Step(n, shell, text, 124, "stopped: the grading time limit was reached"))
            raise
        except MemoryError:
            step = Step(n, shell, text, 137, "stopped: the memory limit was reached")
        except Exception as e:  # the simulator failing on odd input must not end grading
            step = Step(n, shell, text, 1, f"the lab could not run this command ({type(e).__name__})")
            self.warnings.append(f"command {n} could not run ({type(e).__name__})")
        finally:
            if answers is not None:
                sh.interactive = saved[0]
                if saved[1] is None:
                    sh.state.pop("ask", None)
                else:
                    sh.state["ask"] = saved[1]
        self.steps.append(step)
        if self.on_step is not None:
            self.on_step(step)

    def apply(self, sub: Submission, scenario: Scenario, chunks: list[Chunk], deadline: Deadline) -> None:
        self.deadline = deadline
        limits = getattr(self.lab, "limits", None)  # each command's is cut to the replay's time left (in _one)
        try:
            with deadline:
                if sub.kind in ("bicep", "arm"):
                    self._deploy(sub, scenario)
                    return
                for chunk in chunks:
                    self._one(chunk.text, chunk.shell, chunk.answers)
                    deadline.check()
        except TimeLimit:
            self.warnings.append(f"time limit ({deadline.seconds:.3g} s for running commands) reached after "
                                 f"{self.run} of {len(chunks) or 1} command(s); the state at that point was graded")
        finally:
            if limits is not None:  # the evaluation cuts its own, from what the whole grade has left
                self.lab.limits = limits

    def _deploy(self, sub: Submission, scenario: Scenario) -> None:
        fname = "main.bicep" if sub.kind == "bicep" else "azuredeploy.json"
        self.lab.write_file(fname, sub.text)
        wanted = declared_parameters(sub)
        params = " ".join(f"{k}={_quote(v)}" for k, v in scenario.deployment_parameters.items()
                          if wanted is None or k.lower() in wanted)
        cmd = f"az deployment group create -g {scenario.resource_group} -n submission --template-file {fname}" + \
              (f" --parameters {params}" if params else "") + " -o none"
        self._one(cmd, "bash")
        if self.steps[-1].exit_code != 0:
            self.warnings.append(f"deployment failed: {self.steps[-1].error or 'failed'}")


def declared_parameters(sub: Submission) -> set[str] | None:
    """The parameters (lower-case) the submitted template declares: the grader passes only those of the scenario's
    deployment parameters, so a template that needs none of them is not refused for an unrecognized parameter.
    None when the template does not compile or parse (the deployment then reports why)."""
    try:
        if sub.kind == "bicep":
            template = bicep.build(sub.text).template
        else:
            template = json.loads(sub.text)
    except (BicepCompileError, ValueError, RecursionError):
        return None
    declared = template.get("parameters") if isinstance(template, dict) else None
    return {str(k).lower() for k in declared} if isinstance(declared, dict) else set()


def _quote(v: str) -> str:
    return "'" + v.replace("'", "'\\''") + "'"
