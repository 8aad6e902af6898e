"""az identity create|show|list|delete: user-assigned managed identities."""

from __future__ import annotations

from ....engine import identity
from ..framework import Arg, command, group
from .account import parse_tags

group("identity", "Managed Identities.")
MI = "Microsoft.ManagedIdentity/userAssignedIdentities"
NAME = Arg("name", "--name -n", "The name of the identity resource.", required=True)
RG = Arg("resource_group", "--resource-group -g", "Name of resource group. You can configure the default group using "
         "`az configure --defaults group=<name>`.", required=True, default_key="group")


def _table(result):
    rows = result if isinstance(result, list) else [result]
    return [{"ClientId": r["clientId"], "Location": r["location"], "Name": r["name"], "PrincipalId": r["principalId"],
             "ResourceGroup": r["resourceGroup"], "TenantId": r["tenantId"]} for r in rows]


@command("identity create", "Create an identity.", [
    NAME, RG,
    Arg("location", "--location -l", "Location. Values from: `az account list-locations`.", default_key="location"),
    Arg("tags", "--tags", "Space-separated tags: key[=value] [key[=value] ...].", kind="star"),
], examples=[("Create an identity.", "az identity create --name MyIdentity --resource-group MyResourceGroup")],
    table=_table)
def identity_create(ctx, a):
    cloud = ctx.cloud
    rg = cloud.group(a.resource_group)
    cloud.require(ctx.principal, f"{MI}/write",
                  f"{rg.id}/providers/{MI}/{a.name}")
    return identity.create_user_assigned_identity(cloud, rg.name, a.name, a.location, parse_tags(a.tags)).to_json()


@command("identity show", "Show an identity.", [NAME, RG], table=_table)
def identity_show(ctx, a):
    mi = identity.find_identity(ctx.cloud, a.resource_group, a.name)
    ctx.cloud.require(ctx.principal, f"{MI}/read", mi.id)
    return mi.to_json()


@command("identity list", "List identities.", [
    Arg("resource_group", "--resource-group -g", "Name of resource group.", default_key="group"),
], table=_table)
def identity_list(ctx, a):
    cloud, caller = ctx.cloud, ctx.principal
    if a.resource_group:
        cloud.group(a.resource_group)
    out = []
    for mi in sorted(identity.identities(cloud).values(), key=lambda m: (m.resource_group.lower(), m.name.lower())):
        if a.resource_group and mi.resource_group.lower() != a.resource_group.lower():
            continue
        if cloud.authorize(caller, f"{MI}/read", mi.id).allowed:
            out.append(mi.to_json())
    return out


@command("identity delete", "Delete an identity.", [NAME, RG])
def identity_delete(ctx, a):
    mi = identity.find_identity(ctx.cloud, a.resource_group, a.name)
    ctx.cloud.require(ctx.principal, f"{MI}/delete", mi.id)
    identity.delete_identity(ctx.cloud, mi)
    return None
