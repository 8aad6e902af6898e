"""Az.Resources: resource groups, role assignments, Entra ID service principals and users."""

from __future__ import annotations

from ....engine import groups, identity
from ....engine.arm import send
from ....engine.errors import AzureError, ResourceGroupNotFound
from ....engine.rbac import RA_TYPE, RoleAssignment
from ....engine.roles import ROLE_DEF
from ..values import Hashtable, PSError, PSObject, to_str
from .aks import confirm
from .base import Param, cmdlet
from .containerregistry import PROFILE, engine_call

MOD = "Az.Resources"


def group_obj(rg) -> PSObject:
    tags = Hashtable(rg.tags) if rg.tags else None
    o = PSObject("Microsoft.Azure.Commands.ResourceManager.Cmdlets.SdkModels.PSResourceGroup", {
        "ResourceGroupName": rg.name, "Location": rg.location, "ProvisioningState": "Succeeded", "Tags": tags,
        "TagsTable": None, "ResourceId": rg.id, "ManagedBy": rg.managed_by},
        view="list", columns=["ResourceGroupName", "Location", "ProvisioningState", "Tags", "ResourceId"])
    if tags:
        w = max(len("Name"), *(len(k) for k in tags))
        lines = [f"{'Name'.ljust(w)}  Value", f"{'=' * w}  {'=' * max(5, max(len(v) for v in tags.values()))}"]
        lines += [f"{k.ljust(w)}  {v}" for k, v in tags.items()]
        o.props["TagsTable"] = "\n".join(lines)
        o.columns = ["ResourceGroupName", "Location", "ProvisioningState", "TagsTable", "ResourceId"]
    return o


def _group_request(ctx, method: str, name: str, body: dict | None = None):
    """A request for an existing group: the cmdlets word a missing one as ProjectResources.ResourceGroupDoesntExists."""
    try:
        return send(ctx.cloud, ctx.principal, method, groups.group_id(ctx.cloud, name, ctx.subscription.subscription_id), body)
    except ResourceGroupNotFound:
        raise PSError("Provided resource group does not exist.") from None
    except AzureError as e:
        raise PSError(e.message) from None


@cmdlet("New-AzResourceGroup", [
    Param("Name", "string", "Specifies a name for the resource group.", aliases=("ResourceGroupName",), position=0,
          mandatory=True),
    Param("Location", "string", "Specifies the location of the resource group.", position=1, mandatory=True),
    Param("Tag", "hashtable", "Key-value pairs in the form of a hash table.", aliases=("Tags",)),
    Param("Force", "switch", "Forces the command to run without asking for user confirmation."),
    Param("ApiVersion", "string", "Specifies the API version that is supported by the resource Provider."),
    Param("Pre", "switch", "Indicates that this cmdlet considers pre-release API versions."), PROFILE,
], "Creates an Azure resource group.", module=MOD, should_process=True,
    examples=[("Create an empty resource group", 'New-AzResourceGroup -Name "RG01" -Location "South Central US"')])
def new_group(ctx, a, items):
    loc = a.Location.replace(" ", "").lower()
    tags = {to_str(k): to_str(v) for k, v in a.Tag.items()} if a.Tag is not None else None
    body = {"location": loc, **({"tags": tags} if tags is not None else {})}
    return group_obj(engine_call(send, ctx.cloud, ctx.principal, "PUT", groups.group_id(ctx.cloud, a.Name, ctx.subscription.subscription_id),
                                 body).resource)


@cmdlet("Get-AzResourceGroup", [
    Param("Name", "string", "Specifies the name of the resource group to get.", aliases=("ResourceGroupName",),
          position=0, sets=("GetByResourceGroupName",)),
    Param("Location", "string", "Specifies the location of the resource group to get.", position=1,
          sets=("GetByResourceGroupName",)),
    Param("Id", "string", "Specifies the ID of the resource group to get.", aliases=("ResourceGroupId", "ResourceId"),
          sets=("GetByResourceGroupId",), mandatory=True),
    Param("Tag", "hashtable", "The tag hashtable to filter resource groups by."), PROFILE,
], "Gets resource groups.", module=MOD, sets=["GetByResourceGroupName", "GetByResourceGroupId"],
    default_set="GetByResourceGroupName",
    examples=[("Get a resource group by name", 'Get-AzResourceGroup -Name "EngineerBlog"'),
              ("Get all resource groups", "Get-AzResourceGroup")])
