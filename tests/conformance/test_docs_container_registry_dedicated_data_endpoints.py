"""'Azure Container Registry mitigating data exfiltration with dedicated data endpoints', in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/
container-registry-dedicated-data-endpoints.md; the page's sample output has a replica in westus."""

from __future__ import annotations

from .docs import Page


def test_dedicated_data_endpoints(lab):
    assert lab.run("az group create -n rg -l eastus -o none\naz acr create -n dataendpt01 -g rg --sku Premium -o none\n"
                   "az acr replication create -r dataendpt01 -l westus -o none").exit_code == 0
    page = Page(lab, "container-registry-dedicated-data-endpoints", {"myregistry": "dataendpt01"})
    page.run(0, contains='"dataEndpointEnabled": true')
    r = page.run(1)
    assert r.json() == {"dataEndpoints": [{"endpoint": "dataendpt01.eastus.data.azurecr.io", "region": "eastus"},
                                          {"endpoint": "dataendpt01.westus.data.azurecr.io", "region": "westus"}],
                        "loginServer": "dataendpt01.azurecr.io"}
    page.finish()
