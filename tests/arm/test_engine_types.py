"""`mypy acrlab/engine` reports no errors (configured in pyproject.toml; the README's developer notes)."""

from __future__ import annotations

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_engine_type_checks_clean():
    r = subprocess.run([sys.executable, "-m", "mypy", "acrlab/engine"], cwd=ROOT, capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-2000:]
