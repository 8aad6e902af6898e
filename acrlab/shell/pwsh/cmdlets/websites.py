"""Az.Websites: Get-/New-/Remove-AzAppServicePlan and Get-/New-/Remove-AzWebApp, each sending the resource
manager's requests for Microsoft.Web/serverfarms and sites (engine/arm/providers/app_service.py). Parameters and
tiers: Azure/azure-powershell src/Websites/Websites/help (Get-AzWebApp.md, New-AzAppServicePlan.md: -Tier Free,
Shared, Basic, Standard, Premium, PremiumV2, PremiumV3 with -WorkerSize Small|Medium|Large, New-AzWebApp.md,
Remove-AzWebApp.md)."""

from __future__ import annotations

from ....engine.app_service import PLANS, SITES
from ....engine.arm import send
from ..values import Hashtable, PSError, PSObject
from .aks import confirm
from .base import Param, cmdlet
from .containerregistry import engine_call

MOD = "Az.Websites"
PROFILE = Param("DefaultProfile", "psobject", "The credentials, account, tenant, and subscription used for "
                "communication with azure", aliases=("AzContext", "AzureRmContext", "AzureCredential"))
TIER_PREFIX = {"free": "F", "shared": "D", "basic": "B", "standard": "S", "premiumv2": "P", "premiumv3": "P"}
SIZES = {"small": 1, "medium": 2, "large": 3}


def _pascal(key: str) -> str:
    return key[:1].upper() + key[1:]


def _obj(type_name: str, body: dict, columns: list[str] | None = None) -> PSObject:
    """The SDK model as the cmdlets return it: the envelope and the properties, in PascalCase."""
    flat = {**{k: v for k, v in body.items() if k != "properties"}, **(body.get("properties") or {})}
    flat["resourceGroup"] = body["id"].split("/")[4]
    props = {_pascal(k): (Hashtable(v) if k == "tags" and isinstance(v, dict) else _nested(v)) for k, v in flat.items()}
    return PSObject(type_name, props, view="list" if columns is None else "table", columns=columns)


def _nested(value):
    """Nested models (the plan's Sku, a site's SiteConfig and HostNameSslStates) with PascalCase properties."""
    if isinstance(value, dict):
        return PSObject("System.Object", {_pascal(k): _nested(v) for k, v in value.items()})
    if isinstance(value, list):
        return [_nested(v) for v in value]
    return value


def plan_obj(body: dict) -> PSObject:
    return _obj("Microsoft.Azure.Commands.WebApps.Models.WebApp.PSAppServicePlan", body)


def site_obj(body: dict) -> PSObject:
    return _obj("Microsoft.Azure.Commands.WebApps.Models.PSSite", body)


def _id(ctx, rg: str, type_: str, name: str) -> str:
    return f"{ctx.subscription.id}/resourceGroups/{rg}/providers/{type_}/{name}"


def _get_all(ctx, rg: str | None, name: str | None, type_: str, make) -> object:
    cloud, caller = ctx.cloud, ctx.principal
    if name:
        if not rg:
            raise PSError("Cannot validate argument on parameter 'ResourceGroupName'. Specify -ResourceGroupName with "
                          "-Name.")
        return make(engine_call(send, cloud, caller, "GET", _id(ctx, rg, type_, name)).body)
    where = f"{ctx.subscription.id}/resourceGroups/{rg}" if rg else ctx.subscription.id
    return [make(b) for b in engine_call(send, cloud, caller, "GET", f"{where}/providers/{type_}").body["value"]]


RG_GET = Param("ResourceGroupName", "string", "The name of the resource group.", position=0)
NAME_GET = Param("Name", "string", "The name of the resource.", position=1)


@cmdlet("Get-AzAppServicePlan", [RG_GET, NAME_GET, PROFILE], "Gets an Azure App Service plan in the specified "
        "resource group.", module=MOD,
        examples=[("Get an App Service plan", 'Get-AzAppServicePlan -ResourceGroupName "Default-Web-WestUS" -Name '
                                              '"ContosoASP"')])
def get_plan(ctx, a, items):
    return _get_all(ctx, a.ResourceGroupName, a.Name, PLANS, plan_obj)


@cmdlet("Get-AzWebApp", [RG_GET, NAME_GET, PROFILE], "Gets Azure Web Apps in the specified resource group.",
        module=MOD, examples=[("Get a web app", 'Get-AzWebApp -ResourceGroupName "Default-Web-WestUS" -Name '
                                                '"ContosoSite"')])
def get_site(ctx, a, items):
    return _get_all(ctx, a.ResourceGroupName, a.Name, SITES, site_obj)


