"""Labs solved with one Bicep file (tests/iac/solutions/<scenario>.bicep), deployed as the grader deploys a submission
(`az deployment group create -g <rg> --template-file main.bicep`), grade at 100%; the same file built to ARM JSON
(`az bicep build`) and submitted as azuredeploy.json grades the same. Every other scenario is listed with the reason
a deployment cannot do its task."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from acrlab import iac
from acrlab.labs import grade

SOLUTIONS = sorted((Path(__file__).parent / "solutions").glob("*.bicep"))

_PRINCIPAL = ("the role assignment's principal is a service principal: a template cannot look it up by name "
              "(Microsoft Graph's Bicep extension needs its appId) and the grader passes no object id")
NOT_IN_BICEP = {
    "abac-repository-permissions": _PRINCIPAL,
    "content-trust": _PRINCIPAL,
    "custom-role-minimal": _PRINCIPAL + " (the custom role itself deploys)",
    "least-privilege-aks": _PRINCIPAL + " (the kubelet's AcrPull deploys, from the existing cluster's identityProfile)",
    "admin-account-cleanup": "regenerating the admin passwords is the regenerateCredential action, not a resource",
    "aks-kubelet-identity": "the control-plane identity's AcrPull must be deleted (an incremental deployment never "
                            "deletes) and the pods restarted with kubectl",
    "aks-overprivileged": "the excess role assignments must be deleted; a deployment only creates and updates",
    "ci-push-denied": "the Contributor assignment must be deleted; a deployment only creates and updates",
    "webhook-notify": "Basic holds two webhooks: the decommissioned one must be deleted before notifyci fits",
    "partner-token": "a token's password comes from the generateCredentials action, which templates cannot call "
                     "(only list* functions run during a deployment)",
    "partner-token-broken": "the token needs a password (generateCredentials action, see partner-token)",
    "group-based-access": "Entra ID groups and their members are Microsoft Graph objects, not ARM resources",
    "vm-managed-identity": "turning on the VM's identity redeploys the whole VM (image, disks, NIC, credentials), "
                           "which the lab's templates do not model",
    "defender-scanning": "the task includes pushing an image (docker push), a data-plane operation",
    "import-other-subscription": "importing an image is the registry's importImage action, not a resource",
    "developer-push": "docker push and az acr login are data-plane operations",
    "pin-by-digest": "the rollout is a Kubernetes deployment (kubectl), not an ARM resource",
    "purge-old-tags": "deleting tags and manifests is a data-plane operation (az acr repository / acr purge)",
    "repository-housekeeping": "deleting tags and repositories is a data-plane operation",
    "semantic-tags": "tagging images is a data-plane operation (az acr import / docker push)",
    "storage-usage": "deleting manifests is a data-plane operation",
    "quick-build": "az acr build uploads a local build context; templates cannot",
    "pipeline-build": "az acr build uploads a local build context; templates cannot",
    "multistep-task": "az acr run --file with a local context; the task file is written locally",
    "soft-delete-restore": "restoring the deleted manifest is a data-plane operation (az acr manifest restore)",
}
"""Scenarios whose task one Bicep deployment cannot do, with the reason."""


def _report(scenario: str, text: str, kind: str = "bicep") -> dict:
    return grade(scenario, text, seed=0, kind=kind).to_dict()


def _assert_full_marks(d: dict) -> None:
    failed = {c["id"]: c["feedback"] for c in d["checks"] if not c["passed"]}
    assert d["error"] is None
    assert d["commands_failed"] == 0, d["failures"]
    assert d["percent"] == 100.0, failed


@pytest.mark.parametrize("path", SOLUTIONS, ids=[p.name for p in SOLUTIONS])
def test_bicep_solution_scores_full_marks(path):
    _assert_full_marks(_report(path.stem, path.read_text()))


SELF_CONTAINED = [p for p in SOLUTIONS if "load" not in p.read_text()]
"""Solutions that read no lab file when built (loadTextContent reads the lab's github-pat.txt)."""


@pytest.mark.parametrize("path", SELF_CONTAINED, ids=[p.name for p in SELF_CONTAINED])
def test_the_built_arm_template_scores_the_same(path):
    template = json.loads(iac.compile_source(path.read_text(), path.name))
    _assert_full_marks(_report(path.stem, json.dumps(template, indent=2), kind="arm"))


def test_every_scenario_has_a_bicep_solution_or_a_reason():
    from acrlab.labs import list_scenarios
    names = {p.stem for p in SOLUTIONS}
    every = {s if isinstance(s, str) else s.id for s in list_scenarios()}
    assert every - NOT_IN_BICEP.keys() <= names, sorted(every - NOT_IN_BICEP.keys() - names)
    assert not NOT_IN_BICEP.keys() & names
    assert NOT_IN_BICEP.keys() <= every, sorted(NOT_IN_BICEP.keys() - every)


def test_a_retention_policy_on_standard_fails_the_deployment_and_the_checks():
    text = (SOLUTIONS[0].parent / "retention-untagged.bicep").read_text().replace("'Premium'", "'Standard'")
    d = _report("retention-untagged", text)
    assert d["commands_failed"] == 1
    assert {"premium", "retention"} <= {c["id"] for c in d["checks"] if not c["passed"]}


def test_an_endpoint_without_its_dns_zone_leaves_the_vm_unable_to_pull():
    text = (SOLUTIONS[0].parent / "vm-cannot-pull-private.bicep").read_text()
    without_dns = text.split("resource zone ")[0]
    assert "vm-pulls" in {c["id"] for c in _report("vm-cannot-pull-private", without_dns)["checks"] if not c["passed"]}
