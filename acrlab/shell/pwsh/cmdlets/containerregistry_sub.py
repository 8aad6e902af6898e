"""Az.ContainerRegistry sub-resources: replications, webhooks, scope maps, tokens."""

from __future__ import annotations

from ....engine import webhooks
from ....engine.arm import send
from ..values import Hashtable, PSError, PSObject, to_str
from .base import Param, cmdlet
from .containerregistry import MOD, PROFILE, SUB, T, engine_call, from_input, load

CR = "Microsoft.ContainerRegistry/registries"
REG = Param("RegistryName", "string", "The name of the container registry.", aliases=("ContainerRegistryName",),
            sets=("ByRegistryName",), mandatory=True)
RGP = Param("ResourceGroupName", "string", "The name of the resource group.", sets=("ByRegistryName",),
            mandatory=True)
REGOBJ = Param("Registry", "object", "The Registry Object.", sets=("ByRegistryObject",), mandatory=True,
               pipeline=True)
SETS = dict(sets=["ByRegistryName", "ByRegistryObject"], default_set="ByRegistryName")


def _registry(ctx, a):
    if a.Registry is not None:
        return from_input(ctx, a, "Registry")
    return load(ctx, a.RegistryName, a.ResourceGroupName)


def _tags(h) -> dict | None:
    return None if h is None else {to_str(k): to_str(v) for k, v in h.items()}


def replication_obj(rep, reg) -> PSObject:
    return PSObject(f"{T}.Replication", {
        "Id": f"{reg.id}/replications/{rep.name}", "Location": rep.location, "Name": rep.name,
        "ProvisioningState": "Succeeded", "RegionEndpointEnabled": rep.region_endpoint_enabled,
        "ResourceGroupName": reg.resource_group, "Status": "Ready", "StatusMessage": None, "StatusTimestamp": None,
        "Tag": Hashtable(rep.tags), "Type": f"{CR}/replications", "ZoneRedundancy": rep.zone_redundancy},
        view="table", columns=["Name", "Location", "ProvisioningState", "Status", "StatusTimestamp"])


@cmdlet("New-AzContainerRegistryReplication", [
    REG, RGP, REGOBJ,
    Param("Location", "string", "The location of the resource. This cannot be changed after the resource is created.",
          aliases=("ReplicationLocation",), mandatory=True),
    Param("Name", "string", "The name of the replication.", aliases=("ReplicationName", "ResourceName")),
    Param("RegionEndpointEnabled", "switch", "Specifies whether the replication's regional endpoint is enabled."),
    Param("ZoneRedundancy", "string", "Whether or not zone redundancy is enabled for this container registry "
          "replication", values=("Enabled", "Disabled")),
    Param("Tag", "hashtable", "The tags of the resource.", aliases=("Tags",)), SUB, PROFILE,
], "Creates a replication for a container registry with the specified parameters.", module=MOD,
    should_process=True, **SETS,
    examples=[("Create a replication", 'New-AzContainerRegistryReplication -ResourceGroupName "MyResourceGroup" '
                                       '-RegistryName "RegistryExample" -Location "east us"')])
def new_replication(ctx, a, items):
    reg = _registry(ctx, a)
    props: dict = {}
    if a.has("RegionEndpointEnabled"):
        props["regionEndpointEnabled"] = bool(a.RegionEndpointEnabled)
    if a.ZoneRedundancy is not None:
        props["zoneRedundancy"] = a.ZoneRedundancy
    body = {"location": a.Location, "properties": props, **({"tags": _tags(a.Tag)} if a.Tag is not None else {})}
    name = a.Name or "".join(a.Location.split()).lower()
    rep = engine_call(send, ctx.cloud, ctx.principal, "PUT", f"{reg.id}/replications/{name}", body).resource
    return replication_obj(rep, reg)


@cmdlet("Get-AzContainerRegistryReplication", [
    REG, RGP, REGOBJ,
    Param("Name", "string", "The name of the replication.", aliases=("ReplicationName", "ResourceName")),
    SUB, PROFILE,
], "Gets the properties of the specified replication.", module=MOD, **SETS,
    examples=[("List replications", 'Get-AzContainerRegistryReplication -ResourceGroupName "MyResourceGroup" '
                                    '-RegistryName "RegistryExample"')])
def get_replication(ctx, a, items):
    reg = _registry(ctx, a)
    if a.Name:
        rid = f"{reg.id}/replications/{a.Name}"
        return replication_obj(engine_call(send, ctx.cloud, ctx.principal, "GET", rid).resource, reg)
    listing = engine_call(send, ctx.cloud, ctx.principal, "GET", f"{reg.id}/replications")
    return [replication_obj(r, reg) for r in listing.resources]


