"""az role definition list|create|update|delete, az role assignment create|list|delete."""

from __future__ import annotations

import re
from dataclasses import replace

from ....engine.arm import send
from ....engine.errors import ArmError, CliError
from ....engine.rbac import RA_TYPE, RoleAssignment, scope_covers
from ....engine.roles import ROLE_DEF, RoleDefinition
from .. import graph
from ..framework import Arg, command, group, json_argument

group("role", "Manage Azure role-based access control (Azure RBAC).")
group("role definition", "Manage role definitions.")
group("role assignment", "Manage role assignments.")

SCOPE_WARNING = ("--scope argument will become required for creating a role assignment in the breaking change release "
                 "of the fall of 2023. Please explicitly specify --scope.")
_SCOPE_RE = re.compile(r"^/subscriptions/[^/]+(/resourceGroups/[^/]+(/providers/[^/]+/[^/]+/[^/]+(/[^/]+/[^/]+)*)?)?$",
                       re.I)
_GUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)

SCOPE = Arg("scope", "--scope", "Scope at which the role assignment or definition applies to, e.g., /subscriptions/"
            "0b1f6471-1bf0-4dda-aec3-cb9272f09590, /subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/"
            "myGroup, or /subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/myGroup/providers/"
            "Microsoft.Compute/virtualMachines/myVM.")
RG = Arg("resource_group", "--resource-group -g", "Use it only if the role or assignment was added at the level of a "
         "resource group.")
ASSIGNEE = Arg("assignee", "--assignee", "Represent a user, group, or service principal. Supported format: object id, "
               "user sign-in name, or service principal name.")
ROLE = Arg("role", "--role", "Role name or id.")


def build_scope(subscription_id: str, resource_group: str | None, scope: str | None) -> str:
    """az's `_build_role_scope` (in the current subscription)."""
    sub = f"/subscriptions/{subscription_id}"
    if scope:
        if resource_group:
            raise CliError(f'Resource group "{resource_group}" is redundant because scope is supplied')
        if scope.lower().startswith("/subscriptions/") and not _SCOPE_RE.match(scope):
            raise CliError("Invalid scope. Please use --help to view the valid format.")
        return scope
    if resource_group:
        return f"{sub}/resourceGroups/{resource_group}"
    return sub


def resolve_role(ctx, ref: str, scope: str | None = None) -> RoleDefinition:
    """az's `_resolve_role_id`: a full id or a GUID is read by id (the service judges it at the scope when it is
    assigned); a name is looked up among the role definitions listed at `scope` (custom roles only where
    assignable)."""
    cloud = ctx.cloud
    where = _definitions_of(scope or ctx.subscription.id)
    if "/providers/Microsoft.Authorization/roleDefinitions/".lower() in ref.lower() or _GUID_RE.match(ref):
        return send(cloud, ctx.principal, "GET", f"{where}/{ref.rstrip('/').rsplit('/', 1)[-1]}").resource
    found = send(cloud, ctx.principal, "GET", where, filter=f"roleName eq '{ref}'").resources
    if not found:
        raise CliError(f"Role '{ref}' doesn't exist.")
    return found[0]


def principal_name(cloud, principal_id: str) -> str:
    p = cloud.tenant.principals.get(principal_id)
    if p is None:
        from ....engine.entra_groups import entra_groups
        g = entra_groups(cloud).get(principal_id)
        return g.display_name if g is not None else ""
    return p.user_principal_name or p.app_id or p.display_name


def assignment_json(cloud, a: RoleAssignment, list_form: bool = False) -> dict:
    parts = a.scope.split("/")  # the role definition's id names the assignment's own subscription
    sub = parts[2] if len(parts) > 2 and parts[1].lower() == "subscriptions" else cloud.subscription.subscription_id
    return a.to_json(sub, principal_name(cloud, a.principal_id), list_form)


def _assignments_of(scope: str) -> str:
    return f"{scope.rstrip('/')}/providers/{RA_TYPE}"


