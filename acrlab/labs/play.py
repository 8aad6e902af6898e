"""`acrlab lab ID --plain`: the lab in this terminal, with `check`, `hint`, `reset`, `solution`, `export`."""

from __future__ import annotations

import json
import sys

from .session import LabSession
from .setup import SetupError

HELP = """Lab commands (everything else goes to the lab terminal: az, docker, kubectl, bash):
  check              grade the current state
  hint               the next hint (each one says more)
  reset              start again from the initial state
  solution [KIND]    show the reference solution (bash, pwsh, bicep, arm)
  task               show the narrative and tasks again
  export FILE        save this session (commands) for `acrlab grade ID FILE`
  quit               leave (Ctrl-D works too)
"""


def _prompt(ls: LabSession) -> str:
    from ..repl import prompt_for

    return prompt_for(ls.lab)


def _show_task(ls: LabSession, out) -> None:
    out.write(f"\n== {ls.title} ==\n\n{ls.narrative.strip()}\n\nTasks:\n")
    for t in ls.tasks:
        out.write(f"  - {t['title']}\n")
    out.write("\nType `help` for lab commands.\n\n")


def _asker(stdin, out):
    """az's y/n prompt asked on this terminal (None at end of input)."""
    def ask(question: str):
        out.write(question)
        out.flush()
        line = stdin.readline()
        return line.rstrip("\n") if line else None
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
        ls.lab.session.state["ask"] = _asker(stdin, out)

    attach()
    _show_task(ls, out)
    buf = ""
    while True:
        out.write("> " if buf else _prompt(ls))
        out.flush()
        line = stdin.readline()
        if not line:
            out.write("\n")
            return 0
        line = line.rstrip("\n")
        if line.rstrip().endswith("\\"):
            buf += line + "\n"
            continue
        text, buf = buf + line, ""
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
        elif word == "export" and rest:
            try:
                with open(rest.strip(), "w", encoding="utf-8") as f:
                    json.dump(ls.export_session(), f, indent=2)
                out.write(f"saved {len(ls.commands)} command(s) to {rest.strip()}\n")
            except OSError as e:
                out.write(f"export failed: {e.strerror}\n")
        else:
            r = ls.run(text)
            out.write(r.stdout)
            if r.stderr:
                out.write(r.stderr)
        out.flush()
