"""Installing: the README's two Quick start commands, CI running the same test command, and a wheel that
carries everything (scenarios, notebooks, Learn pages) when installed into a fresh venv outside the repo."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
    return [block.strip() for block in re.findall(r"```bash\n(.*?)```", section, flags=re.S)]


def test_quick_start_has_two_commands_and_ci_runs_the_test_one():
    install_and_run, install_and_test = quick_start_commands()
    assert "python3 -m venv .venv" in install_and_run and install_and_run.endswith("&& acrlab")
    assert "pip install -e '.[test]'" in install_and_test and install_and_test.endswith("python -m pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert install_and_test in ci.splitlines()
    assert "ruff check acrlab tests benchmarks" in ci


def test_extras_keep_the_core_lean_and_test_pulls_what_the_suite_imports():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    core = " ".join(project["dependencies"])
    for heavy in ("textual-serve", "ipython", "matplotlib", "jupyterlab", "moto", "boto3"):
        assert heavy not in core
    for imported in ("textual", "rich", "python-dateutil", "pydantic", "regex", "orjson"):
        assert imported in core
    extras = project["optional-dependencies"]
    assert {"jupyterlab", "ipykernel", "matplotlib", "ipython"} <= {re.split(r"[<>=\[]", d)[0] for d in
                                                                    extras["notebooks"]}
    assert any(d.startswith("textual-serve") for d in extras["serve"])
    assert {"moto[ecr]", "boto3"} <= {re.split(r"[<>=]", d)[0] for d in extras["bench"]}
    assert "acrlab[serve,bench]" in extras["test"]


@pytest.mark.skipif(os.environ.get("ACRLAB_SKIP_WHEEL") == "1", reason="ACRLAB_SKIP_WHEEL=1")
def test_a_wheel_installed_in_a_fresh_venv_has_scenarios_notebooks_and_learn_pages(tmp_path):
    wheels = tmp_path / "wheels"
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(wheels)],
                       capture_output=True, text=True, timeout=300)
    if r.returncode != 0 and "Could not find a version" in r.stderr:
        pytest.skip("no package index to build the wheel with (setuptools)")
    assert r.returncode == 0, r.stderr[-2000:]
    wheel = next(wheels.glob("acrlab-*.whl"))
    venv = tmp_path / "venv"
    # dependencies come from the interpreter's site-packages; acrlab itself only from the wheel
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=120)
    py = venv / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(wheel)],
                   check=True, timeout=300, capture_output=True)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["ACRLAB_HOME"] = str(tmp_path / "home")

    def acrlab(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(venv / "bin" / "acrlab"), *args], cwd=outside, env=env, capture_output=True,
                              text=True, timeout=300)

    where = subprocess.run([str(py), "-c", "import acrlab; print(acrlab.__file__)"], cwd=outside, env=env,
                           capture_output=True, text=True, timeout=60).stdout
    assert str(venv) in where and str(ROOT) not in where, where
    r = acrlab("notebooks", "student", "out")
    assert r.returncode == 0, r.stderr
    assert len(list((outside / "out").glob("*.ipynb"))) >= 11
    r = acrlab("scenario", "list")
    assert r.returncode == 0 and "create-registry" in r.stdout, r.stderr
    pages = subprocess.run([str(py), "-c", "from acrlab.tui.learn import pages, notebook_path;"
                            "print(len(pages()), all(notebook_path(n).is_file() for p in pages() for n in p.notebooks))"],
                           cwd=outside, env=env, capture_output=True, text=True, timeout=120)
    count, linked = pages.stdout.split()
    assert int(count) >= 12 and linked == "True", pages.stderr
