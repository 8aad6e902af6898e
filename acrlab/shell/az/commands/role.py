"""az role definition list|create|update|delete, az role assignment create|list|delete."""

from __future__ import annotations

import json
import re
from dataclasses import replace

from ....engine import identity
from ....engine.errors import AzureError, CliError
from ....engine.rbac import RoleAssignment, scope_covers
from ....engine.role_assignments import (  # noqa: F401  (RA_WRITE, check_scope_exists: used by ad.py)
    RA_WRITE,
    RoleAssignmentExists,
    check_scope_exists,
    create_assignment,
    create_role_definition,
    delete_assignments,
    delete_role_definition,
    find_assignment,
    lookup_role,
    role_definitions_at,
    update_role_definition,
)
from ....engine.roles import RoleDefinition
from ..framework import Arg, command, group

group("role", "Manage Azure role-based access control (Azure RBAC).")
group("role definition", "Manage role definitions.")
group("role assignment", "Manage role assignments.")

RA_READ = "Microsoft.Authorization/roleAssignments/read"
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


def build_scope(cloud, resource_group: str | None, scope: str | None) -> str:
    """az's `_build_role_scope`."""
    sub = f"/subscriptions/{cloud.subscription.subscription_id}"
    if scope:
        if resource_group:
            raise CliError(f'Resource group "{resource_group}" is redundant because scope is supplied')
        if scope.lower().startswith("/subscriptions/") and not _SCOPE_RE.match(scope):
            raise CliError("Invalid scope. Please use --help to view the valid format.")
        return scope
    if resource_group:
        return f"{sub}/resourceGroups/{resource_group}"
    return sub


def resolve_role(cloud, ref: str, scope: str | None = None) -> RoleDefinition:
    """az's `_resolve_role_id`: a full id or a GUID is sent as-is (the service judges it at the scope); a name is
    looked up among the role definitions visible at `scope` (custom roles only where assignable)."""
    by_id = "/providers/Microsoft.Authorization/roleDefinitions/".lower() in ref.lower() or _GUID_RE.match(ref)
    role = lookup_role(cloud, ref, None if by_id else scope)
    if role is not None:
        return role
    guid = ref.rstrip("/").rsplit("/", 1)[-1]
    if "/providers/Microsoft.Authorization/roleDefinitions/".lower() in ref.lower() or _GUID_RE.match(ref):
        raise AzureError(f"The specified role definition with ID '{guid}' does not exist.",
                         code="RoleDefinitionDoesNotExist", status=400)
    raise CliError(f"Role '{ref}' doesn't exist.")


def principal_name(cloud, principal_id: str) -> str:
    p = cloud.tenant.principals.get(principal_id)
    if p is None:
        from ....engine.entra_groups import entra_groups
        g = entra_groups(cloud).get(principal_id)
        return g.display_name if g is not None else ""
    return p.user_principal_name or p.app_id or p.display_name


def assignment_json(cloud, a: RoleAssignment, list_form: bool = False) -> dict:
    return a.to_json(cloud.subscription.subscription_id, principal_name(cloud, a.principal_id), list_form)


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
    scope = build_scope(ctx.cloud, a.resource_group, a.scope)
    sub = ctx.cloud.subscription.subscription_id
    roles = [r for r in role_definitions_at(ctx.cloud, scope) if not a.name or a.name in (r.guid, r.role_name)]
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
    source = text
    if text.startswith("@"):
        content = ctx.sh.read_file(text[1:])
        if content is None:
            raise CliError(f"[Errno 2] No such file or directory: '{text[1:]}'")
        source = content
    elif ctx.sh.read_file(text) is not None:
        source = ctx.sh.read_file(text)
    try:
        body = json.loads(source)
    except json.JSONDecodeError as e:
        raise CliError(f"Failed to parse string as JSON:\n{source}\nError detail: {e}") from None
    if not isinstance(body, dict):
        raise CliError("Invalid role definition. A valid dictionary JSON representation is expected.")
    return {(k[:1].lower() + k[1:]): v for k, v in body.items()}


@command("role definition create", "Create a custom role definition.", [ROLE_DEFINITION], examples=[
    ("Create a role with read-only access to registries and permission to pull from them.",
     f"az role definition create --role-definition '{_DEFINITION_EXAMPLE}'"),
    ("Create a role from a JSON file.", "az role definition create --role-definition @acr-pull-list.json"),
])
def definition_create(ctx, a):
    cloud, caller = ctx.cloud, ctx.principal
    body = _definition_body(ctx, a.role_definition)
    if not body.get("name"):
        raise CliError("please provide role name")
    if not body.get("assignableScopes"):
        raise CliError("please provide 'assignableScopes'")
    if not isinstance(body["name"], str):
        raise CliError("please provide role name")
    role = create_role_definition(cloud, caller, body, body["name"])
    return role.to_json(None) | {"id": _definition_id(role)}


def _definition_id(role: RoleDefinition) -> str:
    """The id the PUT answers with: under the first assignable scope."""
    return f"{role.assignable_scopes[0].rstrip('/')}/providers/Microsoft.Authorization/roleDefinitions/{role.guid}"


