"""The budget watchdog's thread is started once and kept (issue 19: no liveness query per command), and started
again when it has ended, or in a forked child, which inherits no threads."""
from __future__ import annotations

import os
import threading

import pytest

from acrlab import Lab
from acrlab.engine import budget
from acrlab.engine.budget import Limits


def test_an_ended_watchdog_is_started_again_and_still_stops_a_runaway_command(monkeypatch):
    lab = Lab(seed=0)
    assert lab.run("true").exit_code == 0
    first = budget._WATCHDOG.thread
    assert first is not None and first.is_alive()
    assert lab.run("true").exit_code == 0 and budget._WATCHDOG.thread is first  # kept, not asked about
    ended = threading.Event()
    monkeypatch.setattr(budget._WATCHDOG, "_watch", lambda: ended.wait(0))  # the next thread ends at once
    budget._WATCHDOG.thread = None  # as when the thread has ended
    assert lab.run("true").exit_code == 0
    budget._WATCHDOG.thread and budget._WATCHDOG.thread.join(5)
    assert budget._WATCHDOG.thread is None  # an ended watchdog says so
    monkeypatch.undo()
    with budget.metered(Limits(seconds=0.01)) as (meter, opened):  # a new watchdog is started, and it flags
        assert opened                                                # work past its deadline
        deadline = meter.deadline + 5
        while meter.flag is None and budget.time.monotonic() < deadline:
            ended.wait(0.01)  # (no checkpoint: only the watchdog can flag it)
    budget.release(meter)
    assert meter.flag is not None and meter.flag.reason == "time"
    assert budget._WATCHDOG.thread is not None and budget._WATCHDOG.thread.is_alive()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork only")
def test_a_forked_child_starts_its_own_watchdog():
    Lab(seed=0).run("true")
    parent_thread = budget._WATCHDOG.thread
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report whether a command ran under a live watchdog of its own
        ok = budget._WATCHDOG.thread is None and budget._MAIN[0] == threading.get_ident()
        ok = ok and Lab(seed=0).run("true").exit_code == 0
        ok = ok and budget._WATCHDOG.thread is not parent_thread and budget._WATCHDOG.thread.is_alive()
        os.write(write, b"1" if ok else b"0")
        os._exit(0)
    os.close(write)
    answer = os.read(read, 1)
    os.waitpid(pid, 0)
    assert answer == b"1"