def get_group(ctx, a, items):
    cloud, p = ctx.cloud, ctx.principal
    name = a.Name or (a.Id.rstrip("/").rsplit("/", 1)[-1] if a.Id else None)
    if name:
        return group_obj(_group_request(ctx, "GET", name).resource)
    out = []
    for g in engine_call(send, cloud, p, "GET", f"{ctx.subscription.id}/resourceGroups").resources:
        if a.Location and g.location != a.Location.replace(" ", "").lower():
            continue
        if a.Tag and not all(g.tags.get(to_str(k)) == to_str(v) for k, v in a.Tag.items()):
            continue
        out.append(group_obj(g))
    return out


@cmdlet("Set-AzResourceGroup", [
    Param("Name", "string", "Specifies the name of the resource group to modify.", aliases=("ResourceGroupName",),
          position=0, sets=("ResourceGroupName",), mandatory=True),
    Param("Id", "string", "Specifies the ID of resource group to modify.", aliases=("ResourceGroupId", "ResourceId"),
          sets=("ResourceGroupId",), mandatory=True),
    Param("Tag", "hashtable", "Key-value pairs in the form of a hash table; replaces the group's tags.",
          aliases=("Tags",), mandatory=True), PROFILE,
], "Modifies a resource group.", module=MOD, sets=["ResourceGroupName", "ResourceGroupId"],
    default_set="ResourceGroupName",
    examples=[("Apply a tag to a resource group", 'Set-AzResourceGroup -Name "ContosoRG" -Tag @{Department="IT"}')])
def set_group(ctx, a, items):
    """The group's PATCH with its new tags (ResourceGroups_Update: the fields given replace, the others stay)."""
    name = a.Name or a.Id.rstrip("/").rsplit("/", 1)[-1]
    tags = {to_str(k): to_str(v) for k, v in a.Tag.items()}
    return group_obj(_group_request(ctx, "PATCH", name, {"tags": tags}).resource)


@cmdlet("Remove-AzResourceGroup", [
    Param("Name", "string", "Specifies the names of resource groups that this cmdlet removes.",
          aliases=("ResourceGroupName",), position=0, sets=("Lists the resource group based in the name.",),
          mandatory=True),
    Param("Id", "string", "Specifies the ID of resource group that this cmdlet removes.", aliases=("ResourceGroupId",
                                                                                                  "ResourceId"),
          sets=("Lists the resource group based in the Id.",), mandatory=True),
    Param("Force", "switch", "Forces the command to run without asking for user confirmation."),
    Param("AsJob", "switch", "Run cmdlet in the background"), PROFILE,
], "Removes a resource group.", module=MOD, should_process=True,
    sets=["Lists the resource group based in the name.", "Lists the resource group based in the Id."],
    default_set="Lists the resource group based in the name.",
    examples=[("Remove a resource group", 'Remove-AzResourceGroup -Name "ContosoRG01" -Force')])
def remove_group(ctx, a, items):
    cloud, p = ctx.cloud, ctx.principal
    name = a.Name or a.Id.rstrip("/").rsplit("/", 1)[-1]
    rid = _group_request(ctx, "GET", name).resource.id
    if not a.has("Confirm") and not confirm(ctx, a, f"Are you sure you want to remove resource group '{name}'"):
        return None  # a person at the terminal answered No
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Removing resource group ..." on target "{name}".')
        return None
    engine_call(send, cloud, p, "DELETE", rid)
    return True


# -- role assignments ------------------------------------------------------------------------------

