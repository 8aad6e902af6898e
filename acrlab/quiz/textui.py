"""Plain-text rendering and input for the ``acrlab quiz`` modes (practice, review, exam).

Nothing here raises on bad input: a malformed answer is re-asked, end of input raises ``EOFError``
(the callers turn it into a clean stop), and a lab command that fails inside the engine prints an error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TextIO

from .models import LETTERS
from .scoring import ResponseError, display_options, display_steps, score_parts

LAB_HELP = ("Type lab commands (az, docker, kubectl, bash; 'pwsh -c ...' for PowerShell) one per line; "
            "their output is shown. ':hint' shows a hint, an empty line or ':done' submits your work.")


KIND = {"single": "one answer", "multiple": "several answers", "yesno": "Yes/No series", "ordering": "ordering",
        "dropdown": "drop-down", "case_study": "case study", "performance": "hands-on lab",
        "solution_goal": "does the solution meet the goal?"}

QUIT = ("quit", ":quit", ":q")
"""Typed as an answer, these stop a practice or review session (what was answered is kept)."""


class Quit(Exception):
    """The learner typed one of QUIT (end of input stays EOFError: 'stopped.')."""


def heading(position: str, item: Any) -> str:
    """'[2/10] Yes/No series · Authentication · medium': what a learner needs, no item id or section number."""
    from ..objectives import section_title
    return f"[{position}] {KIND.get(item.type, item.type)} · {section_title(item.section)} · {item.difficulty}"


def render(item: Any) -> list[str]:
    """Plain-text rendering of an item as the candidate sees it (no answers)."""
    lines: list[str] = []
    if item.type == "yesno":
        lines += [item.scenario, item.stem]
        lines += [f"  {k}. {s.text}" for k, s in enumerate(item.statements, 1)]
        lines.append("Answer with Y or N for each statement, e.g. 'Y N Y'.")
    elif item.type in ("single", "multiple"):
        lines.append(item.stem)
        lines += [f"  {LETTERS[k]}. {o.text}" for k, o in enumerate(item.options)]
        lines.append("Answer with a letter." if item.type == "single"
                     else f"Choose {len(item.answer)}: letters separated by commas, e.g. 'A,C'.")
    elif item.type == "ordering":
        lines.append(item.stem)
        lines += [f"  {k}. {s.text}" for k, s in enumerate(display_steps(item), 1)]
        lines.append(f"Answer with {len(item.steps)} numbers in order, e.g. '3 1 2'.")
    elif item.type == "dropdown":
        lines += [item.stem, "  " + item.template]
        for name in item.blank_order():
            opts = display_options(item, name)
            lines.append(f"  {{{name}}}: " + "  ".join(f"{k}) {o}" for k, o in enumerate(opts, 1)))
        lines.append("Answer with one number per blank, in order, e.g. '2 1'.")
    elif item.type == "solution_goal":
        lines += [item.scenario, f"Solution: {item.solution}", item.stem,
                  "Answer Y (Yes) or N (No). You cannot return to this question once you leave it."]
    elif item.type == "case_study":
        lines.append(item.title)
        lines += [f"{h}: {t}" for h, t in item.scenario.items()]
    else:
        lines += [item.stem, LAB_HELP]
    return lines


def parse_response(item: Any, text: str) -> Any:
    """Turn a typed answer into a response for :func:`acrlab.quiz.scoring.score_item`."""
    words = text.replace(",", " ").split()
    if item.type == "single":
        if len(words) != 1:
            raise ResponseError("type one letter")
        return words[0].upper()
    if item.type == "multiple":
        if not words:
            raise ResponseError("type at least one letter")
        return [w.upper() for w in words]
    if item.type == "yesno":
        vals = [w.lower() for w in words]
        if len(vals) != len(item.statements) or any(v not in ("y", "n", "yes", "no") for v in vals):
            raise ResponseError(f"type {len(item.statements)} answers, each Y or N")
        return [v.startswith("y") for v in vals]
    if item.type == "solution_goal":
        if len(words) != 1 or words[0].lower() not in ("y", "n", "yes", "no"):
            raise ResponseError("type Y or N")
        return words[0].lower().startswith("y")
    if item.type == "ordering":
        shown = display_steps(item)
        try:
            nums = [int(w) for w in words]
        except ValueError:
            raise ResponseError(f"type numbers between 1 and {len(shown)}") from None
        if not nums or any(not 1 <= n <= len(shown) for n in nums) or len(set(nums)) != len(nums):
            raise ResponseError(f"type different numbers between 1 and {len(shown)}")
        return [shown[n - 1].id for n in nums]
    if item.type == "dropdown":
        names = item.blank_order()
        if len(words) != len(names):
            raise ResponseError(f"type {len(names)} numbers, one per blank")
        out = {}
        for n, w in zip(names, words, strict=True):
            opts = display_options(item, n)
            if not w.isdigit() or not 1 <= int(w) <= len(opts):
                raise ResponseError(f"{{{n}}}: type a number between 1 and {len(opts)}")
            out[n] = opts[int(w) - 1]
        return out
    raise ResponseError(f"{item.type} items are answered differently")


def say(out: TextIO, *lines: str) -> None:
    for line in lines:
        print(line, file=out)


def read_line(inp: TextIO, out: TextIO, prompt: str = "> ") -> str:
    print(prompt, end="", file=out, flush=True)
    line = inp.readline()
    if not line:
        raise EOFError
    return line.rstrip("\r\n")


def ask(item: Any, inp: TextIO, out: TextIO, *, commands: Callable[[str], bool] | None = None,
        show: bool = True) -> Any:
    """Render ``item`` and read a well-formed response (re-asking on junk).

    ``commands`` gets lines starting with ':' (exam navigation); it returns True if it handled the
    line, and the caller then regains control through the ``None`` return value.
    """
    if show:
        say(out, *render(item))
    while True:
        line = read_line(inp, out).strip()
        if commands is None and line.lower() in QUIT:
            raise Quit  # practice and review: stop here, keep what was answered
        if commands is not None and (line.startswith(":") or not line):
            if commands(line):
                return None
            continue
        try:
            response = parse_response(item, line)
            score_parts(item, response)
            return response
        except ResponseError as exc:
            say(out, f"  {exc}; try again.")


class LiveLab:
    """A lab with the item's setup applied, for the taker to type commands into (output shown)."""

    def __init__(self, item: Any):
        from .verify import lab_factory
        self.lab = lab_factory()()
        for cmd in item.setup:
            self.run(cmd)

    def run(self, cmd: str) -> tuple[int, str, str]:
        try:
            r = self.lab.run(cmd)
            return r.exit_code, r.stdout, r.stderr
        except Exception as exc:  # the engine must never take the quiz down with it
            return 1, "", f"error: the lab could not run this command ({type(exc).__name__}: {exc})\n"