@cmdlet("New-AzAppServicePlan", [
    Param("ResourceGroupName", "string", "Resource Group Name", position=0, mandatory=True),
    Param("Name", "string", "App Service Plan Name", position=1, mandatory=True),
    Param("Location", "string", "App Service Plan Location", position=2, mandatory=True),
    Param("Tier", "string", "App Service Plan Tier", position=3,
          values=("Free", "Shared", "Basic", "Standard", "Premium", "PremiumV2", "PremiumV3")),
    Param("NumberofWorkers", "int", "Number of Workers to be allocated", position=4),
    Param("WorkerSize", "string", "Size of web worker", position=5, values=("Small", "Medium", "Large")),
    Param("Linux", "switch", "Specify this, App Service Plan will run Linux containers"),
    Param("Tag", "hashtable", "Tags are name/value pairs that enable you to categorize resources"), PROFILE,
], "Creates an Azure App Service plan in a given location", module=MOD,
    examples=[("Create an App Service plan", 'New-AzAppServicePlan -ResourceGroupName "Default-Web-WestUS" -Name '
                                             '"ContosoASP" -Location "West US" -Tier "Basic" -NumberofWorkers 2 '
                                             '-WorkerSize "Small"')])
def new_plan(ctx, a, items):
    tier = (a.Tier or "Free").lower()
    if tier == "premium":
        raise PSError("The Premium (v1) tier is retired; use -Tier PremiumV2 or PremiumV3.")
    size = SIZES[(a.WorkerSize or "Small").lower()]
    sku = {"free": "F1", "shared": "D1"}.get(tier) or (f"P{size}V{tier[-1]}" if tier.startswith("premium")
                                                       else f"{TIER_PREFIX[tier]}{size}")
    body = {"location": a.Location, "kind": "linux" if a.Linux else "app",
            "sku": {"name": sku, "capacity": a.NumberofWorkers or 1}, "properties": {"reserved": bool(a.Linux)},
            "tags": dict(a.Tag.items()) if a.Tag is not None else None}
    return plan_obj(engine_call(send, ctx.cloud, ctx.principal, "PUT", _id(ctx, a.ResourceGroupName, PLANS, a.Name),
                                body).body)


@cmdlet("New-AzWebApp", [
    Param("ResourceGroupName", "string", "Resource Group Name", position=0, mandatory=True),
    Param("Name", "string", "WebApp Name", position=1, mandatory=True),
    Param("Location", "string", "WebApp Location", position=2),
    Param("AppServicePlan", "string", "App Service Plan Name", position=3, mandatory=True), PROFILE,
], "Creates an Azure Web App.", module=MOD,
    examples=[("Create a web app", 'New-AzWebApp -ResourceGroupName Default-Web-WestUS -Name "ContosoSite" '
                                   '-AppServicePlan "ContosoServicePlan"')])
def new_site(ctx, a, items):
    cloud, caller = ctx.cloud, ctx.principal
    plan_id = a.AppServicePlan if a.AppServicePlan.startswith("/") else \
        _id(ctx, a.ResourceGroupName, PLANS, a.AppServicePlan)
    plan = engine_call(send, cloud, caller, "GET", plan_id).body
    body = {"location": a.Location or plan["location"], "properties": {"serverFarmId": plan["id"]}}
    return site_obj(engine_call(send, cloud, caller, "PUT", _id(ctx, a.ResourceGroupName, SITES, a.Name), body).body)


@cmdlet("Remove-AzWebApp", [
    Param("ResourceGroupName", "string", "Resource Group Name", position=0, mandatory=True),
    Param("Name", "string", "WebApp Name", position=1, mandatory=True),
    Param("DeleteAppServicePlan", "switch", "Delete the App Service plan if no apps remain on it"),
    Param("Force", "switch", "Do not ask for confirmation."), PROFILE,
], "Removes an Azure Web App.", module=MOD, should_process=True,
    examples=[("Remove a web app", 'Remove-AzWebApp -ResourceGroupName "Default-Web-WestUS" -Name "ContosoSite"')])
def remove_site(ctx, a, items):
    cloud, caller = ctx.cloud, ctx.principal
    rid = _id(ctx, a.ResourceGroupName, SITES, a.Name)
    site = engine_call(send, cloud, caller, "GET", rid).body
    if not confirm(ctx, a, f"Are you sure you want to remove web app '{a.Name}'"):
        return None
    engine_call(send, cloud, caller, "DELETE", rid)
    if a.DeleteAppServicePlan:
        plan = engine_call(send, cloud, caller, "GET", site["properties"]["serverFarmId"]).body
        if plan["properties"]["numberOfSites"] == 0:
            engine_call(send, cloud, caller, "DELETE", plan["id"])
    return None


@cmdlet("Remove-AzAppServicePlan", [
    Param("ResourceGroupName", "string", "Resource Group Name", position=0, mandatory=True),
    Param("Name", "string", "App Service Plan Name", position=1, mandatory=True),
    Param("Force", "switch", "Do not ask for confirmation."), PROFILE,
], "Removes an Azure App Service plan.", module=MOD, should_process=True,
    examples=[("Remove an App Service plan", 'Remove-AzAppServicePlan -ResourceGroupName "Default-Web-WestUS" '
                                             '-Name "ContosoASP"')])
def remove_plan(ctx, a, items):
    rid = _id(ctx, a.ResourceGroupName, PLANS, a.Name)
    engine_call(send, ctx.cloud, ctx.principal, "GET", rid)
    if not confirm(ctx, a, f"Are you sure you want to remove App Service plan '{a.Name}'"):
        return None
    engine_call(send, ctx.cloud, ctx.principal, "DELETE", rid)
    return None
