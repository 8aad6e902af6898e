"""SimClock: the only source of time in a simulated tenant."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from functools import lru_cache

EPOCH = datetime(2026, 12, 1, 9, 0, 0, tzinfo=UTC)
"""Every fresh lab starts at this instant (a Tuesday, 09:00 UTC): Azure as of the lab's release (2026-12)."""

_DURATION_RE = re.compile(r"(\d+(?:\.\d+)?)(ms|us|ns|d|h|m|s)")
MAX_SECONDS = (datetime.max.replace(tzinfo=UTC) - EPOCH).total_seconds()
_UNITS = {"d": 86400.0, "h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001, "us": 1e-6, "ns": 1e-9}


def parse_duration(text: str | timedelta) -> timedelta:
    """Parse Go-style durations as acr purge and `lab.advance` accept: `3h`, `31d`, `2d3h6m`, `1.5h`."""
    if isinstance(text, timedelta):
        return text
    return _parse_text(str(text))


@lru_cache(maxsize=256)
def _parse_text(text: str) -> timedelta:
    """parse_duration of a string (a script advances by the same few durations over and over; errors are not
    cached)."""
    s = text.strip().lower()
    if not s:
        raise ValueError("empty duration")
    pos = 0
    total = 0.0
    for m in _DURATION_RE.finditer(s):
        if m.start() != pos:
            raise ValueError(f"invalid duration {text!r}")
        total += float(m.group(1)) * _UNITS[m.group(2)]
        pos = m.end()
    if pos != len(s):
        raise ValueError(f"invalid duration {text!r}: use units d, h, m, s (e.g. 2d3h)")
    if not total < MAX_SECONDS:
        raise ValueError(f"duration {text[:40]!r} is too long: the simulated clock ends in the year 9999")
    return timedelta(seconds=total)


def iso(dt: datetime | None) -> str | None:
    """Render a time the way ARM does: `2026-12-01T09:00:00.000000+00:00`."""
    if dt is None:
        return None
    return dt.astimezone(UTC).isoformat(timespec="microseconds")


def iso_z(dt: datetime | None) -> str | None:
    """Render a time the way the registry data plane does: `2026-12-01T09:00:00.0000000Z`."""
    if dt is None:
        return None
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f") + "0Z"


class SimClock:
    """A clock that only moves when told to."""

    def __init__(self, start: datetime = EPOCH) -> None:
        self._now = start
        self._listeners: list = []

    def now(self) -> datetime:
        return self._now

    def on_advance(self, listener) -> None:
        """Call `listener(old, new)` after each advance (retention, timers, token expiry)."""
        self._listeners.append(listener)

    def tick(self, seconds: float) -> None:
        """Move time forward a little without firing listeners (command latency)."""
        self._now += timedelta(seconds=seconds)

    def advance(self, delta: str | timedelta) -> datetime:
        d = parse_duration(delta)
        if d < timedelta(0):
            raise ValueError("time only moves forward")
        try:
            old, target = self._now, self._now + d
        except OverflowError:
            raise ValueError(f"the simulated clock cannot move {d.days:,} days on from {self._now:%Y-%m-%d}: "
                             "it ends in the year 9999") from None
        for listener in list(self._listeners):
            listener(old, target)
        self._now = max(self._now, target)
        return self._now
