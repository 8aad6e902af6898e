"""Every built-in role x {pull, push, delete, sign, catalog, metadata, policies, assign} x {legacy, ABAC}.

Expected values are written out from acr-facts.md sections 3.2/3.3 (current directory reference): in RBAC mode
Owner/Contributor also sign (3.3 "everything incl. ... DCT signing"; the 2019 matrix left that column empty) and
Reader pulls and lists (2020+ docs). In ABAC mode AcrPull/AcrPush/AcrDelete and Owner/Contributor/Reader grant no
data access; the Repository roles do, and only Catalog Lister (or Data Importer) lists the catalog."""

from __future__ import annotations

import pytest

from acrlab import Lab
from acrlab.engine.dataplane import Credential, decide
from acrlab.engine.identity import create_service_principal
from acrlab.engine.roles import BUILTIN_ROLES

OPS = ["pull", "push", "delete", "sign", "catalog", "metadata", "policies", "assign"]
NONE = ""
DATA = "pull push delete sign catalog metadata"

LEGACY = {
    "Owner": "pull push delete sign catalog metadata policies assign",
    "Contributor": "pull push delete sign catalog metadata policies",
    "Reader": "pull catalog metadata",
    "User Access Administrator": "pull catalog metadata assign",  # */read covers pull/read
    "Role Based Access Control Administrator": "pull catalog metadata assign",
    "AcrPull": "pull catalog metadata",
    "AcrPush": "pull push catalog metadata",
    "AcrDelete": "delete",
    "AcrImageSigner": "sign",
    "Container Registry Contributor and Data Access Configuration Administrator": "policies",
    "Container Registry Data Importer and Data Reader": "pull catalog metadata",
}
ABAC = {
    "Owner": "policies assign",
    "Contributor": "policies",
    "User Access Administrator": "assign",
    "Role Based Access Control Administrator": "assign",
    "AcrImageSigner": "sign",
    "Container Registry Repository Reader": "pull metadata",
    "Container Registry Repository Writer": "pull push metadata",
    "Container Registry Repository Contributor": "pull push delete metadata",
    "Container Registry Repository Catalog Lister": "catalog",
    "Container Registry Contributor and Data Access Configuration Administrator": "policies",
    "Container Registry Data Importer and Data Reader": "pull catalog metadata",
}
DATA_OP = {"pull": "pull", "push": "push", "delete": "delete", "sign": "sign", "catalog": "catalog",
           "metadata": "metadata_read"}


def allowed_ops(mode: str, role: str) -> set[str]:
    lab = Lab(seed=1)
    lab.run("az group create -n rg -l eastus -o none\naz acr create -n matrixacr -g rg --sku Premium -o none"
            + ("\naz acr update -n matrixacr --role-assignment-mode rbac-abac -o none" if mode == "abac" else ""))
    cloud = lab.cloud
    reg = cloud.find_registry("matrixacr")
    sp, _, _ = create_service_principal(cloud, "subject")
    cloud.assign_role(sp, role, reg.id)
    cred = Credential(kind="aad", registry=reg.name, principal_id=sp.object_id,
                      mode_at_issue=reg.role_assignment_mode)
    got = {op for op, dop in DATA_OP.items()
           if decide(cloud, reg, cred, dop, None if dop == "catalog" else "app/api").allowed}
    if cloud.authorize(sp, "Microsoft.ContainerRegistry/registries/write", reg.id).allowed:
        got.add("policies")
    if cloud.authorize(sp, "Microsoft.Authorization/roleAssignments/write", reg.id + "/providers/x").allowed:
        got.add("assign")
    return got


@pytest.mark.parametrize("mode", ["legacy", "abac"])
@pytest.mark.parametrize("role", [r.role_name for r in BUILTIN_ROLES])
def test_role_matrix(mode, role):
    table = LEGACY if mode == "legacy" else ABAC
    expected = set(table.get(role, NONE).split())
    assert allowed_ops(mode, role) == expected


def test_matrix_covers_the_roles_the_facts_name():
    for name in ("Owner", "Contributor", "Reader", "AcrPull", "AcrPush", "AcrDelete", "AcrImageSigner"):
        assert name in LEGACY
    assert set(DATA.split()) <= set(OPS)
