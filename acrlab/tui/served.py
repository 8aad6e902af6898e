"""The process textual-serve starts per browser session: the app without the tty check."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="acrlab.tui.served")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--start", default="home")
    args = p.parse_args(argv)
    from .app import AcrLabApp

    app = AcrLabApp(start=args.start, seed=args.seed)
    app.run()
    return int(app.return_code or 0)


if __name__ == "__main__":
    sys.exit(main())