def assignment_obj(cloud, ra: RoleAssignment) -> PSObject:
    p = cloud.tenant.principals.get(ra.principal_id)
    return PSObject("Microsoft.Azure.Commands.Resources.Models.Authorization.PSRoleAssignment", {
        "RoleAssignmentName": ra.name, "RoleAssignmentId": ra.id, "Scope": ra.scope,
        "DisplayName": p.display_name if p else None,
        "SignInName": p.user_principal_name if p and p.kind == "User" else None,
        "RoleDefinitionName": ra.role().role_name, "RoleDefinitionId": ra.role_guid, "ObjectId": ra.principal_id,
        "ObjectType": ("User" if p.kind == "User" else "ServicePrincipal") if p else "Unknown",
        "CanDelegate": False, "Description": ra.description, "ConditionVersion": ra.condition_version,
        "Condition": ra.condition}, view="list")


PRINCIPAL = [
    Param("ObjectId", "string", "Microsoft Entra Objectid of the user, group or service principal.",
          aliases=("Id", "PrincipalId"), sets=("ObjectId",), mandatory=True),
    Param("SignInName", "string", "The email address or the user principal name of the user.",
          aliases=("Email", "UserPrincipalName"), sets=("SignInName",), mandatory=True),
    Param("ApplicationId", "string", "The app ID of the service principal.", aliases=("SPN", "ServicePrincipalName"),
          sets=("ApplicationId",), mandatory=True),
]
ROLE_SCOPE = [
    Param("RoleDefinitionName", "string", "Name of the RBAC role that needs to be assigned to the principal i.e. "
          "Reader, Contributor, Virtual Network Administrator, etc."),
    Param("RoleDefinitionId", "string", "Id of the RBAC role that needs to be assigned to the principal."),
    Param("ResourceGroupName", "string", "The resource group name. Assigns access to the resource group."),
    Param("Scope", "string", "The Scope of the role assignment. In the format of relative URI."),
]


def _principal(ctx, a):
    cloud = ctx.cloud
    if a.ObjectId:
        return cloud.tenant.principals.get(a.ObjectId), a.ObjectId
    ref = a.SignInName or a.ApplicationId
    p = cloud.tenant.find_principal(ref)
    kind_ok = p is not None and ((a.SignInName and p.kind == "User") or (a.ApplicationId and p.kind != "User"))
    if not kind_ok:
        raise PSError("Cannot find principal using the specified options")
    return p, p.object_id


def _scope(ctx, a) -> str:
    sub = ctx.subscription.id
    if a.Scope and a.ResourceGroupName:
        raise PSError("Parameter set cannot be resolved using the specified named parameters.")
    if a.Scope:
        return a.Scope.rstrip("/")
    if a.ResourceGroupName:
        engine_call(ctx.cloud.group, a.ResourceGroupName)
        return f"{sub}/resourceGroups/{a.ResourceGroupName}"
    return sub


def _role(ctx, a, scope: str | None = None):
    """A built-in or custom role by name or id, read from the service (role definitions are public). A name is
    looked up at the assignment's scope, so a custom role assignable only there is found (Azure/azure-powershell
    src/Resources/Resources/Models.Authorization/AuthorizationClient.cs: GetSingleRoleDefinitionByName(name, scope)
    lists the scope's role definitions filtered by roleName)."""
    ref = a.RoleDefinitionName or a.RoleDefinitionId
    if not ref:
        return None
    where = f"{ctx.subscription.id}/providers/{ROLE_DEF}"
    if a.RoleDefinitionName:
        found = send(ctx.cloud, ctx.principal, "GET", f"{scope or ctx.subscription.id}/providers/{ROLE_DEF}",
                     filter=f"roleName eq '{ref}'").resources
        if not found:
            raise PSError(f"Cannot find role definition with name '{a.RoleDefinitionName}'.")
        return found[0]
    try:
        return send(ctx.cloud, ctx.principal, "GET", f"{where}/{ref.rstrip('/').rsplit('/', 1)[-1]}").resource
    except AzureError:
        raise PSError(f"The role definition '{a.RoleDefinitionId}' does not exist.") from None


