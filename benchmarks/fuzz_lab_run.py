"""Fuzz Lab.run with grammar-shaped bash and PowerShell lines (issue 12's proof; target: 0 escapes in 100,000).

    python benchmarks/fuzz_lab_run.py                 # 100,000 lines, seed 12
    python benchmarks/fuzz_lab_run.py --lines 5000 --seed 3 --show 20

Half the lines are bash, half PowerShell, from tests/reliability/fuzz_grammar.py. They run as a learner would
type them into one lab (a registry with an image and a few files), each under a small budget (0.2 s, 5,000
steps, 8 MB of output) so runaway lines end quickly; a fresh terminal every 50 lines and a fresh lab every 2,000.

Counted: escapes (any exception out of Lab.run: must be 0), exit codes outside 0-255 (must be 0), lines that
print "internal error in the simulator" (a bug caught by the last-resort handler, grouped by message), lines
stopped by their budget (exit 124, expected for runaway input), and time per line.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "reliability"))

from fuzz_grammar import bash_line, pwsh_line  # noqa: E402

from acrlab import Lab  # noqa: E402
from acrlab.engine.budget import EXIT_BUDGET, Limits  # noqa: E402

LIMITS = Limits(seconds=0.2, steps=5_000, memory_mb=512, output_mb=8)
SETUP = """az group create -n rg -l eastus -o none
az acr create -n fuzzacr -g rg --sku Premium -o none
az acr import -n fuzzacr --source docker.io/library/nginx:1.27 -t web:v1 -o none"""
INTERNAL = re.compile(r"internal error in the simulator: ([A-Za-z]+Error|[A-Za-z]+Exception|\w+)")


def fresh_lab(seed: int) -> Lab:
    lab = Lab(seed=seed)
    lab.write_file("app/x.txt", "a\nb\nc\n")
    lab.write_file("app/Dockerfile", "FROM alpine\n")
    r = lab.run(SETUP)
    assert r.exit_code == 0, r
    lab.limits = LIMITS
    return lab


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--lines", type=int, default=100_000)
    p.add_argument("--seed", type=int, default=12)
    p.add_argument("--show", type=int, default=10, help="examples to print per kind of finding")
    p.add_argument("--json", type=Path, help="also write the figures to this file")
    args = p.parse_args(argv)

    rng = random.Random(args.seed)
    escapes: list[tuple[str, str, str]] = []
    bad_codes: list[tuple[str, str, int]] = []
    internal: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)
    stopped = 0
    durations: list[tuple[float, str, str]] = []
    lab = fresh_lab(args.seed)
    started = time.perf_counter()
    for n in range(args.lines):
        if n and n % 2000 == 0:
            lab = fresh_lab(args.seed + n)
        elif n % 50 == 0:
            lab.session = lab.new_session()
        shell = "pwsh" if n % 2 else "bash"
        line = pwsh_line(rng) if shell == "pwsh" else bash_line(rng)
        lab.session.mode = "bash"
        t = time.perf_counter()
        try:
            r = lab.run(line, shell=shell)
        except BaseException as e:  # noqa: BLE001 - counting is the point
            if isinstance(e, KeyboardInterrupt) and not getattr(e, "args", None):
                raise
            escapes.append((shell, line, f"{type(e).__name__}: {e}"[:300]))
            lab = fresh_lab(args.seed + n + 1)
            continue
        durations.append((time.perf_counter() - t, shell, line))
        if not isinstance(r.exit_code, int) or not 0 <= r.exit_code <= 255:
            bad_codes.append((shell, line, r.exit_code))
        if r.exit_code == EXIT_BUDGET and "the command was stopped because" in r.stderr:
            stopped += 1
        m = INTERNAL.search(r.stdout + r.stderr)
        if m:
            key = (r.stdout + r.stderr)[m.start():].split("\n")[0][:160]
            internal[key].append((shell, line))
        if (n + 1) % 10_000 == 0:
            print(f"  {n + 1:,} lines, {len(escapes)} escapes, {sum(map(len, internal.values()))} internal errors, "
                  f"{time.perf_counter() - started:,.0f} s", file=sys.stderr)
    total = time.perf_counter() - started
    times = sorted(d for d, _, _ in durations)
    figures = {
        "lines": args.lines, "seed": args.seed, "escapes": len(escapes), "exit_codes_outside_0_255": len(bad_codes),
        "internal_errors": sum(map(len, internal.values())), "internal_error_kinds": len(internal),
        "stopped_by_budget": stopped, "seconds": round(total, 1),
        "ms_per_line_median": round(1000 * times[len(times) // 2], 2) if times else None,
        "ms_per_line_p99": round(1000 * times[int(len(times) * 0.99)], 1) if times else None,
        "ms_per_line_max": round(1000 * times[-1], 1) if times else None,
    }
    print(json.dumps(figures, indent=2))
    for shell, line, err in escapes[:args.show]:
        print(f"ESCAPE [{shell}] {line[:200]!r}\n    {err}")
    for shell, line, code in bad_codes[:args.show]:
        print(f"EXIT {code} [{shell}] {line[:200]!r}")
    for key, hits in sorted(internal.items(), key=lambda kv: -len(kv[1]))[:args.show]:
        print(f"INTERNAL x{len(hits)}: {key}\n    e.g. [{hits[0][0]}] {hits[0][1][:200]!r}")
    for d, shell, line in sorted(durations, reverse=True)[:min(5, args.show)]:
        print(f"SLOW {d:.2f} s [{shell}] {line[:160]!r}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 1 if escapes or bad_codes else 0


if __name__ == "__main__":
    sys.exit(main())
