"""Az.ContainerRegistry (autorest, v4+): registries, admin credentials, usage, name availability."""

from __future__ import annotations

from ....engine import registries
from ....engine.arm import send
from ....engine.clock import iso
from ....engine.errors import AzureError
from ..values import Hashtable, PSError, PSObject, to_str
from .base import Param, cmdlet
from .containerregistry_body import POLICY_PARAMS, add_body_parts

MOD = "Az.ContainerRegistry"
T = "Microsoft.Azure.PowerShell.Cmdlets.ContainerRegistry.Models.Api202301Preview"
PROFILE = Param("DefaultProfile", "psobject", "The credentials, account, tenant, and subscription used for "
                "communication with Azure.", aliases=("AzureRMContext", "AzureCredential"))
SUB = Param("SubscriptionId", "string", "The ID of the target subscription. The value must be an UUID.")
RG = Param("ResourceGroupName", "string", "The name of the resource group. The name is case insensitive.",
           mandatory=True)
NAME = Param("Name", "string", "The name of the container registry.",
             aliases=("RegistryName", "ResourceName", "ContainerRegistryName"), mandatory=True)
ASYNC = [Param("AsJob", "switch", "Run the command as a job"), Param("NoWait", "switch", "Run the command "
                                                                                         "asynchronously")]
REGISTRY_COLUMNS = ["Name", "SkuName", "LoginServer", "CreationDate", "ProvisioningState", "AdminUserEnabled"]


def registry_obj(reg) -> PSObject:
    """IRegistry as the autorest model flattens it (properties in alphabetical order, as Format-List * shows)."""
    p = reg.policies
    nrs = reg.network_rule_set
    props = {
        "AdminUserEnabled": reg.admin_user_enabled,
        "AnonymousPullEnabled": reg.anonymous_pull_enabled,
        "AzureAdAuthenticationAsArmPolicyStatus": p.aad_as_arm_status,
        "CreationDate": reg.created,
        "DataEndpointEnabled": reg.data_endpoint_enabled,
        "DataEndpointHostName": reg.data_endpoint_host_names(),
        "EncryptionStatus": reg.encryption.get("status"),
        "ExportPolicyStatus": p.export_status,
        "Id": reg.id,
        "IdentityPrincipalId": (reg.identity or {}).get("principalId"),
        "IdentityTenantId": (reg.identity or {}).get("tenantId"),
        "IdentityType": (reg.identity or {}).get("type"),
        "IdentityUserAssignedIdentity": (reg.identity or {}).get("userAssignedIdentities"),
        "KeyVaultPropertyIdentity": (reg.encryption.get("keyVaultProperties") or {}).get("identity"),
        "KeyVaultPropertyKeyIdentifier": (reg.encryption.get("keyVaultProperties") or {}).get("keyIdentifier"),
        "Location": reg.location,
        "LoginServer": reg.login_server,
        "Name": reg.name,
        "NetworkRuleBypassOption": reg.network_rule_bypass_options,
        "NetworkRuleSetDefaultAction": nrs.default_action if nrs else None,
        "NetworkRuleSetIPRule": [PSObject(f"{T}.IPRule", {"Action": r.action, "IPAddressOrRange":
                                                          r.ip_address_or_range}) for r in nrs.ip_rules] if nrs
        else None,
        "PrivateEndpointConnection": list(reg.private_endpoint_connections),
        "ProvisioningState": "Succeeded",
        "PublicNetworkAccess": reg.public_network_access,
        "QuarantinePolicyStatus": p.quarantine_status,
        "ResourceGroupName": reg.resource_group,
        "RetentionPolicyDay": p.retention_days,
        "RetentionPolicyLastUpdatedTime": p.retention_updated,
        "RetentionPolicyStatus": p.retention_status,
        "SkuName": reg.sku,
        "SkuTier": reg.sku,
        "SoftDeletePolicyLastUpdatedTime": p.soft_delete_updated,
        "SoftDeletePolicyRetentionDay": p.soft_delete_days,
        "SoftDeletePolicyStatus": p.soft_delete_status,
        "StatusDisplayStatus": None,
        "StatusMessage": None,
        "StatusTimestamp": None,
        "SystemDataCreatedAt": reg.created,
        "SystemDataCreatedBy": reg.created_by,
        "SystemDataCreatedByType": reg.created_by_type,
        "SystemDataLastModifiedAt": reg.modified,
        "SystemDataLastModifiedBy": reg.modified_by,
        "SystemDataLastModifiedByType": reg.modified_by_type,
        "Tag": Hashtable(reg.tags),
        "TrustPolicyStatus": p.trust_status,
        "TrustPolicyType": "Notary",
        "Type": "Microsoft.ContainerRegistry/registries",
        "ZoneRedundancy": reg.zone_redundancy,
    }
    return PSObject(f"{T}.Registry", props, view="table", columns=REGISTRY_COLUMNS, to_string=f"{T}.Registry")


