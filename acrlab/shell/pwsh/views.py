"""Default views by output type, as a module's format.ps1xml declares them: a table or a list of labelled columns,
each a property or a computed value. Out-Default, Format-Table and Format-List use the view of an object's type;
objects without one fall back to PowerShell's rule (up to 4 properties: table, more: list)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .values import PSObject


@dataclass
class View:
    kind: str  # "table" | "list"
    columns: list[tuple[str, Callable]]
    """(label, value of an object) in display order."""

    @property
    def labels(self) -> list[str]:
        return [label for label, _ in self.columns]

    def calculated(self) -> dict[str, Callable]:
        return dict(self.columns)


VIEWS: dict[str, View] = {}


def register(type_name: str, kind: str, *columns) -> None:
    """Columns: "Prop" (shown under its own name), ("Label", "Prop") or ("Label", fn(obj))."""
    cols: list[tuple[str, Callable]] = []
    for c in columns:
        label, source = (c, c) if isinstance(c, str) else c
        cols.append((label, source if callable(source) else _getter(source)))
    VIEWS[type_name.lower()] = View(kind, cols)


def _getter(name: str) -> Callable:
    return lambda o: o.get(name) if isinstance(o, PSObject) else None


def find(obj) -> View | None:
    if isinstance(obj, PSObject):
        return VIEWS.get(obj.type_name.lower())
    return None
