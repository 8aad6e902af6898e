"""Grade one submission: fresh lab, set-up, replay the submission through the lab shell, judge the state.

Failing commands do not stop grading (the state decides). Bicep and ARM submissions are written into
the lab and deployed with `az deployment group create` to the scenario's resource group.
"""

from __future__ import annotations

import os

from ..shell import bash
from .loader import load_scenario
from .report import GradeReport, build_report, error_report
from .schema import Scenario
from .session import LabSession, evaluate_all
from .setup import SetupError
from .submission import (
    MAX_COMMANDS,
    TIME_LIMIT,
    Deadline,
    Submission,
    SubmissionError,
    TimeLimit,
    parse_submission,
)
from .variables import render


class GradingError(RuntimeError):
    """The scenario itself cannot be set up here (e.g. an engine feature it needs is missing)."""


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


class Replay:
    """Runs a submission in a LabSession, counting commands and failures within the limits."""

    def __init__(self, ls: LabSession, time_limit: float = TIME_LIMIT) -> None:
        self.ls = ls
        self.time_limit = time_limit
        self.run = 0
        self.failed = 0
        self.warnings: list[str] = []

    def _one(self, text: str, shell: str) -> None:
        self.run += 1
        try:
            r = self.ls.lab.run(text, shell=shell)
            code = r.exit_code
        except TimeLimit:
            raise
        except Exception as e:  # the simulator failing on odd input must not end grading
            code = 1
            self.warnings.append(f"command {self.run} could not run ({type(e).__name__})")
        if code != 0:
            self.failed += 1

    @staticmethod
    def plan(sub: Submission) -> list[tuple[str, str]]:
        """(shell, text) chunks to run; raises SubmissionError when there are too many."""
        chunks: list[tuple[str, str]] = []
        for shell, text in sub.commands:
            if shell == "pwsh":
                if not _pwsh_available():
                    raise SubmissionError("PowerShell submissions need the lab's pwsh shell, "
                                          "which this build does not have yet")
                chunks.append(("pwsh", text))
            else:
                chunks += [("bash", c) for c in split_commands(text)]
        if len(chunks) > MAX_COMMANDS:
            raise SubmissionError(f"{len(chunks)} commands is over the limit of {MAX_COMMANDS}")
        return chunks

    def apply(self, sub: Submission, scenario: Scenario, chunks: list[tuple[str, str]] | None = None) -> None:
        if chunks is None:
            chunks = [] if sub.kind in ("bicep", "arm") else self.plan(sub)
        try:
            with Deadline(self.time_limit) as deadline:
                if sub.kind in ("bicep", "arm"):
                    self._deploy(sub, scenario)
                    return
                for shell, text in chunks:
                    self._one(text, shell)
                    deadline.check()
        except TimeLimit:
            self.warnings.append(f"time limit ({self.time_limit:g} s) reached after {self.run} command(s); "
                                 "the state at that point was graded")

    def _deploy(self, sub: Submission, scenario: Scenario) -> None:
        fname = "main.bicep" if sub.kind == "bicep" else "azuredeploy.json"
        self.ls.lab.write_file(fname, sub.text)
        rg = scenario.resource_group
        params = " ".join(f"{k}={_quote(v)}" for k, v in scenario.deployment_parameters.items())
        cmd = f"az deployment group create -g {rg} -n submission --template-file {fname}" + \
              (f" --parameters {params}" if params else "") + " -o none"
        self.run += 1
        r = self.ls.lab.run(cmd)
        if r.exit_code != 0:
            self.failed += 1
            tail = (r.stderr.strip().splitlines() or ["failed"])[-1]
            self.warnings.append(f"deployment failed: {tail}")


def _quote(v: str) -> str:
    return "'" + v.replace("'", "'\\''") + "'"


def grade(scenario_id: str | Scenario, submission, seed: int | None = 0, kind: str | None = None,
          time_limit: float = TIME_LIMIT) -> GradeReport:
    """Grade a submission (text, path or bytes) against a scenario for one student seed.

    Raises SubmissionError (unreadable submission), UnknownScenario/ScenarioError (bad scenario id or
    file) and GradingError (set-up cannot run here). Everything else ends up in the report."""
    scenario = load_scenario(scenario_id) if isinstance(scenario_id, str) else scenario_id
    sub = parse_submission(os.fspath(submission) if isinstance(submission, os.PathLike) else submission, kind)
    warnings = []
    if sub.kind == "tui":
        if sub.scenario and sub.scenario != scenario.id:
            warnings.append(f"session export is for scenario {sub.scenario!r}, graded as {scenario.id!r}")
        if seed is None and sub.seed is not None:
            seed = sub.seed
        elif sub.seed is not None and seed is not None and sub.seed != seed:
            warnings.append(f"session export was made with seed {sub.seed}; graded with seed {seed}")
    seed = seed or 0
    chunks = [] if sub.kind in ("bicep", "arm") else Replay.plan(sub)
    try:
        ls = LabSession(scenario, seed=seed)
    except SetupError as e:
        raise GradingError(f"scenario {scenario.id} cannot be set up: {e}") from None
    replay = Replay(ls, time_limit)
    try:
        replay.apply(sub, ls.scenario, chunks)
    except SubmissionError as e:
        return error_report(ls.scenario, seed, str(e), submission_kind=sub.kind, commands_run=replay.run,
                            commands_failed=replay.failed, warnings=warnings + replay.warnings)
    results = evaluate_all(ls.lab, ls.scenario)
    return build_report(ls.scenario, seed, results, submission_kind=sub.kind, commands_run=replay.run,
                        commands_failed=replay.failed, warnings=warnings + replay.warnings)


def solution_text(scenario: Scenario, seed: int = 0, kind: str = "bash") -> str | None:
    """A reference solution with the student's names filled in (set-up outputs are not needed)."""
    from ..lab import Lab
    from .session import builtin_values
    from .variables import values_for

    text = getattr(scenario.solution, kind, None)
    values = builtin_values(Lab(seed=seed)) | values_for(scenario, seed)
    return render(text, values, strict=False) if text else None