def _definitions_of(scope: str) -> str:
    return f"{scope.rstrip('/')}/providers/{ROLE_DEF}"


def put_assignment(ctx, scope: str, role: RoleDefinition, object_id: str, principal_type: str | None,
                   name: str | None = None, **props: str | None) -> RoleAssignment:
    """PUT {scope}/providers/Microsoft.Authorization/roleAssignments/{name} (az's `_create_role_assignment`)."""
    sub = ctx.subscription.subscription_id
    body = {"properties": {"roleDefinitionId": f"/subscriptions/{sub}/providers/{ROLE_DEF}/{role.guid}",
                           "principalId": object_id, "principalType": principal_type,
                           **{k: v for k, v in props.items() if v is not None}}}
    rid = f"{_assignments_of(scope)}/{name or ctx.cloud.ids.guid()}"
    return send(ctx.cloud, ctx.principal, "PUT", rid, body).resource


# -- role definitions ------------------------------------------------------------------------------

@command("role definition list", "List role definitions.", [
    Arg("name", "--name -n", "A role's name (roleName) or its id (a GUID)."),
    Arg("custom_role_only", "--custom-role-only", "Custom roles only(vs. build-in ones).", kind="bool", default=False),
    SCOPE, RG,
], examples=[("List all the role definitions.", "az role definition list"),
             ("List the details of AcrPull.", "az role definition list --name AcrPull")],
    table=lambda result: _definition_table(result))
def definition_list(ctx, a):
    _ = ctx.principal  # az fails first when nobody is signed in
    scope = build_scope(ctx.subscription.subscription_id, a.resource_group, a.scope)
    sub = ctx.subscription.subscription_id
    found = send(ctx.cloud, ctx.principal, "GET", _definitions_of(scope)).resources
    roles = [r for r in found if not a.name or a.name in (r.guid, r.role_name)]
    if a.custom_role_only:
        roles = [r for r in roles if r.custom]
    return [r.to_json(sub) for r in roles]


ROLE_DEFINITION = Arg("role_definition", "--role-definition", "Description of a role as JSON, or a path to a file "
                      "containing a JSON description.", required=True)
_DEFINITION_EXAMPLE = ('{"Name": "ACR Pull and List", "IsCustom": true, "Description": "Pull images and read '
                       'registries.", "Actions": ["Microsoft.ContainerRegistry/registries/pull/read", '
                       '"Microsoft.ContainerRegistry/registries/read"], "NotActions": [], "DataActions": [], '
                       '"NotDataActions": [], "AssignableScopes": ["/subscriptions/{subscriptionId}"]}')


def _definition_body(ctx, text: str) -> dict:
    """az's `_create_update_role_definition` input: a file path (or @file) or JSON; property names camel-cased."""
    body = json_argument(ctx, text)
    if not isinstance(body, dict):
        raise CliError("Invalid role definition. A valid dictionary JSON representation is expected.")
    return {(k[:1].lower() + k[1:]): v for k, v in body.items()}


@command("role definition create", "Create a custom role definition.", [ROLE_DEFINITION], examples=[
    ("Create a role with read-only access to registries and permission to pull from them.",
     f"az role definition create --role-definition '{_DEFINITION_EXAMPLE}'"),
    ("Create a role from a JSON file.", "az role definition create --role-definition @acr-pull-list.json"),
])
def definition_create(ctx, a):
    cloud = ctx.cloud
    body = _definition_body(ctx, a.role_definition)
    if not body.get("name"):
        raise CliError("please provide role name")
    if not body.get("assignableScopes"):
        raise CliError("please provide 'assignableScopes'")
    if not isinstance(body["name"], str):
        raise CliError("please provide role name")
    role = _put_definition(ctx, cloud.ids.guid(), body, body["name"])
    return role.to_json(None) | {"id": _definition_id(role)}


