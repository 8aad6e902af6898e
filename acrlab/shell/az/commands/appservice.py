"""az appservice plan create|show|list|delete, az webapp create|show|list|delete|stop|start|restart and az webapp
deployment source config|show|delete (azure-cli appservice module: custom.py create_app_service_plan, create_webapp,
show_webapp, delete_webapp, stop_webapp, start_webapp, config_source_control). Each sends Resource Manager requests (Microsoft.Web/serverfarms, sites,
sites/sourcecontrols: engine/arm/providers/app_service.py); the output is the SDK's model, the resource's properties
lifted to the top with resourceGroup."""

from __future__ import annotations

from ....engine.app_service import PLANS, SITES
from ....engine.arm import send
from ....engine.errors import CliError, CliResourceNotFound, ResourceNotFound
from ..framework import Arg, command, group
from .account import parse_tags

group("appservice", "Manage App Service plans.")
group("appservice plan", "Manage app service plans.")
group("webapp", "Manage web apps.")
group("webapp deployment", "Manage web app deployments.")
group("webapp deployment source", "Manage web app deployment via source control.")

RG = Arg("resource_group", "--resource-group -g", "Name of resource group. You can configure the default group using "
         "`az configure --defaults group=<name>`.", required=True, default_key="group")
RG_OPTIONAL = Arg("resource_group", "--resource-group -g", "Name of resource group.", default_key="group")
PLAN_NAME = Arg("name", "--name -n", "The name of the app service plan.", required=True)
APP_NAME = Arg("name", "--name -n", "Name of the web app.", required=True)


def _id(ctx, rg: str, type_: str, name: str) -> str:
    return f"{ctx.subscription.id}/resourceGroups/{rg}/providers/{type_}/{name}"


def _flat(body: dict) -> dict:
    """The SDK model as az prints it: the envelope, the properties on top, and resourceGroup."""
    body = dict(body)
    props = body.pop("properties", None) or {}
    out = {**body, **props}
    out["resourceGroup"] = out.get("resourceGroup") or body["id"].split("/")[4]
    return out


def _where(ctx, rg: str | None) -> str:
    return f"{ctx.subscription.id}/resourceGroups/{rg}" if rg else ctx.subscription.id


@command("appservice plan create", "Create an app service plan.", [
    PLAN_NAME, RG,
    Arg("sku", "--sku", "The pricing tiers, e.g., F1(Free), D1(Shared), B1(Basic Small), B2(Basic Medium), B3(Basic "
        "Large), S1(Standard Small), P1V2(Premium V2 Small), P1V3(Premium V3 Small), ...", default="B1"),
    Arg("is_linux", "--is-linux", "Host web app on Linux worker.", kind="flag"),
    Arg("number_of_workers", "--number-of-workers", "Number of workers to be allocated.", kind="int"),
    Arg("location", "--location -l", "Location. Values from: `az account list-locations`.", default_key="location"),
    Arg("tags", "--tags", "Space-separated tags: key[=value] [key[=value] ...].", kind="star"),
], examples=[("Create a basic app service plan.", "az appservice plan create -g MyResourceGroup -n MyPlan")])
def plan_create(ctx, a):
    location = a.location or _group_location(ctx, a.resource_group)
    body = {"location": location, "kind": "linux" if a.is_linux else "app",
            "sku": {"name": a.sku.upper(), "capacity": a.number_of_workers or 1},
            "properties": {"reserved": bool(a.is_linux), "perSiteScaling": False, "isXenon": False,
                           "zoneRedundant": False}, "tags": parse_tags(a.tags) or None}
    return _flat(send(ctx.cloud, ctx.principal, "PUT", _id(ctx, a.resource_group, PLANS, a.name), body).body)


def _group_location(ctx, rg: str) -> str:
    from ....engine import groups
    return groups.location(ctx.cloud, ctx.principal, rg, ctx.subscription.subscription_id)


@command("appservice plan show", "Get the app service plans for a resource group or a set of resource groups.",
         [PLAN_NAME, RG])
def plan_show(ctx, a):
    return _flat(send(ctx.cloud, ctx.principal, "GET", _id(ctx, a.resource_group, PLANS, a.name)).body)


@command("appservice plan list", "List app service plans.", [RG_OPTIONAL])
def plan_list(ctx, a):
    found = send(ctx.cloud, ctx.principal, "GET", f"{_where(ctx, a.resource_group)}/providers/{PLANS}").body
    return [_flat(p) for p in found["value"]]


@command("appservice plan delete", "Delete an app service plan.", [
    PLAN_NAME, RG, Arg("yes", "--yes -y", "Do not prompt for confirmation.", kind="flag")])
def plan_delete(ctx, a):
    ctx.confirm("Are you sure you want to perform this operation?")
    send(ctx.cloud, ctx.principal, "DELETE", _id(ctx, a.resource_group, PLANS, a.name))


@command("webapp create", "Create a web app.", [
    APP_NAME, RG,
    Arg("plan", "--plan -p", "Name or resource id of the app service plan.", required=True),
    Arg("deployment_source_url", "--deployment-source-url -u", "Git repository URL to link with manual "
        "integration."),
    Arg("deployment_source_branch", "--deployment-source-branch -b", "The branch to deploy.", default="master"),
    Arg("https_only", "--https-only", "Redirect all traffic made to an app using HTTP to HTTPS.", kind="bool",
        default=False),
    Arg("tags", "--tags", "Space-separated tags: key[=value] [key[=value] ...].", kind="star"),
], examples=[("Create a web app with the default configuration.",
              "az webapp create -g MyResourceGroup -p MyPlan -n MyUniqueAppName")])
