"""Work budgets: everything a learner starts (one command line, one `lab advance`) runs under a time, step
and memory allowance, and can be interrupted from another thread; it stops with a clear reason, never hangs.

* `Limits` are the allowances (per Session / Lab; `DEFAULT_LIMITS` otherwise).
* `metered(limits)` opens a `Meter` for the work in this thread (a nested call joins the open one, so a
  command substitution or an ACR task run inside a command shares the command's budget).
* `checkpoint()` is called at step points (each bash simple command, loop iteration and function call,
  each PowerShell statement, each timeline job): it counts a step and raises `Stopped` when a limit is
  reached or `Meter.interrupt()` was called. Cost: a context-variable read and two comparisons.
* `charge(nbytes, what)` refuses one allocation bigger than the memory allowance before it is made
  (`'a' * 1e10`, `printf '%*s' 3000000000`); a watchdog thread samples the process's resident memory and
  the wall clock while a meter is open, and flags the meter so the next checkpoint stops. Code that runs
  long without a checkpoint is stopped after a grace period by an asynchronous exception, and in the main
  thread by a SIGALRM timer (which also ends a catastrophic regular expression in `re`, during which no
  other thread can run). Learner-written regular expressions go through shell/user_regex.py (the `regex`
  package with the time that remains as its timeout), which works in any thread.
* `seconds_left()` gives blocking calls (regex timeouts) the time that remains.

`Stopped` derives from BaseException, so `except Exception` in a program never swallows it.
"""

from __future__ import annotations

import _signal  # type: ignore[import-not-found]  # the C module behind signal
import atexit
import contextvars
import ctypes
import os
import threading
import time
from dataclasses import dataclass

EXIT_BUDGET = 124
"""Exit status of a command stopped by its budget (as `timeout` uses)."""
EXIT_INTERRUPTED = 130
"""Exit status of an interrupted command (128 + SIGINT, as bash reports ctrl+c)."""
GRACE = 1.0
"""Seconds a flagged command may run on without reaching a checkpoint before it is stopped forcibly."""
POLL = 0.05
YIELD_EVERY = 0.02
YIELD_FOR = 0.002
"""Off the main thread (the app runs commands in a worker), a command sleeps YIELD_FOR every YIELD_EVERY seconds
of work at a checkpoint: a CPU-bound command otherwise holds the GIL against the app's event loop, whose every
turn then waits a switch interval, so keys and ctrl+c took seconds each (halved under load; costs 10%)."""


@dataclass(frozen=True)
class Limits:
    """What one command may use. `memory_mb` counts growth of the process's resident memory while it runs."""

    seconds: float = 20.0
    steps: int = 1_000_000
    memory_mb: int = 1024
    output_mb: float = 64
    """Per stream (stdout, stderr) and per file a command writes; also the largest single string value."""

    @property
    def output_bytes(self) -> int:
        return int(self.output_mb * 1024 * 1024)


DEFAULT_LIMITS = Limits()
DEFAULT_CAP = _DEFAULT_CAP = DEFAULT_LIMITS.output_bytes  # output_cap() outside any command


class Stopped(BaseException):
    """The work was stopped: `reason` is 'time', 'steps', 'memory', 'output' or 'interrupted'."""

    def __init__(self, reason: str = "time", detail: str = "") -> None:
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail

    @property
    def exit_code(self) -> int:
        return EXIT_INTERRUPTED if self.reason == "interrupted" else EXIT_BUDGET

    def message(self, limits: Limits) -> str:
        """The line shown on stderr."""
        if self.reason == "interrupted":
            return "^C (interrupted)"
        what = {
            "time": f"it ran longer than its time budget ({limits.seconds:g} s)",
            "steps": f"it took more than its step budget ({limits.steps:,} steps: commands, loop iterations, "
                     "function calls)",
            "memory": f"it used more than its memory budget ({limits.memory_mb} MB)",
            "output": f"its output passed the output budget ({limits.output_mb:g} MB)",
        }.get(self.reason, self.reason)
        detail = f": {self.detail}" if self.detail else ""
        return f"acrlab: the command was stopped because {what}{detail}; what it did before that stands."


class BudgetExceeded(RuntimeError):
    """For API callers (`Lab.advance`): the work did not fit its budget; the message says which."""


