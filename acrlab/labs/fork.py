"""Copy a Lab so a check can change it (push, untag, move the clock) without touching the graded one.

`copy.deepcopy` copies functions by reference, so a listener that closes over the original Cloud
(e.g. a `clock.on_advance(lambda old, new: run_until(cloud, new))`) would keep acting on the original.
`fork` deep-copies and then rebinds such closures to the copies of the objects they captured.
"""

from __future__ import annotations

import copy
import types
from typing import Any

from ..lab import Lab


def _rebind(fn: Any, memo: dict) -> Any:
    if isinstance(fn, types.MethodType):
        owner = memo.get(id(fn.__self__))
        return types.MethodType(fn.__func__, owner) if owner is not None else fn
    if not isinstance(fn, types.FunctionType) or not fn.__closure__:
        return fn
    changed = False
    cells = []
    for cell in fn.__closure__:
        try:
            value = cell.cell_contents
        except ValueError:  # empty cell
            cells.append(cell)
            continue
        twin = memo.get(id(value))
        if twin is not None and twin is not value:
            cells.append(types.CellType(twin))
            changed = True
        else:
            cells.append(cell)
    if not changed:
        return fn
    new = types.FunctionType(fn.__code__, fn.__globals__, fn.__name__, fn.__defaults__, tuple(cells))
    new.__kwdefaults__ = fn.__kwdefaults__
    return new


def _rebind_container(value: Any, memo: dict) -> Any:
    if callable(value) and not isinstance(value, type):
        return _rebind(value, memo)
    if isinstance(value, list):
        value[:] = [_rebind_container(v, memo) for v in value]
    elif isinstance(value, dict):
        for k in list(value):
            value[k] = _rebind_container(value[k], memo)
    elif isinstance(value, tuple):
        return tuple(_rebind_container(v, memo) for v in value)
    return value


def fork(lab: Lab) -> Lab:
    memo: dict = {}
    twin = copy.deepcopy(lab, memo)
    cloud = twin.cloud
    clock = cloud.clock
    if isinstance(getattr(clock, "_listeners", None), list):
        _rebind_container(clock._listeners, memo)
    listeners = getattr(cloud, "_listeners", None)
    if isinstance(listeners, dict):
        for key in list(listeners):
            _rebind_container(listeners[key], memo)
    for key in list(cloud.state):
        cloud.state[key] = _rebind_container(cloud.state[key], memo)
    return twin
