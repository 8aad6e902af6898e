"""'Using Azure Container Registry webhooks', in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-webhook.md. The page's
list-events block names `mycontainerregistry08` where the other blocks say `mycontainerregistry`: as printed it
finds no such registry; with the name the other blocks use it lists the ping."""

from __future__ import annotations

from .docs import Page


def test_webhook(lab):
    assert lab.run("az group create -n rg -l eastus -o none\n"
                   "az acr create -n mycontainerregistry -g rg --sku Standard -o none").exit_code == 0
    page = Page(lab, "container-registry-webhook")
    page.run(0, contains='"actions": [\n    "delete"\n  ]')
    ping = page.run(1).json()["id"]
    page.run(2, exit_code=3, contains="The resource with name 'mycontainerregistry08' and type "
                                      "'Microsoft.ContainerRegistry/registries' could not be found")
    page.subs["mycontainerregistry08"] = "mycontainerregistry"
    events = page.run(2).json()
    assert [e["id"] for e in events] == [ping] and events[0]["eventRequestMessage"]["content"]["action"] == "ping"
    page.run(3)
    assert lab.run("az acr webhook list -r mycontainerregistry -o tsv").stdout == ""
    page.finish()
