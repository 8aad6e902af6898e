"""'Multi-architecture images in your Azure container registry', block by block, in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/push-multi-architecture-images.md (blocks in
tests/conformance/docs_blocks/push-multi-architecture-images.json). The page presumes two local images, myimage:arm64
and myimage:amd64, built for their platforms, and a registry the learner is signed in to; the test builds them with
`docker build --platform` first. `docker manifest` texts: docker/cli cli/command/manifest (create_list.go, push.go)."""

from __future__ import annotations

from .docs import Page

SETUP = """az group create -n rg-multi -l eastus -o none
az acr create -n multiarchreg01 -g rg-multi --sku Basic -o none
az acr login -n multiarchreg01 -o none
printf 'FROM alpine\\nCMD ["echo", "hello"]\\n' > Dockerfile
docker build --platform linux/arm64 -t myimage:arm64 . >/dev/null
docker build --platform linux/amd64 -t myimage:amd64 . >/dev/null
"""
REPO = "multiarchreg01.azurecr.io/multi-arch-samples/myimage"


def test_push_multi_architecture_images(lab):
    assert lab.run(SETUP).exit_code == 0
    page = Page(lab, "push-multi-architecture-images", {"myregistry.azurecr.io": "multiarchreg01.azurecr.io"})
    r = page.run(2, contains="arm64: digest: sha256:")
    assert "amd64: digest: sha256:" in r.stdout
    page.run(3, contains=f"Created manifest list {REPO}:multi")
    r = page.run(4)
    digest = r.stdout.strip()
    assert digest.startswith("sha256:") and len(digest) == 71  # push prints the list's digest
    listed = lab.run(f"docker manifest inspect {REPO}:multi").json()
    assert listed["mediaType"] == "application/vnd.docker.distribution.manifest.list.v2+json"
    assert [m["platform"] for m in listed["manifests"]] == [{"architecture": "arm64", "os": "linux"},
                                                            {"architecture": "amd64", "os": "linux"}]
    meta = lab.run("az acr manifest list-metadata -r multiarchreg01 -n multi-arch-samples/myimage "
                   f"--query \"[?digest=='{digest}'] | [0]\"").json()
    assert meta["tags"] == ["multi"] and [x["architecture"] for x in meta["references"]] == ["arm64", "amd64"]
    # a client pulls the image of its own platform through the list
    r = lab.run(f"docker rmi myimage:amd64 {REPO}:amd64 >/dev/null\ndocker pull {REPO}:multi")
    assert r.exit_code == 0 and f"Digest: {digest}" in r.stdout
    page.finish()


def test_manifest_list_rules(lab):
    assert lab.run(SETUP).exit_code == 0
    r = lab.run(f"docker manifest create {REPO}:multi {REPO}:arm64")
    assert r.exit_code == 1 and r.stderr == f"no such manifest: {REPO}:arm64\n"  # create reads the registry
    assert lab.run(f"docker tag myimage:arm64 {REPO}:arm64\ndocker push {REPO}:arm64 >/dev/null").exit_code == 0
    assert lab.run(f"docker manifest create {REPO}:multi {REPO}:arm64").exit_code == 0
    r = lab.run(f"docker manifest create {REPO}:multi {REPO}:arm64")
    assert r.exit_code == 1 and "refusing to amend an existing manifest list with no --amend flag" in r.stderr
    assert lab.run(f"docker manifest annotate {REPO}:multi {REPO}:arm64 --variant v8").exit_code == 0
    assert '"variant": "v8"' in lab.run(f"docker manifest inspect {REPO}:multi").stdout
    assert lab.run("docker logout multiarchreg01.azurecr.io").exit_code == 0
    r = lab.run(f"docker manifest push {REPO}:multi")
    assert r.exit_code == 1 and "unauthorized" in r.stderr  # the push goes through the registry's authorization
    assert lab.run("az acr login -n multiarchreg01 -o none").exit_code == 0
    assert lab.run(f"docker manifest push --purge {REPO}:multi").exit_code == 0
    r = lab.run(f"docker manifest push {REPO}:multi")
    assert r.exit_code == 1 and r.stderr == f"No such manifest: {REPO}:multi\n"  # --purge removed the local list
