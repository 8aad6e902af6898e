"""For each required scenario, a plausible wrong answer loses marks, and the feedback says why."""

from __future__ import annotations

import pytest

from acrlab.labs import grade

ACR_ID = "$(az acr show -n {reg} --query id -o tsv)"

# scenario -> (wrong submission, check ids that must fail, text the feedback must contain)
WRONG = {
    "least-privilege-aks": (
        # the classic over-grant: AcrPush for the cluster "to avoid problems", Contributor on the group for CI
        f"""KUBELET=$(az aks show -n aks-prod -g rg-aks --query identityProfile.kubeletidentity.objectId -o tsv)
        az role assignment create --assignee $KUBELET --role AcrPush --scope {ACR_ID.format(reg='acrlabprod')}
        SP=$(az ad sp list --display-name sp-ci --query "[0].appId" -o tsv)
        az role assignment create --assignee $SP --role Contributor --scope /subscriptions/$(az account show --query id -o tsv)/resourceGroups/rg-containers
        """,
        {"kubelet-no-push", "kubelet-roles", "sp-roles", "sp-no-delete"},
        "can also",
    ),
    "partner-token": (
        # pull on every repository through a system scope map
        "az acr token create -r acrlabshared -n partner-pull --scope-map _repositories_pull",
        {"token-scope", "no-billing"},
        "internal/billing",
    ),
    "retention-untagged": (
        # right idea, wrong number of days (after the tier change)
        "az acr update -n acrlabci --sku Premium\n"
        "az acr config retention update -r acrlabci --status enabled --days 7 --type UntaggedManifests",
        {"retention", "probe"},
        "30 days",
    ),
    "purge-old-tags": (
        # forgets --untagged and the filter: tags go, manifests stay, and the other team's repo is hit
        "az acr run --registry acrlabci --cmd \"acr purge --filter '.*:.*' --ago 30d\" /dev/null",
        {"untagged-gone", "web-untouched"},
        "untagged manifest",
    ),
    "geo-replicate": (
        "az acr update -n acrlabglobal --sku Premium\naz acr replication create -r acrlabglobal -l westus",
        {"replica-region"},
        "westus",
    ),
    "private-registry": (
        # closes the registry without a private way in
        "az acr update -n acrlabsecure --sku Premium\naz acr update -n acrlabsecure --public-network-enabled false",
        {"endpoint-approved", "endpoint-subnet", "vm-pulls"},
        "not allowed access",
    ),
    "admin-account-cleanup": (
        # disables the admin user but never rotates, and gives the pipeline Owner
        "az acr update -n acrlablegacy --admin-enabled false\n"
        "SP=$(az ad sp list --display-name sp-build --query \"[0].appId\" -o tsv)\n"
        f"az role assignment create --assignee $SP --role Owner --scope {ACR_ID.format(reg='acrlablegacy')}",
        {"password1-rotated", "password2-rotated", "sp-least"},
        "Renew both",
    ),
    "pin-by-digest": (
        # tag instead of digest
        "az aks get-credentials -g rg-aks -n aks-prod\n"
        "kubectl set image deployment/api api=acrlabprod.azurecr.io/api:v2.0.0",
        {"by-digest"},
        "api:v2.0.0",
    ),
    "quick-build": (
        # builds locally and pushes: a Docker engine the brief says is not there, and no ACR task
        "az acr login -n acrlabbuild\ndocker build -t acrlabbuild.azurecr.io/api-gateway:v1.0.0 .\n"
        "docker push acrlabbuild.azurecr.io/api-gateway:v1.0.0",
        {"built-in-azure"},
        "not built by an ACR task",
    ),
}


@pytest.mark.parametrize("sid", sorted(WRONG))
def test_plausible_wrong_answer_loses_marks_with_feedback(sid):
    text, must_fail, hint = WRONG[sid]
    report = grade(sid, text, seed=0, kind="bash")
    failed = {c.id for c in report.checks if not c.passed}
    assert 0 < report.percent < 100 or must_fail <= failed
    assert must_fail <= failed, f"{sid}: expected {must_fail} to fail, failed: {failed}"
    feedback = "\n".join(c.feedback for c in report.checks if c.id in must_fail)
    assert hint in feedback, f"{sid}: feedback lacks {hint!r}:\n{feedback}"
    assert report.score < report.max_score


def test_missing_token_and_blocked_message_only_checks_say_what_to_fix():
    """Playing partner-token by hand: before any token exists the scope check names the missing token (not an ARM
    error), and a message-only check that only waits for another check says so instead of blaming the admin user."""
    report = grade("partner-token", "az group list -o none", seed=0).to_dict()
    checks = {c["id"]: c["feedback"] for c in report["checks"]}
    assert "token partner-pull does not exist in acrlabshared" in checks["token-scope"]
    assert "ResourceNotFound" not in checks["token-scope"] and "aka.ms" not in checks["token-scope"]
    assert checks["admin-off"].startswith("earned once this passes too: ")
    report = grade("partner-token", "az acr update -n acrlabshared --admin-enabled true -o none\n"
                   "az acr token create -r acrlabshared -n partner-pull --repository partner/app content/read",
                   seed=0).to_dict()
    admin = next(c for c in report["checks"] if c["id"] == "admin-off")
    assert not admin["passed"] and "never a partner credential" in admin["feedback"]
