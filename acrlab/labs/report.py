"""Grade reports: JSON, text, Markdown feedback and Gradescope `results.json`.

What a learner sees of a check depends on its visibility: `shown` gives expected versus actual,
`message-only` gives the author's message, `hidden` counts but says only that it failed.
"""

from __future__ import annotations

import html

from pydantic import BaseModel, Field

from .outcome import BLOCKED, NOT_EVALUATED, Outcome

HIDDEN_FAILED = "failed (hidden check: no details are given)"


class CheckResult(BaseModel):
    id: str
    title: str
    task: str
    passed: bool
    points: float
    max_points: float
    feedback: str
    visibility: str = "shown"


class GradeReport(BaseModel):
    scenario: str
    title: str = ""
    seed: int = 0
    score: float = 0
    max_score: float = 0
    percent: float = 0
    checks: list[CheckResult] = Field(default_factory=list)
    submission_kind: str = ""
    commands_run: int = 0
    commands_failed: int = 0
    warnings: list[str] = Field(default_factory=list)
    failures: list[dict] = Field(default_factory=list)
    """Commands that failed: {n, shell, command, exit_code, error} (the first MAX_STEPS_REPORTED)."""
    notes: list[str] = Field(default_factory=list)
    """How the submission was read or found (encoding, line endings, which file of a folder)."""
    source: str = ""
    """The file that was graded (as the teacher named it), or `<submission>`."""
    error: str | None = None
    explanation: str = ""

    def to_dict(self) -> dict:
        """The JSON report: scenario, score, max_score, percent, checks[...] plus context."""
        return self.model_dump()

    @property
    def passed_all(self) -> bool:
        return self.max_score > 0 and self.score == self.max_score

    def to_text(self, explanation: bool = True) -> str:
        lines = [f"{self.scenario}: {self.title}" + (f" (seed {self.seed})" if self.seed else "")]
        if self.error:
            lines.append(f"ERROR: {self.error}")
        lines.append(f"{fmt(self.score)}/{fmt(self.max_score)} points ({fmt(self.percent)}%)")
        if self.source and self.source != "<submission>":
            lines.append(f"graded file: {self.source}")
        if self.submission_kind:
            lines.append(f"submission: {self.submission_kind}, {self.commands_run} command(s), "
                         f"{self.commands_failed} failed (failing commands do not stop grading)")
        lines += [f"  command {f['n']} failed (exit {f['exit_code']}): {first_line(f['command'])}"
                  + (f"\n      {f['error']}" if f.get("error") else "") for f in self.failures]
        lines += [f"note: {n}" for n in self.notes]
        lines += [f"warning: {w}" for w in self.warnings]
        task = None
        for c in self.checks:
            if c.task != task:
                task = c.task
                lines.append(f"\n[{task}]")
            mark = "PASS" if c.passed else "FAIL"
            lines.append(f"  {mark} {c.title} ({fmt(c.points)}/{fmt(c.max_points)})")
            if not c.passed:
                lines += [f"       {ln}" for ln in c.feedback.splitlines()]
        if explanation and self.explanation and not self.error:
            lines += ["", "Explanation", "-----------", self.explanation.strip()]
        return "\n".join(lines) + "\n"

    def to_markdown(self, student: str | None = None) -> str:
        """Feedback for one student; everything a student or the submission controls is escaped."""
        head = f"# {md(self.title or self.scenario)}" + (f" — {md(student)}" if student else "")
        lines = [head, "", f"**Score: {fmt(self.score)}/{fmt(self.max_score)} ({fmt(self.percent)}%)**", ""]
        if self.source and self.source != "<submission>":
            lines += [f"Graded file: `{code(self.source)}`", ""]
        if self.error:
            lines += [f"> **Error:** {md(self.error)}", ""]
        if self.submission_kind and not self.error:
            lines += [f"What ran: {self.commands_run} command(s), {self.commands_failed} failed "
                      "(failing commands do not stop grading).", ""]
        lines += [f"- command {f['n']} failed (exit {f['exit_code']}): `{code(first_line(f['command']))}`"
                  + (f" — {md(f['error'])}" if f.get("error") else "") for f in self.failures]
        lines += [f"- note: {md(n)}" for n in self.notes]
        lines += [f"- warning: {md(w)}" for w in self.warnings]
        if self.failures or self.warnings or self.notes:
            lines.append("")
        lines += ["| Check | Result | Points | Feedback |", "|---|---|---|---|"]
        for c in self.checks:
            fb = md(c.feedback).replace("\n", "<br>") if not c.passed else ""
            lines.append(f"| {md(c.title)} | {'passed' if c.passed else 'failed'} | {fmt(c.points)}/{fmt(c.max_points)} "
                         f"| {fb} |")
        if self.explanation and not self.error:
            lines += ["", "## Explanation", "", self.explanation.strip()]
        return "\n".join(lines) + "\n"

    def gradescope(self) -> dict:
        """Gradescope autograder `results.json` (hidden checks are released after publishing)."""
        tests = []
        for i, c in enumerate(self.checks, 1):
            tests.append({
                "name": c.title, "number": str(i), "score": c.points, "max_score": c.max_points,
                "status": "passed" if c.passed else "failed",
                "output": "passed" if c.passed else c.feedback,
                "tags": [c.task, c.id],
                "visibility": "after_published" if c.visibility == "hidden" else "visible",
            })
        out = {"score": self.score, "output": (f"Error: {self.error}\n" if self.error else "")
               + f"{fmt(self.score)}/{fmt(self.max_score)} points", "visibility": "visible",
               "stdout_visibility": "hidden", "tests": tests,
               "extra_data": {"scenario": self.scenario, "seed": self.seed}}
        return out


