"""Az.Resources Microsoft Entra groups and role definitions, Az.Security pricings and Az.ManagedServiceIdentity
federated identity credentials: each cmdlet maps its parameters to the engine's authorized operation and shapes the
module's output object."""

from __future__ import annotations

import json

from ....engine import entra_groups, identity, security_pricings
from ....engine.arm import send
from ....engine.errors import AzureError
from ....engine.roles import ROLE_DEF
from .. import views
from ..values import PSError, PSObject, StringList, to_str
from .base import Param, cmdlet
from .containerregistry import engine_call
from .deployment_source import plain
from .resources import MOD, PROFILE

GRAPH = "Microsoft.Azure.PowerShell.Cmdlets.Resources.MSGraph.Models.ApiV10"
GROUP = f"{GRAPH}.MicrosoftGraphGroup"
ROLE = "Microsoft.Azure.Commands.Resources.Models.Authorization.PSRoleDefinition"
PRICING = "Microsoft.Azure.Commands.Security.Models.Pricings.PSSecurityPricing"
FIC = "Microsoft.Azure.PowerShell.Cmdlets.ManagedServiceIdentity.Models.Api20230131.FederatedIdentityCredential"
views.register(GROUP, "table", "DisplayName", "Id", "MailNickname", "Description", "GroupType")
views.register(ROLE, "list", "Name", "Id", "IsCustom", "Description", "Actions", "NotActions", "DataActions",
               "NotDataActions", "AssignableScopes", "Condition", "ConditionVersion")
views.register(PRICING, "list", "Id", "Name", "PricingTier", "FreeTrialRemainingTime", "SubPlan")
views.register(FIC, "table", "Name", "Issuer", "Subject", "Audience")


def _group(g) -> PSObject:
    return PSObject(GROUP, {"DisplayName": g.display_name, "Id": g.object_id, "MailNickname": g.mail_nickname,
                            "Description": g.description, "GroupType": [], "SecurityEnabled": True,
                            "MailEnabled": False})


@cmdlet("New-AzADGroup", [
    Param("DisplayName", "string", "The display name for the group.", mandatory=True),
    Param("MailNickname", "string", "The mail alias for the group, unique in the organization.", mandatory=True),
    Param("Description", "string", "An optional description for the group."),
    Param("SecurityEnabled", "switch", "Specifies whether the group is a security group (the default)."), PROFILE,
], "Adds new entity to groups.", module=MOD, should_process=True, outputs=GROUP)
def new_group(ctx, a, items):
    return _group(engine_call(entra_groups.create_group, ctx.cloud, ctx.principal, a.DisplayName, a.MailNickname,
                              a.Description))


@cmdlet("Get-AzADGroup", [
    Param("DisplayName", "string", "The display name of the group.", sets=("DisplayNameParameterSet",)),
    Param("ObjectId", "string", "The object id of the group.", sets=("ObjectIdParameterSet",), aliases=("Id",)),
    Param("SearchString", "string", "Display names starting with this text.", sets=("SearchStringParameterSet",)),
    PROFILE,
], "Lists entities from groups or get entity from groups by key.", module=MOD, outputs=GROUP,
    sets=["EmptyParameterSet", "DisplayNameParameterSet", "ObjectIdParameterSet", "SearchStringParameterSet"],
    default_set="EmptyParameterSet")
def get_group(ctx, a, items):
    ctx.require_login()
    groups = list(entra_groups.entra_groups(ctx.cloud).values())
    if a.ObjectId:
        groups = [g for g in groups if g.object_id.lower() == a.ObjectId.lower()]
        if not groups:
            raise PSError(f"Resource '{a.ObjectId}' does not exist or one of its queried reference-property objects "
                          "are not present.")
    elif a.DisplayName:
        groups = [g for g in groups if g.display_name.lower() == a.DisplayName.lower()]
    elif a.SearchString:
        groups = [g for g in groups if g.display_name.lower().startswith(a.SearchString.lower())]
    return [_group(g) for g in groups]


