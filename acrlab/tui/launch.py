"""Entry points: `acrlab` (home), `acrlab exam`, `acrlab review`, `acrlab lab ID` (via the labs CLI), quiz."""

from __future__ import annotations

import argparse
import sys


def _parse(prog: str, argv: list[str], with_id: bool = False) -> argparse.Namespace | int:
    p = argparse.ArgumentParser(prog=prog, description="Open the acrlab study app.")
    if with_id:
        p.add_argument("scenario", nargs="?", help="scenario id (omit for the sandbox)")
    p.add_argument("--seed", type=int, default=0, help="seed for the simulated tenant (default 0)")
    try:
        return p.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)


def run_app(start: str = "home", lab_id: str | None = None, seed: int = 0, open_lab: bool = False) -> int:
    """Run the app in this terminal; returns an exit code (never a traceback for a missing terminal)."""
    if not sys.stdout.isatty() and not _serving():
        print("acrlab: the study app needs a terminal (stdout is not a tty). "
              "Try `acrlab shell`, or `acrlab serve` for a browser.", file=sys.stderr)
        return 2
    from .app import AcrLabApp

    app = AcrLabApp(start=start, lab_id=lab_id, seed=seed, open_lab=open_lab)
    app.run()
    return int(app.return_code or 0)


def _serving() -> bool:
    import os

    return bool(os.environ.get("TEXTUAL_DRIVER")) or os.environ.get("ACRLAB_FORCE_TUI") == "1"


def home_main(argv: list[str]) -> int:
    args = _parse("acrlab", argv)
    return args if isinstance(args, int) else run_app("home", seed=args.seed)


def exam_main(argv: list[str]) -> int:
    args = _parse("acrlab exam", argv)
    return args if isinstance(args, int) else run_app("exam", seed=args.seed)


def review_main(argv: list[str]) -> int:
    args = _parse("acrlab review", argv)
    return args if isinstance(args, int) else run_app("review", seed=args.seed)


def quiz_main(argv: list[str]) -> int:
    args = _parse("acrlab quiz", argv)
    return args if isinstance(args, int) else run_app("quiz", seed=args.seed)


def lab_main(argv: list[str]) -> int:
    """`acrlab lab ID`: the app opened on that scenario's lab screen (no ID: the sandbox)."""
    args = _parse("acrlab lab", argv, with_id=True)
    if isinstance(args, int):
        return args
    if args.scenario:
        from .services import Services, Unavailable

        try:
            ids = [str(getattr(s, "id", s)) for s in Services().scenarios()]
        except Unavailable as e:
            print(f"acrlab lab: {e}", file=sys.stderr)
            return 2
        if args.scenario not in ids:
            print(f"acrlab lab: no scenario {args.scenario!r}. Known: {', '.join(ids) or '(none)'}",
                  file=sys.stderr)
            return 2
    return run_app("labs", lab_id=args.scenario, seed=args.seed, open_lab=True)
