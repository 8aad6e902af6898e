"""Role checks can name an Entra group (by display name or object id), and accept custom roles."""

from __future__ import annotations

import json

from pydantic import TypeAdapter

from acrlab.labs.checks import evaluate
from acrlab.labs.schema import Check


def _check(lab, spec):
    return evaluate(lab, TypeAdapter(Check).validate_python({"id": "check-1", "title": "t", **spec}))


def test_role_limit_on_a_group(cli, lab, rg):
    cli("az acr create -n grpacr1 -g rg-containers --sku Basic -o none")
    gid = cli("az ad group create --display-name acr-pushers --mail-nickname acrpushers --query id -o tsv").stdout.strip()
    acr_id = cli("az acr show -n grpacr1 --query id -o tsv").stdout.strip()
    cli(f"az role assignment create --assignee {gid} --role AcrPush --scope {acr_id} -o none")
    ok = _check(lab, {"kind": "role_limit", "principal": "acr-pushers", "roles": ["AcrPush"], "scope": acr_id})
    assert ok.passed, ok
    too_narrow = _check(lab, {"kind": "role_limit", "principal": gid, "roles": ["AcrPull"], "scope": acr_id})
    assert not too_narrow.passed


def test_role_assignment_check_with_a_custom_role(cli, lab, rg):
    cli("az acr create -n grpacr2 -g rg-containers --sku Basic -o none")
    sub = lab.cloud.subscription.subscription_id
    lab.write_file("role.json", json.dumps({"Name": "Registry Reader Pull", "Actions": [
        "Microsoft.ContainerRegistry/registries/read", "Microsoft.ContainerRegistry/registries/pull/read"],
        "AssignableScopes": [f"/subscriptions/{sub}"]}))
    cli("az role definition create --role-definition @role.json -o none")
    cli("az ad sp create-for-rbac -n sp-audit -o none")
    acr_id = cli("az acr show -n grpacr2 --query id -o tsv").stdout.strip()
    cli(f"az role assignment create --assignee $(az ad sp list --display-name sp-audit --query [0].id -o tsv) "
        f"--role 'Registry Reader Pull' --scope {acr_id} -o none")
    out = _check(lab, {"kind": "role_assignment", "principal": "sp-audit", "role": "Registry Reader Pull",
                       "scope": acr_id})
    assert out.passed, out
