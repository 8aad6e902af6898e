"""az acr repository / az acr manifest at the learner's front door: shapes, delete semantics, locks, RBAC."""

from __future__ import annotations

import pytest


@pytest.fixture
def images(lab, cli, acr):
    """web:v1 + web:latest on one manifest, web:v2 on another, api:1: single-platform images (a multi-arch image
    adds its platform manifests to the repository: tests/signing/test_public_world.py)."""
    cli("az acr import -n myacr --source mcr.microsoft.com/oss/nginx/nginx:1.15.5-alpine -t web:v1 -t web:latest")
    lab.advance("1h")
    cli("az acr import -n myacr --source mcr.microsoft.com/azuredocs/aci-helloworld:latest -t web:v2")
    lab.advance("1h")
    cli("az acr import -n myacr --source mcr.microsoft.com/dotnet/core/aspnet:3.1-buster-slim -t api:1")
    return acr


def usage(cli) -> int:
    return cli("az acr show-usage -n myacr").json()["value"][0]["currentValue"]


def test_list_show_and_tags(cli, images):
    cli("az acr repository list -n myacr", checks={"@": ["api", "web"]})
    cli("az acr repository list -n myacr --top 1", checks={"@": ["api"]})
    cli("az acr repository show -n myacr --repository web", checks={
        "imageName": "web", "manifestCount": 2, "tagCount": 3, "registry": "myacr.azurecr.io",
        "changeableAttributes.writeEnabled": True})
    cli("az acr repository show-tags -n myacr --repository web", checks={"@": ["latest", "v1", "v2"]})
    cli("az acr repository show-tags -n myacr --repository web --orderby time_desc --top 1", checks={"@": ["v2"]})
    cli("az acr repository show-tags -n myacr --repository web --detail", checks={
        "[0].name": "latest", "[0].digest == [1].digest": True, "[1].digest == [2].digest": False, "[0].signed": False,
        "[0].changeableAttributes.deleteEnabled": True})
    r = cli("az acr repository show-tags -n myacr --repository nope", expect_exit=1)
    assert r.stderr.strip() == 'ERROR: Error: repository "nope" is not found.'
    r = cli("az acr repository show -n myacr --repository web --image web:v1", expect_exit=1)
    assert "Usage error: --image IMAGE | --repository REPOSITORY" in r.stderr
    assert cli("az acr repository show-tags -n myacr --repository web -o table").stdout.splitlines()[0] == "Result"


def test_manifest_metadata_shapes(cli, images):
    items = cli("az acr manifest list-metadata -r myacr -n web --orderby time_asc").json()
    assert [sorted(i.get("tags", [])) for i in items] == [["latest", "v1"], ["v2"]]
    assert {"architecture", "changeableAttributes", "configMediaType", "createdTime", "digest", "imageSize",
            "lastUpdateTime", "mediaType", "os"} <= set(items[0])
    old = cli("az acr repository show-manifests -n myacr --repository web --orderby time_asc")
    assert "deprecated" in old.stderr
    assert old.json() == [{"digest": i["digest"], "tags": i["tags"], "timestamp": i["lastUpdateTime"]} for i in items]
    cli("az acr manifest show-metadata -r myacr -n web:v2", checks={"name": "v2", "digest": items[1]["digest"]})
    cli(f"az acr manifest show-metadata myacr.azurecr.io/web@{items[1]['digest']}",
        checks={"digest": items[1]["digest"], "tags": ["v2"]})
    cli("az acr manifest show -r myacr -n web:v2", checks={"schemaVersion": 2, "config.mediaType":
                                                           "application/vnd.docker.container.image.v1+json"})
    r = cli("az acr manifest list-metadata -r myacr -n web:v1", expect_exit=1)
    assert "should not include a tag or digest" in r.stderr
    assert "You must provide either a fully qualified repository specifier" in cli(
        "az acr manifest list-metadata -n web", expect_exit=1).stderr


