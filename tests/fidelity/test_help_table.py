"""Every declared az command prints help (summary, required arguments marked); commands a learner may try that need
the internet say plainly they are not available in the lab."""

from __future__ import annotations

import pytest

from acrlab import Lab
from acrlab.shell.az.framework import COMMANDS, GROUPS, load

load()
PATHS = sorted(COMMANDS)


@pytest.fixture(scope="module")
def lab_once():
    return Lab(seed=0)


@pytest.mark.parametrize("path", PATHS)
def test_every_command_has_help(lab_once, path):
    cmd = COMMANDS[path]
    assert cmd.summary.strip(), path
    r = lab_once.run(f"az {path} --help")
    assert r.exit_code == 0 and "Traceback" not in r.stderr, r.stderr
    assert f"    az {path} : " in r.stdout
    for a in cmd.args:
        if a.hidden:
            continue
        shown = a.dest.upper() if a.kind == "positional" else " ".join(a.option_list)
        assert (f"{shown} [Required]" in r.stdout) == a.required, (path, shown)


def test_every_acr_group_has_a_summary():
    for path in {" ".join(p.split()[:n]) for p in PATHS if p.startswith("acr ") for n in range(1, len(p.split()))}:
        assert GROUPS.get(path) and GROUPS[path].summary.strip(), path


@pytest.mark.parametrize("text", ['az find "az acr"', "az interactive", "az upgrade", "az feedback", "az self-test",
                                  "az extension add -n containerapp"])
def test_online_only_commands_say_so(lab, text):
    r = lab.run(text)
    assert r.exit_code == 1
    assert "is not available in the acrlab lab" in r.stderr and "misspelled" not in r.stderr
    assert r.stderr.startswith("ERROR: 'az ")


def test_find_points_at_help(lab):
    assert "Use 'az acr --help'" in lab.run('az find "az acr"').stderr


def test_extension_list_is_empty(cli):
    cli("az extension list", checks={"@": []})
