"""The SIGALRM backstop left pending by a finished command is switched off at interpreter exit: Python restores
SIGALRM's default action while it shuts down, and a timer firing then ends the process with "Alarm clock" (exit
142), turning a green test run red."""

from __future__ import annotations

import signal

import pytest

from acrlab import Lab
from acrlab.engine import budget


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no interval timers on this platform")
def test_the_pending_timer_is_disarmed_at_exit():
    Lab(seed=0).run("echo hi")
    assert signal.getitimer(signal.ITIMER_REAL)[0] > 0  # the lazy backstop stays armed after the command
    budget._disarm_at_exit()
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0 and budget._ALARM.expires is None