def _put_definition(ctx, guid: str, body: dict, role_name: str) -> RoleDefinition:
    """az's `_create_update_role_definition`: PUT under the first assignable scope. The actions come from a
    `permissions` list when the JSON has one (MultiAPIAdaptor._init_permissions), else from the top level."""
    scopes = body.get("assignableScopes")
    given = body["permissions"] if isinstance(body.get("permissions"), list) else [body]
    props = {"roleName": role_name, "description": body.get("description"), "type": "CustomRole",
             "assignableScopes": scopes,
             "permissions": [{k: p.get(k) or [] for k in ("actions", "notActions", "dataActions", "notDataActions")}
                             for p in given if isinstance(p, dict)]}
    first = scopes[0] if isinstance(scopes, list) and scopes and isinstance(scopes[0], str) else "/"
    return send(ctx.cloud, ctx.principal, "PUT", f"{_definitions_of(first)}/{guid}", {"properties": props}).resource


def _definition_id(role: RoleDefinition) -> str:
    """The id the PUT answers with: under the first assignable scope."""
    return f"{role.assignable_scopes[0].rstrip('/')}/providers/Microsoft.Authorization/roleDefinitions/{role.guid}"


@command("role definition update", "Update a role definition.", [ROLE_DEFINITION], examples=[
    ("Update a role with the JSON printed by 'az role definition list' after editing it.",
     "az role definition update --role-definition @role.json"),
])
def definition_update(ctx, a):
    cloud = ctx.cloud
    body = _definition_body(ctx, a.role_definition)
    if body.get("id"):
        guid = str(body["id"]).rstrip("/").rsplit("/", 1)[-1]
        role = send(cloud, ctx.principal, "GET", f"{_definitions_of(ctx.subscription.id)}/{guid}").resource
        name = body.get("roleName")
        if not isinstance(name, str) or not name:
            raise CliError("please provide role name")
    else:
        ctx.warn('Role "id" is missing. Look for the role in the current subscription...')
        scopes = body.get("assignableScopes") or [ctx.subscription.id]
        ref = body.get("name")
        matched = []
        for scope in scopes if isinstance(scopes, list) else []:
            listed = send(cloud, ctx.principal, "GET", _definitions_of(str(scope))).resources
            matched = [r for r in listed if ref in (r.guid, r.role_name)]
            if matched:
                break
        if not matched:
            raise CliError(f'No definition was found with the name of "{ref}"')
        role, name = matched[0], matched[0].role_name
    if "assignableScopes" not in body:
        body["assignableScopes"] = list(role.assignable_scopes)
    role = _put_definition(ctx, role.guid, body, name)
    return role.to_json(None) | {"id": _definition_id(role)}


@command("role definition delete", "Delete a role definition.", [
    Arg("name", "--name -n", "The role's name.", required=True),
    Arg("custom_role_only", "--custom-role-only", "Custom roles only(vs. build-in ones).", kind="bool", default=False),
    SCOPE, RG,
], examples=[("Delete a custom role.", "az role definition delete --name 'ACR Pull and List'")])
def definition_delete(ctx, a):
    cloud = ctx.cloud
    scope = build_scope(ctx.subscription.subscription_id, a.resource_group, a.scope)
    listed = send(cloud, ctx.principal, "GET", _definitions_of(scope)).resources
    roles = [r for r in listed if a.name in (r.guid, r.role_name)]
    if a.custom_role_only:
        roles = [r for r in roles if r.custom]
    for r in roles:
        send(cloud, ctx.principal, "DELETE", f"{_definitions_of(scope)}/{r.guid}")
    return None


# -- role assignments ------------------------------------------------------------------------------

def _principal_type(p) -> str:
    return p.principal_type


