"""Az.ContainerRegistry Get-/Update-/Remove- cmdlets for replications, webhooks, scope maps and tokens."""

from __future__ import annotations

from ....engine import webhooks
from ....engine.arm import send
from ..values import to_str
from .base import Param, cmdlet
from .containerregistry import MOD, PROFILE, SUB, engine_call, load
from .containerregistry_sub import scope_map_obj, token_obj, webhook_obj

NAME_ARGS = (Param("RegistryName", "string", "The name of the container registry.", mandatory=True),
             Param("ResourceGroupName", "string", "The name of the resource group.", mandatory=True))
REMOVE = (Param("PassThru", "switch", "Returns true when the command succeeds"),
          Param("AsJob", "switch", "Run the command as a job"),
          Param("NoWait", "switch", "Run the command asynchronously"), SUB, PROFILE)


def _reg(ctx, a):
    return load(ctx, a.RegistryName, a.ResourceGroupName)


def _hook(ctx, reg, name: str) -> webhooks.Webhook:
    return engine_call(send, ctx.cloud, ctx.principal, "GET", f"{reg.id}/webhooks/{name}").resource


def _what_if(ctx, a, target: str, operation: str = "Delete") -> bool:
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "{operation}" on target "{target}".')
    return bool(a.WhatIf)


@cmdlet("Remove-AzContainerRegistryReplication", [
    Param("Name", "string", "The name of the replication.", aliases=("ReplicationName",), mandatory=True),
    *NAME_ARGS, *REMOVE,
], "Deletes a replication from a container registry.", module=MOD, should_process=True,
    examples=[("Delete a replication", 'Remove-AzContainerRegistryReplication -Name "NewReplication" '
                                       '-ResourceGroupName "MyResourceGroup" -RegistryName "RegistryExample"')])
def remove_replication(ctx, a, items):
    reg = _reg(ctx, a)
    if _what_if(ctx, a, a.Name):
        return None
    engine_call(send, ctx.cloud, ctx.principal, "DELETE", f"{reg.id}/replications/{a.Name}")
    return True if a.PassThru else None


@cmdlet("Get-AzContainerRegistryWebhook", [
    Param("Name", "string", "The name of the webhook.", aliases=("WebhookName",)), *NAME_ARGS, SUB, PROFILE,
], "Gets the properties of the specified webhook.", module=MOD,
    examples=[("List webhooks", 'Get-AzContainerRegistryWebhook -RegistryName "RegistryExample" -ResourceGroupName '
                                '"MyResourceGroup"')])
def get_webhook(ctx, a, items):
    reg = _reg(ctx, a)
    if a.Name:
        return webhook_obj(_hook(ctx, reg, a.Name))
    return [webhook_obj(h) for h in engine_call(send, ctx.cloud, ctx.principal, "GET", f"{reg.id}/webhooks").resources]


@cmdlet("Update-AzContainerRegistryWebhook", [
    Param("Name", "string", "The name of the webhook.", aliases=("WebhookName",), mandatory=True), *NAME_ARGS,
    Param("Action", "strings", "The list of actions that trigger the webhook to post notifications.",
          values=tuple(webhooks.ACTIONS)),
    Param("CustomHeader", "hashtable", "Custom headers that will be added to the webhook notifications.",
          aliases=("Header",)),
    Param("Scope", "string", "The scope of repositories where the event can be triggered."),
    Param("ServiceUri", "string", "The service URI for the webhook to post notifications.", aliases=("Uri",)),
    Param("Status", "string", "The status of the webhook at the time the operation was called.",
          values=("enabled", "disabled")),
    Param("Tag", "hashtable", "The tags for the webhook.", aliases=("Tags",)), SUB, PROFILE,
    Param("AsJob", "switch", "Run the command as a job"), Param("NoWait", "switch", "Run the command asynchronously"),
], "Updates a webhook with the specified parameters.", module=MOD, should_process=True,
    examples=[("Update an existing container registry webhook.",
               'Update-AzContainerRegistryWebhook -ResourceGroupName "MyResourceGroup" -RegistryName '
               '"RegistryExample" -Name "webhook001" -Uri http://www.bing.com -Action Delete,Push -Header '
               "@{SpecialHeader='headerVal'} -Tag @{Key='val'} -Status Enabled -Scope 'foo:*'")])
