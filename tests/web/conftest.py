"""A lab set up once per script and forked per test (the set-up runs once per worker)."""

from __future__ import annotations

from functools import cache

import pytest

from acrlab import Lab


@cache
def _built(script: str) -> Lab:
    lab = Lab(seed=0)
    r = lab.run(script)
    assert r.exit_code == 0, r.stderr
    return lab


def lab_after(script: str) -> Lab:
    """A fresh copy of a lab that ran `script`."""
    return _built(script).fork()


@pytest.fixture
def lab(request):
    """A fork of the lab the test module's SETUP script prepared (a fresh lab for modules without one)."""
    setup = getattr(request.module, "SETUP", None)
    return lab_after(setup) if setup else Lab(seed=0)
