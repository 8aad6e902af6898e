"""One time budget per graded submission: set-up, replay and evaluation together.

`Budget(seconds)` starts counting when it is made. Each phase runs under a `Deadline` cut from what is left
(`budget.deadline(share)`): the replay may use up to `REPLAY_SHARE` of the budget so that the checks always get
time to judge the state reached, and the evaluation gets everything that is left. A Deadline is a SIGALRM timer
where signals work (the main thread of a POSIX process), else it is checked between steps; either way it raises
TimeLimit, a BaseException, so that no `except Exception` inside the simulator swallows it.
"""

from __future__ import annotations

import signal
import threading
import time

TIME_LIMIT = 20.0
"""Seconds (wall clock) one submission may take to grade: set-up, replay and evaluation."""
REPLAY_SHARE = 0.75
"""The replay stops at this share of the budget; the rest is kept for judging the state."""


class TimeLimit(BaseException):
    """Raised when a Deadline passes."""


class Deadline:
    """A wall-clock bound: an alarm where signals work, else checked by `check()` between steps."""

    def __init__(self, seconds: float = TIME_LIMIT) -> None:
        self.seconds = max(0.0, seconds)
        self.start = time.monotonic()
        self._armed = False

    def __enter__(self):
        self.start = time.monotonic()
        if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
            self._old = signal.signal(signal.SIGALRM, self._fire)
            self._old_timer = signal.getitimer(signal.ITIMER_REAL)[0]  # e.g. the engine's pending backstop
            signal.setitimer(signal.ITIMER_REAL, max(self.seconds, 1e-3))
            self._armed = True
        return self

    def _fire(self, *_):
        raise TimeLimit()

    def expired(self) -> bool:
        return time.monotonic() - self.start > self.seconds

    def check(self) -> None:
        if self.expired():
            raise TimeLimit()

    def __exit__(self, *exc):
        if self._armed:
            self._armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._old)
            if self._old_timer > 0:  # the previous owner's timer goes on (late: at once), so its handler still runs
                left = self._old_timer - (time.monotonic() - self.start)
                signal.setitimer(signal.ITIMER_REAL, max(left, 1e-3))
        return False


class Budget:
    """The whole grade's time: phases take their deadlines from it."""

    def __init__(self, seconds: float = TIME_LIMIT) -> None:
        self.seconds = seconds
        self.start = time.monotonic()
        self.spent_in: dict[str, float] = {}

    def elapsed(self) -> float:
        return time.monotonic() - self.start

    def remaining(self) -> float:
        return max(0.0, self.seconds - self.elapsed())

    def replay_deadline(self) -> Deadline:
        """Until REPLAY_SHARE of the whole budget has passed."""
        return Deadline(max(0.0, self.seconds * REPLAY_SHARE - self.elapsed()))

    def rest(self) -> Deadline:
        return Deadline(self.remaining())
