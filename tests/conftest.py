"""Shared fixtures: a fresh lab per test, and JMESPath checks in the azure-cli ScenarioTest style."""

from __future__ import annotations

import os

import jmespath
import pytest

os.environ.setdefault("ACRLAB_HOME", os.path.join(os.path.dirname(__file__), ".acrlab-home-unused"))


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """Progress databases and config files go to a temporary directory, never the user's."""
    monkeypatch.setenv("ACRLAB_HOME", str(tmp_path / "acrlab-home"))


@pytest.fixture
def lab():
    from acrlab import Lab

    return Lab(seed=0)


class Runner:
    """`cli.run("az ...", checks={"sku.name": "Basic"})` asserts exit 0 and JMESPath values."""

    def __init__(self, lab):
        self.lab = lab

    def __call__(self, text: str, checks: dict | None = None, expect_exit: int = 0, shell: str = "bash"):
        r = self.lab.run(text, shell=shell)
        assert r.exit_code == expect_exit, f"{text!r} exited {r.exit_code}\nstdout:{r.stdout}\nstderr:{r.stderr}"
        if checks:
            data = r.json()
            for path, value in checks.items():
                got = jmespath.search(path, data)
                assert got == value, f"{path}: expected {value!r}, got {got!r}"
        return r


@pytest.fixture
def cli(lab):
    return Runner(lab)


@pytest.fixture
def rg(cli):
    cli("az group create -n rg-containers -l brazilsouth -o none")
    return "rg-containers"