@cmdlet("New-AzRoleAssignment", [
    *PRINCIPAL, *ROLE_SCOPE,
    Param("Description", "string", "Brief description of the role assignment."),
    Param("Condition", "string", "Condition to be applied to the RoleAssignment."),
    Param("ConditionVersion", "string", "Version of the condition.", values=("2.0",)),
    Param("ObjectType", "string", "To be used with ObjectId. Specifies the type of the assignee object.",
          sets=("ObjectId",)),
    Param("AllowDelegation", "switch", "The delegation flag while creating a Role assignment."), PROFILE,
], "Assigns the specified RBAC role to the specified principal, at the specified scope.", module=MOD,
    sets=["ObjectId", "SignInName", "ApplicationId"], default_set="ObjectId",
    examples=[("Grant AcrPull on a registry", 'New-AzRoleAssignment -ObjectId "<principal-object-id>" '
                                              '-RoleDefinitionName "AcrPull" -Scope $acr.Id')])
def new_assignment(ctx, a, items):
    cloud = ctx.cloud
    scope = _scope(ctx, a)
    role = _role(ctx, a, scope)
    if role is None:
        raise PSError("Cannot process command because of one or more missing mandatory parameters: "
                      "RoleDefinitionName.")
    principal, object_id = _principal(ctx, a)
    props = {"roleDefinitionId": f"{cloud.subscription.id}/providers/{ROLE_DEF}/{role.guid}",
             "principalId": object_id, "principalType": principal.principal_type if principal else None,
             "condition": a.Condition, "conditionVersion": a.ConditionVersion, "description": a.Description}
    # an identical assignment fails with the service's RoleAssignmentExists ("The role assignment already exists.")
    ra = engine_call(send, cloud, ctx.principal, "PUT", f"{scope}/providers/{RA_TYPE}/{cloud.ids.guid()}",
                     {"properties": {k: v for k, v in props.items() if v is not None}}).resource
    return assignment_obj(cloud, ra)


def _matching(ctx, a, exact_scope: bool) -> list:
    """One listing request (the subscription's or the scope's; `principalId eq` for a principal), as Az.Resources
    sends it, then the cmdlet's own filters; the service keeps what the caller may read."""
    cloud = ctx.cloud
    scope = _scope(ctx, a) if (a.Scope or a.ResourceGroupName) else None
    role = _role(ctx, a, scope)
    pid = None
    if a.ObjectId or a.SignInName or a.get("ServicePrincipalName") or a.get("ApplicationId"):
        if a.ObjectId:
            pid = a.ObjectId.lower()
        else:
            p = cloud.tenant.find_principal(a.SignInName or a.get("ServicePrincipalName") or a.get("ApplicationId"))
            if p is None:
                raise PSError("Cannot find principal using the specified options")
            pid = p.object_id
    where = f"{scope or ctx.subscription.id}/providers/{RA_TYPE}"
    listed = engine_call(send, cloud, ctx.principal, "GET", where,
                         filter=f"principalId eq '{pid}'" if pid else None).resources
    return [ra for ra in listed if (not role or ra.role_guid == role.guid)
            and (not scope or not exact_scope or ra.scope.lower() == scope.lower())]


@cmdlet("Get-AzRoleAssignment", [
    Param("ObjectId", "string", "The Microsoft Entra ObjectId of the User, Group or Service Principal.",
          aliases=("Id", "PrincipalId")),
    Param("SignInName", "string", "The email address or the user principal name of the user.",
          aliases=("Email", "UserPrincipalName")),
    Param("ServicePrincipalName", "string", "The ServicePrincipalName of the service principal.", aliases=("SPN",)),
    *ROLE_SCOPE, PROFILE,
], "Lists Azure RBAC role assignments at the specified scope.", module=MOD,
    examples=[("List assignments on a registry", "Get-AzRoleAssignment -Scope $acr.Id")])
def get_assignment(ctx, a, items):
    ctx.require_login()
    return [assignment_obj(ctx.cloud, ra) for ra in _matching(ctx, a, exact_scope=False)]


