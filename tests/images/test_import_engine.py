"""engine.images.import_image: the rules `az acr import` and Import-AzContainerRegistryImage share (caller's
roles on target and source, export policy of a source registry, --force), called directly and through az."""

from __future__ import annotations

import pytest

from acrlab.engine.errors import AuthorizationFailed, AzureError
from acrlab.engine.images import import_image


def test_engine_import_returns_writes_and_emits(lab, cli, acr):
    events = []
    lab.cloud.on("import", lambda cloud, **kw: events.append((kw["repository"], kw["tag"])))
    reg = lab.cloud.find_registry("myacr")
    done = import_image(lab.cloud, lab.cloud.learner, reg, "docker.io/library/alpine:3.20", ["base:1"],
                        untagged_repositories=["mirror"])
    assert [(d.repository, d.tag) for d in done] == [("base", "1"), ("mirror", None)]
    assert events == [("base", "1"), ("mirror", None)]
    with pytest.raises(AzureError, match="Tag base:1 already exists"):
        import_image(lab.cloud, lab.cloud.learner, reg, "docker.io/library/alpine:3.19", ["base:1"])
    import_image(lab.cloud, lab.cloud.learner, reg, "docker.io/library/alpine:3.19", ["base:1"], force=True)


def test_data_importer_role_on_target_and_reader_on_source(lab, cli, acr, make_user, rg):
    cli("az acr create -n srcacr01 -g rg-containers --sku Basic -o none")
    cli("az acr import -n srcacr01 --source docker.io/library/nginx:1.27 -t web:1")
    user, sh = make_user("importer")
    target_id = cli("az acr show -n myacr --query id -o tsv").stdout.strip()
    source_id = cli("az acr show -n srcacr01 --query id -o tsv").stdout.strip()
    code, _, err = sh.run("az acr import -n myacr --source srcacr01.azurecr.io/web:1")
    assert code == 1 and "AuthorizationFailed" in err
    cli(f'az role assignment create --assignee {user.object_id} --role "Container Registry Data Importer and Data '
        f'Reader" --scope {target_id} -o none')
    code, _, err = sh.run("az acr import -n myacr --source srcacr01.azurecr.io/web:1")
    assert code == 1 and "pull/read" in err  # no read on the source registry yet
    cli(f"az role assignment create --assignee {user.object_id} --role AcrPull --scope {source_id} -o none")
    assert sh.run("az acr import -n myacr --source srcacr01.azurecr.io/web:1")[0] == 0
    with pytest.raises(AuthorizationFailed):
        import_image(lab.cloud, user, lab.cloud.find_registry("srcacr01"), "docker.io/library/alpine:3.20", None)


def test_export_policy_disabled_source_refuses(lab, cli, rg):
    cli("az acr create -n srcacr02 -g rg-containers --sku Premium -o none")
    cli("az acr create -n dstacr02 -g rg-containers --sku Basic -o none")
    cli("az acr import -n srcacr02 --source docker.io/library/alpine:3.20 -t base:1")
    cli("az acr update -n srcacr02 --public-network-enabled false --allow-exports false -o none")
    r = cli("az acr import -n dstacr02 --source base:1 -r srcacr02", expect_exit=1)
    assert "export policy is disabled" in r.stderr
    cli("az acr update -n srcacr02 --allow-exports true -o none")
    cli("az acr import -n dstacr02 --source base:1 -r srcacr02")
