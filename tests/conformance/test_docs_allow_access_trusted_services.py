"""'Allow trusted services to securely access a network-restricted container registry', in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/allow-access-trusted-services.md. The
setting is the registry's networkRuleBypassOptions (AzureServices when trusted services are allowed)."""

from __future__ import annotations

from .docs import Page


def test_allow_access_trusted_services(lab):
    assert lab.run("az group create -n rg -l westus -o none\n"
                   "az acr create -n trustedreg01 -g rg --sku Premium -o none").exit_code == 0
    page = Page(lab, "allow-access-trusted-services", {"myregistry": "trustedreg01"})
    assert lab.run("az acr show -n trustedreg01 --query networkRuleBypassOptions -o tsv").stdout.strip() == \
        "AzureServices"  # the default
    page.run(0, contains='"networkRuleBypassOptions": "None"')
    page.run(1, contains='"networkRuleBypassOptions": "AzureServices"')
    page.finish()
