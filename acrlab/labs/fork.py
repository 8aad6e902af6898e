"""Copy a Lab so a check can change it (push, untag, move the clock) without touching the graded one.

`Lab.fork()` is a plain deep copy: engine listeners hold their Cloud as data (the timeline's clock listener is a
small callable object, event handlers receive the cloud as an argument), so the copy's listeners act on the copy.
"""

from __future__ import annotations

from ..lab import Lab


def fork(lab: Lab) -> Lab:
    return lab.fork()