def _target_group(ctx, a):
    if a.TargetGroupObjectId:
        return engine_call(entra_groups.find_group_by_id, ctx.cloud, a.TargetGroupObjectId)
    found = [g for g in entra_groups.entra_groups(ctx.cloud).values()
             if g.display_name.lower() == (a.TargetGroupDisplayName or "").lower()]
    if len(found) != 1:
        raise PSError(f"Group '{a.TargetGroupDisplayName}' does not exist or is not unique.")
    return found[0]


GROUP_REF = [Param("TargetGroupObjectId", "string", "The object Id of the group.", aliases=("GroupObjectId",)),
             Param("TargetGroupDisplayName", "string", "The display name of the group.", aliases=("GroupDisplayName",))]


BY_ID, BY_UPN = "MemberObjectIdWithGroupObjectIdParameterSet", "MemberUPNWithGroupObjectIdParameterSet"


def _members(verb: str) -> list[Param]:
    """The member by object id or (Az.Resources 6+) by user principal name: help/Add-AzADGroupMember.md."""
    return [Param("MemberObjectId", "strings", f"The object Id of member to {verb}.", mandatory=True, sets=(BY_ID,)),
            Param("MemberUserPrincipalName", "strings", f"The user principal name of member to {verb}.",
                  mandatory=True, sets=(BY_UPN,))]


@cmdlet("Add-AzADGroupMember", [
    *_members("add to target group"), *GROUP_REF,
    Param("PassThru", "switch", "Returns true when the command succeeds"), PROFILE,
], "Adds member to group.", module=MOD, should_process=True, sets=[BY_ID, BY_UPN], default_set=BY_ID)
def add_member(ctx, a, items, change=entra_groups.add_group_member):
    g = _target_group(ctx, a)
    if a.MemberUserPrincipalName:
        members = [engine_call(identity.find_user, ctx.cloud, to_str(upn)).object_id
                   for upn in a.MemberUserPrincipalName]
    else:
        members = [to_str(m) for m in a.MemberObjectId]
    for member in members:
        engine_call(change, ctx.cloud, ctx.principal, g, member)
    return True if a.PassThru else None


@cmdlet("Remove-AzADGroupMember", [
    *_members("remove"), *GROUP_REF, Param("PassThru", "switch", "Returns true when the command succeeds"), PROFILE,
], "Removes member from group.", module=MOD, should_process=True, sets=[BY_ID, BY_UPN], default_set=BY_ID)
def remove_member(ctx, a, items):
    return add_member(ctx, a, items, entra_groups.remove_group_member)


@cmdlet("Get-AzADGroupMember", [*GROUP_REF, PROFILE], "Lists members from group.", module=MOD)
def get_members(ctx, a, items):
    g = _target_group(ctx, a)
    out = []
    for oid in g.members:
        o = entra_groups.directory_object(ctx.cloud, oid)
        if o is not None:
            out.append(PSObject(f"{GRAPH}.MicrosoftGraphDirectoryObject",
                                {"DisplayName": getattr(o, "display_name", oid), "Id": oid,
                                 "OdataType": "#microsoft.graph." + {"User": "user", "Group": "group"}.get(
                                     getattr(o, "kind", ""), "servicePrincipal")}))
    return out


# -- role definitions -----------------------------------------------------------------------------------------
def _role(r) -> PSObject:
    j = r.to_json(None)
    props = j.get("permissions", [{}])[0] if j.get("permissions") else {}
    # the permission lists are List<string> (PSRoleDefinition.cs), changed in place by the custom-role recipe of
    # MicrosoftDocs azure-docs articles/role-based-access-control/custom-roles-powershell.md
    return PSObject(ROLE, {"Name": r.role_name, "Id": r.guid, "IsCustom": j.get("roleType") == "CustomRole",
                           "Description": j.get("description"), "Actions": StringList(props.get("actions") or []),
                           "NotActions": StringList(props.get("notActions") or []),
                           "DataActions": StringList(props.get("dataActions") or []),
                           "NotDataActions": StringList(props.get("notDataActions") or []),
                           "AssignableScopes": StringList(j.get("assignableScopes") or []), "Condition": None,
                           "ConditionVersion": None})