@command("role assignment create", "Create a new role assignment for a user, group, or service principal.", [
    replace(ROLE, required=True),
    ASSIGNEE,
    Arg("assignee_object_id", "--assignee-object-id", "Use this parameter instead of '--assignee' to bypass Graph API "
        "invocation in case of insufficient privileges. This parameter only works with object ids for users, groups, "
        "service principals, and managed identities."),
    Arg("assignee_principal_type", "--assignee-principal-type", "Use with --assignee-object-id to avoid errors caused "
        "by propagation latency in Microsoft Graph.", choices=["User", "Group", "ServicePrincipal", "ForeignGroup"]),
    SCOPE, RG,
    Arg("description", "--description", "Description of role assignment."),
    Arg("condition", "--condition", "Condition under which the user can be granted permission."),
    Arg("condition_version", "--condition-version", "Version of the condition syntax. If --condition is specified "
        "without --condition-version, default to 2.0."),
    Arg("assignment_name", "--name", "A GUID for the role assignment. It must be unique and different for each role "
        "assignment. If omitted, a new GUID is generated."),
], examples=[
    ("Create role assignment to grant the specified assignee the Reader role on an Azure virtual machine.",
     "az role assignment create --assignee sp_name --role a7ee8ed1-4d2b-4efe-a3d4-6e5a38bde7d8 --scope "
     "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/MyResourceGroup/providers/"
     "Microsoft.Compute/virtualMachines/MyVm"),
    ("Assign AcrPull to a service principal on a registry.",
     "az role assignment create --assignee <sp-object-id> --role AcrPull --scope $ACR_ID"),
])
def assignment_create(ctx, a):
    cloud = ctx.cloud
    if not a.scope:
        ctx.warn(SCOPE_WARNING)
    if bool(a.assignee) == bool(a.assignee_object_id):
        raise CliError("usage error: --assignee STRING | --assignee-object-id GUID")
    if a.assignee_principal_type and not a.assignee_object_id:
        raise CliError("usage error: --assignee-object-id GUID --assignee-principal-type TYPE")
    version = a.condition_version or ("2.0" if a.condition else None)
    if version and not a.condition:
        raise CliError("usage error: When --condition-version is set, --condition must be set as well.")
    principal = None
    if a.assignee:
        principal = graph.resolve_assignee(cloud, a.assignee)
        object_id, ptype = principal.object_id, _principal_type(principal)
    else:
        object_id = a.assignee_object_id
        principal = cloud.tenant.principals.get(object_id)
        if a.assignee_principal_type:
            ptype = a.assignee_principal_type
        else:
            ctx.warn("RBAC service might reject creating role assignment without --assignee-principal-type in the "
                     "future. Better to specify --assignee-principal-type manually.")
            ptype = _principal_type(principal) if principal else None
    scope = build_scope(ctx.subscription.subscription_id, a.resource_group, a.scope)
    role = resolve_role(ctx, a.role, scope)
    try:
        ra = put_assignment(ctx, scope, role, object_id, ptype, a.assignment_name, condition=a.condition,
                            conditionVersion=version, description=a.description)
    except ArmError as e:  # az's create_role_assignment lists and shows the existing one
        if e.code != "RoleAssignmentExists":
            raise
        listed = send(cloud, ctx.principal, "GET", _assignments_of(scope), filter=f"principalId eq '{object_id}'")
        same = [r for r in listed.resources if r.scope.lower() == scope.lower() and r.role_guid == role.guid]
        if not same:
            raise
        return assignment_json(cloud, same[0], list_form=True)
    return assignment_json(cloud, ra)


