"""Other valid ways to solve the labs (another tool, flags, order, approach) score 100%; plausible invalid ones
do not. Submissions live in valid/ and invalid/ as `<scenario>.<variant>.<ext>` (seed 0 names)."""

from __future__ import annotations

from pathlib import Path

import pytest

from acrlab.labs import grade

HERE = Path(__file__).parent
VALID = sorted((HERE / "valid").iterdir())
INVALID = sorted((HERE / "invalid").iterdir())

# invalid submission -> the checks that must fail (the reason it is invalid)
MUST_FAIL = {
    # legacy Acr* roles are not honoured in ABAC mode; AcrPush is also not a subset of Repository Writer
    "abac-repository-permissions.acrpush.sh": {"team-a-push", "sp-roles"},
    "abac-repository-permissions.read-only-condition.sh": {"team-b-no-push"},
    "admin-account-cleanup.disable-before-renew.sh": {"password1-rotated", "password2-rotated"},
    "custom-role-minimal.write-action.sh": {"role-actions", "cannot-push", "cannot-update"},
    "group-based-access.per-user.sh": {"group-role", "no-user-assignments", "group-scope"},
    "least-privilege-aks.group-scope.sh": {"kubelet-roles", "sp-roles"},
    "partner-token.admin.sh": {"token-pull", "admin-off"},
    "pin-by-digest.tag-only.sh": {"by-digest"},
    "quick-build.task-dev-null-context.sh": {"tag-exists", "built-in-azure"},
    "retention-untagged.purge-task.sh": {"premium", "retention"},
    # az adds --ids only where arguments carry an id_part (azure-cli core arm.py); acr's _params.py declares none
    "private-registry.ids.sh": {"premium", "public-disabled"},
    "retention-untagged.ids.sh": {"premium", "retention"},
}


def _scenario(path: Path) -> str:
    return path.name.split(".", 1)[0]


@pytest.mark.parametrize("path", VALID, ids=[p.name for p in VALID])
def test_valid_alternative_scores_full_marks(path):
    report = grade(_scenario(path), str(path), seed=0).to_dict()
    failed = {c["id"]: c["feedback"] for c in report["checks"] if not c["passed"]}
    assert report["error"] is None
    assert report["percent"] == 100.0, failed


@pytest.mark.parametrize("path", INVALID, ids=[p.name for p in INVALID])
def test_invalid_path_loses_marks(path):
    report = grade(_scenario(path), str(path), seed=0).to_dict()
    failed = {c["id"] for c in report["checks"] if not c["passed"]}
    assert report["percent"] < 100.0
    assert MUST_FAIL[path.name] <= failed, failed


def test_every_invalid_path_names_its_reason():
    assert {p.name for p in INVALID} == set(MUST_FAIL)
