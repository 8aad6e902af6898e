"""Microsoft.Authorization/roleAssignments: an extension resource at any scope (PUT, GET, list with `$filter`,
DELETE), as az role assignment, New-/Get-/Remove-AzRoleAssignment and templates send it.

PUT, in the order the service answers: the scope exists (before the caller is authorized), roleAssignments/write
there (the manager), the role definition resolves at the scope, the principal exists and has the given type, the
condition parses; then an assignment of the same name must keep its target (RoleAssignmentUpdateNotPermitted) and
an identical one under another name is RoleAssignmentExists (409). Listing follows the REST API's filters:
none (at, above and below the scope), `atScope()` (at and above), `principalId eq '{id}'` and
`assignedTo('{id}')` (the principal and its groups, transitively); the manager keeps what the caller may read,
deciding once per scope. Every look-up goes through the store's indexes (engine/role_store.py)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field

from ...abac import ConditionError, validate_condition
from ...errors import ArmError
from ...rbac import RA_TYPE, RoleAssignment
from ...role_assignments import check_scope_exists, find_role_definition
from ..manager import Plan, Provider, register
from ..request import ResourceId
from .registry_body import Body, _canonical

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...entra_groups import EntraGroup
    from ...tenant import Principal

PrincipalType = Annotated[Literal["User", "Group", "ServicePrincipal", "ForeignGroup", "Device"],
                          _canonical("User", "Group", "ServicePrincipal", "ForeignGroup", "Device")]


class AssignmentProps(Body):
    role_definition_id: str = ""
    principal_id: str = ""
    principal_type: PrincipalType | None = None
    description: str | None = None
    condition: str | None = None
    condition_version: str | None = None
    delegated_managed_identity_resource_id: str | None = None


class AssignmentBody(Body):
    properties: AssignmentProps = Field(default_factory=AssignmentProps)


_FILTER = re.compile(r"^\s*(?:(?P<at>atScope\(\))|principalId\s+eq\s+'(?P<pid>[^']*)'|assignedTo\('(?P<to>[^']*)'\))"
                     r"(?:\s+and\s+(?P<at2>atScope\(\)))?\s*$", re.I)


def directory_object(cloud: Cloud, object_id: str) -> Principal | EntraGroup | None:
    """A user, service principal, managed identity or group by object id (None when the directory lacks it)."""
    from ...entra_groups import entra_groups
    return cloud.tenant.principals.get(object_id) or entra_groups(cloud).get(object_id)


def arm_body(a: RoleAssignment) -> dict:
    """The REST API's RoleAssignment (GET/PUT response)."""
    sub = a.scope.split("/")[2] if a.scope.lower().startswith("/subscriptions/") else None
    prefix = f"/subscriptions/{sub}" if sub else ""
    return {"id": a.id, "name": a.name, "type": RA_TYPE, "properties": {
        "roleDefinitionId": f"{prefix}/providers/Microsoft.Authorization/roleDefinitions/{a.role_guid}",
        "principalId": a.principal_id, "principalType": a.principal_type, "scope": a.scope,
        "condition": a.condition, "conditionVersion": a.condition_version, "description": a.description,
        "createdBy": a.created_by, "createdOn": a.created_on.isoformat(),
        "updatedBy": a.updated_by or a.created_by, "updatedOn": (a.updated_on or a.created_on).isoformat(),
        "delegatedManagedIdentityResourceId": a.delegated_managed_identity_resource_id}}