@cmdlet("Remove-AzRoleAssignment", [
    *PRINCIPAL[:2], Param("ServicePrincipalName", "string", "The ServicePrincipalName of the service principal.",
                          aliases=("SPN",), sets=("ServicePrincipalName",), mandatory=True),
    *ROLE_SCOPE,
    Param("InputObject", "object", "Role Assignment object.", sets=("InputObject",), mandatory=True, pipeline=True),
    Param("PassThru", "switch", "Returns the deleted role assignment."), PROFILE,
], "Removes a role assignment to the specified principal who is assigned to a particular role at a particular scope.",
    module=MOD, should_process=True, sets=["ObjectId", "SignInName", "ServicePrincipalName", "InputObject"],
    default_set="ObjectId",
    examples=[("Remove AcrPull from a principal", 'Remove-AzRoleAssignment -ObjectId "<object-id>" '
                                                  '-RoleDefinitionName "AcrPull" -Scope $acr.Id')])
def remove_assignment(ctx, a, items):
    cloud, caller = ctx.cloud, ctx.principal
    if a.InputObject is not None:
        rid = to_str(a.InputObject.get("RoleAssignmentId") if isinstance(a.InputObject, PSObject) else a.InputObject)
        try:
            found = [send(cloud, caller, "GET", rid).resource]
        except AzureError:
            found = []
    else:
        found = _matching(ctx, a, exact_scope=True) if (a.Scope or a.ResourceGroupName) else [
            ra for ra in _matching(ctx, a, exact_scope=False) if ra.scope.lower() == ctx.subscription.id.lower()]
    if not found:
        raise PSError("The provided information does not map to a role assignment.")
    for ra in found:
        engine_call(send, cloud, caller, "DELETE", ra.id)
    return [assignment_obj(cloud, ra) for ra in found] if a.PassThru else None


# -- Entra ID ------------------------------------------------------------------------------------

SP_TYPE = "Microsoft.Azure.PowerShell.Cmdlets.Resources.MSGraph.Models.ApiV10.MicrosoftGraphServicePrincipal"


def sp_obj(cloud, p, secret: str | None = None) -> PSObject:
    creds = [PSObject("Microsoft.Azure.PowerShell.Cmdlets.Resources.MSGraph.Models.ApiV10.MicrosoftGraphPasswordCredential",
                      {"CustomKeyIdentifier": None, "DisplayName": s.get("displayName"),
                       "EndDateTime": s.get("endDateTime"), "Hint": s.get("hint"), "KeyId": s.get("keyId"),
                       "SecretText": secret if secret and s.get("value") == secret else None,
                       "StartDateTime": s.get("startDateTime")}) for s in p.secrets]
    return PSObject(SP_TYPE, {
        "DisplayName": p.display_name, "Id": p.object_id, "AppId": p.app_id,
        "AccountEnabled": True, "AppDisplayName": p.display_name if p.kind == "ServicePrincipal" else None,
        "PasswordCredentials": creds,
        "ServicePrincipalName": [x for x in (p.app_id, p.resource_id) if x],
        "ServicePrincipalType": "ManagedIdentity" if p.kind == "ManagedIdentity" else "Application"},
        view="table", columns=["DisplayName", "Id", "AppId"])


@cmdlet("Get-AzADServicePrincipal", [
    Param("DisplayName", "string", "The display name.", sets=("DisplayNameParameterSet",), mandatory=True),
    Param("ObjectId", "string", "The key of the service principal.", aliases=("Id",),
          sets=("ObjectIdParameterSet",), mandatory=True),
    Param("ApplicationId", "string", "The application Id.", aliases=("AppId",), sets=("AppIdParameterSet",),
          mandatory=True),
    Param("ServicePrincipalName", "string", "The service principal name.", aliases=("SPN",),
          sets=("SPNParameterSet",), mandatory=True),
    Param("DisplayNameStartWith", "string", "The display name starts with.", sets=("SearchStringParameterSet",),
          mandatory=True),
    Param("First", "int", "Gets only the first 'n' objects."), PROFILE,
], "Lists entities from service principals or get entity from service principals by key.", module=MOD,
    sets=["EmptyParameterSet", "DisplayNameParameterSet", "ObjectIdParameterSet", "AppIdParameterSet",
          "SPNParameterSet", "SearchStringParameterSet"], default_set="EmptyParameterSet",
    examples=[("Get a service principal by display name", "Get-AzADServicePrincipal -DisplayName $name")])
