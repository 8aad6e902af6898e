"""How many students one machine holds with `acrlab serve`: N browser sessions at once, each doing what a student
does (the home screen, then the sandbox lab: a resource group, a registry, a listing), then the memory of every
app process (PSS, so shared libraries are split fairly, and RSS) and the server's.

Run: `python benchmarks/serve_capacity.py [--sessions 8] [--port 8765]` (loopback only; it starts and stops its own
server in a temporary ACRLAB_HOME). Prints the figures and the session count that 3/4 of this machine's free
memory holds; exits 1 if a session did not come up or a command did not succeed.

Each session is driven over textual-serve's websocket protocol exactly as the browser page speaks it (stdin and
resize messages, the Origin header, the learner cookie from the page), without a browser's own memory.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.tui.cdp import wait_for_port  # noqa: E402
from tests.tui.serve_client import F4, Browser, start_server, stop_server  # noqa: E402

STEPS = [(F4, "Labs"), ("\r", "learner@"),
         ("az group create -n rg-{n} -l eastus\r", "Succeeded"),
         ("az acr create -n acr{n}x -g rg-{n} --sku Basic\r", "Microsoft.ContainerRegistry/registries"),
         ("az acr list -o table\r", "acr{n}x")]


async def student(base: str, n: int, ready: asyncio.Event, done: asyncio.Event) -> float:
    """One browser: the page (its learner cookie), the websocket, the steps; holds the session until `done`.
    Returns seconds from opening the page to the last step's output."""
    async with Browser(base, f"session {n}") as browser:
        t0 = time.monotonic()
        session = await browser.open_session()
        await session.until("Home", 300)
        for keys, expect in STEPS:
            await session.run(keys.format(n=n), expect.format(n=n), 300)
        took = time.monotonic() - t0
        ready.set()
        while not done.is_set():  # keep reading, as a browser does
            await session.drain(0.5)
        await session.ws.close()
        return took


def descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        try:
            kids = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            kids = []
        out += [int(k) for k in kids]
        todo += [int(k) for k in kids]
    return out


def memory_kb(pid: int) -> tuple[int, int]:
    """(PSS, RSS) in kB."""
    pss = rss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1])
            elif line.startswith("Rss:"):
                rss = int(line.split()[1])
    except OSError:
        pass
    return pss, rss


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def is_app(pid: int) -> bool:
    try:
        return b"acrlab.tui.served" in Path(f"/proc/{pid}/cmdline").read_bytes() and \
            not Path(f"/proc/{pid}/cmdline").read_bytes().startswith(b"/bin/sh")
    except OSError:
        return False


async def run(sessions: int, port: int) -> int:
    home = tempfile.mkdtemp(prefix="acrlab-capacity-")
    server = start_server(["--port", str(port), "--max-sessions", str(sessions)], home)
    try:
        if not wait_for_port(port, 30):
            raise SystemExit("the server did not listen")
        base = f"http://127.0.0.1:{port}"
        done = asyncio.Event()
        readies = [asyncio.Event() for _ in range(sessions)]
        t0 = time.monotonic()
        tasks = [asyncio.create_task(student(base, n, readies[n], done)) for n in range(sessions)]
        waiting = asyncio.ensure_future(asyncio.gather(*(r.wait() for r in readies)))
        await asyncio.wait([waiting, *tasks], return_when=asyncio.FIRST_COMPLETED, timeout=600)
        if not waiting.done():  # a session ended early (it failed) or time ran out
            waiting.cancel()
            failed = [t for t in tasks if t.done() and t.exception()]
            print(f"FAILED: {failed[0].exception() if failed else 'sessions did not all finish in 600 s'}")
            done.set()
            await asyncio.gather(*tasks, return_exceptions=True)
            return 1
        all_ready = time.monotonic() - t0
        apps = [p for p in descendants(server.pid) if is_app(p)]
        app_mem = [memory_kb(p) for p in apps]
        app_cpu = [cpu_seconds(p) for p in apps]
        await asyncio.sleep(10)  # sessions left open, as students reading the screen
        idle_cpu = (sum(cpu_seconds(p) for p in apps) - sum(app_cpu)) / 10
        server_pss, server_rss = memory_kb(server.pid)
        done.set()
        times = await asyncio.gather(*tasks)
    finally:
        stop_server(server)
    pss = sorted(m[0] / 1024 for m in app_mem)
    rss = sorted(m[1] / 1024 for m in app_mem)
    print(f"sessions: {sessions} (app processes found: {len(apps)})")
    print(f"all sessions through their steps in {all_ready:.1f} s; per session {min(times):.1f}-{max(times):.1f} s")
    print(f"per session PSS: mean {sum(pss) / len(pss):.0f} MB, max {pss[-1]:.0f} MB; "
          f"RSS: mean {sum(rss) / len(rss):.0f} MB, max {rss[-1]:.0f} MB")
    print(f"per session CPU to start and run the steps: mean {sum(app_cpu) / len(app_cpu):.1f} s; "
          f"all {len(apps)} sessions idle: {idle_cpu * 100:.0f}% of one core")
    print(f"server: PSS {server_pss / 1024:.0f} MB, RSS {server_rss / 1024:.0f} MB")
    from acrlab.tui.serve import PER_CORE, SESSION_MB, available_mb, default_max_sessions

    avail = available_mb()
    print(f"free memory now: {avail} MB; acrlab serve's default limit here: {default_max_sessions(avail)} sessions "
          f"(3/4 of free memory at {SESSION_MB} MB each, at most {PER_CORE} per core, {os.cpu_count()} cores)")
    if sum(pss) / len(pss) > SESSION_MB:
        print(f"NOTE: sessions take more than SESSION_MB ({SESSION_MB} MB) in acrlab/tui/serve.py: raise it")
        return 1
    return 0 if len(apps) == sessions else 1


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sessions", type=int, default=8)
    p.add_argument("--port", type=int, default=8765)
    args = p.parse_args()
    return asyncio.run(run(args.sessions, args.port))


if __name__ == "__main__":
    sys.exit(main())
