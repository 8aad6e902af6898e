"""Az.ManagedServiceIdentity: Get-/New-/Remove-AzUserAssignedIdentity on the engine's user-assigned identities."""

from __future__ import annotations

from ....engine import identity
from ....engine.arm import send
from ..values import Hashtable, PSError, PSObject, to_str
from .base import Param, cmdlet
from .containerregistry import engine_call

MOD = "Az.ManagedServiceIdentity"
MI = identity.MI_TYPE
T = "Microsoft.Azure.PowerShell.Cmdlets.ManagedServiceIdentity.Models.Api20230131.Identity"
PROFILE = Param("DefaultProfile", "psobject", "The DefaultProfile parameter is not functional. Use the "
                "SubscriptionId parameter when available if executing the cmdlet against a different subscription.",
                aliases=("AzureRMContext", "AzureCredential"))
NAME = Param("Name", "string", "The name of the identity resource.", aliases=("ResourceName",), mandatory=True)
RG = Param("ResourceGroupName", "string", "The name of the resource group. The name is case insensitive.",
           mandatory=True)


def identity_obj(mi) -> PSObject:
    return PSObject(T, {
        "ClientId": mi.client_id, "Id": mi.id, "Location": mi.location, "Name": mi.name,
        "PrincipalId": mi.principal_id, "ResourceGroupName": mi.resource_group, "Tag": Hashtable(mi.tags),
        "TenantId": mi.tenant_id, "Type": MI}, view="table", columns=["Location", "Name", "ResourceGroupName"])


def _id(ctx, rg: str, name: str) -> str:
    return f"{ctx.subscription.id}/resourcegroups/{rg}/providers/{MI}/{name}"


def _from_input(ctx, obj) -> str:
    """-InputObject: an identity object (Id) or a resource id string; returns the identity's id."""
    rid = to_str(obj.get("Id")) if isinstance(obj, PSObject) else to_str(obj)
    parts = rid.strip("/").split("/")
    if len(parts) < 8 or parts[-2].lower() != "userassignedidentities":
        raise PSError(f"InputObject has null value for InputObject.Id ('{rid}' is not a user-assigned identity id).")
    return _id(ctx, parts[3], parts[-1])


@cmdlet("Get-AzUserAssignedIdentity", [
    Param("Name", "string", "The name of the identity resource.", aliases=("ResourceName",), sets=("Get",),
          mandatory=True),
    Param("ResourceGroupName", "string", "The name of the resource group. The name is case insensitive.",
          sets=("Get", "List1"), mandatory=True),
    Param("SubscriptionId", "strings", "The Id of the Subscription to which the identity belongs.",
          sets=("List", "Get", "List1")),
    Param("InputObject", "object", "Identity Parameter", sets=("GetViaIdentity",), mandatory=True, pipeline=True),
    PROFILE,
], "Gets the identity.", module=MOD, sets=["List", "Get", "List1", "GetViaIdentity"], default_set="List",
    examples=[("Lists user assigned identity under a subscription", "Get-AzUserAssignedIdentity"),
              ("List user assigned identity under a resource group",
               "Get-AzUserAssignedIdentity -ResourceGroupName azure-rg-test"),
              ("Get an user assigned identity", "Get-AzUserAssignedIdentity -ResourceGroupName azure-rg-test "
                                                "-Name uai-pwsh01")])
def get_identity(ctx, a, items):
    cloud, caller = ctx.cloud, ctx.principal
    if a.InputObject is not None or a.Name:
        rid = _from_input(ctx, a.InputObject) if a.InputObject is not None else _id(ctx, a.ResourceGroupName, a.Name)
        return identity_obj(engine_call(send, cloud, caller, "GET", rid).resource)
    where = f"{ctx.subscription.id}/resourcegroups/{a.ResourceGroupName}" if a.ResourceGroupName \
        else ctx.subscription.id
    return [identity_obj(mi) for mi in engine_call(send, cloud, caller, "GET", f"{where}/providers/{MI}").resources]


@cmdlet("New-AzUserAssignedIdentity", [
    NAME, RG,
    Param("SubscriptionId", "string", "The Id of the Subscription to which the identity belongs."),
    Param("Location", "string", "The geo-location where the resource lives", mandatory=True),
    Param("Tag", "hashtable", "Resource tags."), PROFILE,
], "Create or update an identity in the specified subscription and resource group.", module=MOD,
    should_process=True,
    examples=[("Creates an user assigned identity in the specified subscription and resource group",
               "New-AzUserAssignedIdentity -ResourceGroupName azure-rg-test -Name uai-pwsh01 -Location eastus")])
def new_identity(ctx, a, items):
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Create or update an identity in the specified subscription and '
                 f'resource group." on target "{a.Name}".')
        return None
    tags = {to_str(k): to_str(v) for k, v in a.Tag.items()} if a.Tag is not None else None
    body = {"location": a.Location.replace(" ", "").lower(), **({"tags": tags} if tags is not None else {})}
    mi = engine_call(send, ctx.cloud, ctx.principal, "PUT", _id(ctx, a.ResourceGroupName, a.Name), body).resource
    return identity_obj(mi)


@cmdlet("Remove-AzUserAssignedIdentity", [
    Param("Name", "string", "The name of the identity resource.", aliases=("ResourceName",), sets=("Delete",),
          mandatory=True),
    Param("ResourceGroupName", "string", "The name of the resource group. The name is case insensitive.",
          sets=("Delete",), mandatory=True),
    Param("SubscriptionId", "string", "The Id of the Subscription to which the identity belongs.", sets=("Delete",)),
    Param("InputObject", "object", "Identity Parameter", sets=("DeleteViaIdentity",), mandatory=True, pipeline=True),
    Param("PassThru", "switch", "Returns true when the command succeeds"), PROFILE,
], "Deletes the identity.", module=MOD, should_process=True, sets=["Delete", "DeleteViaIdentity"],
    default_set="Delete",
    examples=[("Deletes an user assigned identity",
               "Remove-AzUserAssignedIdentity -ResourceGroupName azure-rg-test -Name uai-pwsh01")])
def remove_identity(ctx, a, items):
    rid = _from_input(ctx, a.InputObject) if a.InputObject is not None else _id(ctx, a.ResourceGroupName, a.Name)
    mi = engine_call(send, ctx.cloud, ctx.principal, "GET", rid).resource
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Deletes the identity." on target "{mi.name}".')
        return None
    engine_call(send, ctx.cloud, ctx.principal, "DELETE", rid)
    return True if a.PassThru else None
