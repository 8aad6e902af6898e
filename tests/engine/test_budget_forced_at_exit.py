"""A stop the watchdog forces just as a command ends never escapes Lab.run or Lab.advance.

The watchdog forces a stop (an asynchronous exception) while holding the lock that `metered.__exit__` waits
for; the exception is then delivered while the `with` is being left. It must be caught by the command's own
handler (or cleared), and the meter's context must be reset, so the next command runs under a meter of its
own."""
from __future__ import annotations

import pytest

from acrlab import Lab
from acrlab.engine import budget


def _force_while_leaving(monkeypatch):
    """remove() forces the leaving meter first, as the watchdog does when it wins the race for the lock."""
    real_remove = budget._WATCHDOG.remove

    def remove(meter):
        if not meter.forced:
            meter._stop(budget.Stopped("time"))
            meter.forced = True
            budget._force(meter)
        real_remove(meter)

    monkeypatch.setattr(budget._WATCHDOG, "remove", remove)


def test_a_stop_forced_while_a_command_ends_stays_inside_lab_run(monkeypatch):
    lab = Lab(seed=0)
    _force_while_leaving(monkeypatch)
    r = lab.run("echo hello")  # must return a Result, not raise
    assert 0 <= r.exit_code <= 255
    assert budget.current() is None  # the meter's context was reset
    monkeypatch.undo()
    r = lab.run("echo again")
    assert r.exit_code == 0 and r.stdout == "again\n"


def test_a_stop_forced_while_the_clock_advance_ends_is_budget_exceeded_with_its_reason(monkeypatch):
    lab = Lab(seed=0)
    _force_while_leaving(monkeypatch)
    with pytest.raises(budget.BudgetExceeded) as refused:  # the API's documented refusal, never a bare Stopped
        lab.advance("1h")
    # the reason the watchdog flagged (time), not the mechanism that delivered it
    assert "time budget" in str(refused.value) and "forced" not in str(refused.value)
    assert budget.current() is None
    monkeypatch.undo()
    assert lab.run("echo ok").exit_code == 0