class RoleAssignmentProvider(Provider):
    type = RA_TYPE
    body_model = AssignmentBody
    enum_names = {"principalType": "PrincipalType"}

    def find(self, cloud: Cloud, rid: ResourceId) -> RoleAssignment | None:
        scope = rid.scope.rstrip("/").lower()
        return next((a for a in cloud.role_assignments.named(rid.name) if a.scope.rstrip("/").lower() == scope), None)

    def not_found(self, rid: ResourceId) -> ArmError:
        return ArmError("RoleAssignmentNotFound", name=rid.name)

    def precheck(self, cloud: Cloud, rid: ResourceId, method: str) -> None:
        if method == "PUT":
            check_scope_exists(cloud, rid.scope)

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[RoleAssignment]:
        return self.query(cloud, rid, None)

    def query(self, cloud: Cloud, rid: ResourceId, filter: str | None) -> list[RoleAssignment]:
        store, scope = cloud.role_assignments, rid.scope
        if not filter:
            return store.around(scope)
        m = _FILTER.match(filter)
        if m is None:
            raise ArmError("InvalidRequestContent", message=f"The filter '{filter}' is not supported. Supported "
                           "filters are atScope(), principalId eq '{id}' and assignedTo('{id}').")
        if m["at"]:
            return store.covering(scope)
        if m["pid"] is not None:
            found = store.of_principals((m["pid"],))
        else:
            who = directory_object(cloud, m["to"])
            found = store.of_principals(cloud.principal_ids(who) if who is not None else {m["to"]})
        low = scope.rstrip("/").lower()
        return [a for a in found if _related(a.scope.rstrip("/").lower(), low, above_only=bool(m["at2"]))]

    def read_scope(self, resource: RoleAssignment) -> str:
        return resource.scope

    def to_arm(self, resource: RoleAssignment) -> dict:
        return arm_body(resource)

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: AssignmentBody,
            existing: RoleAssignment | None) -> Plan:
        p, scope, name = body.properties, rid.scope.rstrip("/"), rid.name
        role = find_role_definition(p.role_definition_id, cloud, scope)
        found = directory_object(cloud, p.principal_id)
        if found is None:
            raise ArmError("PrincipalNotFound", object_id=p.principal_id.replace("-", ""),
                           tenant=cloud.tenant.tenant_id)
        if p.principal_type and p.principal_type != found.principal_type:
            raise ArmError("UnmatchedPrincipalType", object_id=p.principal_id.replace("-", ""),
                           actual=found.principal_type, specified=p.principal_type)
        version = p.condition_version or ("2.0" if p.condition else None)
        if p.condition:
            try:
                validate_condition(p.condition, version)
            except ConditionError as e:
                raise ArmError("InvalidCondition", detail=e.message) from None
        for a in cloud.role_assignments.named(name):
            if a.principal_id == p.principal_id and a.role_guid == role.guid and a.scope.lower() == scope.lower():
                return Plan(resource=a, status=200)  # the same PUT again: nothing changes
            raise ArmError("RoleAssignmentUpdateNotPermitted")
        for a in cloud.role_assignments.of_principals((p.principal_id,)):
            if a.role_guid == role.guid and a.scope.lower() == scope.lower() and a.condition == p.condition:
                raise ArmError("RoleAssignmentExists", target=a.id)
        now = cloud.clock.now()
        ra = RoleAssignment(name=name, principal_id=p.principal_id, principal_type=p.principal_type or found.principal_type,
                            role_guid=role.guid, scope=scope, condition=p.condition, condition_version=version,
                            description=p.description, created_on=now, created_by=caller.object_id, updated_on=now,
                            updated_by=caller.object_id, custom_role=role if role.custom else None,
                            delegated_managed_identity_resource_id=p.delegated_managed_identity_resource_id)
        return Plan(resource=ra, commit=lambda: cloud.role_assignments.append(ra), status=201,
                    after=[lambda: cloud.emit("role_assignment_created", assignment=ra)])

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: RoleAssignment) -> Plan:
        def commit() -> None:
            if existing in cloud.role_assignments:
                cloud.role_assignments.remove(existing)
        return Plan(resource=existing, commit=commit, status=200,
                    after=[lambda: cloud.emit("role_assignment_deleted", assignment=existing)])


def _related(a: str, scope: str, above_only: bool) -> bool:
    """An assignment scope at, above (or, unless `above_only`, below) the listed scope."""
    if a == scope or a == "" or scope.startswith(a + "/"):
        return True
    return not above_only and a.startswith(scope + "/")


PROVIDER = register(RoleAssignmentProvider())
