"""'Set a retention policy for untagged manifests', in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-retention-policy.md.
The page's registry holds hello-world:latest (imported); after the untag, the untagged manifest is purged once
the retention period has passed (the lab's clock is advanced past it)."""

from __future__ import annotations

from .docs import Page


def test_retention_policy(lab):
    assert lab.run("az group create -n rg -l eastus -o none\naz acr create -n retreg01 -g rg --sku Premium -o none\n"
                   "az acr import -n retreg01 --source mcr.microsoft.com/hello-world:latest -t hello-world:latest "
                   "-o none").exit_code == 0
    page = Page(lab, "container-registry-retention-policy", {"myregistry": "retreg01"})
    page.run(0, contains='"days": 30')
    page.run(1)
    listed = "az acr manifest list-metadata -r retreg01 -n hello-world --query 'length(@)'"
    kept = lab.run(listed).stdout.strip()
    assert int(kept) >= 1  # the untagged image (index and platform manifests), kept for the retention period
    page.run(2, contains='"status": "enabled"')
    assert lab.run("lab advance 29d").exit_code == 0
    assert lab.run(listed).stdout.strip() == kept
    assert lab.run("lab advance 2d").exit_code == 0
    gone = lab.run(listed)
    assert gone.stdout.strip() == "0" or "not found" in gone.output.lower()
    page.run(3, contains='"status": "disabled"')
    page.finish()