def engine_call(fn, *args, **kw):
    """Engine errors become PowerShell errors with the service's message (az's client-side texts never appear)."""
    try:
        return fn(*args, **kw)
    except AzureError as e:
        raise PSError(e.message) from None


def load(ctx, name: str, rg: str | None, action: str = "Microsoft.ContainerRegistry/registries/read"):
    """A registry by name and group (a registry named without its group is looked up by name)."""
    group = rg or registries.registry_group(ctx.cloud, name, ctx.subscription.subscription_id)
    if group is None:
        ctx.require_login()
        raise PSError(f"The Resource 'Microsoft.ContainerRegistry/registries/{name}' was not found in the "
                      "subscription.")
    return engine_call(registries.get_registry, ctx.cloud, ctx.principal, name, group, action,
                       ctx.subscription.subscription_id)


def from_input(ctx, a, param: str = "InputObject"):
    obj = a.get(param)
    if obj is not None:
        if isinstance(obj, PSObject) and obj.has("Name") and obj.has("ResourceGroupName"):
            return load(ctx, to_str(obj.get("Name")), to_str(obj.get("ResourceGroupName")))
        if isinstance(obj, (PSObject, Hashtable)):
            getter = obj.get if isinstance(obj, PSObject) else obj.get_ci
            rid = getter("Id")
            if rid:
                parts = to_str(rid).split("/")
                if len(parts) >= 9:
                    return load(ctx, parts[8], parts[4])
            if getter("RegistryName") and getter("ResourceGroupName"):
                return load(ctx, to_str(getter("RegistryName")), to_str(getter("ResourceGroupName")))
        raise PSError("InputObject has null value for InputObject.RegistryName")
    return None


def _tags(h) -> dict | None:
    return None if h is None else {to_str(k): to_str(v) for k, v in h.items()}


ACCESS_PARAMS = [
    Param("AnonymousPullEnabled", "switch", "Enables registry-wide pull from unauthenticated clients."),
    Param("DataEndpointEnabled", "switch", "Enable a single data endpoint per region for serving data."),
    Param("PublicNetworkAccess", "string", "Whether or not public network access is allowed for the container "
                                           "registry.", values=("Enabled", "Disabled")),
    Param("NetworkRuleBypassOption", "string", "Whether to allow trusted Azure services to access a network "
                                               "restricted registry.", values=("AzureServices", "None")),
    Param("NetworkRuleSetDefaultAction", "string", "The default action of allow or deny when no other rules "
                                                   "match.", values=("Allow", "Deny")),
]
"""Shared by New- and Update-AzContainerRegistry."""


@cmdlet("New-AzContainerRegistry", [
    NAME, RG, Param("Location", "string", "The location of the resource. This cannot be changed after the resource "
                                          "is created.", mandatory=True),
    Param("Sku", "string", "The SKU name of the container registry. Required for registry creation.",
          mandatory=True, values=("Basic", "Standard", "Premium")),
    SUB, Param("EnableAdminUser", "switch", "The value that indicates whether the admin user is enabled."),
    *ACCESS_PARAMS,
    Param("ZoneRedundancy", "string", "Whether or not zone redundancy is enabled for this container registry",
          values=("Enabled", "Disabled")),
    Param("ExportPolicyStatus", "string", "The value that indicates whether the policy is enabled or not.",
          values=("enabled", "disabled")),
    Param("Tag", "hashtable", "The tags of the resource.", aliases=("Tags",)),
    Param("NetworkRuleSetIPRule", "objects", "The IP ACL rules (New-AzContainerRegistryIPRuleObject).",
          dotnet_type=f"{T}.IIPRule[]"), *POLICY_PARAMS, PROFILE, *ASYNC,
], "Creates a container registry with the specified parameters.", module=MOD, should_process=True,
    outputs=f"{T}.IRegistry",
    examples=[("Create a container registry",
               'New-AzContainerRegistry -ResourceGroupName "MyResourceGroup" -Name "RegistryExample" -Sku "Basic" '
               '-Location "west us"'),
              ("Create a container registry with admin user enabled",
               'New-AzContainerRegistry -ResourceGroupName "MyResourceGroup" -Name "RegistryExample" -Sku "Basic" '
               '-Location "west us" -EnableAdminUser')])
