"""`docker buildx`: builders, and multi-platform images pushed as one image index through the data plane.

Sources: docker/buildx commands (build.go, create.go, ls.go, use.go, rm.go) and build/build.go (the docker driver
refuses several platforms; the docker exporter cannot load a manifest list; a docker-container build without --load
or --push stays in the build cache, with buildx's warning); MicrosoftDocs/azure-management-docs
articles/container-registry/push-multi-architecture-images.md (a multi-arch image in ACR is an index whose manifests
name each platform)."""

from __future__ import annotations

SETUP = """az group create -n rg -l eastus -o none
az acr create -n bxreg01 -g rg --sku Basic -o none
az acr login -n bxreg01 -o none
printf 'FROM alpine\\nCMD ["echo", "hi"]\\n' > Dockerfile
"""
MULTI = "docker buildx build --platform linux/amd64,linux/arm64 -t bxreg01.azurecr.io/app:v1"


def test_multi_platform_needs_a_container_builder_and_pushes_an_index(lab):
    assert lab.run(SETUP).exit_code == 0
    r = lab.run(f"{MULTI} --push .")
    assert r.exit_code == 1 and "Multi-platform build is not supported for the docker driver." in r.stderr
    assert lab.run("docker buildx create --name mybuilder --use").stdout == "mybuilder\n"
    assert "mybuilder*" in lab.run("docker buildx ls").stdout
    r = lab.run(f"{MULTI} --load .")
    assert r.exit_code == 1 and "docker exporter does not currently support exporting manifest lists" in r.stderr
    r = lab.run(f"{MULTI} --push .")
    assert r.exit_code == 0 and 'building with "mybuilder" instance using docker-container driver' in r.stderr
    assert "pushing manifest for bxreg01.azurecr.io/app:v1@sha256:" in r.stderr
    index = lab.run("docker manifest inspect bxreg01.azurecr.io/app:v1").json()
    assert [m["platform"]["architecture"] for m in index["manifests"]] == ["amd64", "arm64"]
    assert lab.run("docker images -q").stdout == ""  # the result went to the registry, not to `docker images`
    refs = lab.run("az acr manifest list-metadata -r bxreg01 -n app --query \"[?tags[0]=='v1'].references[].os\" "
                   "-o tsv").stdout
    assert refs == "linux\nlinux\n"


def test_builders_and_outputs(lab):
    assert lab.run(SETUP + "docker buildx create --name b1 --use >/dev/null").exit_code == 0
    r = lab.run("docker buildx build -t local:1 .")
    assert r.exit_code == 0 and "No output specified with docker-container driver" in r.stderr
    assert lab.run("docker images -q local:1").stdout == ""
    assert lab.run("docker buildx build -t local:2 --load . 2>/dev/null\ndocker images -q local:2").stdout != ""
    assert lab.run("docker buildx use default\ndocker buildx build -t local:3 . 2>/dev/null\n"
                   "docker images -q local:3").stdout != ""  # the docker driver loads into docker images
    assert lab.run("docker logout bxreg01.azurecr.io").exit_code == 0
    r = lab.run("docker buildx build -t bxreg01.azurecr.io/app:v2 --push .")
    assert r.exit_code == 1 and "failed to push bxreg01.azurecr.io/app:v2: unauthorized" in r.stderr
    cases = [("docker buildx use nothere", "docker buildx create --name nothere"),
             ("docker buildx rm default", "default is a docker driver builder and cannot be removed"),
             ("docker buildx create --name b1", 'existing instance for "b1"'),
             ("docker buildx frob", "'frob' is not a buildx command"),
             ("docker buildx build --push .", "tag is needed when pushing to registry")]
    for line, text in cases:
        r = lab.run(line)
        assert r.exit_code == 1 and text in r.stderr, (line, r.output)
    assert lab.run("docker buildx rm b1").stderr == "b1 removed\n"
