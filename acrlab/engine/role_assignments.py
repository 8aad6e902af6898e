"""Creating and deleting role assignments as Microsoft.Authorization does it, for every front door
(az role assignment, New-/Remove-AzRoleAssignment, Microsoft.Authorization/roleAssignments in templates).

    create_assignment(cloud, caller, principal, role_ref, scope, ...) -> RoleAssignment
        (raises RoleAssignmentExists, carrying `.existing`, for an identical assignment under another name)
    delete_assignment(cloud, caller, assignment) / delete_assignments(cloud, caller, assignments)
    check_scope_exists(cloud, scope), find_role_definition(ref, cloud, scope)
Custom role definitions (PUT/DELETE Microsoft.Authorization/roleDefinitions), kept in `cloud.state['custom_roles']`:
    create_role_definition(cloud, caller, body) / update_role_definition(cloud, caller, role, body)
    delete_role_definition(cloud, caller, role), role_definitions_at(cloud, scope)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .abac import validate_condition
from .cloud import Cloud
from .errors import ArmResourceNotFound, AzureError, ResourceGroupNotFound
from .rbac import RA_TYPE, RoleAssignment
from .roles import ROLE_DEF, RoleDefinition, find_role
from .tenant import Principal

if TYPE_CHECKING:
    from .entra_groups import EntraGroup

RA_WRITE = f"{RA_TYPE}/write"
RA_DELETE = f"{RA_TYPE}/delete"


class RoleAssignmentExists(AzureError):
    """409 from ARM: the same principal, role, scope (and condition) is already assigned under another name."""

    def __init__(self, existing: RoleAssignment):
        super().__init__("The role assignment already exists.", code="RoleAssignmentExists", status=409)
        self.existing = existing


def check_scope_exists(cloud: Cloud, scope: str) -> None:
    """ARM answers for the scope before it looks at the assignment."""
    if not scope.lower().startswith("/subscriptions/"):
        raise AzureError("The request did not have a subscription or a valid tenant level resource provider.",
                         code="MissingSubscription")
    parts = scope.split("/")
    if parts[2].lower() != cloud.subscription.subscription_id.lower():
        raise AzureError(f"The subscription '{parts[2]}' could not be found.", code="SubscriptionNotFound", status=404)
    if len(parts) >= 5:
        rg = cloud.subscription.find_group(parts[4])
        if rg is None:
            raise ResourceGroupNotFound(parts[4])
    if len(parts) >= 9:
        target = "/".join(parts[:9]).lower()
        known = {r.id.lower() for r in cloud.registries.values()}
        for kind in cloud.resources.values():
            known.update(str(k).lower() for k in kind)
        if target not in known:
            raise ArmResourceNotFound(f"{parts[6]}/{parts[7]}/{parts[8]}", parts[4])


def custom_roles(cloud: Cloud) -> dict[str, RoleDefinition]:
    return cloud.state.setdefault("custom_roles", {})


def lookup_role(cloud: Cloud | None, ref: str, scope: str | None = None) -> RoleDefinition | None:
    """A built-in or custom role by name (case-insensitive), GUID or full id; a custom role only where it is
    assignable when `scope` is given (the service does not see it elsewhere)."""
    role = find_role(ref) or find_role(ref.rstrip("/").rsplit("/", 1)[-1])
    if role is None and cloud is not None:
        guid = ref.strip().rstrip("/").rsplit("/", 1)[-1].lower()
        role = next((r for r in custom_roles(cloud).values()
                     if r.guid == guid or r.role_name.lower() == ref.strip().lower()), None)
    if role is not None and scope is not None and not role.assignable_at(scope):
        return None
    return role


def role_definitions_at(cloud: Cloud, scope: str) -> list[RoleDefinition]:
    """GET {scope}/providers/Microsoft.Authorization/roleDefinitions: built-ins, then custom roles assignable there."""
    from .roles import BUILTIN_ROLES
    return list(BUILTIN_ROLES) + [r for r in custom_roles(cloud).values() if r.assignable_at(scope)]


def find_role_definition(ref: str | RoleDefinition, cloud: Cloud | None = None,
                         scope: str | None = None) -> RoleDefinition:
    """A role by name, GUID or full roleDefinitions id, as the service resolves roleDefinitionId at `scope`."""
    if isinstance(ref, RoleDefinition):
        if scope is not None and not ref.assignable_at(scope):
            raise AzureError(f"The specified role definition with ID '{ref.guid}' does not exist.",
                             code="RoleDefinitionDoesNotExist", status=400)
        return ref
    role = lookup_role(cloud, ref, scope)
    if role is None:
        guid = ref.rstrip("/").rsplit("/", 1)[-1]
        raise AzureError(f"The specified role definition with ID '{guid}' does not exist.",
                         code="RoleDefinitionDoesNotExist", status=400)
    return role


def _principal_not_found(cloud: Cloud, object_id: str) -> AzureError:
    return AzureError(
        f"Principal {object_id.replace('-', '')} does not exist in the directory {cloud.tenant.tenant_id}. Check "
        "that you have the correct principal ID. If you are creating this principal and then immediately "
        "assigning a role, this error might be related to a replication delay. In this case, set the role "
        "assignment principalType property to a value, such as ServicePrincipal, User, or Group.  See "
        "https://aka.ms/docs-principaltype", code="PrincipalNotFound")


def create_assignment(cloud: Cloud, caller: Principal, principal, role_ref: str | RoleDefinition,
                      scope: str, condition: str | None = None, condition_version: str | None = None,
                      description: str | None = None, name: str | None = None,
                      principal_type: str | None = None) -> RoleAssignment:
    """PUT {scope}/providers/Microsoft.Authorization/roleAssignments/{name}.

    Order as ARM checks: the scope exists, the caller holds roleAssignments/write there, the role and the
    principal exist (and match `principal_type` when given), the condition parses. A PUT under an existing name
    with the same target is idempotent; with another target it is RoleAssignmentUpdateNotPermitted; an identical
    assignment under another name raises RoleAssignmentExists. Emits `role_assignment_created`."""
    object_id = principal if isinstance(principal, str) else principal.object_id
    found: Principal | EntraGroup | None = cloud.tenant.principals.get(object_id)
    name = name or cloud.ids.guid()
    ra_id = f"{scope}/providers/{RA_TYPE}/{name}"
    check_scope_exists(cloud, scope)
    cloud.require(caller, RA_WRITE, ra_id)
    role = find_role_definition(role_ref, cloud, scope)
    if found is None:
        from .entra_groups import entra_groups
        found = entra_groups(cloud).get(object_id)
    if found is None:
        raise _principal_not_found(cloud, object_id)
    if principal_type and principal_type != found.principal_type:
        raise AzureError(f"The PrincipalId '{object_id.replace('-', '')}' has type '{found.principal_type}' , "
                         f"which is different from specified PrincipalType '{principal_type}'.",
                         code="UnmatchedPrincipalType")
    version = condition_version or ("2.0" if condition else None)
    if condition:
        validate_condition(condition, version)
    for a in cloud.role_assignments:
        same_target = a.principal_id == object_id and a.role_guid == role.guid and a.scope.lower() == scope.lower()
        if a.name.lower() == name.lower():
            if not same_target:
                raise AzureError("Tenant ID, application ID, principal ID, and scope are not allowed to be updated.",
                                 code="RoleAssignmentUpdateNotPermitted")
            return a
        if same_target and a.condition == condition:
            raise RoleAssignmentExists(a)
    now = cloud.clock.now()
    ra = RoleAssignment(name=name, principal_id=object_id, principal_type=principal_type or found.principal_type,
                        role_guid=role.guid, scope=scope, condition=condition, condition_version=version,
                        description=description, created_on=now, created_by=caller.object_id, updated_on=now,
                        updated_by=caller.object_id, custom_role=role if role.custom else None)
    cloud.role_assignments.append(ra)
    cloud.emit("role_assignment_created", assignment=ra)
    return ra


def delete_assignments(cloud: Cloud, caller: Principal, assignments: list[RoleAssignment]) -> None:
    """DELETE each assignment; the caller needs roleAssignments/delete on every one before any goes.
    Emits `role_assignment_deleted`."""
    for ra in assignments:
        cloud.require(caller, RA_DELETE, ra.id)
    for ra in assignments:
        if ra in cloud.role_assignments:
            cloud.role_assignments.remove(ra)
            cloud.emit("role_assignment_deleted", assignment=ra)


def delete_assignment(cloud: Cloud, caller: Principal, assignment: RoleAssignment) -> None:
    delete_assignments(cloud, caller, [assignment])


def find_assignment(cloud: Cloud, assignment_id: str) -> RoleAssignment | None:
    return next((r for r in cloud.role_assignments if r.id.lower() == assignment_id.lower()), None)


# -- custom role definitions -------------------------------------------------------------------------

RD_WRITE = "Microsoft.Authorization/roleDefinitions/write"
RD_DELETE = "Microsoft.Authorization/roleDefinitions/delete"


def _strings(body: dict, key: str) -> list[str]:
    value = body.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise AzureError(f"The request is invalid: '{key}' must be an array of strings.", code="InvalidRequestFormat")
    return list(value)


def _apply(cloud: Cloud, caller: Principal, role: RoleDefinition, body: dict, role_name: str) -> None:
    """PUT roleDefinitions/{guid}: the caller needs roleDefinitions/write at every assignable scope; the name is
    unique among the tenant's custom roles (built-in names included)."""
    scopes = _strings(body, "assignableScopes")
    if not scopes:
        raise AzureError("The role definition must have at least one assignable scope.", code="InvalidRequestFormat")
    for scope in scopes:
        check_scope_exists(cloud, scope)
        cloud.require(caller, RD_WRITE, f"{scope.rstrip('/')}/providers/{ROLE_DEF}/{role.guid}")
    taken = find_role(role_name) or next((r for r in custom_roles(cloud).values()
                                          if r.role_name.lower() == role_name.lower() and r.guid != role.guid), None)
    if taken is not None and taken.guid != role.guid:
        raise AzureError("A custom role with the same name already exists in this directory. Use a different name.",
                         code="RoleDefinitionWithSameNameExists", status=409)
    actions, data_actions = _strings(body, "actions"), _strings(body, "dataActions")
    if not actions and not data_actions:
        raise AzureError("The role definition must have at least one action or data action.",
                         code="InvalidRequestFormat")
    role.role_name = role_name
    role.description = body.get("description") or ""
    role.actions, role.not_actions = actions, _strings(body, "notActions")
    role.data_actions, role.not_data_actions = data_actions, _strings(body, "notDataActions")
    role.assignable_scopes = scopes
    role.updated_on, role.updated_by = cloud.clock.now(), caller.object_id


