"""az acr import: public sources, other registries, --force, --repository, dedup, events, errors."""

from __future__ import annotations

from acrlab.engine import catalog


def size(cli, reg="myacr"):
    return cli(f"az acr show-usage -n {reg} --query \"value[?name=='Size'] | [0].currentValue\"").json()


def test_import_public_defaults_target_to_source_path(cli, acr):
    cli("az acr import -n myacr --source docker.io/library/hello-world:latest")
    cli("az acr repository list -n myacr", checks={"@": ["library/hello-world"]})
    cli("az acr import -n myacr --source mcr.microsoft.com/dotnet/aspnet:8.0 -t dotnet/aspnet:8.0 -t aspnet:latest")
    cli("az acr repository show-tags -n myacr --repository dotnet/aspnet", checks={"@": ["8.0"]})


def _blobs(*images) -> dict[str, int]:
    """Every blob (manifests, configs, layers) of catalogue images, once: what a registry stores for them."""
    out: dict[str, int] = {}
    for image in images:
        for c in [image, *getattr(image, "children", [])]:
            out[c.digest] = c.manifest_size
            if c.config_digest:
                out[c.config_digest] = c.config_size
            out.update({layer.digest: layer.size for layer in c.layers})
    return out


def test_layers_stored_once_per_registry(lab, cli, acr):
    events = []
    lab.cloud.on("import", lambda cloud, **kw: events.append((kw["repository"], kw["tag"], kw["source"])))
    cli("az acr import -n myacr --source mcr.microsoft.com/dotnet/runtime:8.0 -t runtime:8.0")
    runtime = catalog.find_public_index("mcr.microsoft.com/dotnet/runtime:8.0")  # multi-arch: every platform
    assert size(cli) == sum(_blobs(runtime).values())
    cli("az acr import -n myacr --source mcr.microsoft.com/dotnet/aspnet:8.0 -t aspnet:8.0")
    aspnet = catalog.find_public_index("mcr.microsoft.com/dotnet/aspnet:8.0")
    both = _blobs(runtime, aspnet)
    assert size(cli) == sum(both.values()) < sum(_blobs(runtime).values()) + sum(_blobs(aspnet).values())
    assert events == [("runtime", "8.0", "mcr.microsoft.com/dotnet/runtime:8.0"),
                      ("aspnet", "8.0", "mcr.microsoft.com/dotnet/aspnet:8.0")]


INDEXES = "[?mediaType=='application/vnd.docker.distribution.manifest.list.v2+json']"


def test_force_and_conflict(cli, acr):
    cli("az acr import -n myacr --source docker.io/library/alpine:3.19 -t base:latest")
    r = cli("az acr import -n myacr --source docker.io/library/alpine:3.20 -t base:latest", expect_exit=1)
    assert "Tag base:latest already exists in target registry." in r.stderr
    cli("az acr import -n myacr --source docker.io/library/alpine:3.20 -t base:latest --force")
    items = cli(f'az acr manifest list-metadata -r myacr -n base --query "{INDEXES}"').json()
    assert len(items) == 2 and sum("tags" in i for i in items) == 1  # the old index is now untagged


def test_untagged_copy_with_repository(cli, acr):
    cli("az acr import -n myacr --source docker.io/library/redis:7.4 --repository cache")
    cli(f'az acr manifest list-metadata -r myacr -n cache --query "{INDEXES}"',
        checks={"length(@)": 1, "[0].tags": None})


def test_import_from_another_registry(lab, cli, acr):
    cli("az acr create -n devacr -g rg-containers --sku Basic -o none")
    cli("az acr import -n devacr --source docker.io/library/nginx:1.27 -t web:1.0")
    cli("az acr import -n myacr --source devacr.azurecr.io/web:1.0 -t web:prod")
    cli("az acr import -n myacr --source web:1.0 -t web:prod2 -r devacr")
    r = cli("az acr import -n myacr --source devacr.azurecr.io/web:1.0 -t web:prod3 -r devacr")
    assert 'The login server name of "devacr.azurecr.io" in the "--source" argument will be ignored' in r.stderr
    digest = cli("az acr repository show -n devacr --image web:1.0 --query digest -o tsv").stdout.strip()
    cli("az acr repository show -n myacr --image web:prod", checks={"digest": digest})
    r = cli("az acr import -n myacr --source web:9.9 -r devacr", expect_exit=1)
    assert "Image web:9.9 not found in source registry devacr.azurecr.io" in r.stderr
    assert "The source container registry can not be found" in cli(
        "az acr import -n myacr --source web:1.0 -r nosuchreg", expect_exit=1).stderr
    cli("az acr update -n devacr --admin-enabled true -o none")
    pw = cli("az acr credential show -n devacr --query passwords[0].value -o tsv").stdout.strip()
    cli(f"az acr import -n myacr --source devacr.azurecr.io/web:1.0 -t web:creds -u devacr -p {pw}")


def test_import_client_side_errors(cli, acr):
    assert "Source cannot be found." in cli("az acr import -n myacr --source nginx", expect_exit=1).stderr
    assert "not a fully qualified domain name" in cli("az acr import -n myacr --source library/nginx:1",
                                                      expect_exit=1).stderr
    assert "Authentication failed. Please provide password." in cli(
        "az acr import -n myacr --source docker.io/library/nginx -u me", expect_exit=1).stderr
    r = cli("az acr import -n myacr --source docker.io/library/nosuch:1", expect_exit=1)
    assert "Image library/nosuch:1 not found in source registry docker.io." in r.stderr
    assert "the following arguments are required: --source" in cli("az acr import -n myacr", expect_exit=2).stderr
