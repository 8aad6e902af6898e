"""Cold start: a fresh `acrlab` process, as a learner starts one (issue 19).

Run: `python benchmarks/cold_start.py [--runs N] [--profile]`. Each workload runs N times in a new interpreter
(after one warm-up run, so Python's bytecode cache is written, as an installed wheel has it); it prints the median
wall time and the median CPU time (user+sys of the child). The machine is often shared: CPU time is the figure to
compare across runs, wall time is what a learner waits for. Interpreter start-up is measured on its own as the floor
no acrlab change can go under, and importing pydantic with one model as the floor of any command that reaches a
pydantic model (a registry, the app, the labs); a command that touches only the tenant's records (engine/record.py:
groups, principals, role assignments) does not import it.

Workloads:
- `acrlab run one-command.sh` (one `az group create`, JSON output), the same with `-o table`, and a first registry
  (`az group create` then `az acr create`: the registry's models need pydantic);
- `acrlab --help`; `acrlab scenario list`;
- the app's home screen with its content (readiness, cards due, recent results, the next step), not the loading
  placeholder: from launch to the first frame after the home screen's data has been filled in; for a new learner
  and for one with history (every bank item answered three times, every scenario graded twice); and, as the floor
  of any Textual app, a minimal one (header, a few widgets, footer) to its first frame.

Targets: `acrlab run one-command.sh` <= 0.2 s, home with content <= 0.5 s (wall, on an idle 2-core machine).
`--profile` adds, per workload, the CPU each imported module cost (its own import, children excluded), grouped by
package, so what dominates is named.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ONE_COMMAND = "az group create --name rg-containers --location brazilsouth\n"
ONE_TABLE = "az group create --name rg-containers --location brazilsouth -o table\n"
FIRST_REGISTRY = ("az group create --name rg-containers --location brazilsouth -o none\n"
                  "az acr create --name acrcoldstart1 --resource-group rg-containers --sku Basic\n")

HOME = r"""
import time
from acrlab.tui.app import AcrLabApp
from acrlab.tui.screens.home import HomeScreen

_fill = HomeScreen.refresh_data

def refresh_data(self):
    _fill(self)
    if "Loading" not in str(self.query_one("#next-step").render()):
        self.call_after_refresh(self.app.shown)

HomeScreen.refresh_data = refresh_data

class Timed(AcrLabApp):
    shown_at = None

    def shown(self):
        if isinstance(self.screen, HomeScreen) and self.shown_at is None:
            self.shown_at = time.process_time()
            print(f"HOME {self.shown_at:.4f}", flush=True)

import asyncio
async def main():
    app = Timed()
    async with app.run_test(size=(120, 40)) as pilot:
        deadline = time.monotonic() + 120
        while app.shown_at is None and time.monotonic() < deadline:
            await pilot.pause(0.01)
asyncio.run(main())
"""

FLOOR_TEXTUAL = r"""
import os, time, asyncio
from textual.app import App
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Footer, Header, Label, Static

class Floor(App):
    def compose(self):
        yield Header()
        with Vertical():
            yield Static("next step")
            with Horizontal():
                yield Button("Labs")
                yield Button("Learn")
            yield Label("Readiness")
        yield Footer()

    def on_mount(self):
        self.call_after_refresh(self.shown)

    def shown(self):
        print(f"FLOOR {time.process_time():.4f}", flush=True)

async def main():
    async with Floor().run_test(size=(120, 40)) as pilot:
        await pilot.pause(60)
asyncio.run(main())
"""

HISTORY = """
from acrlab.labs.loader import list_scenarios
from acrlab.progress import open_store, review_item
from acrlab.quiz.bank import default_bank
bank = default_bank()
store = open_store(None)
items = [i for o in sorted(bank.objectives) for i in bank.items_for(objective=o)]
for round_ in range(3):
    for n, item in enumerate(items):
        review_item(store, item.id, correct=(n + round_) % 3 != 0)
for s in list_scenarios():
    store.record_lab_grade(s.id, 2, 4, [])
    store.record_lab_grade(s.id, 3, 4, [])
store.close()
"""
"""A learner's history: every bank item answered three times, every scenario graded twice."""

FLOOR_PYDANTIC = """
from pydantic import BaseModel
class Probe(BaseModel):
    name: str
Probe(name="x")
"""

PROFILER = r"""
import importlib._bootstrap as b, runpy, sys, time, collections
orig = b._load_unlocked
stack, cost = [], collections.Counter()
def load(spec):
    t0 = time.process_time(); stack.append(0.0)
    try:
        return orig(spec)
    finally:
        dt = time.process_time() - t0; child = stack.pop()
        name = spec.name
        key = name if name.startswith("acrlab") else name.split(".")[0]
        cost[key] += dt - child
        if stack:
            stack[-1] += dt
b._load_unlocked = load
start = time.process_time()
sys.argv = sys.argv[1:]
try:
    runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
except SystemExit:
    pass
finally:
    total = time.process_time() - start
    print(f"PROFILE total {total:.4f} imports {sum(cost.values()):.4f}", file=sys.stderr)
    for name, s in cost.most_common(15):
        print(f"PROFILE {s * 1000:7.1f} ms  {name}", file=sys.stderr)
"""