def get_sp(ctx, a, items):
    ctx.require_login()
    cloud = ctx.cloud
    sps = [p for p in cloud.tenant.principals.values() if p.kind in ("ServicePrincipal", "ManagedIdentity")]
    if a.ObjectId or a.ApplicationId or a.ServicePrincipalName:
        ref = (a.ObjectId or a.ApplicationId or a.ServicePrincipalName).lower()
        found = [p for p in sps if ref in {p.object_id.lower(), (p.app_id or "").lower(), (p.resource_id or "").lower()}]
        if not found and a.ObjectId:
            raise PSError(f"Resource '{a.ObjectId}' does not exist or one of its queried reference-property objects "
                          "are not present.")
        sps = found
    if a.DisplayName:
        sps = [p for p in sps if p.display_name.lower() == a.DisplayName.lower()]
    if a.DisplayNameStartWith:
        sps = [p for p in sps if p.display_name.lower().startswith(a.DisplayNameStartWith.lower())]
    out = [sp_obj(cloud, p) for p in sorted(sps, key=lambda p: p.display_name.lower())]
    return out[: a.First] if a.has("First") else out


@cmdlet("New-AzADServicePrincipal", [
    Param("DisplayName", "string", "The name displayed in directory."),
    Param("ApplicationId", "string", "The unique identifier for the associated application.", aliases=("AppId",)),
    Param("EndDate", "object", "End date of the credential."), PROFILE,
], "Adds new entity to servicePrincipals.", module=MOD,
    examples=[("Create a service principal", 'New-AzADServicePrincipal -DisplayName "ServicePrincipalName"')])
def new_sp(ctx, a, items):
    ctx.require_login()
    cloud = ctx.cloud
    name = a.DisplayName or f"azure-powershell-{cloud.clock.now().strftime('%m-%d-%Y-%H-%M-%S')}"
    sp, secret, _ = identity.create_service_principal(cloud, name)
    return sp_obj(cloud, sp, secret)


@cmdlet("Get-AzADUser", [
    Param("UserPrincipalName", "string", "The user principal name.", aliases=("UPN",), sets=("UPNParameterSet",),
          mandatory=True),
    Param("ObjectId", "string", "The key of the user.", aliases=("Id",), sets=("ObjectIdParameterSet",),
          mandatory=True),
    Param("DisplayName", "string", "The display name.", sets=("DisplayNameParameterSet",), mandatory=True),
    Param("SignedIn", "switch", "The signed-in user.", sets=("SignedInUserParameterSet",), mandatory=True),
    PROFILE,
], "Lists entities from users or get entity from users by key.", module=MOD,
    sets=["EmptyParameterSet", "UPNParameterSet", "ObjectIdParameterSet", "DisplayNameParameterSet",
          "SignedInUserParameterSet"], default_set="EmptyParameterSet",
    examples=[("Get the signed-in user", "Get-AzADUser -SignedIn")])
def get_user(ctx, a, items):
    me = ctx.principal
    users = [p for p in ctx.cloud.tenant.principals.values() if p.kind == "User"]
    if a.SignedIn:
        if me.kind != "User":
            raise PSError("/me request is only valid with delegated authentication flow.")
        users = [me]
    if a.UserPrincipalName or a.ObjectId:
        ref = (a.UserPrincipalName or a.ObjectId).lower()
        users = [u for u in users if ref in (u.object_id.lower(), (u.user_principal_name or "").lower())]
        if not users:
            raise PSError(f"Resource '{a.UserPrincipalName or a.ObjectId}' does not exist or one of its queried "
                          "reference-property objects are not present.")
    if a.DisplayName:
        users = [u for u in users if u.display_name.lower() == a.DisplayName.lower()]
    return [PSObject("Microsoft.Azure.PowerShell.Cmdlets.Resources.MSGraph.Models.ApiV10.MicrosoftGraphUser", {
        "DisplayName": u.display_name, "Id": u.object_id, "Mail": None, "UserPrincipalName": u.user_principal_name},
        view="table") for u in sorted(users, key=lambda u: u.display_name.lower())]