def new_registry(ctx, a, items):
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Create or update the container registry" on target '
                 f'"{a.Name}".')
        return None
    rid = registries.registry_scope(ctx.cloud, a.ResourceGroupName, a.Name, ctx.subscription.subscription_id)
    body = {"location": a.Location, "sku": {"name": a.Sku},
            "properties": {"adminUserEnabled": bool(a.EnableAdminUser), **_access_properties(a)}}
    if a.Tag is not None:
        body["tags"] = _tags(a.Tag)
    if a.ZoneRedundancy is not None:
        body["properties"]["zoneRedundancy"] = a.ZoneRedundancy
    if a.NetworkRuleSetIPRule is not None:
        from .containerregistry_events import ip_rules_from
        body["properties"]["networkRuleSet"] = {
            "defaultAction": a.NetworkRuleSetDefaultAction or "Allow",
            "ipRules": [{"action": "Allow", "value": v} for v in ip_rules_from(a.NetworkRuleSetIPRule)]}
    add_body_parts(a, body)
    reg = engine_call(send, ctx.cloud, ctx.principal, "PUT", rid, body).resource
    return registry_obj(reg)


@cmdlet("Get-AzContainerRegistry", [
    Param("Name", "string", "The name of the container registry.",
          aliases=("RegistryName", "ResourceName", "ContainerRegistryName"), sets=("Get",), mandatory=True),
    Param("ResourceGroupName", "string", "The name of the resource group. The name is case insensitive.",
          sets=("Get", "List1"), mandatory=True),
    Param("SubscriptionId", "strings", "The ID of the target subscription.", sets=("Get", "List1", "List2")),
    Param("InputObject", "object", "Identity Parameter", sets=("GetViaIdentity",), mandatory=True, pipeline=True),
    Param("IncludeDetail", "switch", "Usage of an azure container registry."), PROFILE,
], "Gets the properties of the specified container registry.", module=MOD,
    sets=["List2", "List1", "Get", "GetViaIdentity"], default_set="List2", outputs=f"{T}.IRegistry",
    examples=[("Get a specified container registry",
               'Get-AzContainerRegistry -ResourceGroupName "MyResourceGroup" -Name "MyRegistry"'),
              ("Get all the container registries in a resource group",
               'Get-AzContainerRegistry -ResourceGroupName "MyResourceGroup"'),
              ("Get all the container registries in the subscription", "Get-AzContainerRegistry")])
def get_registry(ctx, a, items):
    cloud, p = ctx.cloud, ctx.principal
    if a.set_name == "Get":
        regs = [load(ctx, a.Name, a.ResourceGroupName)]
    elif a.set_name == "GetViaIdentity":
        regs = [from_input(ctx, a)]
    else:
        if a.ResourceGroupName:
            engine_call(cloud.group, a.ResourceGroupName)
        scope = ctx.subscription.id + (f"/resourceGroups/{a.ResourceGroupName}" if a.ResourceGroupName else "")
        regs = engine_call(send, cloud, p, "GET",
                           f"{scope}/providers/Microsoft.ContainerRegistry/registries").resources
    out = []
    for r in regs:
        o = registry_obj(r)
        if a.IncludeDetail:
            o.props["Usages"] = usage_objs(engine_call(send, cloud, p, "POST", r.id, action="listUsages").body)
        out.append(o)
    return out


def usage_objs(u: dict) -> list:
    return [PSObject(f"{T}.RegistryUsage", {"CurrentValue": x["currentValue"], "Limit": x["limit"],
                                            "Name": x["name"], "Unit": x["unit"]}) for x in u["value"]]


UPDATE_PARAMS = [
    Param("EnableAdminUser", "switch", "The value that indicates whether the admin user is enabled."),
    Param("Sku", "string", "The SKU name of the container registry.", values=("Basic", "Standard", "Premium")),
    *ACCESS_PARAMS,
    Param("ExportPolicyStatus", "string", "The value that indicates whether the policy is enabled or not.",
          values=("enabled", "disabled")),
    Param("Tag", "hashtable", "The resource tags for the container registry.", aliases=("Tags",)),
    Param("NetworkRuleSetIPRule", "objects", "The IP ACL rules (New-AzContainerRegistryIPRuleObject).",
          dotnet_type=f"{T}.IIPRule[]"),
    Param("NetworkRuleSet", "object", "A network rule set from Set-AzContainerRegistryNetworkRuleSet (the "
          "module's earlier way to give IP and virtual network rules)."), *POLICY_PARAMS,
]