def _env(cache: str, home: str) -> dict[str, str]:
    env = dict(os.environ, PYTHONPYCACHEPREFIX=cache, ACRLAB_HOME=home)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _until(argv: list[str], env: dict[str, str], cwd: str, marker: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds) to the line starting with `marker`, which carries the child's CPU time."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=cwd, text=True)
    cpu = None
    try:
        for line in proc.stdout:
            if line.startswith(marker):
                wall = time.perf_counter() - t0
                cpu = float(line.split()[1])
                break
    finally:
        proc.kill()  # what follows (shutting the app down) is not start-up; nor is a run left behind
        _, err = proc.communicate(timeout=120)
    if cpu is None:
        raise RuntimeError(f"{argv} never printed {marker}: {err[-2000:]}")
    return wall, cpu


def _to_exit(argv: list[str], env: dict[str, str], cwd: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of a run to its exit; CPU is the child's own rusage (user + sys) from wait4."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd)
    err = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{argv} failed ({proc.returncode}): {err.decode()[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime


def _measure(argv: list[str], env: dict[str, str], cwd: str, runs: int, marker: str | None = None) -> dict:
    def once() -> tuple[float, float]:
        return _to_exit(argv, env, cwd) if marker is None else _until(argv, env, cwd, marker)

    once()  # warm-up: writes the bytecode cache
    samples = [once() for _ in range(runs)]
    walls = [w for w, _ in samples]
    cpus = [c for _, c in samples]
    return {"wall": statistics.median(walls), "wall_min": min(walls), "cpu": statistics.median(cpus),
            "cpu_min": min(cpus)}


def _profile(module_argv: list[str], env: dict[str, str], cwd: str) -> list[str]:
    out = subprocess.run([sys.executable, "-c", PROFILER, *module_argv], env=env, cwd=cwd, capture_output=True,
                         text=True, timeout=120)
    return [line.removeprefix("PROFILE ") for line in out.stderr.splitlines() if line.startswith("PROFILE")]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--profile", action="store_true", help="also name the modules whose import costs the most")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="acrlab-cold-")
    try:
        env = _env(os.path.join(work, "pycache"), os.path.join(work, "home"))
        for name, text in (("one-command.sh", ONE_COMMAND), ("one-table.sh", ONE_TABLE),
                           ("first-registry.sh", FIRST_REGISTRY)):
            with open(os.path.join(work, name), "w", encoding="utf-8") as f:
                f.write(text)
        acrlab = [sys.executable, "-m", "acrlab"]
        history = _env(os.path.join(work, "pycache"), os.path.join(work, "home-history"))
        subprocess.run([sys.executable, "-c", HISTORY], env=history, cwd=work, check=True, capture_output=True)
        workloads = [
            ("python -c pass (interpreter start-up)", [sys.executable, "-c", "pass"], None),
            ("python: import pydantic + one model", [sys.executable, "-c", FLOOR_PYDANTIC], None),
            ("acrlab --help", [*acrlab, "--help"], None),
            ("acrlab run one-command.sh (az group create, JSON)", [*acrlab, "run", "one-command.sh"], None),
            ("acrlab run one-table.sh (the same, -o table)", [*acrlab, "run", "one-table.sh"], None),
            ("acrlab run first-registry.sh (+ az acr create)", [*acrlab, "run", "first-registry.sh"], None),
            ("acrlab scenario list", [*acrlab, "scenario", "list"], None),
            ("textual: a minimal app's first frame (the floor)", [sys.executable, "-c", FLOOR_TEXTUAL], "FLOOR"),
            ("app: home screen with its content", [sys.executable, "-c", HOME], "HOME"),
            ("app: home with a learner's history", [sys.executable, "-c", HOME], "HOME", history),
        ]
        print(f"cold start, median of {args.runs} fresh processes (load average {os.getloadavg()[0]:.1f} on "
              f"{os.cpu_count()} CPUs; wall is inflated by load, CPU much less)")
        results = {}
        for label, argv, marker, *own_env in workloads:
            r = results[label] = _measure(argv, own_env[0] if own_env else env, work, args.runs, marker)
            print(f"  {label:<52} wall {r['wall']:.3f} s (min {r['wall_min']:.3f})   "
                  f"CPU {r['cpu']:.3f} s (min {r['cpu_min']:.3f})")
        run = results["acrlab run one-command.sh (az group create, JSON)"]
        home = results["app: home screen with its content"]
        print(f"targets: acrlab run one-command.sh <= 0.2 s: wall {run['wall']:.3f} s, CPU {run['cpu']:.3f} s; "
              f"home with content <= 0.5 s: wall {home['wall']:.3f} s, CPU {home['cpu']:.3f} s")
        if args.profile:
            for label, module_argv in (("acrlab run one-command.sh", ["acrlab", "run", "one-command.sh"]),
                                       ("acrlab scenario list", ["acrlab", "scenario", "list"])):
                print(f"profile: {label} (CPU per imported module, children excluded; 'total' is the whole run)")
                for line in _profile(module_argv, env, work):
                    print(f"  {line}")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
