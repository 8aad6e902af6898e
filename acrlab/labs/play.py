"""`acrlab lab ID --plain`: the lab in this terminal, with `check`, `hint`, `reset`, `solution`, `export`."""

from __future__ import annotations

import re
import sys

from ..shell.continuation import PS2, needs_more
from .session import LabSession
from .session_save import SaveError, save_session, wants_save
from .setup import SetupError

HELP = """Lab commands (anything else goes to the lab terminal: az, docker, kubectl...):
  check              grade the current state
  hint               the next hint (each one says more)
  reset              start again from the initial state
  solution [KIND]    show the reference solution (bash, pwsh, bicep, arm)
  task               show the narrative and tasks again
  save FILE          save this session for `acrlab grade ID FILE`: FILE.sh
                     (a bash script), FILE.ps1 or FILE.json (exact replay);
                     answers to az's prompts are kept. `export FILE.sh` works
                     too (`export NAME=value` stays bash's export)
  quit               leave (Ctrl-D works too)
"""


def _prompt(ls: LabSession) -> str:
    from ..repl import prompt_for

    return prompt_for(ls.lab)


def _show_task(ls: LabSession, out) -> None:
    narrative = re.sub(r"\*\*(.+?)\*\*", r"\1", ls.narrative.strip(), flags=re.S)  # Markdown bold, unprinted
    out.write(f"\n== {ls.title} ==\n\n{narrative}\n\nTasks:\n")
    for t in ls.tasks:
        out.write(f"  - {t['title']}\n")
    out.write("\nType `help` for lab commands.\n\n")


def _asker(stdin, out, ls: LabSession | None = None):
    """az's y/n prompt asked on this terminal (None at end of input); the answer is kept with the command that
    asked, so a saved script can answer the same way."""
    def ask(question: str):
        out.write(question)
        out.flush()
        line = stdin.readline()
        answer = line.rstrip("\n") if line else None
        if ls is not None and ls.commands and answer is not None:
            ls.commands[-1].setdefault("answers", []).append(answer)
        return answer
    return ask


def play(scenario_id: str, seed: int = 0, stdin=None, out=None) -> int:
    stdin = stdin or sys.stdin
    out = out or sys.stdout
    try:
        ls = LabSession(scenario_id, seed=seed, record_progress=True)
    except SetupError as e:
        print(f"acrlab: this lab cannot start here: {e}", file=sys.stderr)
        return 1
    interactive = stdin.isatty() if hasattr(stdin, "isatty") else False

    def attach() -> None:  # again after `reset`, which starts a fresh tenant and terminal
        ls.lab.session.interactive = interactive
        ls.lab.session.state["ask"] = _asker(stdin, out, ls)

    attach()
    _show_task(ls, out)
    lines: list[str] = []
    while True:
        out.write(PS2.get(ls.lab.session.mode, "> ") if lines else _prompt(ls))
        out.flush()
        line = stdin.readline()
        if not line:
            out.write("\n")
            return 0
        lines.append(line.rstrip("\n"))
        if needs_more("\n".join(lines), ls.lab.session.mode):  # as bash: PS2 until the input is complete
            continue
        text = "\n".join(lines)
        lines.clear()
        word, _, rest = text.strip().partition(" ")
        if not text.strip():
            continue
        if word in ("quit", "exit") and not rest and len(ls.lab.session.host_stack) == 1:
            return 0
        if word == "help" and not rest:
            out.write(HELP)
        elif word == "check" and not rest:
            report = ls.check()
            out.write(report.to_text(explanation=report.passed_all))
        elif word == "hint" and not rest:
            h = ls.hint()
            out.write((f"Hint {ls.hints_shown}/{len(ls.scenario.hints)}: {h}\n") if h else "No more hints: "
                      "try `solution`.\n")
        elif word == "reset" and not rest:
            try:
                ls.reset()
                attach()
                out.write("The lab is back to its initial state.\n")
            except SetupError as e:
                out.write(f"reset failed: {e}\n")
        elif word == "solution":
            kind = rest.strip() or "bash"
            text = ls.solution(kind)
            out.write((text.rstrip() + "\n") if text else f"No {kind} solution for this lab.\n")
        elif word == "task" and not rest:
            _show_task(ls, out)
        elif word == "save" and rest or wants_save(word, rest):
            try:
                out.write(save_session(ls, rest.strip(), _asker(stdin, out)) + "\n")
            except SaveError as e:
                out.write(f"save failed: {e}\n")
        else:
            mode = ls.lab.session.mode  # `pwsh` switches this terminal to PowerShell until `exit`
            r = ls.run(text)
            ls.commands[-1]["mode"] = mode
            out.write(r.stdout)
            if r.stderr:
                out.write(r.stderr)
        out.flush()
