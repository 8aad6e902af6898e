"""Benchmark: grade a class of 1,000 submissions (`acrlab class grade`) and report the wall time.

    python benchmarks/class_grading.py [--n 1000] [--jobs 2] [--scenario least-privilege-aks] [--keep DIR]

The class is synthetic but realistic: each student has their own seed (roster), and submissions are
a mix of reference solutions (as scripts, as terminal transcripts, in folders), plausible wrong
answers, empty files and junk (binary, oversized). Target (issue 19): 1,000 submissions of one scenario in
at most 5 s on 2 cores. Besides the wall time it prints the CPU seconds of the parent and its workers (on a
machine shared with other work, wall time / CPU time shows how much of the wait was someone else's).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from acrlab.labs import load_scenario, solution_text  # noqa: E402
from acrlab.labs.classroom import grade_class  # noqa: E402


def wrong_answer(text: str) -> str:
    """Over-grant: swap the least-privilege roles for broad ones (a plausible mistake)."""
    return text.replace("--role AcrPull", "--role AcrPush").replace("--role AcrPush --scope $ACR_ID\n", "--role Contributor --scope $ACR_ID\n")


def make_class(scenario_id: str, n: int, root: Path) -> tuple[Path, Path]:
    scenario = load_scenario(scenario_id)
    subs = root / "submissions"
    subs.mkdir(parents=True)
    roster = ["student_id,seed"]
    for i in range(n):
        sid, seed = f"s{i:04d}", 1000 + i
        roster.append(f"{sid},{seed}")
        kind = i % 10
        sol = solution_text(scenario, seed)
        if kind in (0, 1, 2, 3):
            (subs / f"{sid}.sh").write_text(sol)
        elif kind == 4:
            transcript = "".join(f"$ {line}\n(output)\n" if not line.endswith("\\") else f"$ {line}\n"
                                 for line in sol.splitlines())
            (subs / f"{sid}.txt").write_text(transcript)
        elif kind == 5:
            (subs / sid).mkdir()
            (subs / sid / "answer.sh").write_text(sol)
        elif kind in (6, 7):
            (subs / f"{sid}.sh").write_text(wrong_answer(sol))
        elif kind == 8:
            (subs / f"{sid}.sh").write_text("")
        else:
            (subs / f"{sid}.sh").write_bytes(b"\x00\x01\x02 not a script" if i % 20 == 9 else b"x" * (300 * 1024))
    (root / "roster.csv").write_text("\n".join(roster) + "\n")
    return subs, root / "roster.csv"


def _cpu() -> float:
    """CPU seconds used by this process and its finished children (the grading workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=1000)
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--scenario", default="least-privilege-aks")
    p.add_argument("--keep", help="write the class and the results here instead of a temporary directory")
    p.add_argument("--limit", type=float, default=5.0, help="fail (exit 1) above this many seconds")
    args = p.parse_args(argv)
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="acrlab-class-"))
    try:
        subs, roster = make_class(args.scenario, args.n, root)
        t0, c0 = time.perf_counter(), _cpu()
        summary = grade_class(args.scenario, subs, root / "out", roster, jobs=args.jobs)
        elapsed, cpu = time.perf_counter() - t0, _cpu() - c0
        print(json.dumps({"scenario": args.scenario, "submissions": summary["count"], "jobs": args.jobs,
                          "seconds": round(elapsed, 2), "cpu_seconds": round(cpu, 2),
                          "per_submission_ms": round(1000 * elapsed / max(1, summary["count"]), 2),
                          "mean_percent": summary["mean_percent"], "median_percent": summary["median_percent"],
                          "errors": summary["errors"], "full_marks": summary["full_marks"]}, indent=2))
        return 0 if elapsed < args.limit else 1
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
