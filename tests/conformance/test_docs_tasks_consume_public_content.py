"""Consuming and maintaining public content with ACR Tasks, in a fresh lab each.

Sources: MicrosoftDocs/azure-management-docs articles/container-registry/buffer-gate-public-content.md and
tasks-consume-public-content.md. The Docker Hub account of the pages is `hubuser` with an access token (the lab's
Docker Hub accepts any sign-in, and its public images are the lab's catalogue)."""

from __future__ import annotations

from .docs import Page


def test_buffer_gate_public_content_import(lab):
    assert lab.run("az group create -n rg -l eastus -o none\n"
                   "az acr create -n bufreg01 -g rg --sku Standard -o none").exit_code == 0
    page = Page(lab, "buffer-gate-public-content", {"myregistry": "bufreg01", "<Docker Hub username>": "hubuser",
                                                    "<Docker Hub token>": "dckr_pat_hubuser01"})
    page.run(0)
    # hello-world is multi-arch: the import copies its index and every platform's image
    media = lab.run("az acr manifest list-metadata -r bufreg01 -n hello-world --query [].mediaType -o tsv").stdout
    assert "application/vnd.docker.distribution.manifest.list.v2+json" in media.split()
    assert lab.run('$resourceGroupName = "rg"; $RegistryName = "bufreg01"', shell="pwsh").exit_code == 0
    page.run(1, shell="pwsh")
    assert lab.run("az acr repository show-tags -n bufreg01 --repository busybox -o tsv").stdout.split() == ["latest"]
    page.finish()
