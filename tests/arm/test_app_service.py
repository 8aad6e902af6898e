"""App Service as the resource manager serves it: Microsoft.Web/serverfarms, sites and sites/sourcecontrols
(engine/arm/providers/app_service.py), reached by az, templates and Resource Manager over HTTP, and the web app on
the lab's web (engine/web_sites.py).

Sources: azure-cli src/azure-cli/azure/cli/command_modules/appservice/tests/latest/recordings/
test_auto_delete_plan.yaml (the plan's and site's bodies: sku name/tier/size/family/capacity, kind app,
serverFarmId, hostNames, enabledHostNames with the scm host, state Running; `webapp delete` deletes the plan it
leaves empty); azure-cli appservice/custom.py (_show_app's and create_webapp's texts); azure-rest-api-specs
specification/web/resource-manager/Microsoft.Web/AppService (AppServicePlans.json, WebApps.json); App Service's
'Website with given name {0} already exists.' (ExtendedCode 54001: web app names are global);
Azure-Samples/azure-event-grid-viewer viewer/Controllers/UpdatesController.cs (the viewer's handshake)."""

from __future__ import annotations

import json

import pytest

from acrlab.engine import web
from acrlab.engine.arm import send
from acrlab.engine.errors import AzureError


@pytest.fixture
def site(lab):
    assert lab.run("az group create -n rg -l westeurope -o none && az appservice plan create -g rg -n plan "
                   "--sku B1 -o none && az webapp create -g rg -n webapp01 -p plan -o none").exit_code == 0
    return lab


def test_plan_and_site_bodies(site):
    plan = site.run("az appservice plan show -g rg -n plan").json()
    assert plan["sku"] == {"name": "B1", "tier": "Basic", "size": "B1", "family": "B", "capacity": 1}
    assert (plan["kind"], plan["location"], plan["status"], plan["numberOfSites"], plan["maximumNumberOfWorkers"],
            plan["reserved"], plan["resourceGroup"]) == ("app", "West Europe", "Ready", 1, 3, False, "rg")
    app = site.run("az webapp show -g rg -n webapp01").json()
    assert (app["kind"], app["state"], app["defaultHostName"], app["hostNames"]) == (
        "app", "Running", "webapp01.azurewebsites.net", ["webapp01.azurewebsites.net"])
    assert app["enabledHostNames"] == ["webapp01.azurewebsites.net", "webapp01.scm.azurewebsites.net"]
    assert app["serverFarmId"] == plan["id"] and app["type"] == "Microsoft.Web/sites"
    listed = site.run("az webapp list -g rg --query '[].name' -o tsv").stdout.split()
    assert listed == ["webapp01"]
    arm = send(site.cloud, site.cloud.learner, "GET", app["id"]).body
    assert arm["properties"]["defaultHostName"] == "webapp01.azurewebsites.net" and "resourceGroup" not in arm


def test_site_names_are_global_and_checked(site):
    site.run("az group create -n other -l westeurope -o none && az appservice plan create -g other -n p2 -o none")
    r = site.run("az webapp create -g other -n WEBAPP01 -p p2")
    assert r.exit_code == 1 and "(Conflict) Website with given name WEBAPP01 already exists." in r.stderr
    for bad in ("x", "-lead", "trail-", "under_score", "a" * 61):
        r = site.run(f"az webapp create -g other --name={bad} -p p2")
        assert r.exit_code == 1 and f"The site name '{bad}' is invalid" in r.stderr, (bad, r.stderr)
    r = site.run("az webapp create -g other -n fresh01 -p nosuch")
    assert r.exit_code == 3 and r.stderr.strip() == \
        "ERROR: The plan 'nosuch' doesn't exist in the resource group 'other"
    r = site.run("az webapp show -g other -n fresh01")
    assert r.exit_code == 3 and "Unable to find webapp 'fresh01', in RG 'other'." in r.stderr
    assert site.run("az webapp list -g other").json() == []


def test_plan_with_sites_cannot_be_deleted_and_webapp_delete_takes_the_empty_plan(site):
    r = site.run("az appservice plan delete -g rg -n plan --yes")
    assert r.exit_code == 1
    assert "Server farm 'plan' cannot be deleted because it has web app(s) webapp01 assigned to it." in r.stderr
    assert site.run("az webapp delete -g rg -n webapp01").exit_code == 0
    assert site.run("az appservice plan list -g rg").json() == []
    # the name is free again
    assert site.run("az appservice plan create -g rg -n p3 -o none && az webapp create -g rg -n webapp01 -p p3 "
                    "--query state -o tsv").stdout.strip() == "Running"