def first_line(command: str) -> str:
    """A failed command's label: its first line, and how many more it had (a PowerShell submission runs as one
    script, so its failure is the script's, not its first line's)."""
    lines = command.strip().splitlines()
    line = lines[0] if lines else ""
    line = line if len(line) <= 120 else line[:117] + "..."
    return line + (f" … (a script of {len(lines)} lines)" if len(lines) > 1 else "")


_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]|~"})


def md(text: str) -> str:
    """Inert Markdown: special characters escaped, HTML tags neutralised (names come from students)."""
    return html.escape(str(text), quote=False).translate(_MD_SPECIAL)


def code(text: str) -> str:
    """Text inside `backticks`: no backtick can close the span early."""
    return str(text).replace("`", "'")


def fmt(x: float) -> str:
    return f"{x:g}" if isinstance(x, float) else str(x)


def feedback_for(check, outcome: Outcome) -> str:
    if outcome.passed:
        return "passed"
    if outcome.actual == NOT_EVALUATED:
        return NOT_EVALUATED
    if check.visibility == "hidden":
        return HIDDEN_FAILED
    if outcome.actual.startswith(BLOCKED):
        return outcome.actual  # its own condition holds; the message would blame the learner for nothing
    if check.visibility == "message-only":
        return check.message or "not met yet"
    lines = [check.message] if check.message else []
    lines += [f"expected: {outcome.expected}", f"actual:   {outcome.actual}"]
    if outcome.note:
        lines.append(outcome.note)
    return "\n".join(lines)


def build_report(scenario, seed: int, results: list[tuple], **extra) -> GradeReport:
    """`results`: (task, check, outcome) triples."""
    checks = []
    for task, check, outcome in results:
        checks.append(CheckResult(
            id=check.id, title=check.title, task=task.title, passed=outcome.passed,
            points=check.points if outcome.passed else 0, max_points=check.points,
            feedback=feedback_for(check, outcome), visibility=check.visibility))
    score = sum(c.points for c in checks)
    max_score = sum(c.max_points for c in checks)
    return GradeReport(scenario=scenario.id, title=scenario.title, seed=seed, score=score, max_score=max_score,
                       percent=round(100 * score / max_score, 1) if max_score else 0.0, checks=checks,
                       explanation=scenario.explanation, **extra)


def error_report(scenario, seed: int, error: str, **extra) -> GradeReport:
    """A submission that could not be graded: every check at zero, the reason stated."""
    checks = [CheckResult(id=c.id, title=c.title, task=t.title, passed=False, points=0, max_points=c.points,
                          feedback="not graded", visibility=c.visibility) for t, c in scenario.checks()]
    return GradeReport(scenario=scenario.id, title=scenario.title, seed=seed, score=0,
                       max_score=sum(c.max_points for c in checks), percent=0.0, checks=checks, error=error, **extra)
