"""'Artifact streaming in Azure Container Registry (Preview)' and 'Troubleshoot artifact streaming', in a fresh lab.

Sources: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-artifact-streaming.md and
troubleshoot-artifact-streaming.md (blocks in tests/conformance/docs_blocks/container-registry-artifact-streaming.json
and troubleshoot-artifact-streaming.json). The page's registry is a Premium registry named mystreamingtest in the
my-streaming-test group in West US; the operation id of its cancel block is an example, so the learner's own id (from
`create --no-wait`) stands in for it. 'Push a new image to the repository' is done with az acr build."""

from __future__ import annotations

from .docs import Page

SETUP = """az group create -n my-streaming-test -l westus -o none
az acr create -n mystreamingtest -g my-streaming-test --sku Premium -o none
"""
IMAGE = "jupyter/all-spark-notebook:latest"


def test_artifact_streaming_page(lab):
    assert lab.run(SETUP).exit_code == 0
    page = Page(lab, "container-registry-artifact-streaming")
    page.run(0)
    page.run(1)
    r = lab.run(f"az acr artifact-streaming create --image {IMAGE} --no-wait --query id -o tsv")
    assert r.exit_code == 0, r.output
    page.subs["c015067a-7463-4a5a-9168-3b17dbe42ca3"] = r.stdout.strip()
    page.run(3, contains='"status": "Canceled"')
    r = page.run(2, contains='"status": "Succeeded"')
    assert "WARNING: Running..." in r.stderr
    page.run(4, contains='"artifactType": "application/vnd.azure.artifact.streaming.v1"')
    page.run(5, contains='"convertPushedImages": true')
    lab.write_file("Dockerfile", "FROM mcr.microsoft.com/hello-world\n")
    assert lab.run("az acr build -t jupyter/all-spark-notebook:newtag . -o none").exit_code == 0
    r = page.run(6, contains='"name": "ArtifactStreamingConversion"')
    assert r.json()["status"] == "Running"
    page.run(7, contains='"convertPushedImages": false')
    page.finish()
    # the conversion the push started completes on the clock; the new image then has its streaming artifact
    lab.advance("5m")
    r = lab.run("az acr manifest list-referrers -n jupyter/all-spark-notebook:newtag --query 'references[].artifactType'")
    assert r.json() == ["application/vnd.azure.artifact.streaming.v1"], r.output


def test_troubleshoot_artifact_streaming_page(lab):
    page = Page(lab, "troubleshoot-artifact-streaming")
    page.skip(0, "the block is the kubelet's image-pull error text of an AKS node, not a command; streaming images "
                 "to AKS pods is outside the lab")
    page.finish()
