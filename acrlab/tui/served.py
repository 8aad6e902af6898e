"""The process `acrlab serve` starts for each browser session: the app without the tty check, with the
learner's own home (`--home`: their ACRLAB_HOME) and, with `--resume`, their lab in progress reopened (a reload
of the page returns to it)."""

from __future__ import annotations

import argparse
import os
import sys


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="acrlab.tui.served")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--start", default="home")
    p.add_argument("--home", default=None, help="the learner's ACRLAB_HOME (progress, labs in progress)")
    p.add_argument("--resume", action="store_true", help="reopen the lab left in progress without asking")
    args = p.parse_args(argv)
    if args.home:
        os.makedirs(args.home, exist_ok=True)
        os.environ["ACRLAB_HOME"] = args.home
    from .app import AcrLabApp

    app = AcrLabApp(start=args.start, seed=args.seed, resume_directly=args.resume)
    app.run()
    return int(app.return_code or 0)


if __name__ == "__main__":
    sys.exit(main())