def test_failed_requests_change_nothing(site):
    before = json.dumps(site.run("az webapp list").json(), sort_keys=True)
    for line in ("az webapp create -g rg -n webapp01 -p missing", "az appservice plan delete -g rg -n plan --yes",
                 "az appservice plan create -g rg -n p9 --sku Z9",
                 "az webapp deployment source config -g rg -n webapp01 --repo-url https://github.com/nobody/none "
                 "--branch main --manual-integration"):
        assert site.run(line).exit_code != 0, line
    assert json.dumps(site.run("az webapp list").json(), sort_keys=True) == before
    assert [p["name"] for p in site.run("az appservice plan list").json()] == ["plan"]


def test_reader_may_read_but_not_create(site):
    from acrlab.engine.identity import create_user
    cloud = site.cloud
    reader = create_user(cloud, cloud.learner, "reader01@contoso.onmicrosoft.com", "Reader One", "Passw0rd!Passw0rd")
    cloud.assign_role(reader, "Reader", cloud.group("rg").id)
    plan_id = f"{cloud.group('rg').id}/providers/Microsoft.Web/serverfarms/plan"
    assert send(cloud, reader, "GET", plan_id).body["name"] == "plan"
    with pytest.raises(AzureError) as e:
        send(cloud, reader, "PUT", f"{cloud.group('rg').id}/providers/Microsoft.Web/sites/readerapp",
             {"location": "westeurope", "properties": {"serverFarmId": plan_id}})
    assert e.value.code == "AuthorizationFailed" and "Microsoft.Web/sites/write" in e.value.message


def test_default_page_and_viewer(site):
    page = web.request(site.cloud, "GET", "https://webapp01.azurewebsites.net/")
    assert page.status == 200 and "waiting for your content" in page.text
    assert web.request(site.cloud, "POST", "https://webapp01.azurewebsites.net/api/updates", body=b"[]").status == 404
    assert site.run("az webapp deployment source config -g rg -n webapp01 --repo-url "
                    "https://github.com/Azure-Samples/azure-event-grid-viewer.git --branch main --manual-integration "
                    "--query isManualIntegration -o tsv").stdout.strip() == "true"
    url = "https://webapp01.azurewebsites.net/api/updates"
    validation = [{"id": "1", "topic": "t", "subject": "", "eventType": "Microsoft.EventGrid.SubscriptionValidationEvent",
                   "eventTime": "2026-01-01T00:00:00Z", "data": {"validationCode": "abc-123"}}]
    r = web.request(site.cloud, "POST", url, {"aeg-event-type": "SubscriptionValidation"}, json.dumps(validation).encode())
    assert (r.status, r.json()) == (200, {"validationResponse": "abc-123"})
    # no aeg-event-type header, or a body that is not JSON: the controller's BadRequest
    assert web.request(site.cloud, "POST", url, {}, b"[]").status == 400
    assert web.request(site.cloud, "POST", url, {"aeg-event-type": "Notification"}, b"{oops").status == 400
    cloud_event = {"specversion": "1.0", "type": "Contoso.Items.ItemReceived", "source": "/contoso", "id": "9",
                   "subject": "items/1"}
    r = web.request(site.cloud, "POST", url, {"aeg-event-type": "Notification"}, json.dumps(cloud_event).encode())
    assert r.status == 200
    options = web.request(site.cloud, "OPTIONS", url, {"WebHook-Request-Origin": "eventgrid.azure.net"})
    assert options.headers.get("WebHook-Allowed-Origin") == "eventgrid.azure.net"
    shown = site.run("curl -s https://webapp01.azurewebsites.net").stdout
    assert shown.index("Contoso.Items.ItemReceived") < shown.index("Microsoft.EventGrid.SubscriptionValidationEvent")
    assert [e["id"] for e in site.run(f"lab endpoint {url} --json").json()] == ["1", "9"]


def test_template_deploys_plan_site_and_source_control(lab):
    """The viewer's template, served at the URL the docs page names, deploys all three resources; a second
    deployment with a site name another group holds fails with App Service's conflict."""
    uri = "https://raw.githubusercontent.com/Azure-Samples/azure-event-grid-viewer/master/azuredeploy.json"
    template = lab.run(f"curl -s {uri}").json()
    assert set(template["parameters"]) == {"siteName", "hostingPlanName", "sku", "repoURL", "branch", "location"}
    assert [r["type"] for r in template["resources"]] == ["Microsoft.Web/serverfarms", "Microsoft.Web/sites"]
    assert list(template["outputs"]) == ["appServiceEndpoint"]
    assert lab.run("az group create -n g1 -l eastus -o none && az group create -n g2 -l eastus -o none").exit_code == 0
    out = lab.run(f"az deployment group create -g g1 --template-uri {uri} --parameters siteName=viewer77 "
                  "hostingPlanName=viewer77-plan sku=B1 --query properties.outputs.appServiceEndpoint.value -o tsv")
    assert out.stdout.strip() == "https://viewer77.azurewebsites.net", out.stderr
    assert lab.run("az appservice plan show -g g1 -n viewer77-plan --query sku.name -o tsv").stdout.strip() == "B1"
    r = lab.run(f"az deployment group create -g g2 --template-uri {uri} --parameters siteName=viewer77 "
                "hostingPlanName=other-plan")
    assert r.exit_code == 1 and "Website with given name viewer77 already exists." in r.stderr


