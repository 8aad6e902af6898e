"""'Quickstart: Send events from private container registry to Event Grid', in a fresh lab.

Sources: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-event-grid-quickstart.md;
the events' fields: MicrosoftDocs/azure-docs articles/event-grid/event-schema-container-registry.md. `<acrName>` is
egreg01, `<your-site-name>` egviewer01. The page's endpoint is the Event Grid Viewer sample deployed to App Service
from a template on GitHub; the lab does not simulate App Service (Microsoft.Web sites), so that block is skipped
and the endpoint stands outside the lab: `lab endpoint URL` lists what it received, as the viewer's page does."""

from __future__ import annotations

from .docs import Page

ENDPOINT = "https://egviewer01.azurewebsites.net/api/updates"


def test_event_grid_quickstart(lab):
    page = Page(lab, "container-registry-event-grid-quickstart", {"<acrName>": "egreg01",
                                                                  "<your-site-name>": "egviewer01"})
    page.run(0, contains='"name": "myResourceGroup"')
    created = page.run(1).json()
    assert (created["loginServer"], created["sku"]["name"]) == ("egreg01.azurecr.io", "Basic")
    page.skip(3, "deploys the Event Grid Viewer web app (App Service) from a template on GitHub; the lab does not "
                 "simulate App Service (Microsoft.Web sites, a lab gap): the endpoint stands outside the lab "
                 "(lab endpoint URL lists what it received)")
    lab.run("SITE_NAME=egviewer01")
    # before the provider is registered, the subscription is refused
    r = lab.run("az eventgrid event-subscription create --name early --source-resource-id "
                "$(az acr show -n egreg01 --query id -o tsv) --endpoint " + ENDPOINT)
    assert r.exit_code == 1 and "not registered to use namespace 'Microsoft.EventGrid'" in r.stderr
    page.run(4, contains="Registering is still on-going")
    assert page.run(5).stdout.strip() == '"Registered"'
    sub = page.run(6).json()
    assert sub["destination"]["endpointBaseUrl"] == ENDPOINT and sub["destination"]["endpointType"] == "WebHook"
    assert sub["filter"]["includedEventTypes"] == ["All"] and sub["provisioningState"] == "Succeeded"
    assert sub["id"].endswith("/registries/egreg01/providers/Microsoft.EventGrid/eventSubscriptions/event-sub-acr")
    assert sub["topic"].endswith("/providers/microsoft.containerregistry/registries/egreg01")
    page.run(8, contains="Successfully pushed image: egreg01.azurecr.io/myimage:v1")
    assert page.run(10).json() == ["v1"]
    page.run(12, answer="y")
    events = lab.run(f"lab endpoint {ENDPOINT} --json").json()
    assert [e["eventType"] for e in events] == ["Microsoft.EventGrid.SubscriptionValidationEvent",
                                                 "Microsoft.ContainerRegistry.ImagePushed",
                                                 "Microsoft.ContainerRegistry.ImageDeleted"]
    pushed, deleted = events[1], events[2]
    assert pushed["subject"] == "myimage:v1" and pushed["topic"].endswith("/registries/egreg01")
    assert (pushed["dataVersion"], pushed["metadataVersion"]) == ("1.0", "1")
    assert pushed["data"]["action"] == "push" and pushed["data"]["request"]["method"] == "PUT"
    assert pushed["data"]["target"]["repository"] == "myimage" and pushed["data"]["target"]["tag"] == "v1"
    assert deleted["data"]["action"] == "delete" and deleted["data"]["request"]["host"] == "egreg01.azurecr.io"
    assert deleted["data"]["target"]["digest"] == pushed["data"]["target"]["digest"]
    listed = lab.run(f"lab endpoint {ENDPOINT}").stdout.splitlines()
    assert listed[1].split()[1:] == ["Microsoft.ContainerRegistry.ImagePushed", "myimage:v1"]
    page.run(14, answer="y")
    assert lab.run("az group exists -n myResourceGroup").stdout.strip() == "false"
    page.finish()


def test_subscription_filters_and_refusals(lab):
    """Filters on event type and subject; an http endpoint and an unknown event type are refused and leave
    nothing behind; deleting the registry deletes its subscriptions."""
    assert lab.run("az group create -n rg -l eastus -o none && az acr create -n egreg02 -g rg --sku Basic -o none "
                   "&& az provider register -n Microsoft.EventGrid && ID=$(az acr show -n egreg02 --query id -o tsv)"
                   ).exit_code == 0
    r = lab.run("az eventgrid event-subscription create -n plain --source-resource-id $ID --endpoint "
                "http://example.com/hook")
    assert r.exit_code == 1 and "must be an absolute HTTPS URL" in r.stderr
    r = lab.run("az eventgrid event-subscription create -n bad --source-resource-id $ID --endpoint "
                "https://example.com/hook --included-event-types Microsoft.Storage.BlobCreated")
    assert r.exit_code == 1 and "Microsoft.ContainerRegistry.ImagePushed" in r.stderr
    assert lab.run("az eventgrid event-subscription list --source-resource-id $ID").json() == []
    assert lab.run("az eventgrid event-subscription create -n deletes --source-resource-id $ID --endpoint "
                   "https://example.com/deletes --included-event-types Microsoft.ContainerRegistry.ImageDeleted "
                   "--subject-begins-with prod -o none").exit_code == 0
    lab.run("az acr import -n egreg02 --source mcr.microsoft.com/hello-world:latest -t prod/hello:v1 -t dev/hello:v1")
    lab.run("az acr repository delete -n egreg02 --repository dev/hello --yes")
    lab.run("az acr repository delete -n egreg02 --repository prod/hello --yes")
    got = lab.run("lab endpoint https://example.com/deletes --json").json()
    # one event per manifest deleted (hello-world is a multi-platform index), all from prod/
    assert got[1:] and {(e["eventType"], e["subject"]) for e in got[1:]} == {
        ("Microsoft.ContainerRegistry.ImageDeleted", "prod/hello")}
    assert [s["name"] for s in lab.run("az eventgrid event-subscription list --source-resource-id $ID").json()] \
        == ["deletes"]
    assert lab.run("az acr delete -n egreg02 --yes").exit_code == 0
    assert lab.run("az acr create -n egreg02 -g rg --sku Basic -o none").exit_code == 0
    assert lab.run("az eventgrid event-subscription list --source-resource-id $ID").json() == []