class _Forced(Stopped):
    """Raised asynchronously by the watchdog (it must be constructible without arguments)."""

    def __init__(self) -> None:
        super().__init__("forced")


def cause(stop: Stopped, meter: Meter | None) -> Stopped:
    """The stop to report: a forced one (the watchdog's asynchronous exception carries no reason) stands for the
    reason the meter was flagged with (time, memory, interrupted)."""
    if stop.reason == "forced" and meter is not None and meter.flag is not None:
        return meter.flag
    return stop


class Meter:
    """The running tally of one piece of work."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.output_cap = limits.output_bytes
        self.steps = 0
        self.started = time.monotonic()
        self.deadline = self.started + limits.seconds
        self.flag: Stopped | None = None
        """Set (by interrupt() or the watchdog) to stop at the next checkpoint."""
        self.flagged_at = 0.0
        self.thread_id = threading.get_ident()
        self.is_main = self.thread_id == _MAIN[0]
        self.next_yield = self.started + YIELD_EVERY
        self.rss0 = recent_resident_bytes(self.started)
        self.forced = False
        self.active = True

    def step(self, n: int = 1) -> None:
        self.steps += n
        if self.flag is not None:
            raise Stopped(self.flag.reason, self.flag.detail)
        if self.steps > self.limits.steps:
            raise self._stop(Stopped("steps"))
        if not self.steps & 63:
            now = time.monotonic()
            if now > self.deadline:
                raise self._stop(Stopped("time"))
            if now >= self.next_yield and not self.is_main:
                self.next_yield = now + YIELD_EVERY
                time.sleep(YIELD_FOR)

    def _stop(self, stop: Stopped) -> Stopped:
        if self.flag is None:
            self.flag, self.flagged_at = stop, time.monotonic()
        return stop

    def interrupt(self) -> None:
        """Ask the work to stop at its next checkpoint (safe from any thread)."""
        self._stop(Stopped("interrupted"))

    def charge(self, nbytes: int, what: str) -> None:
        if nbytes > self.limits.memory_mb * 1024 * 1024:
            raise self._stop(Stopped("memory", f"{what} would need {nbytes / 2**20:,.0f} MB"))

    def seconds_left(self) -> float:
        return max(0.0, self.deadline - time.monotonic())


_current: contextvars.ContextVar[Meter | None] = contextvars.ContextVar("acrlab_meter", default=None)


current = _current.get  # current() -> the Meter of the work running here, or None (asked on every command)


def checkpoint(n: int = 1) -> None:
    """Count `n` steps of the current work; raises Stopped when it must stop."""
    meter = _current.get()
    if meter is not None:
        meter.step(n)


def charge(nbytes: int, what: str) -> None:
    """Refuse one allocation of `nbytes` that would exceed the memory budget by itself."""
    meter = _current.get()
    if meter is not None:
        meter.charge(nbytes, what)
    elif nbytes > DEFAULT_LIMITS.memory_mb * 1024 * 1024:
        raise Stopped("memory", f"{what} would need {nbytes / 2**20:,.0f} MB")


def check_size(nchars: int, what: str) -> None:
    """Refuse to build one string longer than the output budget (a printf width, `'a' * 1e9`)."""
    cap = limits().output_bytes
    if nchars > cap:
        meter = _current.get()
        stop = Stopped("output", f"{what} would be {nchars:,} characters")
        raise meter._stop(stop) if meter is not None else stop


def seconds_left(default: float | None = None) -> float | None:
    meter = _current.get()
    return meter.seconds_left() if meter is not None else default


def limits() -> Limits:
    meter = _current.get()
    return meter.limits if meter is not None else DEFAULT_LIMITS


def output_cap() -> int:
    """The current output budget in bytes (every stream a command writes is capped at it)."""
    meter = _current.get()
    return meter.output_cap if meter is not None else _DEFAULT_CAP


class metered:  # noqa: N801  (used as a function: `with metered(limits) as (meter, opened):`)
    """Run the body under a meter: (meter, True) when this call opened it, (outer meter, False) when nested.

    A class rather than a generator context manager: it runs around every command."""

    __slots__ = ("limits", "meter", "token")

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits
        self.meter: Meter | None = None
        self.token: contextvars.Token[Meter | None] | None = None

    def __enter__(self) -> tuple[Meter, bool]:
        outer = _current.get()
        if outer is not None:
            return outer, False
        meter = self.meter = Meter(self.limits or DEFAULT_LIMITS)
        self.token = _current.set(meter)
        _ALARM.arm(meter)
        _WATCHDOG.add(meter)
        return meter, True

    def __exit__(self, *exc) -> None:
        meter, token = self.meter, self.token
        if meter is not None and token is not None:
            self.meter = None
            try:
                _WATCHDOG.remove(meter)  # after this neither the watchdog nor the alarm handler stops this meter
            finally:
                _current.reset(token)
            if meter.forced:
                _unforce(meter)


def release(meter: Meter) -> None:
    """Make sure the work of `meter` is over, even when an asynchronous stop (the alarm handler, the watchdog)
    landed inside its `metered` block's exit: the meter is no longer current (a leaked one would make every
    later command in this thread a nested one, stopped at once, outside the handlers that report a stop), the
    watchdog and the alarm leave it alone, and a forced stop it already sent is withdrawn."""
    if meter.active:  # (remove() clears it under the watchdog's lock: inactive means removed already)
        _WATCHDOG.remove(meter)
    if _current.get() is meter:
        _current.set(None)
    if meter.forced and meter.thread_id == threading.get_ident():
        _unforce(meter)


class _Alarm:
    """In the main thread, a kernel timer (SIGALRM) GRACE seconds after the deadline: the backstop for work
    that holds the interpreter without a checkpoint, such as catastrophic backtracking in `re` (which checks
    for signals, while no other thread can run). Not armed when another handler owns SIGALRM.

    The handler is installed the first time and then left in place, and the timer is set lazily: a command
    whose backstop falls after the pending expiry leaves the timer alone, and when it fires the handler stops
    the running command if its backstop has passed, otherwise sets the timer again for it (or, with no command
    running, leaves it off). So a command usually costs no system call here; `_signal` is used directly because
    the `signal` module's enum conversions cost more than the rest of a short command's bookkeeping."""

    def __init__(self) -> None:
        self.expires: float | None = None
        """When the pending timer fires (monotonic seconds), None when it is off."""

    def arm(self, meter: Meter) -> None:
        if not meter.is_main or not _HAS_ITIMER:
            return
        handler = _signal.getsignal(_signal.SIGALRM)
        if handler is not _on_alarm:
            if handler not in (_signal.SIG_DFL, _signal.SIG_IGN, None):
                return
            _signal.signal(_signal.SIGALRM, _on_alarm)
            self.expires = None
        backstop = meter.deadline + GRACE
        # (an expiry already past means other code cleared the timer before it fired)
        if self.expires is None or self.expires > backstop or self.expires < meter.started:
            self.set(backstop, meter.started)

    def set(self, at: float, now: float) -> None:
        self.expires = at
        _signal.setitimer(_signal.ITIMER_REAL, max(at - now, 0.001))

    def fired(self) -> None:
        self.expires = None
        meter = _current.get()
        if meter is None or not meter.active or not meter.is_main:
            return
        now, backstop = time.monotonic(), meter.deadline + GRACE
        if now >= backstop - 0.001:  # (setitimer rounds to the microsecond)
            raise meter._stop(Stopped("time"))
        self.set(backstop, now)


_ALARM = _Alarm()
_HAS_ITIMER = hasattr(_signal, "setitimer")
_MAIN = [threading.main_thread().ident]  # (Meter.is_main, kept; a forked child's main thread is its own)


def _after_fork_in_child() -> None:
    """A forked child (a grading worker) inherits no timer, no watchdog thread and has its own memory; the thread
    that forked is its main thread (threading's own fork handler, registered first, has made it so)."""
    global _RSS_SAMPLE
    _ALARM.expires = None
    _RSS_SAMPLE = (-1.0, None)
    _MAIN[0] = threading.main_thread().ident
    _WATCHDOG.thread, _WATCHDOG.lock = None, threading.Lock()  # (the parent's thread may have held the lock)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


def _on_alarm(signum, frame) -> None:
    _ALARM.fired()


def _disarm_at_exit() -> None:
    """A timer left pending by the last command must not outlive the interpreter's own handlers: at shutdown
    Python puts SIGALRM back to its default action, which would end the process ("Alarm clock", exit 142)."""
    if _ALARM.expires is not None and hasattr(_signal, "setitimer"):
        _signal.setitimer(_signal.ITIMER_REAL, 0)
        _ALARM.expires = None


atexit.register(_disarm_at_exit)


_STATM: tuple[int, int] | None = None
"""(pid, descriptor) of /proc/self/statm, opened once per process and re-read with pread."""


def resident_bytes() -> int | None:
    """This process's resident memory (Linux /proc; None where it cannot be read cheaply). The file is opened
    once per process (a forked worker opens its own) and re-read in place: this runs for every command."""
    global _STATM
    try:
        pid = os.getpid()
        if _STATM is None or _STATM[0] != pid:
            _STATM = (pid, os.open("/proc/self/statm", os.O_RDONLY | getattr(os, "O_CLOEXEC", 0)))
        return int(os.pread(_STATM[1], 128, 0).split()[1]) * _PAGE
    except (OSError, ValueError, IndexError, AttributeError):
        return None


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
RSS_FRESH = 0.005
"""Seconds a resident-memory sample serves as the baseline of the next meters (commands come faster than that
in scripts and benchmarks; a memory budget is hundreds of MB, far more than a few milliseconds can allocate)."""
_RSS_SAMPLE: tuple[float, int | None] = (-1.0, None)


def recent_resident_bytes(now: float) -> int | None:
    """resident_bytes(), or a sample taken less than RSS_FRESH seconds before `now` (monotonic)."""
    global _RSS_SAMPLE
    taken, value = _RSS_SAMPLE
    if now - taken > RSS_FRESH or value is None:
        value = resident_bytes()
        _RSS_SAMPLE = (now, value)
    return value


class _Watchdog:
    """One daemon thread for all open meters: flags the ones past their deadline or memory budget and
    forces a stop on those that reach no checkpoint within GRACE seconds of being flagged."""

    def __init__(self) -> None:
        self.meters: dict[int, Meter] = {}
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None

    def add(self, meter: Meter) -> None:
        # No notify: the thread looks every POLL seconds anyway, and waking it for every command (most end
        # long before a deadline) cost more than the command itself.
        with self.lock:
            self.meters[id(meter)] = meter
            if self.thread is None:  # (None again in a forked child, or if the thread ever ended: see _run)
                self.thread = threading.Thread(target=self._run, name="acrlab-budget-watchdog", daemon=True)
                self.thread.start()

    def remove(self, meter: Meter) -> None:
        with self.lock:
            meter.active = False
            self.meters.pop(id(meter), None)

    def _run(self) -> None:
        try:
            self._watch()
        finally:  # an ended watchdog is started again by the next add()
            with self.lock:
                if self.thread is threading.current_thread():
                    self.thread = None

    def _watch(self) -> None:
        while True:
            with self.lock:
                meters = list(self.meters.values())
            if meters:
                now = time.monotonic()
                rss = resident_bytes() if any(m.rss0 is not None for m in meters) else None
                for m in meters:
                    with self.lock:  # remove() cannot run between the check of `active` and the force
                        self._judge(m, now, rss)
            time.sleep(POLL)

    @staticmethod
    def _judge(m: Meter, now: float, rss: int | None) -> None:
        if m.flag is None:
            if now > m.deadline:
                m._stop(Stopped("time"))
            elif rss is not None and m.rss0 is not None and rss - m.rss0 > m.limits.memory_mb * 1024 * 1024:
                m._stop(Stopped("memory"))
        if m.flag is not None and not m.forced and m.active and now - m.flagged_at > GRACE:
            m.forced = True
            _force(m)


def _force(m: Meter) -> None:
    """Stop Python code that reaches no checkpoint, with an asynchronous exception in its thread."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(m.thread_id), ctypes.py_object(_Forced))


def _unforce(m: Meter) -> None:
    """Withdraw a forced stop not yet delivered (it would land in whatever the thread runs next)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(m.thread_id), None)


_WATCHDOG = _Watchdog()