def ask_lab(item: Any, inp: TextIO, out: TextIO, *, show: bool = True) -> list[str]:
    """Let the taker work in a live lab; returns the commands typed (graded later in a fresh lab)."""
    from .verify import EngineUnavailable
    if show:
        say(out, *render(item))
    try:
        live = LiveLab(item)
    except EngineUnavailable as exc:
        say(out, f"  the lab engine is not available ({exc}); this item cannot be answered here.")
        return []
    commands: list[str] = []
    hints = list(item.hints)
    while True:
        line = read_line(inp, out, "$ ").strip()
        if not line or line == ":done":
            return commands
        if line == ":hint":
            say(out, f"  hint: {hints.pop(0)}" if hints else "  no more hints.")
            continue
        commands.append(line)
        code, stdout, stderr = live.run(line)
        if stdout:
            out.write(stdout if stdout.endswith("\n") else stdout + "\n")
        if stderr:
            out.write(stderr if stderr.endswith("\n") else stderr + "\n")
        if code:
            say(out, f"  (exit code {code})")


def ask_any(item: Any, inp: TextIO, out: TextIO) -> Any:
    """A full response for any item type (case studies question by question, labs in a live lab)."""
    if item.type == "performance":
        return ask_lab(item, inp, out)
    if item.type == "case_study":
        say(out, *render(item))
        response = {}
        for n, q in enumerate(item.questions, 1):
            say(out, "", f"Question {n} of {len(item.questions)}")
            response[q.id] = ask(q, inp, out)
        return response
    return ask(item, inp, out)


def show_feedback(fb: Any, out: TextIO) -> None:
    say(out, f"{'Correct' if fb.correct else 'Not quite'}: {fb.earned}/{fb.possible}. {fb.explanation}")
    say(out, *("  " + d for d in fb.details))
    if fb.docs_note:
        say(out, f"  Note: {fb.docs_note}")
    say(out, "  See: " + "; ".join(fb.references), f"  (question {fb.item_id})")