def update_webhook(ctx, a, items):
    reg = _reg(ctx, a)
    hook = _hook(ctx, reg, a.Name)
    if _what_if(ctx, a, a.Name, "Update"):
        return None
    props = {"serviceUri": a.ServiceUri, "actions": list(a.Action) if a.Action is not None else None,
             "customHeaders": _strings(a.CustomHeader), "status": a.Status, "scope": a.Scope}
    body = {"properties": {k: v for k, v in props.items() if v is not None},
            **({"tags": _strings(a.Tag)} if a.Tag is not None else {})}
    return webhook_obj(engine_call(send, ctx.cloud, ctx.principal, "PATCH", hook.id, body).resource)


def _strings(h) -> dict | None:
    return None if h is None else {to_str(k): to_str(v) for k, v in h.items()}


@cmdlet("Remove-AzContainerRegistryWebhook", [
    Param("Name", "string", "The name of the webhook.", aliases=("WebhookName",), mandatory=True), *NAME_ARGS,
    *REMOVE,
], "Deletes a webhook from a container registry.", module=MOD, should_process=True,
    examples=[("Delete a webhook", 'Remove-AzContainerRegistryWebhook -Name "webhook001" -RegistryName '
                                   '"RegistryExample" -ResourceGroupName "MyResourceGroup"')])
def remove_webhook(ctx, a, items):
    reg = _reg(ctx, a)
    if _what_if(ctx, a, a.Name):
        return None
    engine_call(send, ctx.cloud, ctx.principal, "DELETE", f"{reg.id}/webhooks/{a.Name}")  # missing: 204
    return True if a.PassThru else None


@cmdlet("Get-AzContainerRegistryScopeMap", [
    Param("Name", "string", "The name of the scope map.", aliases=("ScopeMapName",)), *NAME_ARGS, SUB, PROFILE,
], "Gets the properties of the specified scope map.", module=MOD,
    examples=[("List scope maps", 'Get-AzContainerRegistryScopeMap -RegistryName "RegistryExample" '
                                  '-ResourceGroupName "MyResourceGroup"')])
def get_scope_map(ctx, a, items):
    reg = _reg(ctx, a)
    if a.Name:
        return scope_map_obj(_get(ctx, f"{reg.id}/scopeMaps/{a.Name}"), reg)
    listing = engine_call(send, ctx.cloud, ctx.principal, "GET", f"{reg.id}/scopeMaps")
    return [scope_map_obj(m, reg) for m in listing.resources]


def _get(ctx, rid: str):
    return engine_call(send, ctx.cloud, ctx.principal, "GET", rid).resource


@cmdlet("Update-AzContainerRegistryScopeMap", [
    Param("Name", "string", "The name of the scope map.", aliases=("ScopeMapName",), mandatory=True), *NAME_ARGS,
    Param("Action", "strings", "The list of scope permissions for registry artifacts. E.g. "
          "repositories/repository-name/pull, repositories/repository-name/delete"),
    Param("Description", "string", "The user friendly description of the scope map."), SUB, PROFILE,
    Param("AsJob", "switch", "Run the command as a job"), Param("NoWait", "switch", "Run the command asynchronously"),
], "Updates a scope map with the specified parameters.", module=MOD, should_process=True,
    examples=[("Update a scope map", 'Update-AzContainerRegistryScopeMap -Name "scopemap" -RegistryName '
                                     '"RegistryExample" -ResourceGroupName "MyResourceGroup" -Action '
                                     '"repositories/busybox/content/delete"')])
