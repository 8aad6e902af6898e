"""The public images the docs assume: their tags exist, multi-arch tags are image indexes, missing ones are answered
as Docker Hub and MCR answer.

Sources: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-import-images.md
("Import container images from Docker Hub": hello-world:latest imported lists several manifests; import of a
multi-arch image copies every platform), push-multi-architecture-images.md (manifest lists),
container-registry-soft-delete-policy.md (a manifest list's underlying manifests), and the images the ACR Tasks
samples build FROM (Azure-Samples/acr-build-helloworld-node Dockerfile: node:15-alpine; SteveLasker/node-helloworld
Dockerfile: node:9; Azure-Samples/acr-tasks hello-world.dockerfile, network-curl.yaml, bash-echo-3.yaml).
Docker's own texts: docker/for-win#3761-style reports of "manifest for ... not found: manifest unknown" and
Azure/azure-cli#19845 (MCR: 'manifest tagged by "2.28.1" is not found').
"""

from __future__ import annotations

import pytest

from acrlab.engine import catalog

DOCS_IMAGES = [
    "node:15-alpine", "node:9-alpine", "node:9", "node:20-alpine", "node:18-alpine", "node:16-alpine", "node:22-alpine",
    "nginx", "nginx:alpine", "mcr.microsoft.com/oss/nginx/nginx:1.15.5-alpine", "mcr.microsoft.com/hello-world",
    "mcr.microsoft.com/hello-world:1.1.2", "hello-world", "python", "python:3.12-slim",
    "mcr.microsoft.com/dotnet/aspnet:8.0", "mcr.microsoft.com/dotnet/sdk:8.0",
    "mcr.microsoft.com/dotnet/core/aspnet:3.1-buster-slim", "docker.io/tensorflow/tensorflow:latest-gpu",
    "mcr.microsoft.com/windows/servercore:ltsc2022", "bash:3.0", "alpine:latest", "jupyter/all-spark-notebook:latest",
    "mcr.microsoft.com/azuredocs/aci-helloworld", "mcr.microsoft.com/acr/connected-registry:1.0.0",
]


@pytest.mark.parametrize("ref", DOCS_IMAGES)
def test_the_docs_images_exist(ref):
    assert catalog.find_public(ref) is not None


def test_import_multi_arch_lists_every_platform(cli, rg):
    cli("az acr create -n pubworld -g rg-containers --sku Basic -o none")
    cli("az acr import --name pubworld --source docker.io/library/hello-world:latest --image hello-world:latest")
    items = cli("az acr manifest list-metadata --name hello-world --registry pubworld").json()
    index = [i for i in items if i.get("tags") == ["latest"]]
    assert len(index) == 1 and len(items) > 3  # the index and one manifest per platform
    assert index[0]["mediaType"] == "application/vnd.docker.distribution.manifest.list.v2+json"
    assert "architecture" not in index[0]
    platforms = {(r["os"], r["architecture"]) for r in index[0]["references"]}
    assert {("linux", "amd64"), ("linux", "arm64"), ("windows", "amd64")} <= platforms
    assert {r["digest"] for r in index[0]["references"]} == {i["digest"] for i in items} - {index[0]["digest"]}
    raw = cli("az acr manifest show -r pubworld -n hello-world:latest").json()
    assert [m["platform"]["architecture"] for m in raw["manifests"]][0] == "amd64"
    # deleting the index deletes the platform manifests only it held
    cli("az acr repository delete -n pubworld --image hello-world:latest --yes")
    cli("az acr repository list -n pubworld", checks={"@": []})
    cli("az acr show-usage -n pubworld", checks={"value[0].currentValue": 0})


def test_single_platform_images_stay_single(cli, rg):
    cli("az acr create -n pubworld2 -g rg-containers --sku Basic -o none")
    cli("az acr import -n pubworld2 --source mcr.microsoft.com/oss/nginx/nginx:1.15.5-alpine --image nginx:v1")
    cli("az acr manifest list-metadata -r pubworld2 -n nginx", checks={
        "length(@)": 1, "[0].mediaType": "application/vnd.docker.distribution.manifest.v2+json",
        "[0].architecture": "amd64", "[0].os": "linux"})


def test_docker_pull_of_a_multi_arch_tag_names_the_index(cli, lab):
    index = catalog.find_public_index("hello-world")
    out = cli("docker pull hello-world").stdout
    assert f"Digest: {index.digest}" in out
    # the platform image is what runs here
    cli("docker inspect hello-world", checks={"[0].Architecture": "amd64", "[0].Os": "linux"})


def test_missing_images_answer_as_the_registries_do(lab):
    r = lab.run("docker pull mcr.microsoft.com/azure-cli:0.0.1")
    assert r.exit_code == 1 and r.stderr.strip() == ('Error response from daemon: manifest for '
                                                     'mcr.microsoft.com/azure-cli:0.0.1 not found: manifest unknown: '
                                                     'manifest tagged by "0.0.1" is not found')
    r = lab.run("docker pull mcr.microsoft.com/no/such/image")
    assert "not found" in r.stderr and "pull access denied" not in r.stderr
    r = lab.run("docker pull node:99-alpine")
    assert r.stderr.strip() == ("Error response from daemon: manifest for node:99-alpine not found: manifest unknown: "
                                "manifest unknown")


def test_build_from_a_multi_arch_base_in_a_registry_uses_the_platform_image(cli, lab, rg):
    cli("az acr create -n pubworld3 -g rg-containers --sku Basic -o none")
    cli("az acr import -n pubworld3 --source docker.io/library/node:15-alpine --image baseimages/node:15-alpine")
    lab.write_file("app/Dockerfile", "FROM pubworld3.azurecr.io/baseimages/node:15-alpine\nCOPY . /src\n")
    lab.write_file("app/server.js", "console.log(1)\n")
    r = cli("az acr build -r pubworld3 -t app:v1 app")
    assert "Run ID: ca1 was successful" in r.stdout
    base = catalog.find_public("node:15-alpine")
    layers = cli("az acr manifest show -r pubworld3 -n app:v1 --query layers[].digest").json()
    assert layers[:-1] == [x.digest for x in base.layers]


def test_purge_untagged_spares_a_tagged_index_and_takes_an_untagged_one_whole(cli, lab, rg):
    """acr purge --untagged deletes dangling images, not the platform manifests of a tagged multi-arch image."""
    cli("az acr create -n pubworld4 -g rg-containers --sku Standard -o none")
    cli("az acr import -n pubworld4 --source docker.io/library/alpine:3.19 -t app:v1")
    cli("az acr import -n pubworld4 --source docker.io/library/alpine:3.20 -t app:v1 --force")  # 3.19 loses its tag
    before = cli("az acr manifest list-metadata -r pubworld4 -n app --query \"length(@)\"").json()
    lab.advance("2d")
    cli("az acr run -r pubworld4 --cmd \"acr purge --filter 'app:.*' --ago 1d --untagged --keep 1\" /dev/null")
    items = cli("az acr manifest list-metadata -r pubworld4 -n app").json()
    index = [i for i in items if i.get("tags") == ["v1"]]
    assert len(index) == 1 and len(items) == 1 + len(index[0]["references"]) < before
