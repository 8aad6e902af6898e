"""az acr repository / manifest texts pinned against azure-cli sources and Microsoft docs.

Sources checked:
- Azure/azure-cli src/azure-cli/azure/cli/command_modules/acr/repository.py (show-tags --detail returns the
  /acr/v1/<repo>/_tags items; show-manifests' old schema {digest, tags, timestamp=lastUpdateTime}; delete prompt
  and the --yes warning; _parse_image_name errors)
- .../acr/manifest.py (BAD_ARGS_ERROR_REPO / BAD_ARGS_ERROR_MANIFEST say 'MyRegistry.azurecr.io/...'; _parse_fqdn
  rejects a repo_id with ':' only; manifest show resolves a tag through get_image_digest first, so a missing tag is
  the registry's "the specified tag does not exist")
- .../acr/_docker_utils.py parse_error_message ("Error: <registry message>" + a final '.')
- Microsoft REST reference "Manifests - Get List" (manifest metadata item keys)
- Microsoft troubleshoot articles "Troubleshoot push errors" (Error 1) and "delete operation issues" (Issue 4):
  the lock message "The operation is disallowed on this registry, repository or image. View troubleshooting steps
  at https://aka.ms/acr/faq/#why-does-my-pull-or-push-request-fail-with-disallowed-operation"
"""

from __future__ import annotations

import pytest

DISALLOWED = ("The operation is disallowed on this registry, repository or image. View troubleshooting steps at "
              "https://aka.ms/acr/faq/#why-does-my-pull-or-push-request-fail-with-disallowed-operation")


@pytest.fixture
def pushed(cli, rg):
    cli("az acr create -n imgaz -g rg-containers --sku Standard -o none")
    # a single-platform image (a multi-arch one adds its platform manifests: tests/signing/test_public_world.py)
    cli("az acr import -n imgaz --source mcr.microsoft.com/azuredocs/aci-helloworld:latest -t web:v1 -t web:prod")
    return "imgaz"


def test_show_tags_detail_item_keys(cli, pushed):
    items = cli("az acr repository show-tags -n imgaz --repository web --detail").json()
    assert [i["name"] for i in items] == ["prod", "v1"]
    assert set(items[0]) == {"changeableAttributes", "createdTime", "digest", "lastUpdateTime", "name", "signed"}
    assert set(items[0]["changeableAttributes"]) == {"deleteEnabled", "listEnabled", "readEnabled", "writeEnabled"}


def test_list_metadata_item_keys(cli, pushed):
    items = cli("az acr manifest list-metadata -r imgaz -n web").json()
    assert set(items[0]) == {"architecture", "changeableAttributes", "configMediaType", "createdTime", "digest",
                             "imageSize", "lastUpdateTime", "mediaType", "os", "tags"}
    assert items[0]["tags"] == ["prod", "v1"]


def test_show_manifests_old_schema(cli, pushed):
    old = cli("az acr repository show-manifests -n imgaz --repository web").json()
    meta = cli("az acr manifest list-metadata -r imgaz -n web").json()
    assert old == [{"digest": meta[0]["digest"], "tags": ["prod", "v1"], "timestamp": meta[0]["lastUpdateTime"]}]


def test_delete_locked_image_message(cli, pushed):
    cli("az acr repository update -n imgaz --image web:v1 --write-enabled false -o none")
    r = cli("az acr repository delete -n imgaz --image web:prod -y", expect_exit=1)
    assert r.stderr.splitlines()[-1] == f"ERROR: Error: {DISALLOWED}."
    assert "WARNING: This operation will delete the manifest 'sha256:" in r.stderr
    assert r.stderr.splitlines()[0].endswith("and all the following images: 'web:prod', 'web:v1'")


def test_manifest_bad_args_texts(cli, pushed):
    r = cli("az acr manifest list-metadata -r imgaz", expect_exit=1)
    assert r.stderr.strip() == (
        "ERROR: You must provide either a fully qualified repository specifier such as "
        "'MyRegistry.azurecr.io/hello-world' as a positional parameter or provide '-r MyRegistry -n hello-world' "
        "argument values.")
    r = cli("az acr manifest show -r imgaz", expect_exit=1)
    assert "'MyRegistry.azurecr.io/hello-world:latest' as a positional parameter" in r.stderr


def test_manifest_show_missing_tag_is_tag_unknown(cli, pushed):
    r = cli("az acr manifest show -r imgaz -n web:nope", expect_exit=1)
    assert r.stderr.strip() == "ERROR: Error: the specified tag does not exist."


def test_repo_id_with_tag_rejected(cli, pushed):
    r = cli("az acr manifest list-metadata imgaz.azurecr.io/web:v1", expect_exit=1)
    assert r.stderr.strip() == "ERROR: The positional parameter 'repo_id' should not include a tag or digest."