def update_scope_map(ctx, a, items):
    reg = _reg(ctx, a)
    m = _get(ctx, f"{reg.id}/scopeMaps/{a.Name}")
    if _what_if(ctx, a, a.Name, "Update"):
        return None
    props = {"actions": list(a.Action) if a.Action is not None else None, "description": a.Description}
    body = {"properties": {k: v for k, v in props.items() if v is not None}}  # the whole new action list
    return scope_map_obj(engine_call(send, ctx.cloud, ctx.principal, "PATCH", m.id, body).resource, reg)


@cmdlet("Remove-AzContainerRegistryScopeMap", [
    Param("Name", "string", "The name of the scope map.", aliases=("ScopeMapName",), mandatory=True), *NAME_ARGS,
    *REMOVE,
], "Deletes a scope map from a container registry.", module=MOD, should_process=True,
    examples=[("Delete a scope map", 'Remove-AzContainerRegistryScopeMap -Name "scopemap" -RegistryName '
                                     '"RegistryExample" -ResourceGroupName "MyResourceGroup"')])
def remove_scope_map(ctx, a, items):
    reg = _reg(ctx, a)
    m = _get(ctx, f"{reg.id}/scopeMaps/{a.Name}")
    if _what_if(ctx, a, a.Name):
        return None
    engine_call(send, ctx.cloud, ctx.principal, "DELETE", m.id)
    return True if a.PassThru else None


@cmdlet("Get-AzContainerRegistryToken", [
    Param("Name", "string", "The name of the token.", aliases=("TokenName",)), *NAME_ARGS, SUB, PROFILE,
], "Gets the properties of the specified token.", module=MOD,
    examples=[("List tokens", 'Get-AzContainerRegistryToken -RegistryName "RegistryExample" -ResourceGroupName '
                              '"MyResourceGroup"')])
def get_token(ctx, a, items):
    reg = _reg(ctx, a)
    if a.Name:
        return token_obj(_get(ctx, f"{reg.id}/tokens/{a.Name}"), reg)
    return [token_obj(t, reg) for t in engine_call(send, ctx.cloud, ctx.principal, "GET", f"{reg.id}/tokens").resources]


@cmdlet("Update-AzContainerRegistryToken", [
    Param("Name", "string", "The name of the token.", aliases=("TokenName",), mandatory=True), *NAME_ARGS,
    Param("ScopeMapId", "string", "The resource ID of the scope map to which the token will be associated with."),
    Param("Status", "string", "The status of the token example enabled or disabled.",
          values=("enabled", "disabled")), SUB, PROFILE,
    Param("AsJob", "switch", "Run the command as a job"), Param("NoWait", "switch", "Run the command asynchronously"),
], "Updates a token with the specified parameters.", module=MOD, should_process=True,
    examples=[("Disable a token", 'Update-AzContainerRegistryToken -Name "token" -RegistryName "RegistryExample" '
                                  '-ResourceGroupName "MyResourceGroup" -Status disabled')])
def update_token(ctx, a, items):
    reg = _reg(ctx, a)
    t = _get(ctx, f"{reg.id}/tokens/{a.Name}")
    if _what_if(ctx, a, a.Name, "Update"):
        return None
    props = {k: v for k, v in (("scopeMapId", a.ScopeMapId), ("status", a.Status)) if v}
    return token_obj(engine_call(send, ctx.cloud, ctx.principal, "PATCH", t.id, {"properties": props}).resource, reg)


@cmdlet("Remove-AzContainerRegistryToken", [
    Param("Name", "string", "The name of the token.", aliases=("TokenName",), mandatory=True), *NAME_ARGS, *REMOVE,
], "Deletes a token from a container registry.", module=MOD, should_process=True,
    examples=[("Remove a token for the container registry",
               "Remove-AzContainerRegistryToken -Name token -RegistryName RegistryExample -ResourceGroupName "
               "MyResourceGroup")])
def remove_token(ctx, a, items):
    reg = _reg(ctx, a)
    t = _get(ctx, f"{reg.id}/tokens/{a.Name}")
    if _what_if(ctx, a, a.Name):
        return None
    engine_call(send, ctx.cloud, ctx.principal, "DELETE", t.id)
    return True if a.PassThru else None
