"""Labs solved entirely in PowerShell (tests/pwsh/solutions/<scenario>[.<variant>].ps1) grade at 100%; plausible
PowerShell mistakes lose the checks that explain them."""

from __future__ import annotations

from pathlib import Path

import pytest

from acrlab.labs import grade

SOLUTIONS = sorted((Path(__file__).parent / "solutions").glob("*.ps1"))


def _report(scenario: str, text: str) -> dict:
    return grade(scenario, text, seed=0, kind="pwsh").to_dict()


@pytest.mark.parametrize("path", SOLUTIONS, ids=[p.name for p in SOLUTIONS])
def test_powershell_solution_scores_full_marks(path):
    d = _report(path.name.split(".", 1)[0], path.read_text())
    failed = {c["id"]: c["feedback"] for c in d["checks"] if not c["passed"]}
    assert d["error"] is None
    assert d["commands_failed"] == 0
    assert d["percent"] == 100.0, failed


NOT_IN_POWERSHELL = {
}
"""Scenarios whose task cannot be done with Azure PowerShell alone, with the reason."""


def test_every_scenario_has_a_powershell_solution_or_a_reason():
    from acrlab.labs import list_scenarios
    names = {p.name.split(".", 1)[0] for p in SOLUTIONS}
    every = {s if isinstance(s, str) else s.id for s in list_scenarios()}
    assert every - NOT_IN_POWERSHELL.keys() <= names, sorted(every - NOT_IN_POWERSHELL.keys() - names)
    assert not NOT_IN_POWERSHELL.keys() & names


def _failed(scenario: str, text: str) -> set:
    return {c["id"] for c in _report(scenario, text)["checks"] if not c["passed"]}


def test_private_endpoint_without_private_dns_leaves_the_vm_unable_to_pull():
    text = (SOLUTIONS[0].parent / "private-registry.ps1").read_text()
    without_dns = text.split("# The VNet resolves")[0]
    assert "vm-pulls" in _failed("private-registry", without_dns)


def test_acr_pull_for_the_control_plane_identity_is_not_the_kubelet():
    text = """
$acr = Get-AzContainerRegistry -ResourceGroupName rg-containers -Name acrlabprod
$aks = Get-AzAksCluster -ResourceGroupName rg-aks -Name aks-prod
New-AzRoleAssignment -ObjectId $aks.Identity.PrincipalId -RoleDefinitionName AcrPull -Scope $acr.Id
$sp = Get-AzADServicePrincipal -DisplayName sp-ci
New-AzRoleAssignment -ApplicationId $sp.AppId -RoleDefinitionName AcrPush -Scope $acr.Id
"""
    assert {"kubelet-pull", "control-plane-not-used"} <= _failed("least-privilege-aks", text)


def test_replica_without_premium_fails_and_loses_the_replica_check():
    text = "New-AzContainerRegistryReplication -ResourceGroupName rg-containers -RegistryName acrlabglobal " \
           "-Location eastus"
    d = _report("geo-replicate", text)
    assert d["commands_failed"] == 1
    assert {"replica-region", "premium"} <= {c["id"] for c in d["checks"] if not c["passed"]}
