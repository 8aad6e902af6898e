"""Fuzz Lab.run with grammar-shaped bash and PowerShell lines (issue 12): nothing escapes, every exit code is
0-255, and no line hits the simulator's last-resort "internal error" handler. Deterministic (derandomized
hypothesis drawing seeds for tests/reliability/fuzz_grammar.py); the long run is benchmarks/fuzz_lab_run.py."""

from __future__ import annotations

import random

import pytest
from fuzz_grammar import bash_line, pwsh_line
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from acrlab import Lab
from acrlab.engine.budget import Limits

LIMITS = Limits(seconds=0.05, steps=500, memory_mb=512, output_mb=4)
FUZZ = settings(max_examples=1000, derandomize=True, deadline=None, database=None,
                phases=[Phase.explicit, Phase.generate, Phase.shrink],
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def fuzz_lab():
    lab = Lab(seed=7)
    lab.write_file("app/x.txt", "a\nb\nc\n")
    r = lab.run("az group create -n rg -l eastus -o none\naz acr create -n fuzzacr -g rg --sku Premium -o none\n"
                "az acr import -n fuzzacr --source docker.io/library/nginx:1.27 -t web:v1 -o none")
    assert r.exit_code == 0, r
    lab.limits = LIMITS
    return lab


def check(lab: Lab, line: str, shell: str) -> None:
    lab.session = lab.new_session()  # each line in a fresh terminal on the shared tenant
    r = lab.run(line, shell=shell)  # an exception here fails the test: nothing may escape Lab.run
    assert isinstance(r.exit_code, int) and 0 <= r.exit_code <= 255, (shell, line, r.exit_code)
    text = r.stdout + r.stderr
    assert "internal error in the simulator" not in text, (shell, line, text[-500:],
                                                           lab.session.state.get("internal_errors"))
    assert "Traceback (most recent call last)" not in text, (shell, line)


@FUZZ
@given(seed=st.integers(0, 2**32 - 1))
def test_fuzz_bash_lines(fuzz_lab, seed):
    check(fuzz_lab, bash_line(random.Random(seed)), "bash")


@FUZZ
@given(seed=st.integers(0, 2**32 - 1))
def test_fuzz_pwsh_lines(fuzz_lab, seed):
    check(fuzz_lab, pwsh_line(random.Random(seed)), "pwsh")