@cmdlet("Update-AzContainerRegistry", [
    Param("Name", "string", "The name of the container registry.",
          aliases=("RegistryName", "ResourceName", "ContainerRegistryName"), sets=("UpdateExpanded",),
          mandatory=True),
    Param("ResourceGroupName", "string", "The name of the resource group.", sets=("UpdateExpanded",),
          mandatory=True),
    Param("InputObject", "object", "Identity Parameter", sets=("UpdateViaIdentityExpanded",), mandatory=True,
          pipeline=True),
    SUB, *UPDATE_PARAMS, PROFILE, *ASYNC,
], "Updates a container registry with the specified parameters.", module=MOD, should_process=True,
    sets=["UpdateExpanded", "UpdateViaIdentityExpanded"], default_set="UpdateExpanded", outputs=f"{T}.IRegistry",
    examples=[("Enable the admin user",
               'Update-AzContainerRegistry -ResourceGroupName "MyResourceGroup" -Name "RegistryExample" '
               '-EnableAdminUser'),
              ("Change the SKU", 'Update-AzContainerRegistry -ResourceGroupName "MyResourceGroup" -Name '
                                 '"RegistryExample" -Sku Premium')])
def update_registry(ctx, a, items):
    reg = from_input(ctx, a) or load(ctx, a.Name, a.ResourceGroupName)
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Update the container registry" on target "{reg.name}".')
        return None
    props = _access_properties(a)
    if a.has("EnableAdminUser"):
        props["adminUserEnabled"] = bool(a.EnableAdminUser)
    if a.NetworkRuleSetIPRule is not None:
        from .containerregistry_events import ip_rules_from
        rules = [{"action": "Allow", "value": v} for v in ip_rules_from(a.NetworkRuleSetIPRule)]
        current = reg.network_rule_set.default_action if reg.network_rule_set else "Allow"
        props["networkRuleSet"] = {"defaultAction": props.get("networkRuleSet", {}).get("defaultAction", current),
                                   "ipRules": rules}
    if a.NetworkRuleSet is not None:
        from .containerregistry_rules import rule_set_body
        props["networkRuleSet"] = rule_set_body(a.NetworkRuleSet)
    body: dict = {"properties": props}
    if a.Sku:
        body["sku"] = {"name": a.Sku}
    if a.Tag is not None:
        body["tags"] = _tags(a.Tag)
    add_body_parts(a, body)
    return registry_obj(engine_call(send, ctx.cloud, ctx.principal, "PATCH", reg.id, body).resource)


def _access_properties(a) -> dict:
    """The request properties New- and Update-AzContainerRegistry share (switches set to $false count)."""
    props: dict = {}
    if a.has("AnonymousPullEnabled"):
        props["anonymousPullEnabled"] = bool(a.AnonymousPullEnabled)
    if a.has("DataEndpointEnabled"):
        props["dataEndpointEnabled"] = bool(a.DataEndpointEnabled)
    if a.PublicNetworkAccess is not None:
        props["publicNetworkAccess"] = a.PublicNetworkAccess
    if a.NetworkRuleBypassOption is not None:
        props["networkRuleBypassOptions"] = a.NetworkRuleBypassOption
    if a.NetworkRuleSetDefaultAction is not None:
        props["networkRuleSet"] = {"defaultAction": a.NetworkRuleSetDefaultAction}
    if a.ExportPolicyStatus is not None:
        props["policies"] = {"exportPolicy": {"status": a.ExportPolicyStatus}}
    return props


@cmdlet("Remove-AzContainerRegistry", [
    Param("Name", "string", "The name of the container registry.",
          aliases=("RegistryName", "ResourceName", "ContainerRegistryName"), sets=("Delete",), mandatory=True),
    Param("ResourceGroupName", "string", "The name of the resource group.", sets=("Delete",), mandatory=True),
    Param("InputObject", "object", "Identity Parameter", sets=("DeleteViaIdentity",), mandatory=True,
          pipeline=True),
    SUB, Param("PassThru", "switch", "Returns true when the command succeeds"), PROFILE, *ASYNC,
], "Deletes a container registry.", module=MOD, should_process=True, sets=["Delete", "DeleteViaIdentity"],
    default_set="Delete",
    examples=[("Delete a container registry",
               'Remove-AzContainerRegistry -ResourceGroupName "MyResourceGroup" -Name "RegistryExample"')])