def _definition_body(obj) -> dict:
    """A PSRoleDefinition object or the JSON of -InputFile as the role definition body."""
    data = plain(obj) if not isinstance(obj, dict) else obj
    get = {k.lower(): v for k, v in data.items()}.get
    return {"roleName": get("name"), "name": get("name"), "description": get("description"),
            "assignableScopes": list(get("assignablescopes") or []),
            "permissions": [{"actions": list(get("actions") or []), "notActions": list(get("notactions") or []),
                             "dataActions": list(get("dataactions") or []),
                             "notDataActions": list(get("notdataactions") or [])}],
            "actions": list(get("actions") or []), "notActions": list(get("notactions") or []),
            "dataActions": list(get("dataactions") or []), "notDataActions": list(get("notdataactions") or [])}


@cmdlet("New-AzRoleDefinition", [
    Param("InputFile", "string", "File name containing a single json role definition.", sets=("InputFileParameterSet",),
          mandatory=True),
    Param("Role", "object", "Role definition object.", sets=("RoleDefinitionParameterSet",), mandatory=True),
    PROFILE,
], "Creates a custom role in Azure RBAC.", module=MOD, sets=["InputFileParameterSet", "RoleDefinitionParameterSet"],
    outputs=ROLE)
def new_role_definition(ctx, a, items):
    if a.InputFile:
        text = ctx.sh.read_file(a.InputFile)
        if text is None:
            raise PSError(f"Cannot find path '{ctx.sh.abspath(a.InputFile)}' because it does not exist.")
        try:
            data = json.loads(text)
        except ValueError as e:
            raise PSError(f"The role definition in '{a.InputFile}' is not valid JSON: {e}") from None
    else:
        data = plain(a.Role)
    body = _definition_body(data)
    if not body["roleName"]:
        raise PSError("Role definition Name is missing.")
    scopes = body["assignableScopes"]
    rid = f"{scopes[0].rstrip('/') if scopes else ''}/providers/{ROLE_DEF}/{ctx.cloud.ids.guid()}"
    props = {k: body[k] for k in ("roleName", "description", "assignableScopes", "permissions")} | {"type": "CustomRole"}
    try:
        return _role(send(ctx.cloud, ctx.principal, "PUT", rid, {"properties": props}).resource)
    except AzureError as e:
        raise PSError(e.message) from None


@cmdlet("Get-AzRoleDefinition", [
    Param("Name", "string", "Role definition name.", position=0, sets=("RoleDefinitionNameParameterSet",)),
    Param("Id", "string", "Role definition Id.", sets=("RoleDefinitionIdParameterSet",)),
    Param("Custom", "switch", "Only custom roles."), Param("Scope", "string", "Role definition scope."), PROFILE,
], "Lists all Azure RBAC roles that are available for assignment.", module=MOD, outputs=ROLE,
    sets=["RoleDefinitionNameParameterSet", "RoleDefinitionIdParameterSet"], default_set="RoleDefinitionNameParameterSet")
def get_role_definition(ctx, a, items):
    ctx.require_login()
    scope = a.Scope or f"/subscriptions/{ctx.subscription.subscription_id}"
    roles = engine_call(send, ctx.cloud, ctx.principal, "GET", f"{scope}/providers/{ROLE_DEF}").resources
    if a.Name:
        roles = [r for r in roles if r.role_name.lower() == a.Name.lower()]
    if a.Id:
        roles = [r for r in roles if r.guid.lower() == a.Id.lower().rsplit("/", 1)[-1]]
    if a.Custom:
        roles = [r for r in roles if r.to_json(None).get("roleType") == "CustomRole"]
    return [_role(r) for r in roles]


# -- Az.Security ----------------------------------------------------------------------------------------------
@cmdlet("Set-AzSecurityPricing", [
    Param("Name", "string", "Resource name.", mandatory=True),
    Param("PricingTier", "string", "Pricing tier.", mandatory=True, values=("Free", "Standard")),
    Param("SubPlan", "string", "The sub-plan selected for a Standard pricing configuration."), PROFILE,
], "Enables or disables a Microsoft Defender plan for the subscription.", module="Az.Security", should_process=True,
    outputs=PRICING)
