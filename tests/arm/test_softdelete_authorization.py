"""Soft-deleted artifacts (az acr repository list-deleted, az acr manifest list-deleted|list-deleted-tags|restore):
the engine decides who may read the recycle bin (registries/deleted/read) and restore from it
(registries/deleted/restore/action), and a refused restore changes nothing.

Sources: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-soft-delete-policy.md
(list, restore, --force); Azure/azure-cli src/azure-cli/azure/cli/command_modules/acr/manifest.py (the client-side
"No deleted manifests found for tag" check of list-deleted-tags)."""

from __future__ import annotations

import json

from .state import lab_with

NAME = "softacr1"


def _lab():
    lab = lab_with(f"az acr create -n {NAME} -g rg --sku Standard -o none",
                   f"az acr config soft-delete update -r {NAME} --status enabled --days 3 --yes -o none",
                   f"az acr import -n {NAME} --source mcr.microsoft.com/hello-world:latest -t app:v1 -o none",
                   f"az acr import -n {NAME} --source mcr.microsoft.com/hello-world:latest -t app:v2 -o none",
                   f"az acr repository untag -n {NAME} --image app:v1",
                   f"ACR=$(az acr show -n {NAME} --query id -o tsv)",
                   "APP=$(az ad sp create-for-rbac -n reader --query appId -o tsv)",
                   "az role assignment create --assignee $APP --role Reader --scope $ACR -o none")
    return lab, lab.new_session(lab.cloud.tenant.find_principal(lab.run("echo $APP").stdout.strip()))


def _store(lab) -> str:
    reg = lab.cloud.find_registry(NAME)
    return json.dumps({r: sorted(repo.tags) for r, repo in reg.store.repositories.items()}, sort_keys=True)


def test_the_engine_decides_who_reads_the_bin_and_who_restores():
    lab, reader = _lab()
    code, out, _ = reader.run(f"az acr manifest list-deleted-tags -r {NAME} -n app --query '[].name' -o tsv")
    assert (code, out.split()) == (0, ["v1"])  # Reader's */read covers registries/deleted/read
    before = _store(lab)
    code, _, err = reader.run(f"az acr manifest restore -r {NAME} -n app:v1")
    assert code == 1 and "(AuthorizationFailed)" in err, err
    assert "Microsoft.ContainerRegistry/registries/deleted/restore/action" in err
    assert _store(lab) == before
    stranger = lab.new_session(lab.cloud.tenant.find_principal(
        lab.run("az ad sp create-for-rbac -n nobody --query appId -o tsv").stdout.strip()))
    code, _, err = stranger.run(f"az acr manifest list-deleted -r {NAME} -n app")
    assert code == 1 and "(AuthorizationFailed)" in err


def test_a_refused_restore_changes_nothing_and_az_checks_the_tag_itself():
    lab, _ = _lab()
    assert lab.run(f"az acr import -n {NAME} --source docker.io/library/alpine:latest -t app:v1 -o none") \
        .exit_code == 0
    before = _store(lab)
    r = lab.run(f"az acr manifest restore -r {NAME} -n app:v1")
    assert r.exit_code == 1 and "Tag 'v1' already exists linked to a different digest" in r.stderr, r.stderr
    assert _store(lab) == before
    r = lab.run(f"az acr manifest list-deleted-tags -r {NAME} -n app:v9")
    assert (r.exit_code, r.stderr.splitlines()[-1]) == (1, "ERROR: No deleted manifests found for tag: v9")
    r = lab.run(f"az acr manifest restore -r {NAME} -n app:v1 --force --query tags")
    assert r.exit_code == 0 and r.json() == ["v1"]
