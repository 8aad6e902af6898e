"""Microsoft.Authorization's family rules, shared by its two providers (engine/arm/providers/role_assignments.py and
role_definitions.py): where a role assignment may sit, how a role reference resolves, and the tenant's custom roles.

    check_scope_exists(cloud, scope)              ARM's answer for a scope before it looks at the request
    lookup_role(cloud, ref, scope) / find_role_definition(ref, cloud, scope)
    custom_roles(cloud), role_definitions_at(cloud, scope)
    find_assignment(cloud, assignment_id)         by id, through the store's name index
Creating and deleting assignments and custom roles are requests: `send(cloud, caller, "PUT", ra_id, body)`.
"""

from __future__ import annotations

from .cloud import Cloud
from .errors import ArmError, ArmResourceNotFound, ResourceGroupNotFound
from .rbac import RA_TYPE, RoleAssignment
from .roles import BUILTIN_ROLES, ROLE_DEF, RoleDefinition, find_role

RA_WRITE = f"{RA_TYPE}/write"
RA_DELETE = f"{RA_TYPE}/delete"
RA_READ = f"{RA_TYPE}/read"
RD_WRITE = f"{ROLE_DEF}/write"


def known_resource(cloud: Cloud, resource_id: str) -> bool:
    """A top-level resource the lab holds (registries and every other family in `cloud.resources`)."""
    low = resource_id.rstrip("/").lower()
    if any(r.id.lower() == low for r in cloud.registries.values()):
        return True
    return any(str(k).lower() == low for kind in cloud.resources.values() for k in kind)


def check_scope_exists(cloud: Cloud, scope: str) -> None:
    """ARM answers for the scope before it looks at the assignment."""
    if not scope.lower().startswith("/subscriptions/"):
        raise ArmError("MissingSubscription")
    parts = scope.split("/")
    sub = cloud.subscription_of(parts[2])  # SubscriptionNotFound for an id the tenant does not hold
    if len(parts) >= 5 and sub.find_group(parts[4]) is None:
        raise ResourceGroupNotFound(parts[4])
    if len(parts) >= 9 and not known_resource(cloud, "/".join(parts[:9])):
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
    return list(BUILTIN_ROLES) + [r for r in custom_roles(cloud).values() if r.assignable_at(scope)]


def find_role_definition(ref: str | RoleDefinition, cloud: Cloud | None = None,
                         scope: str | None = None) -> RoleDefinition:
    """A role by name, GUID or full roleDefinitions id, as the service resolves roleDefinitionId at `scope`."""
    if isinstance(ref, RoleDefinition):
        if scope is not None and not ref.assignable_at(scope):
            raise ArmError("RoleDefinitionDoesNotExist", guid=ref.guid)
        return ref
    role = lookup_role(cloud, ref, scope)
    if role is None:
        raise ArmError("RoleDefinitionDoesNotExist", guid=ref.rstrip("/").rsplit("/", 1)[-1])
    return role


def definition_id(role: RoleDefinition, subscription_id: str | None) -> str:
    prefix = f"/subscriptions/{subscription_id}" if subscription_id else ""
    return f"{prefix}/providers/{ROLE_DEF}/{role.guid}"


def find_assignment(cloud: Cloud, assignment_id: str) -> RoleAssignment | None:
    name = assignment_id.rstrip("/").rsplit("/", 1)[-1]
    return next((r for r in cloud.role_assignments.named(name) if r.id.lower() == assignment_id.lower()), None)
