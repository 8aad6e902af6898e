"""The content-trust lab as Azure is today: DCT cannot be enabled on a new registry; the old runbook loses marks."""

from __future__ import annotations

import pytest

from acrlab.labs import grade

SP = 'SP=$(az ad sp list --display-name sp-release --query "[0].appId" -o tsv)\n'
ACR_ID = "ACR_ID=$(az acr show -n acrlabtrust --query id -o tsv)\n"

WRONG = {
    # the pre-2026 runbook: DCT on, AcrImageSigner only (no push right for the signature artifact)
    "old-runbook": (SP + ACR_ID + "az acr config content-trust update -r acrlabtrust --status enabled\n"
                    "az role assignment create --assignee $SP --role AcrImageSigner --scope $ACR_ID\n",
                    {"push", "pull"}),
    # the old runbook in full: works for pushing, but keeps a deprecated signer role
    "push-and-signer": (SP + ACR_ID + "az role assignment create --assignee $SP --role AcrPush --scope $ACR_ID\n"
                        "az role assignment create --assignee $SP --role AcrImageSigner --scope $ACR_ID\n",
                        {"least"}),
    # too broad
    "contributor": (SP + ACR_ID + "az role assignment create --assignee $SP --role Contributor --scope $ACR_ID\n",
                    {"least"}),
}


@pytest.mark.parametrize("name", sorted(WRONG))
def test_wrong_answers_lose_marks(name):
    text, must_fail = WRONG[name]
    report = grade("content-trust", text, seed=0, kind="bash")
    failed = {c.id for c in report.checks if not c.passed}
    assert must_fail <= failed, failed
    assert report.percent < 100


def test_reference_solution_is_full_marks():
    report = grade("content-trust", SP + ACR_ID + "az role assignment create --assignee $SP --role AcrPush "
                   "--scope $ACR_ID\n", seed=0, kind="bash")
    assert report.percent == 100, [(c.id, c.feedback) for c in report.checks if not c.passed]