def create_role_definition(cloud: Cloud, caller: Principal, body: dict, role_name: str,
                           guid: str | None = None) -> RoleDefinition:
    """A new custom role (az's create: `name` is the roleName, a fresh GUID is the definition's name; a template's
    PUT names the GUID itself)."""
    role = RoleDefinition(guid=guid or cloud.ids.guid(), role_name=role_name, description="", role_type="CustomRole",
                          created_on=cloud.clock.now(), created_by=caller.object_id)
    _apply(cloud, caller, role, body, role_name)
    custom_roles(cloud)[role.guid] = role
    return role


def update_role_definition(cloud: Cloud, caller: Principal, role: RoleDefinition, body: dict,
                           role_name: str) -> RoleDefinition:
    """PUT over an existing custom role: every assignment of it grants the new permissions at once."""
    if not role.custom:
        raise AzureError("The role definition cannot be updated because it is a built-in role.",
                         code="RoleDefinitionUpdateNotAllowed", status=400)
    trial = role.model_copy(deep=True)
    _apply(cloud, caller, trial, body, role_name)  # validate everything before changing the shared definition
    for field in ("role_name", "description", "actions", "not_actions", "data_actions", "not_data_actions",
                  "assignable_scopes", "updated_on", "updated_by"):
        setattr(role, field, getattr(trial, field))
    return role


def delete_role_definition(cloud: Cloud, caller: Principal, role: RoleDefinition, scope: str) -> None:
    """DELETE roleDefinitions/{guid}: refused while assignments still reference the role."""
    if not role.custom:
        raise AzureError("Built-in role definitions cannot be deleted.", code="RoleDefinitionDeleteNotAllowed")
    cloud.require(caller, RD_DELETE, f"{scope}/providers/{ROLE_DEF}/{role.guid}")
    if any(a.role_guid == role.guid for a in cloud.role_assignments):
        raise AzureError("There are existing role assignments referencing role (code: RoleDefinitionHasAssignments).",
                         code="RoleDefinitionHasAssignments", status=409)
    custom_roles(cloud).pop(role.guid, None)
