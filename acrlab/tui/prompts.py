"""az's y/n confirmation prompts in the terminal pane: recognise one, and decide whether it can be answered.

The simulated az asks through `Ctx.confirm`: in an interactive session with no answer waiting it fails with
`ERROR: <question> (y/n): Operation cancelled.` and changes nothing. The lab screen then shows the question as
a real terminal would and re-runs the command with the answer in `session.state["pending_answer"]`.
"""

from __future__ import annotations

from dataclasses import dataclass

from acrlab.shell.bash import BashSyntaxError, parse

CANCELLED = " (y/n): Operation cancelled."


@dataclass(frozen=True)
class Question:
    text: str
    """The question az asks, without the ` (y/n): ` suffix."""
    before: str = ""
    """Anything az printed on stderr before asking (warnings)."""

    @property
    def prompt(self) -> str:
        return f"{self.text} (y/n): "


def question_in(stderr: str) -> Question | None:
    """The y/n question a command stopped at, if its last error is az's unanswered confirmation."""
    idx = stderr.rfind("ERROR: ")
    if idx < 0:
        return None
    tail = stderr[idx + len("ERROR: "):].rstrip("\n")
    if not tail.endswith(CANCELLED):
        return None
    return Question(tail[:-len(CANCELLED)], stderr[:idx])


def answerable(text: str) -> bool:
    """True for one plain `az` command: re-running it with the answer repeats nothing else.

    A script (`;`, `&&`, pipes, several lines) or a command substitution would run its other parts twice.
    """
    if "#" in text:
        return False
    try:
        lists = parse(text)
    except BashSyntaxError:
        return False
    if len(lists) != 1 or len(lists[0].parts) != 1 or len(lists[0].parts[0][1].commands) != 1:
        return False
    words = lists[0].parts[0][1].commands[0].words
    if not words or words[0] != [("lit", "az", False)]:
        return False
    return not any(seg[0] == "cmd" for word in words for seg in word)


def valid_answer(line: str) -> str | None:
    """knack's prompt_y_n takes only y or n (any case) and asks again otherwise."""
    answer = line.strip().lower()
    return answer if answer in ("y", "n") else None


def cancelled_stderr(stderr: str, question: Question) -> str:
    """What a terminal shows after `n`: the question was already on screen, so az's error is the bare message."""
    return stderr.replace(f"ERROR: {question.text}{CANCELLED}", "ERROR: Operation cancelled.")
