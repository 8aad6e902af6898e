"""Shared plumbing of the `acrlab` lab commands: argparse without SystemExit, and a guard that turns every
expected failure into a message and an exit code (never a traceback)."""

from __future__ import annotations

import argparse
import sys


class _Parser(argparse.ArgumentParser):
    """argparse that returns exit code 2 with its message instead of raising SystemExit mid-command."""

    def error(self, message):
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise _Usage()


class _Usage(Exception):
    pass


def _parse(parser: argparse.ArgumentParser, argv: list[str]):
    try:
        return parser.parse_args(argv)
    except SystemExit as e:  # --help
        raise _Exit(int(e.code or 0)) from None
    except _Usage:
        raise _Exit(2) from None


class _Exit(Exception):
    def __init__(self, code: int):
        self.code = code


def _guard(fn):
    def wrapper(argv: list[str]) -> int:
        try:
            return fn(list(argv))
        except _Exit as e:
            return e.code
        except Exception as e:  # the lab's expected failures (imported here: `scenario list` never needs them)
            from .grader import GradingError
            from .loader import ScenarioError, UnknownScenario
            from .submission import SubmissionError

            if isinstance(e, UnknownScenario | SubmissionError):
                print(f"acrlab: {e}", file=sys.stderr)
                return 2
            if isinstance(e, ScenarioError):
                print(f"acrlab: the scenario file is invalid:\n{e}", file=sys.stderr)
                return 2
            if isinstance(e, GradingError):
                print(f"acrlab: {e}", file=sys.stderr)
                return 1
            raise
    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    return wrapper