def test_powershell_cmdlets_send_the_same_requests(lab):
    """Az.Websites (Azure/azure-powershell src/Websites/Websites/help: New-AzAppServicePlan -Tier Basic -WorkerSize
    Medium is B2; Get-AzWebApp; Remove-AzWebApp -DeleteAppServicePlan): the engine's rules answer as for az."""
    script = ("New-AzResourceGroup -Name rg -Location westeurope | Out-Null; "
              "$p = New-AzAppServicePlan -ResourceGroupName rg -Name plan -Location 'West Europe' -Tier Basic "
              "-WorkerSize Medium; $w = New-AzWebApp -ResourceGroupName rg -Name psapp01 -AppServicePlan plan; "
              "\"$($p.Sku.Name) $($w.DefaultHostName) $((Get-AzWebApp -ResourceGroupName rg).Count)\"")
    r = lab.run(script, shell="pwsh")
    assert r.stdout.strip() == "B2 psapp01.azurewebsites.net 1", r.stderr
    r = lab.run("Remove-AzAppServicePlan -ResourceGroupName rg -Name plan -Force", shell="pwsh")
    assert r.exit_code == 1 and "cannot be deleted because it has web app(s) psapp01" in r.stderr
    assert lab.run("az webapp show -g rg -n psapp01 --query serverFarmId -o tsv").stdout.strip().endswith("/plan")
    r = lab.run("Remove-AzWebApp -ResourceGroupName rg -Name psapp01 -Force -DeleteAppServicePlan; "
                "(Get-AzAppServicePlan).Count", shell="pwsh")
    assert r.stdout.strip() == "0", r.stderr


def test_bicep_deploys_and_complete_mode_removes(lab):
    """A Bicep file with the two types (bicep-types-az Microsoft.Web/serverfarms, sites) deploys; a Complete-mode
    deployment of an empty template deletes the web app before its plan."""
    assert lab.run("az group create -n rg -l eastus -o none").exit_code == 0
    lab.write_file("main.bicep", "resource plan 'Microsoft.Web/serverfarms@2022-03-01' = {\n  name: 'bplan'\n"
                   "  location: resourceGroup().location\n  sku: { name: 'S1' }\n}\n"
                   "resource site 'Microsoft.Web/sites@2022-03-01' = {\n  name: 'bicepapp01'\n"
                   "  location: resourceGroup().location\n  properties: { serverFarmId: plan.id }\n}\n"
                   "output host string = site.properties.defaultHostName\n")
    r = lab.run("az deployment group create -g rg -f main.bicep --query properties.outputs.host.value -o tsv")
    assert r.stdout.strip() == "bicepapp01.azurewebsites.net", r.stderr
    lab.write_file("empty.json", '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/'
                   'deploymentTemplate.json#", "contentVersion": "1.0.0.0", "resources": []}')
    assert lab.run("az deployment group create -g rg -f empty.json --mode Complete -o none").exit_code == 0
    assert lab.run("az webapp list -g rg").json() == [] and lab.run("az appservice plan list -g rg").json() == []


def test_stopped_app_answers_403_and_fails_the_handshake(site):
    """az webapp stop (WebApps_Stop): the app's host answers 403 'This web app is stopped.', so Event Grid's
    handshake fails until az webapp start."""
    assert site.run("az webapp deployment source config -g rg -n webapp01 --repo-url "
                    "https://github.com/Azure-Samples/azure-event-grid-viewer --branch main --manual-integration "
                    "-o none && az webapp stop -g rg -n webapp01").exit_code == 0
    assert site.run("az webapp show -g rg -n webapp01 --query state -o tsv").stdout.strip() == "Stopped"
    page = web.request(site.cloud, "GET", "https://webapp01.azurewebsites.net/")
    assert page.status == 403 and "This web app is stopped." in page.text
    assert site.run("az acr create -n egreg04 -g rg --sku Basic -o none && az provider register -n "
                    "Microsoft.EventGrid && ID=$(az acr show -n egreg04 --query id -o tsv)").exit_code == 0
    create = ("az eventgrid event-subscription create -n sub --source-resource-id $ID --endpoint "
              "https://webapp01.azurewebsites.net/api/updates -o none")
    r = site.run(create)
    assert r.exit_code == 1 and "response code 403." in r.stderr
    assert site.run("az webapp start -g rg -n webapp01 && " + create).exit_code == 0