def set_pricing(ctx, a, items):
    rid = f"{ctx.subscription.id}/providers/{security_pricings.PRICINGS}/{a.Name}"
    body = {"properties": {"pricingTier": a.PricingTier, **({"subPlan": a.SubPlan} if a.SubPlan else {})}}
    p = engine_call(send, ctx.cloud, ctx.principal, "PUT", rid, body).resource
    return PSObject(PRICING, {"Id": p.id, "Name": p.name, "PricingTier": p.tier,
                              "FreeTrialRemainingTime": p.trial_left, "SubPlan": p.sub_plan})


# -- Az.ManagedServiceIdentity federated credentials ----------------------------------------------------------
def _fic(fc, mi) -> PSObject:
    return PSObject(FIC, {"Name": fc.name, "Issuer": fc.issuer, "Subject": fc.subject, "Audience": list(fc.audiences),
                          "Id": f"{mi.id}/federatedIdentityCredentials/{fc.name}",
                          "ResourceGroupName": mi.resource_group,
                          "Type": f"{identity.MI_TYPE}/federatedIdentityCredentials"})


MI_REF = [Param("ResourceGroupName", "string", "The name of the resource group.", mandatory=True),
          Param("IdentityName", "string", "The name of the identity resource.", mandatory=True)]


@cmdlet("New-AzFederatedIdentityCredential", [
    *MI_REF, Param("Name", "string", "The name of the federated identity credential resource.", mandatory=True,
                   aliases=("FederatedIdentityCredentialName",)),
    Param("Issuer", "string", "The URL of the issuer to be trusted.", mandatory=True),
    Param("Subject", "string", "The identifier of the external identity.", mandatory=True),
    Param("Audience", "strings", "The list of audiences that can appear in the issued token."), PROFILE,
], "Create or update a federated identity credential under an existing user assigned identity.",
    module="Az.ManagedServiceIdentity", should_process=True, outputs=FIC)
def new_fic(ctx, a, items):
    audiences = list(a.Audience) if a.Audience else ["api://AzureADTokenExchange"]  # the cmdlet's default
    body = {"properties": {"issuer": a.Issuer, "subject": a.Subject, "audiences": audiences}}
    mi, fc = engine_call(send, ctx.cloud, ctx.principal, "PUT", f"{_fics(ctx, a)}/{a.Name}", body).resource
    return _fic(fc, mi)


def _fics(ctx, a) -> str:
    return (f"{ctx.subscription.id}/resourcegroups/{a.ResourceGroupName}/providers/{identity.MI_TYPE}/"
            f"{a.IdentityName}/federatedIdentityCredentials")


@cmdlet("Get-AzFederatedIdentityCredential", [
    *MI_REF, Param("Name", "string", "The name of the federated identity credential resource.",
                   aliases=("FederatedIdentityCredentialName",)), PROFILE,
], "Gets the federated identity credentials of a user assigned identity.", module="Az.ManagedServiceIdentity",
    outputs=FIC)
def get_fic(ctx, a, items):
    if a.Name:
        return [_fic(fc, mi) for mi, fc in [engine_call(send, ctx.cloud, ctx.principal, "GET",
                                                        f"{_fics(ctx, a)}/{a.Name}").resource]]
    return [_fic(fc, mi) for mi, fc in engine_call(send, ctx.cloud, ctx.principal, "GET", _fics(ctx, a)).resources]


@cmdlet("Remove-AzFederatedIdentityCredential", [
    *MI_REF, Param("Name", "string", "The name of the federated identity credential resource.", mandatory=True,
                   aliases=("FederatedIdentityCredentialName",)),
    Param("PassThru", "switch", "Returns true when the command succeeds"), PROFILE,
], "Deletes the federated identity credential.", module="Az.ManagedServiceIdentity", should_process=True)
def remove_fic(ctx, a, items):
    rid = f"{_fics(ctx, a)}/{a.Name}"
    engine_call(send, ctx.cloud, ctx.principal, "GET", rid)
    engine_call(send, ctx.cloud, ctx.principal, "DELETE", rid)
    return True if a.PassThru else None


