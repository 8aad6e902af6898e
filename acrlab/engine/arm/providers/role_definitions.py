"""Microsoft.Authorization/roleDefinitions: custom roles (PUT creates or updates, DELETE), built-in and custom roles
read by anyone signed in (GET, list at a scope: built-ins, then custom roles assignable there).

A PUT needs roleDefinitions/write at every assignable scope (the manager checks the request's own scope, the
provider the others); the role name is unique in the directory (built-in names included); a role grants at least
one action or data action. Updating a custom role changes what every assignment of it grants at once (assignments
share the definition). Built-in roles cannot be changed or deleted; a custom role still assigned cannot be deleted.
Stored in `cloud.state['custom_roles']` (engine/role_assignments.py)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pydantic import Field

from ...errors import ArmError
from ...role_assignments import RD_WRITE, check_scope_exists, custom_roles, lookup_role, role_definitions_at
from ...roles import ROLE_DEF, RoleDefinition
from ..manager import Plan, Provider, register
from ..request import ResourceId
from .registry_body import Body

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...tenant import Principal


class Permission(Body):
    actions: list[str] = Field(default_factory=list)
    not_actions: list[str] = Field(default_factory=list)
    data_actions: list[str] = Field(default_factory=list)
    not_data_actions: list[str] = Field(default_factory=list)


class DefinitionProps(Body):
    role_name: str | None = None
    description: str | None = None
    type: str | None = None
    permissions: list[Permission] = Field(default_factory=list)
    assignable_scopes: list[str] = Field(default_factory=list)


class DefinitionBody(Body):
    properties: DefinitionProps = Field(default_factory=DefinitionProps)


_NAME_FILTER = re.compile(r"^\s*roleName\s+eq\s+'(?P<name>[^']*)'\s*$", re.I)


class RoleDefinitionProvider(Provider):
    type = ROLE_DEF
    body_model = DefinitionBody
    public_read = True

    def find(self, cloud: Cloud, rid: ResourceId) -> RoleDefinition | None:
        return lookup_role(cloud, rid.name)

    def not_found(self, rid: ResourceId) -> ArmError:
        return ArmError("RoleDefinitionDoesNotExist", guid=rid.name)

    def precheck(self, cloud: Cloud, rid: ResourceId, method: str) -> None:
        if method == "PUT":
            check_scope_exists(cloud, rid.scope)

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[RoleDefinition]:
        return role_definitions_at(cloud, rid.scope or "/")

    def query(self, cloud: Cloud, rid: ResourceId, filter: str | None) -> list[RoleDefinition]:
        if not filter:
            return self.listing(cloud, rid)
        m = _NAME_FILTER.match(filter)
        if m is None:
            raise ArmError("InvalidRequestContent", message=f"The filter '{filter}' is not supported. Supported "
                           "filters are roleName eq '{name}'.")
        return [r for r in self.listing(cloud, rid) if r.role_name.lower() == m["name"].lower()]

    def resource_id(self, resource: RoleDefinition) -> str:
        """Under its first assignable scope (built-in roles: the root), where writing it is authorized."""
        return f"{resource.assignable_scopes[0].rstrip('/')}/providers/{ROLE_DEF}/{resource.guid}"

    def to_arm(self, resource: RoleDefinition) -> dict:
        j = resource.to_json(None)
        return {"id": j["id"], "name": j["name"], "type": ROLE_DEF, "properties": {
            k: j[k] for k in ("roleName", "description", "permissions", "assignableScopes", "createdOn", "updatedOn",
                              "createdBy", "updatedBy")} | {"type": j["roleType"]}}

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: DefinitionBody,
            existing: RoleDefinition | None) -> Plan:
        if existing is not None and not existing.custom:
            raise ArmError("RoleDefinitionUpdateNotAllowed")
        p = body.properties
        if not p.assignable_scopes:
            raise ArmError("InvalidRoleDefinition", detail="The role definition must have at least one assignable "
                                                           "scope.")
        for scope in p.assignable_scopes:
            check_scope_exists(cloud, scope)
            where = f"{scope.rstrip('/')}/providers/{ROLE_DEF}/{rid.name}"
            if where.lower() != rid.id.lower():
                cloud.require(caller, RD_WRITE, where)
        name = p.role_name or (existing.role_name if existing else "")
        taken = lookup_role(cloud, name) if name else None
        if taken is not None and taken.guid != rid.name.lower():
            raise ArmError("RoleDefinitionWithSameNameExists")
        perm = p.permissions[0] if p.permissions else Permission()
        if not perm.actions and not perm.data_actions:
            raise ArmError("InvalidRoleDefinition", detail="The role definition must have at least one action or "
                                                           "data action.")
        now = cloud.clock.now()
        new = RoleDefinition(
            guid=rid.name.lower(), role_name=name, description=p.description or "", role_type="CustomRole",
            actions=list(perm.actions), not_actions=list(perm.not_actions), data_actions=list(perm.data_actions),
            not_data_actions=list(perm.not_data_actions), assignable_scopes=list(p.assignable_scopes),
            created_on=existing.created_on if existing else now,
            created_by=existing.created_by if existing else caller.object_id, updated_on=now,
            updated_by=caller.object_id)

        def commit() -> None:
            if existing is None:
                custom_roles(cloud)[new.guid] = new
                return
            for field in RoleDefinition.model_fields:  # in place: every assignment shares the definition
                setattr(existing, field, getattr(new, field))
        return Plan(resource=existing if existing is not None else new, commit=commit,
                    status=200 if existing else 201)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: RoleDefinition) -> Plan:
        if not existing.custom:
            raise ArmError("RoleDefinitionDeleteNotAllowed")
        if any(a.role_guid == existing.guid for a in cloud.role_assignments):
            raise ArmError("RoleDefinitionHasAssignments")
        def commit() -> None:
            custom_roles(cloud).pop(existing.guid, None)
        return Plan(resource=existing, commit=commit, status=200)


PROVIDER = register(RoleDefinitionProvider())
