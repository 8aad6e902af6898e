"""A process pool for grading a class that survives its workers.

Each worker grades one item at a time and sends back the result. The parent watches every worker's pipe and
process sentinel: a worker that dies (the OOM killer, a crash) or overruns the hard time limit is replaced, and
the item it held gets a result made by `on_failure(item, reason)`; the class always finishes. Each worker runs
under an address-space limit (RLIMIT_AS: baseline + `memory_mb`) so a runaway submission meets a MemoryError
in Python instead of exhausting the machine.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable
from multiprocessing.connection import wait
from typing import Any


def _address_space() -> int | None:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def limit_memory(memory_mb: int | None) -> None:
    """Cap this process's address space at its current size plus `memory_mb` (where the OS allows it)."""
    if not memory_mb:
        return
    try:
        import resource
    except ImportError:  # not POSIX
        return
    base = _address_space()
    if base is None:
        return
    limit = base + memory_mb * 1024 * 1024
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass


def _worker(conn, fn: Callable[[Any], Any], init: Callable[[], None] | None, memory_mb: int | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when the class stops
    if init is not None:
        init()
    limit_memory(memory_mb)
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        index, item = msg
        try:
            result = fn(item)
        except MemoryError:
            result = ("memory", index)
        except Exception as e:  # fn promises not to raise; if it does, say so rather than die
            result = ("error", f"{type(e).__name__}: {e}")
        try:
            conn.send((index, result))
        except (OSError, ValueError, MemoryError):
            return


class _Slot:
    def __init__(self, ctx, fn, init, memory_mb) -> None:
        self.parent, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(child, fn, init, memory_mb), daemon=True)
        self.proc.start()
        child.close()
        self.index: int | None = None
        self.started = 0.0

    def kill(self) -> None:
        try:
            self.proc.kill()
        except (OSError, AttributeError):
            pass
        self.proc.join(5)
        self.parent.close()


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def run(fn: Callable[[Any], Any], items: list[Any], jobs: int, on_failure: Callable[[Any, str], Any],
        init: Callable[[], None] | None = None, hard_timeout: float = 60.0, memory_mb: int | None = None,
        check_result: Callable[[Any, Any], Any] | None = None) -> list[Any]:
    """`[fn(item) ...]` in `jobs` processes, in order; a lost item becomes `on_failure(item, reason)`.

    `check_result(item, result)` may turn a worker's `("memory"|"error", ...)` tuple into a proper result."""
    ctx = _context()
    results: list[Any] = [None] * len(items)
    done = [False] * len(items)
    todo = deque(range(len(items)))
    slots = [_Slot(ctx, fn, init, memory_mb) for _ in range(min(jobs, len(items)) or 1)]

    def feed(slot: _Slot) -> None:
        if todo:
            i = todo.popleft()
            slot.index, slot.started = i, time.monotonic()
            try:
                slot.parent.send((i, items[i]))
            except (OSError, ValueError):
                fail(slot, "the grading process could not be reached")
        else:
            slot.index = None

    def finish(i: int, result: Any) -> None:
        results[i] = result
        done[i] = True

    def fail(slot: _Slot, reason: str) -> None:
        if slot.index is not None and not done[slot.index]:
            finish(slot.index, on_failure(items[slot.index], reason))
        slot.kill()
        slots[slots.index(slot)] = fresh = _Slot(ctx, fn, init, memory_mb)
        feed(fresh)

    try:
        for slot in slots:
            feed(slot)
        while not all(done):
            busy = [s for s in slots if s.index is not None]
            if not busy:
                break
            ready = wait([s.parent for s in busy] + [s.proc.sentinel for s in busy], timeout=0.5)
            now = time.monotonic()
            for slot in list(busy):
                if slot.parent in ready:
                    try:
                        index, result = slot.parent.recv()
                    except (EOFError, OSError):
                        code = slot.proc.exitcode if not slot.proc.is_alive() else None
                        fail(slot, _death(code))
                        continue
                    if check_result is not None:
                        result = check_result(items[index], result)
                    finish(index, result)
                    feed(slot)
                elif slot.proc.sentinel in ready or not slot.proc.is_alive():
                    slot.proc.join(1)
                    fail(slot, _death(slot.proc.exitcode))
                elif now - slot.started > hard_timeout:
                    fail(slot, f"stopped after {hard_timeout:g} s: the submission did not finish within the time "
                               "limit (its grading process was stopped)")
    finally:
        for slot in slots:
            try:
                slot.parent.send(None)
            except (OSError, ValueError):
                pass
        for slot in slots:
            slot.proc.join(2)
            if slot.proc.is_alive():
                slot.kill()
    return results


def _death(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        hint = " (killed: most likely out of memory)" if -code == signal.SIGKILL else ""
        return f"the grading process died ({name}){hint}"
    return f"the grading process died (exit code {code})"