def webhook_obj(h) -> PSObject:
    return PSObject(f"{T}.Webhook", {
        "Action": list(h.actions), "Id": h.id, "Location": h.location, "Name": h.name, "ProvisioningState":
        "Succeeded", "ResourceGroupName": h.resource_group, "Scope": h.scope, "Status": h.status,
        "Tag": Hashtable(h.tags), "Type": f"{CR}/webhooks"},
        view="table", columns=["Name", "Location", "Status", "Scope", "Action", "ProvisioningState"])


@cmdlet("New-AzContainerRegistryWebhook", [
    REG, RGP, REGOBJ,
    Param("Name", "string", "The name of the webhook.", aliases=("WebhookName", "ResourceName"), mandatory=True),
    Param("Uri", "string", "The service URI for the webhook to post notifications.", aliases=("ServiceUri",),
          mandatory=True),
    Param("Action", "strings", "The list of actions that trigger the webhook to post notifications.",
          mandatory=True, values=tuple(webhooks.ACTIONS)),
    Param("Header", "hashtable", "Custom headers that will be added to the webhook notifications.",
          aliases=("CustomHeader",)),
    Param("Location", "string", "The location of the webhook. This cannot be changed after the resource is created."),
    Param("Scope", "string", "The scope of repositories where the event can be triggered."),
    Param("Status", "string", "The status of the webhook at the time the operation was called.",
          values=("enabled", "disabled")),
    Param("Tag", "hashtable", "The tags for the webhook.", aliases=("Tags",)), SUB, PROFILE,
], "Creates a webhook for a container registry with the specified parameters.", module=MOD,
    should_process=True, **SETS,
    examples=[("Create a webhook", 'New-AzContainerRegistryWebhook -ResourceGroupName "MyResourceGroup" '
                                   '-RegistryName "RegistryExample" -Name "webhook001" -Uri http://www.bing.com '
                                   '-Action Delete,Push -Header @{SpecialHeader="headerVal"} -Tag @{Key="val"} '
                                   '-Location "east us" -Status Enabled -Scope "foo:*"')])
def new_webhook(ctx, a, items):
    reg = _registry(ctx, a)
    props = {"serviceUri": a.Uri, "actions": list(a.Action), "customHeaders": _tags(a.Header), "status": a.Status,
             "scope": a.Scope}
    body = {"location": a.Location or reg.location, "properties": {k: v for k, v in props.items() if v is not None},
            **({"tags": _tags(a.Tag)} if a.Tag is not None else {})}
    hook = engine_call(send, ctx.cloud, ctx.principal, "PUT", f"{reg.id}/webhooks/{a.Name}", body).resource
    return webhook_obj(hook)


@cmdlet("New-AzContainerRegistryScopeMap", [
    Param("Name", "string", "The name of the scope map.", aliases=("ScopeMapName",), mandatory=True),
    Param("RegistryName", "string", "The name of the container registry.", mandatory=True),
    Param("ResourceGroupName", "string", "The name of the resource group.", mandatory=True),
    Param("Action", "strings", "The list of scoped permissions for registry artifacts. E.g. "
          "repositories/repository-name/content/read, repositories/repository-name/metadata/write", mandatory=True),
    Param("Description", "string", "The user friendly description of the scope map."), SUB, PROFILE,
], "Creates a scope map for a container registry with the specified parameters.", module=MOD, should_process=True,
    examples=[("Create a scope map", 'New-AzContainerRegistryScopeMap -Name "scopemap" -RegistryName '
                                     '"RegistryExample" -ResourceGroupName "MyResourceGroup" -Action '
                                     '"repositories/busybox/content/delete"')])
def new_scope_map(ctx, a, items):
    reg = load(ctx, a.RegistryName, a.ResourceGroupName)
    body = {"properties": {"actions": list(a.Action), "description": a.Description}}
    m = engine_call(send, ctx.cloud, ctx.principal, "PUT", f"{reg.id}/scopeMaps/{a.Name}", body).resource
    return scope_map_obj(m, reg)


SYSTEM_DATA_VIEW = ["Name", "SystemDataCreatedAt", "SystemDataCreatedBy", "SystemDataCreatedByType",
                    "SystemDataLastModifiedAt", "SystemDataLastModifiedBy"]
"""The autorest cmdlets' default table for scope maps and tokens (the help pages' example output)."""


def _system_data(item) -> dict:
    """ARM systemData as the module flattens it; the lab records when, not who (CreatedBy stays empty)."""
    return {"SystemDataCreatedAt": item.created, "SystemDataCreatedBy": None, "SystemDataCreatedByType": None,
            "SystemDataLastModifiedAt": item.created, "SystemDataLastModifiedBy": None,
            "SystemDataLastModifiedByType": None}