@command("role definition update", "Update a role definition.", [ROLE_DEFINITION], examples=[
    ("Update a role with the JSON printed by 'az role definition list' after editing it.",
     "az role definition update --role-definition @role.json"),
])
def definition_update(ctx, a):
    cloud, caller = ctx.cloud, ctx.principal
    body = _definition_body(ctx, a.role_definition)
    if body.get("id"):
        guid = str(body["id"]).rstrip("/").rsplit("/", 1)[-1]
        role = lookup_role(cloud, guid)
        if role is None:
            raise AzureError(f"The specified role definition with ID '{guid}' does not exist.",
                             code="RoleDefinitionDoesNotExist", status=400)
        name = body.get("roleName")
        if not isinstance(name, str) or not name:
            raise CliError("please provide role name")
    else:
        ctx.warn('Role "id" is missing. Look for the role in the current subscription...')
        scopes = body.get("assignableScopes") or [f"/subscriptions/{cloud.subscription.subscription_id}"]
        ref = body.get("name")
        matched = []
        for scope in scopes if isinstance(scopes, list) else []:
            matched = [r for r in role_definitions_at(cloud, str(scope)) if ref in (r.guid, r.role_name)]
            if matched:
                break
        if not matched:
            raise CliError(f'No definition was found with the name of "{ref}"')
        role, name = matched[0], matched[0].role_name
    if "assignableScopes" not in body:
        body["assignableScopes"] = list(role.assignable_scopes)
    role = update_role_definition(cloud, caller, role, body, name)
    return role.to_json(None) | {"id": _definition_id(role)}


@command("role definition delete", "Delete a role definition.", [
    Arg("name", "--name -n", "The role's name.", required=True),
    Arg("custom_role_only", "--custom-role-only", "Custom roles only(vs. build-in ones).", kind="bool", default=False),
    SCOPE, RG,
], examples=[("Delete a custom role.", "az role definition delete --name 'ACR Pull and List'")])
def definition_delete(ctx, a):
    cloud, caller = ctx.cloud, ctx.principal
    scope = build_scope(cloud, a.resource_group, a.scope)
    roles = [r for r in role_definitions_at(cloud, scope) if a.name in (r.guid, r.role_name)]
    if a.custom_role_only:
        roles = [r for r in roles if r.custom]
    for r in roles:
        delete_role_definition(cloud, caller, r, scope)
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
    caller = ctx.principal
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
        principal = identity.resolve_assignee(cloud, a.assignee)
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
    scope = build_scope(cloud, a.resource_group, a.scope)
    role = resolve_role(cloud, a.role, scope)
    try:
        ra = create_assignment(cloud, caller, principal or object_id, role, scope, condition=a.condition,
                               condition_version=version, description=a.description, name=a.assignment_name,
                               principal_type=ptype)
    except RoleAssignmentExists as e:  # az's create_role_assignment shows the existing one
        return assignment_json(cloud, e.existing, list_form=True)
    return assignment_json(cloud, ra)


def search_assignments(ctx, scope: str | None, assignee: str | None, role: str | None,
                       include_inherited: bool, include_groups: bool = False) -> list[RoleAssignment]:
    """az's `_search_role_assignments`, over the assignments the caller may read. With `include_groups` the
    service's `assignedTo('{id}')` filter: the assignee's own and its groups' (transitively) assignments."""
    cloud = ctx.cloud
    found = identity.resolve_assignee(cloud, assignee) if assignee else None
    object_ids = (cloud.principal_ids(found) if include_groups else {found.object_id}) if found else None
    out = []
    for ra in cloud.role_assignments:
        if scope is not None:
            exact = ra.scope.lower() == scope.lower()
            if not exact and not (include_inherited and scope_covers(ra.scope, scope)):
                continue
        if object_ids is not None and ra.principal_id not in object_ids:
            continue
        out.append(ra)
    if role:
        r = resolve_role(cloud, role, scope)
        out = [ra for ra in out if ra.role_guid == r.guid]
    caller = ctx.principal
    return [ra for ra in out if cloud.authorize(caller, RA_READ, ra.scope).allowed]


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
        scope = build_scope(cloud, a.resource_group, a.scope)
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
    cloud, caller = ctx.cloud, ctx.principal
    if a.ids:
        for flag in ("assignee", "role", "resource_group", "scope"):
            if a.get(flag):
                ctx.warn(f"option '--{flag.replace('_group', '-group').replace('_', '-')}' will be ignored due to use "
                         "of '--ids'.")
        for rid in a.ids:
            ra = find_assignment(cloud, rid)
            if ra is not None:
                delete_assignments(cloud, caller, [ra])
        return None
    if not any([a.assignee, a.role, a.resource_group, a.scope, a.yes]):
        ctx.confirm("This will delete all role assignments under the subscription. Are you sure?")
    scope = build_scope(cloud, a.resource_group, a.scope)
    found = search_assignments(ctx, scope, a.assignee, a.role, a.include_inherited)
    if not found:
        raise CliError("No matched assignments were found to delete")
    delete_assignments(cloud, caller, found)
    return None
