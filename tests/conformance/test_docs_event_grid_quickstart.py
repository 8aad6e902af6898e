"""'Quickstart: Send events from private container registry to Event Grid', in a fresh lab.

Sources: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-event-grid-quickstart.md;
the events' fields: MicrosoftDocs/azure-docs articles/event-grid/event-schema-container-registry.md. `<acrName>` is
egreg01, `<your-site-name>` egviewer01. The page's endpoint is the Event Grid Viewer sample (Azure-Samples/
azure-event-grid-viewer: azuredeploy.json, viewer/Controllers/UpdatesController.cs) deployed to App Service from the
template the page names: the web app answers the validation handshake and shows the events on its page
(`curl https://egviewer01.azurewebsites.net`); `lab endpoint URL` lists the same events."""

from __future__ import annotations

from .docs import Page

ENDPOINT = "https://egviewer01.azurewebsites.net/api/updates"


def test_event_grid_quickstart(lab):
    page = Page(lab, "container-registry-event-grid-quickstart", {"<acrName>": "egreg01",
                                                                  "<your-site-name>": "egviewer01"})
    page.run(0, contains='"name": "myResourceGroup"')
    created = page.run(1).json()
    assert (created["loginServer"], created["sku"]["name"]) == ("egreg01.azurecr.io", "Basic")
    deployed = page.run(3).json()
    assert deployed["properties"]["provisioningState"] == "Succeeded"
    assert deployed["properties"]["outputs"]["appServiceEndpoint"]["value"] == "https://egviewer01.azurewebsites.net"
    site = lab.run("az webapp show -g myResourceGroup -n egviewer01").json()
    assert (site["defaultHostName"], site["state"], site["httpsOnly"]) == ("egviewer01.azurewebsites.net", "Running",
                                                                            True)
    assert site["serverFarmId"].endswith("/providers/Microsoft.Web/serverfarms/egviewer01-plan")
    plan = lab.run("az appservice plan show -g myResourceGroup -n egviewer01-plan").json()
    assert (plan["sku"]["name"], plan["sku"]["tier"], plan["numberOfSites"]) == ("F1", "Free", 1)
    assert lab.run("az webapp deployment source show -g myResourceGroup -n egviewer01").json()["repoUrl"] == \
        "https://github.com/Azure-Samples/azure-event-grid-viewer.git"
    assert "No events received yet." in lab.run("curl -s https://egviewer01.azurewebsites.net").stdout
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
    # the viewer's page shows them, newest first, as the sample's page prepends each event
    shown = lab.run("curl -s https://egviewer01.azurewebsites.net").stdout
    rows = [line for line in shown.splitlines() if line.startswith("<tr><td>")]
    assert [r.split("</td>")[0].removeprefix("<tr><td>") for r in rows] == [
        "Microsoft.ContainerRegistry.ImageDeleted", "Microsoft.ContainerRegistry.ImagePushed",
        "Microsoft.EventGrid.SubscriptionValidationEvent"]
    assert '"digest": "' + pushed["data"]["target"]["digest"] + '"' in shown
    page.run(14, answer="y")
    assert lab.run("az group exists -n myResourceGroup").stdout.strip() == "false"
    # the group took the web app with it: its name no longer resolves, and is free again
    r = lab.run("curl -sS https://egviewer01.azurewebsites.net")
    assert r.exit_code == 6 and "Could not resolve host: egviewer01.azurewebsites.net" in r.stderr
    page.finish()


def test_validation_handshake_needs_a_viewer(lab):
    """Event Grid validates an App Service endpoint before it creates the subscription: a web app that does not
    exist, or one with no app deployed (App Service's default page answers 404 at /api/updates), fails the handshake
    with Event Grid's error and leaves no subscription (MicrosoftDocs/azure-docs articles/event-grid/
    troubleshoot-subscription-validation.md)."""
    assert lab.run("az group create -n rg -l eastus -o none && az acr create -n egreg03 -g rg --sku Basic -o none "
                   "&& az provider register -n Microsoft.EventGrid && ID=$(az acr show -n egreg03 --query id -o tsv) "
                   "&& az appservice plan create -g rg -n plan --sku F1 -o none && az webapp create -g rg -n "
                   "bareapp03 -p plan -o none").exit_code == 0
    for host, status in (("nosuchapp03", "Unknown"), ("bareapp03", "404")):
        url = f"https://{host}.azurewebsites.net/api/updates"
        r = lab.run(f"az eventgrid event-subscription create -n sub --source-resource-id $ID --endpoint {url}")
        assert r.exit_code == 1, r.stdout
        assert f"(Url validation) Webhook validation handshake failed for {url}. Http POST request failed with " \
               f"response code {status}." in r.stderr
    assert lab.run("az eventgrid event-subscription list --source-resource-id $ID").json() == []
    # deploying the viewer to the bare app makes the same subscription succeed
    assert lab.run("az webapp deployment source config -g rg -n bareapp03 --repo-url "
                   "https://github.com/Azure-Samples/azure-event-grid-viewer --branch main --manual-integration "
                   "-o none").exit_code == 0
    url = "https://bareapp03.azurewebsites.net/api/updates"
    assert lab.run(f"az eventgrid event-subscription create -n sub --source-resource-id $ID --endpoint {url} "
                   "--query provisioningState -o tsv").stdout.strip() == "Succeeded"
    assert [e["eventType"] for e in lab.run(f"lab endpoint {url} --json").json()] == [
        "Microsoft.EventGrid.SubscriptionValidationEvent"]


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