def scope_map_obj(m, reg) -> PSObject:
    return PSObject(f"{T}.ScopeMap", {
        "Action": list(m.actions), "CreationDate": m.created, "Description": m.description,
        "Id": f"{reg.id}/scopeMaps/{m.name}", "Name": m.name, "ProvisioningState": "Succeeded",
        "ResourceGroupName": reg.resource_group, "Type": getattr(m, "type", "UserDefined"), **_system_data(m)},
        view="table", columns=SYSTEM_DATA_VIEW)


@cmdlet("New-AzContainerRegistryToken", [
    Param("Name", "string", "The name of the token.", aliases=("TokenName",), mandatory=True),
    Param("RegistryName", "string", "The name of the container registry.", mandatory=True),
    Param("ResourceGroupName", "string", "The name of the resource group.", mandatory=True),
    Param("ScopeMapId", "string", "The resource ID of the scope map to which the token will be associated with.",
          mandatory=True),
    Param("Status", "string", "The status of the token example enabled or disabled.",
          values=("enabled", "disabled")), SUB, PROFILE,
], "Creates a token for a container registry with the specified parameters.", module=MOD, should_process=True,
    examples=[("Create a token", 'New-AzContainerRegistryToken -Name "token" -RegistryName "RegistryExample" '
                                 '-ResourceGroupName "MyResourceGroup" -ScopeMapId <scope-map-id>')])
def new_token(ctx, a, items):
    reg = load(ctx, a.RegistryName, a.ResourceGroupName)
    body = {"properties": {"scopeMapId": a.ScopeMapId, **({"status": a.Status} if a.Status else {})}}
    t = engine_call(send, ctx.cloud, ctx.principal, "PUT", f"{reg.id}/tokens/{a.Name}", body).resource
    return token_obj(t, reg)


def token_obj(t, reg) -> PSObject:
    return PSObject(f"{T}.Token", {
        "CreationDate": t.created, "Id": f"{reg.id}/tokens/{t.name}", "Name": t.name, "ProvisioningState":
        "Succeeded", "ResourceGroupName": reg.resource_group, "ScopeMapId": t.scope_map_id, "Status": t.status,
        "Type": f"{CR}/tokens", **_system_data(t)}, view="table", columns=SYSTEM_DATA_VIEW)


@cmdlet("New-AzContainerRegistryCredentials", [
    Param("RegistryName", "string", "The name of the container registry.", mandatory=True),
    Param("ResourceGroupName", "string", "The name of the resource group.", mandatory=True),
    Param("TokenId", "string", "The resource ID of the token for which credentials have to be generated."),
    Param("Name", "string", "Specifies name of the password which should be regenerated if any -- password1 or "
          "password2.", values=("password1", "password2")),
    Param("Expiry", "object", "The expiry date of the generated credentials after which the credentials become "
          "invalid.", dotnet_type="System.DateTime"), SUB, PROFILE,
], "Generate keys for a token of a specified container registry.", module=MOD, should_process=True,
    outputs=f"{T}.PSContainerRegistryCredential",
    examples=[("Generate both passwords of a token",
               "New-AzContainerRegistryCredentials -TokenId <token-resource-id> -RegistryName myRegistry "
               "-ResourceGroupName MyResourceGroup")])
def new_token_credentials(ctx, a, items):
    """POST generateCredentials for a token (both passwords unless -Name picks one), as the Autorest cmdlet does."""
    from datetime import UTC, datetime

    from .containerregistry import credential_obj

    reg = load(ctx, a.RegistryName, a.ResourceGroupName)
    if not a.TokenId:
        raise PSError("The token to generate credentials for is missing: give -TokenId (the token's resource id).")
    if "/" in a.TokenId and not a.TokenId.lower().startswith(reg.id.lower() + "/tokens/"):
        raise PSError(f"The token '{a.TokenId}' does not belong to registry '{reg.name}'.")
    token_id = a.TokenId if "/" in a.TokenId else f"{reg.id}/tokens/{a.TokenId}"
    expiry = a.Expiry
    if expiry is not None and not isinstance(expiry, datetime):
        try:
            expiry = datetime.fromisoformat(to_str(expiry).replace("Z", "+00:00"))
        except ValueError:
            raise PSError(f'Cannot bind parameter \'Expiry\'. Cannot convert value "{to_str(expiry)}" to type '
                          '"System.DateTime".') from None
    if expiry is not None and expiry.tzinfo is None:
        expiry = expiry.replace(tzinfo=UTC)
    body = {"tokenId": token_id, **({"name": a.Name} if a.Name else {}),
            **({"expiry": expiry.isoformat()} if expiry else {})}
    return credential_obj(engine_call(send, ctx.cloud, ctx.principal, "POST", reg.id, body,
                                      action="generateCredentials").body)
