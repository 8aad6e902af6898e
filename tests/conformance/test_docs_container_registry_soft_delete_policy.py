"""'Recover deleted artifacts with soft delete policy in Azure Container Registry (preview)', in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-soft-delete-policy.md.
The page's `sha256:abc123` stands for the digest of the deleted manifest; `<enabled/disabled>` is the status."""

from __future__ import annotations

from .docs import Page

DELETE = "az acr repository delete -n softdel001 --image hello-world:latest -y"


def test_soft_delete_policy(lab):
    assert lab.run("az group create -n rg -l eastus -o none\naz acr create -n softdel001 -g rg --sku Standard -o none"
                   ).exit_code == 0
    page = Page(lab, "container-registry-soft-delete-policy", {"MyRegistry": "softdel001",
                                                                "<enabled/disabled>": "enabled"})
    page.run(0, contains='"retentionDays": 7')
    page.run(1, contains='"status": "enabled"')
    assert lab.run("az acr import -n softdel001 --source mcr.microsoft.com/hello-world:latest -t hello-world:latest "
                   "-o none\n" + DELETE).exit_code == 0
    # hello-world is multi-arch: its platform manifests are deleted with the index; the index carries the tag
    digest = lab.run("az acr manifest list-deleted -r softdel001 -n hello-world --query \"[?tags[0]=='latest'] | "
                     "[0].digest\" -o tsv").stdout.strip()
    page.run(2, contains='"hello-world"')
    page.run(3, contains=digest)
    page.run(4, contains='"name": "latest"')
    page.run(5, contains='"name": "latest"')
    page.run(6, exit_code=1, contains="soft-deleted artifact was not found; tagName: latest, digest: sha256:abc123")
    page.subs["sha256:abc123"] = digest
    page.run(6, contains=f'"digest": "{digest}"')
    assert lab.run(DELETE).exit_code == 0
    page.run(7, contains='"latest"')  # the most recently deleted manifest with that tag
    assert lab.run(DELETE + "\naz acr import -n softdel001 --source docker.io/library/alpine:latest "
                   "-t hello-world:latest -o none").exit_code == 0
    page.run(8, contains=f'"digest": "{digest}"')  # -f: the restored manifest takes the tag back
    assert lab.run("az acr repository show -n softdel001 --image hello-world:latest --query digest -o tsv"
                   ).stdout.strip() == digest
    page.finish()