def test_delete_by_tag_removes_manifest_and_every_tag(cli, images):
    before = usage(cli)
    digest = cli("az acr repository show -n myacr --image web:latest --query digest -o tsv").stdout.strip()
    r = cli("az acr repository delete -n myacr --image web:latest --yes")
    assert f"This operation will delete the manifest '{digest}' and all the following images: 'web:latest', 'web:v1'" \
        in r.stderr
    cli("az acr repository show-tags -n myacr --repository web", checks={"@": ["v2"]})
    assert usage(cli) < before
    r = cli("az acr repository delete -n myacr --image web:nope --yes", expect_exit=1)
    assert "Error: the specified tag does not exist." in r.stderr
    assert "Unable to prompt for confirmation" in cli("az acr repository delete -n myacr --repository web",
                                                      expect_exit=1).stderr
    cli("az acr repository delete -n myacr --repository web --yes")
    cli("az acr repository list -n myacr", checks={"@": ["api"]})


def test_untag_keeps_manifest_and_storage(cli, images):
    before = usage(cli)
    cli("az acr repository untag -n myacr --image web:v2")
    assert usage(cli) == before
    items = cli("az acr manifest list-metadata -r myacr -n web --orderby time_asc").json()
    assert len(items) == 2 and "tags" not in items[1]
    r = cli("az acr repository untag -n myacr --image web:v2", expect_exit=1)
    assert r.stderr.startswith("ERROR: Error: tag")


def test_locks(cli, images):
    cli("az acr repository update -n myacr --image web:v1 --write-enabled false",
        checks={"changeableAttributes.writeEnabled": False, "name": "v1"})
    r = cli("az acr repository delete -n myacr --image web:latest --yes", expect_exit=1)
    assert "The operation is disallowed on this registry, repository or image." in r.stderr
    r = cli("az acr import -n myacr --source mcr.microsoft.com/azuredocs/aci-helloworld:latest -t web:v1 --force",
            expect_exit=1)
    assert "disallowed" in r.stderr
    cli("az acr repository update -n myacr --repository web --delete-enabled false -o none")
    assert "disallowed" in cli("az acr repository delete -n myacr --repository web -y", expect_exit=1).stderr
    cli("az acr repository delete -n myacr --image web:v2 -y")  # images inside can still go
    digest = cli("az acr repository show -n myacr --image api:1 --query digest -o tsv").stdout.strip()
    cli(f"az acr manifest update-metadata -r myacr -n api@{digest} --list-enabled false -o none")
    cli("az acr manifest list-metadata -r myacr -n api", checks={"@": []})
    cli("az acr repository update -n myacr --image api:1 --list-enabled false -o none")
    cli("az acr repository show-tags -n myacr --repository api", checks={"@": []})


def test_rbac_pull_can_list_but_not_delete(lab, cli, images, make_user):
    user, sh = make_user("dev")
    reg_id = lab.cloud.find_registry("myacr").id
    lab.cloud.assign_role(user, "AcrPull", reg_id)
    code, out, _ = sh.run("az acr repository list -n myacr -o tsv")
    assert code == 0 and out.split() == ["api", "web"]
    code, _, err = sh.run("az acr repository delete -n myacr --image web:v2 -y")
    assert code == 1 and "requested access to the resource is denied" in err
    code, _, err = sh.run("az acr import -n myacr --source docker.io/library/alpine:latest")
    assert code == 1 and "AuthorizationFailed" in err
    lab.cloud.assign_role(user, "AcrDelete", reg_id)
    assert sh.run("az acr repository delete -n myacr --image web:v2 -y")[0] == 0
    stranger, sh2 = make_user("stranger")
    code, _, err = sh2.run("az acr repository list -n myacr")
    assert code == 1 and "denied" in err


def test_admin_credentials_on_repository_commands(cli, images):
    cli("az acr update -n myacr --admin-enabled true -o none")
    pw = cli("az acr credential show -n myacr --query passwords[0].value -o tsv").stdout.strip()
    cli(f"az acr repository list -n myacr -u myacr -p {pw}", checks={"@": ["api", "web"]})
    r = cli("az acr repository list -n myacr -u myacr -p wrong", expect_exit=1)
    assert r.stderr.startswith("ERROR: Error: authentication required")
    assert "Please also specify username" in cli("az acr repository list -n myacr -p x", expect_exit=1).stderr
    r = cli("az acr repository list -n nosuchreg", expect_exit=1)
    assert "Could not connect to the registry login server 'nosuchreg.azurecr.io'" in r.stderr
