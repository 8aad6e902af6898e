"""A learner can open a shell on the VM a lab's set-up created (the set-up ran as them), to try a pull there or
reproduce the failure a troubleshooting lab describes."""

from __future__ import annotations

from acrlab.labs import LabSession


def test_the_troubleshooter_reproduces_the_failure_on_the_vm():
    ls = LabSession("vm-cannot-pull-private", seed=0)
    assert ls.run("ssh vm-build").exit_code == 0
    assert ls.run("az login --identity -o none").exit_code == 0
    pull = ls.run("docker pull acrlabvault.azurecr.io/base/python:3.12")
    # then: the narrative's error, seen from the VM itself
    assert pull.exit_code == 1 and "is not allowed access" in pull.stderr
    ls.run("exit")
    assert ls.run("hostname").stdout.strip() == "workstation"
    assert "ssh vm-build" in ls.narrative
