"""Quick builds and quick runs as a learner types them: `az acr build` of a small service (its context packed as a
tar.gz, uploaded to the registry's build-source URL, scheduled with scheduleRun) and `az acr run --cmd ... /dev/null`,
each through `Lab.run`, with a source file changed before every build (as a CI job would).

    python benchmarks/quick_builds.py            # 200 builds and 200 runs
    python benchmarks/quick_builds.py --n 50 --files 200   # a context of 200 files

Prints figures (per-command time, archive size); it is not a timed test.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from acrlab import Lab  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--files", type=int, default=20, help="source files in the build context")
    args = ap.parse_args()
    lab = Lab(seed=0)
    lab.run("az group create -n rg -l eastus -o none\naz acr create -n quickbench -g rg --sku Standard -o none")
    lab.write_file("svc/Dockerfile", "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD [\"python\", \"app.py\"]\n")
    for i in range(args.files):
        lab.write_file(f"svc/pkg/mod{i}.py", f"VALUE = {i}\n" * 40)
    t0 = time.perf_counter()
    for n in range(args.n):
        lab.write_file("svc/app.py", f"print('build {n}')\n")
        r = lab.run(f"az acr build -r quickbench -t svc:b{n} svc --no-logs -o none")
        assert r.exit_code == 0, r.stderr
    builds = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in range(args.n):
        r = lab.run("az acr run -r quickbench --cmd 'hello-world' /dev/null --no-logs -o none")
        assert r.exit_code == 0, r.stderr
    runs = time.perf_counter() - t0
    sizes = [len(u.data or b"") for u in lab.cloud.state.get("source_uploads", {}).values()]
    print(f"az acr build: {args.n} builds of a {args.files + 2}-file context in {builds:.2f} s "
          f"({1000 * builds / args.n:.1f} ms each); archive {sizes[-1] if sizes else 0} bytes")
    print(f"az acr run --cmd /dev/null: {args.n} runs in {runs:.2f} s ({1000 * runs / args.n:.1f} ms each)")


if __name__ == "__main__":
    main()
