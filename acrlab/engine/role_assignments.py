"""Creating and deleting role assignments as Microsoft.Authorization does it, for every front door
(az role assignment, New-/Remove-AzRoleAssignment, Microsoft.Authorization/roleAssignments in templates).

    create_assignment(cloud, caller, principal, role_ref, scope, ...) -> RoleAssignment
        (raises RoleAssignmentExists, carrying `.existing`, for an identical assignment under another name)
    delete_assignment(cloud, caller, assignment) / delete_assignments(cloud, caller, assignments)
    check_scope_exists(cloud, scope), find_role_definition(ref)
"""

from __future__ import annotations

from .abac import validate_condition
from .cloud import Cloud
from .errors import AzureError, ResourceGroupNotFound
from .rbac import RA_TYPE, RoleAssignment
from .roles import RoleDefinition, find_role
from .tenant import Principal

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
            raise AzureError(f"The Resource '{parts[6]}/{parts[7]}/{parts[8]}' under resource group '{parts[4]}' was "
                             "not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix",
                             code="ResourceNotFound", status=404)


def find_role_definition(ref: str | RoleDefinition) -> RoleDefinition:
    """A role by name, GUID or full roleDefinitions id, as the service resolves roleDefinitionId."""
    if isinstance(ref, RoleDefinition):
        return ref
    role = find_role(ref) or find_role(ref.rstrip("/").rsplit("/", 1)[-1])
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


def create_assignment(cloud: Cloud, caller: Principal, principal: Principal | str, role_ref: str | RoleDefinition,
                      scope: str, condition: str | None = None, condition_version: str | None = None,
                      description: str | None = None, name: str | None = None,
                      principal_type: str | None = None) -> RoleAssignment:
    """PUT {scope}/providers/Microsoft.Authorization/roleAssignments/{name}.

    Order as ARM checks: the scope exists, the caller holds roleAssignments/write there, the role and the
    principal exist (and match `principal_type` when given), the condition parses. A PUT under an existing name
    with the same target is idempotent; with another target it is RoleAssignmentUpdateNotPermitted; an identical
    assignment under another name raises RoleAssignmentExists. Emits `role_assignment_created`."""
    object_id = principal if isinstance(principal, str) else principal.object_id
    found = cloud.tenant.principals.get(object_id)
    name = name or cloud.ids.guid()
    ra_id = f"{scope}/providers/{RA_TYPE}/{name}"
    check_scope_exists(cloud, scope)
    cloud.require(caller, RA_WRITE, ra_id)
    role = find_role_definition(role_ref)
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
                        updated_by=caller.object_id)
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