def webapp_create(ctx, a):
    plan_id = a.plan if a.plan.lower().startswith("/subscriptions/") else _id(ctx, a.resource_group, PLANS, a.plan)
    try:  # azure-cli reads the plan for its location and OS (the SDK's get answers None for a missing plan)
        plan = send(ctx.cloud, ctx.principal, "GET", plan_id).body
    except ResourceNotFound:
        raise CliResourceNotFound(f"The plan '{a.plan}' doesn't exist in the resource group "
                                  f"'{a.resource_group}") from None  # sic: azure-cli's text has no closing quote
    body = {"location": plan["location"], "kind": "app,linux" if plan["properties"]["reserved"] else "app",
            "properties": {"serverFarmId": plan["id"], "httpsOnly": bool(a.https_only),
                           "siteConfig": {"alwaysOn": False, "http20Enabled": True}},
            "tags": parse_tags(a.tags) or None}
    site_id = _id(ctx, a.resource_group, SITES, a.name)
    site = send(ctx.cloud, ctx.principal, "PUT", site_id, body).body
    if a.deployment_source_url:
        _source(ctx, site_id, a.deployment_source_url, a.deployment_source_branch)
        site = send(ctx.cloud, ctx.principal, "GET", site_id).body
    return _flat(site)


@command("webapp show", "Get the details of a web app.", [APP_NAME, RG])
def webapp_show(ctx, a):
    return _flat(_site(ctx, a))


def _site(ctx, a) -> dict:
    """The web app's GET; a missing one is azure-cli's _show_app error (custom.py)."""
    try:
        return send(ctx.cloud, ctx.principal, "GET", _id(ctx, a.resource_group, SITES, a.name)).body
    except ResourceNotFound:
        raise CliResourceNotFound(f"Unable to find webapp '{a.name}', in RG '{a.resource_group}'.") from None


@command("webapp list", "List web apps.", [RG_OPTIONAL])
def webapp_list(ctx, a):
    found = send(ctx.cloud, ctx.principal, "GET", f"{_where(ctx, a.resource_group)}/providers/{SITES}").body
    return [_flat(s) for s in found["value"]]


@command("webapp delete", "Delete a web app.", [
    APP_NAME, RG,
    Arg("keep_empty_plan", "--keep-empty-plan", "Keep empty app service plan.", kind="flag"),
])
def webapp_delete(ctx, a):
    site_id = _id(ctx, a.resource_group, SITES, a.name)
    site = _site(ctx, a)
    send(ctx.cloud, ctx.principal, "DELETE", site_id)
    if not a.keep_empty_plan:  # azure-cli deletes the plan the app leaves empty (delete_webapp's delete_empty_server_farm)
        plan = send(ctx.cloud, ctx.principal, "GET", site["properties"]["serverFarmId"]).body
        if plan["properties"]["numberOfSites"] == 0:
            send(ctx.cloud, ctx.principal, "DELETE", plan["id"])


def _site_action(ctx, a, action: str) -> None:
    _site(ctx, a)
    send(ctx.cloud, ctx.principal, "POST", _id(ctx, a.resource_group, SITES, a.name), action=action)


@command("webapp stop", "Stop a web app.", [APP_NAME, RG])
def webapp_stop(ctx, a):
    _site_action(ctx, a, "stop")


@command("webapp start", "Start a web app.", [APP_NAME, RG])
def webapp_start(ctx, a):
    _site_action(ctx, a, "start")


@command("webapp restart", "Restart a web app.", [APP_NAME, RG])
def webapp_restart(ctx, a):
    _site_action(ctx, a, "restart")


def _source(ctx, site_id: str, url: str, branch: str) -> dict:
    body = {"properties": {"repoUrl": url, "branch": branch, "isManualIntegration": True}}
    return send(ctx.cloud, ctx.principal, "PUT", f"{site_id}/sourcecontrols/web", body).body


@command("webapp deployment source config", "Manage deployment from git or Mercurial repositories.", [
    APP_NAME, RG,
    Arg("repo_url", "--repo-url -u", "Repository url to pull the latest source from.", required=True),
    Arg("branch", "--branch", "The branch name of the repository.", default="master"),
    Arg("manual_integration", "--manual-integration", "Disable automatic sync between source control and web.",
        kind="flag"),
])
def source_config(ctx, a):
    if not a.manual_integration:
        raise CliError("The lab deploys from public repositories with manual integration only: add "
                       "--manual-integration (automatic sync needs a GitHub token and a webhook).")
    return _flat(_source(ctx, _id(ctx, a.resource_group, SITES, a.name), a.repo_url, a.branch))


@command("webapp deployment source show", "Get the details of a source control deployment configuration.",
         [APP_NAME, RG])
def source_show(ctx, a):
    return _flat(send(ctx.cloud, ctx.principal, "GET",
                      f"{_id(ctx, a.resource_group, SITES, a.name)}/sourcecontrols/web").body)


@command("webapp deployment source delete", "Delete a source control deployment configuration.", [APP_NAME, RG])
def source_delete(ctx, a):
    send(ctx.cloud, ctx.principal, "DELETE", f"{_id(ctx, a.resource_group, SITES, a.name)}/sourcecontrols/web")
