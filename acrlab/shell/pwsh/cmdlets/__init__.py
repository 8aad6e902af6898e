"""Cmdlets, one module per module family. Each module registers its cmdlets with `@cmdlet(...)`."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from .base import REGISTRY, Cmdlet


@cache
def load_all() -> dict[str, Cmdlet]:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name != "base":
            importlib.import_module(f"{__name__}.{info.name}")
    return REGISTRY


def find(name: str) -> Cmdlet | None:
    reg = load_all()
    return reg.get(name.lower())