def search_assignments(ctx, scope: str | None, assignee: str | None, role: str | None,
                       include_inherited: bool, include_groups: bool = False) -> list[RoleAssignment]:
    """az's `_search_role_assignments`: one listing request (at the scope with `atScope()`, else the subscription's
    with `principalId eq` / `assignedTo()`), then az's own client-side filters. The service keeps only what the
    caller may read."""
    cloud = ctx.cloud
    found = graph.resolve_assignee(cloud, assignee) if assignee else None
    oid = found.object_id if found is not None else None
    if scope:
        f = f"assignedTo('{oid}')" if oid and include_groups else "atScope()"
        listed = send(cloud, ctx.principal, "GET", _assignments_of(scope), filter=f).resources
    else:
        f = (f"assignedTo('{oid}')" if include_groups else f"principalId eq '{oid}'") if oid else None
        listed = send(cloud, ctx.principal, "GET", _assignments_of(ctx.subscription.id), filter=f).resources
    out = [ra for ra in listed if not scope or ra.scope.lower() == scope.lower()
           or (include_inherited and scope_covers(ra.scope, scope))]
    if role:
        r = resolve_role(ctx, role, scope)
        out = [ra for ra in out if ra.role_guid == r.guid]
    if oid and not include_groups:
        out = [ra for ra in out if ra.principal_id == oid]
    return out


def _definition_table(result):
    # azure-cli role/commands.py transform_definition_list: Name (roleName), Type, Description
    return [{"Name": r["roleName"], "Type": r["type"], "Description": r["description"]} for r in result]


def _assignment_table(result):
    return [{"Principal": r.get("principalName", ""), "Role": r.get("roleDefinitionName", ""), "Scope": r["scope"]}
            for r in result]


@command("role assignment list", "List role assignments.", [
    ASSIGNEE, ROLE, SCOPE, RG,
    Arg("all", "--all", "Show all assignments under the current subscription.", kind="flag"),
    Arg("include_inherited", "--include-inherited", "Include assignments applied on parent scopes.", kind="flag"),
    Arg("include_groups", "--include-groups", "Include extra assignments to the groups of which the user is a "
        "member(transitively).", kind="flag"),
    Arg("include_classic_administrators", "--include-classic-administrators", "List default role assignments for "
        "subscription classic administrators, aka co-admins.", kind="bool", default=False),
], examples=[("List role assignments on a registry.", "az role assignment list --scope $ACR_ID -o table"),
             ("List every assignment of a service principal.", "az role assignment list --assignee $APP_ID --all")],
    table=_assignment_table)
def assignment_list(ctx, a):
    cloud = ctx.cloud
    _ = ctx.principal  # az fails first when nobody is signed in
    if a.all:
        if a.resource_group or a.scope:
            raise CliError("group or scope are not required when --all is used")
        scope = None
    else:
        scope = build_scope(ctx.subscription.subscription_id, a.resource_group, a.scope)
    found = search_assignments(ctx, scope, a.assignee, a.role, a.include_inherited, a.include_groups)
    return [assignment_json(cloud, ra, list_form=True) for ra in found]


@command("role assignment delete", "Delete role assignments.", [
    Arg("ids", "--ids", "Space-separated role assignment ids.", kind="list"),
    ASSIGNEE, ROLE, SCOPE, RG,
    Arg("include_inherited", "--include-inherited", "Include assignments applied on parent scopes.", kind="flag"),
    Arg("yes", "--yes -y", "Currently no-op.", kind="flag"),
], examples=[("Remove AcrPull from a service principal on a registry.",
              "az role assignment delete --assignee $APP_ID --role AcrPull --scope $ACR_ID")])
def assignment_delete(ctx, a):
    cloud = ctx.cloud
    if a.ids:
        for flag in ("assignee", "role", "resource_group", "scope"):
            if a.get(flag):
                ctx.warn(f"option '--{flag.replace('_group', '-group').replace('_', '-')}' will be ignored due to use "
                         "of '--ids'.")
        for rid in a.ids:
            send(cloud, ctx.principal, "DELETE", rid)
        return None
    if not any([a.assignee, a.role, a.resource_group, a.scope, a.yes]):
        ctx.confirm("This will delete all role assignments under the subscription. Are you sure?")
    scope = build_scope(ctx.subscription.subscription_id, a.resource_group, a.scope)
    found = search_assignments(ctx, scope, a.assignee, a.role, a.include_inherited)
    if not found:
        raise CliError("No matched assignments were found to delete")
    for ra in found:
        send(cloud, ctx.principal, "DELETE", ra.id)
    return None
