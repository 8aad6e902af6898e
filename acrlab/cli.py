"""The `acrlab` command: the TUI by default, plus plain-terminal subcommands."""

from __future__ import annotations

import importlib
import sys

USAGE = """usage: acrlab [COMMAND] [ARGS...]

With no command, opens the study app (a terminal UI).

Commands:
  shell                      a plain interactive lab terminal (az, docker, kubectl, bash subset)
  run FILE [--seed N]        run a script of commands in a fresh lab and print the transcript
  lab ID [--plain]           open a lab scenario (in the app, or --plain in this terminal)
  scenario list|show|validate
  grade ID SUBMISSION        grade a submission against a scenario
  class grade ID DIR --out D grade a whole class
  class regrade|explain ID D regrade it after a rubric change, or replay one student's grade
  quiz                       open the app on quiz practice
  quiz practice|exam|review|stats|validate   the same in this terminal (plain text)
  exam | review              open the app on the exam / review screen
  progress export|import F   back up or restore your progress
  serve [--port N]           serve the app in a browser (loopback by default)
  notebooks open [NAME]      your own copies of the notebooks, opened in JupyterLab
  notebooks student OUT_DIR  write notebooks with the solutions removed
  version
"""

# subcommand -> "module:function"; each function takes argv (list[str]) and returns an exit code.
ROUTES = {
    "shell": "acrlab.repl:main",
    "run": "acrlab.repl:run_file_main",
    "lab": "acrlab.labs.cli:lab_main",
    "scenario": "acrlab.labs.cli:scenario_main",
    "grade": "acrlab.labs.cli:grade_main",
    "class": "acrlab.labs.cli:class_main",
    "quiz": "acrlab.quiz.cli:main",
    "progress": "acrlab.progress.cli:main",
    "notebooks": "acrlab.notebook_tools:main",
    "serve": "acrlab.tui.serve:main",
    "exam": "acrlab.tui.launch:exam_main",
    "review": "acrlab.tui.launch:review_main",
    "quiz-app": "acrlab.tui.launch:quiz_main",
    "": "acrlab.tui.launch:home_main",
}


def resolve(route: str):
    module, func = route.split(":")
    return getattr(importlib.import_module(module), func)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ("-h", "--help", "help"):
        print(USAGE, end="")
        return 0
    if argv and argv[0] in ("version", "--version"):
        from . import __version__

        print(f"acrlab {__version__}")
        return 0
    cmd = argv[0] if argv else ""
    if cmd == "quiz" and len(argv) == 1:
        cmd, argv = "quiz-app", ["quiz-app"]  # `acrlab quiz` opens the app's quiz screen; subcommands stay plain
    if cmd not in ROUTES:
        print(f"acrlab: unknown command '{cmd}'\n", file=sys.stderr)
        print(USAGE, end="", file=sys.stderr)
        return 2
    try:
        fn = resolve(ROUTES[cmd])
    except (ImportError, AttributeError) as e:
        print(f"acrlab: '{cmd or 'app'}' is not available in this build ({e}).", file=sys.stderr)
        return 2
    try:
        return int(fn(argv[1:]) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