def remove_registry(ctx, a, items):
    reg = from_input(ctx, a) or load(ctx, a.Name, a.ResourceGroupName)
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Delete" on target "{reg.name}".')
        return None
    engine_call(send, ctx.cloud, ctx.principal, "DELETE", reg.id)
    return True if a.PassThru else None


def credential_obj(creds: dict) -> PSObject:
    pw = [p["value"] for p in creds["passwords"]]
    return PSObject(f"{T}.PSContainerRegistryCredential", {
        "Username": creds["username"], "Password": pw[0] if pw else "", "Password2": pw[1] if len(pw) > 1 else ""})


CRED_PARAMS = [
    Param("RegistryName", "string", "The name of the container registry.", aliases=("Name",), sets=("List",),
          mandatory=True),
    Param("ResourceGroupName", "string", "The name of the resource group.", sets=("List",), mandatory=True),
    Param("Registry", "object", "The Registry Object.", sets=("GetByRegistry",), mandatory=True, pipeline=True),
    SUB, PROFILE,
]


def _cred_registry(ctx, a):
    if a.Registry is not None:
        return from_input(ctx, a, "Registry")
    return load(ctx, a.RegistryName, a.ResourceGroupName)


@cmdlet("Get-AzContainerRegistryCredential", CRED_PARAMS,
        "Lists the login credentials for the specified container registry.", module=MOD, sets=["List",
                                                                                              "GetByRegistry"],
        default_set="List", outputs=f"{T}.PSContainerRegistryCredential",
        examples=[("Get the admin credentials",
                   '$Cred = Get-AzContainerRegistryCredential -ResourceGroupName "MyResourceGroup" -RegistryName '
                   '"RegistryExample"\n$Cred.Password')])
def get_credential(ctx, a, items):
    reg = _cred_registry(ctx, a)
    return credential_obj(engine_call(send, ctx.cloud, ctx.principal, "POST", reg.id, action="listCredentials").body)


@cmdlet("Update-AzContainerRegistryCredential", [
    Param("RegistryName", "string", "The name of the container registry.",
          aliases=("ContainerRegistryName", "Name", "ResourceName"), sets=("List",), mandatory=True),
    Param("ResourceGroupName", "string", "The name of the resource group.", sets=("List",), mandatory=True),
    Param("Registry", "object", "The Registry Object.", sets=("GetByRegistry",), mandatory=True, pipeline=True),
    Param("PasswordName", "string", "Specifies name of password which should be regenerated.", mandatory=True,
          values=("password", "password2")), SUB, PROFILE,
], "Regenerates one of the login credentials for the specified container registry.", module=MOD,
    should_process=True, sets=["List", "GetByRegistry"], default_set="List",
    examples=[("Regenerate the second password",
               'Update-AzContainerRegistryCredential -ResourceGroupName "MyResourceGroup" -RegistryName '
               '"RegistryExample" -PasswordName "password2"')])
def update_credential(ctx, a, items):
    reg = _cred_registry(ctx, a)
    return credential_obj(engine_call(send, ctx.cloud, ctx.principal, "POST", reg.id, {"name": a.PasswordName},
                                      action="regenerateCredential").body)


@cmdlet("Get-AzContainerRegistryUsage", [
    Param("RegistryName", "string", "The name of the container registry.", aliases=("Name",), mandatory=True),
    RG, SUB, PROFILE,
], "Gets the quota usages for the specified container registry.", module=MOD,
    examples=[("Get the usage of a registry",
               'Get-AzContainerRegistryUsage -ResourceGroupName "MyResourceGroup" -RegistryName "RegistryExample"')])
def get_usage(ctx, a, items):
    reg = load(ctx, a.RegistryName, a.ResourceGroupName)
    return usage_objs(engine_call(send, ctx.cloud, ctx.principal, "POST", reg.id, action="listUsages").body)


@cmdlet("Test-AzContainerRegistryNameAvailability", [
    Param("Name", "string", "The name of the container registry.", mandatory=True),
    SUB, PROFILE,
], "Checks whether the container registry name is available for use. The name must contain only alphanumeric "
   "characters, be globally unique, and between 5 and 50 characters in length.", module=MOD,
    examples=[("Check a name", 'Test-AzContainerRegistryNameAvailability -Name "RegistryExample"')])
def test_name(ctx, a, items):
    ctx.require_login()
    r = registries.check_name(ctx.cloud, a.Name)
    return PSObject(f"{T}.RegistryNameStatus", {"Message": r["message"] or "", "NameAvailable": r["nameAvailable"],
                                                 "Reason": r["reason"] or ""},
                    view="table", columns=["NameAvailable", "Reason", "Message"])


__all__ = ["iso"]
