"""Microsoft.Authorization/roleAssignments and Microsoft.ManagedIdentity/userAssignedIdentities."""

from __future__ import annotations

from ..engine import identity
from ..engine.cloud import Cloud
from ..engine.roles import find_role
from ..engine.tenant import Principal
from .provider_base import Handler, ResourceFailure

RA = "Microsoft.Authorization/roleAssignments"
MI = "Microsoft.ManagedIdentity/userAssignedIdentities"


def read_assignment(cloud: Cloud, p: dict) -> dict | None:
    for a in cloud.role_assignments:
        if a.name.lower() == p["names"][-1].lower():
            return assignment_json(a)
    return None


def assignment_json(a) -> dict:
    return {"id": a.id, "name": a.name, "type": RA, "properties": {
        "roleDefinitionId": f"/subscriptions/{a.scope.split('/')[2]}/providers/Microsoft.Authorization/"
                            f"roleDefinitions/{a.role_guid}" if a.scope.startswith("/subscriptions/") else
        f"/providers/Microsoft.Authorization/roleDefinitions/{a.role_guid}",
        "principalId": a.principal_id, "principalType": a.principal_type, "scope": a.scope,
        "condition": a.condition, "conditionVersion": a.condition_version, "description": a.description,
        "createdBy": a.created_by, "createdOn": a.created_on.isoformat(), "delegatedManagedIdentityResourceId": None}}


def put_role_assignment(cloud: Cloud, caller: Principal, p: dict, rid: str, body: dict) -> None:
    props = body.get("properties") or {}
    scope = p.get("scope") or ""
    name = p["names"][-1]
    cloud.require(caller, f"{RA}/write", rid)
    role_guid = str(props.get("roleDefinitionId", "")).rstrip("/").rsplit("/", 1)[-1]
    role = find_role(role_guid)
    if role is None:
        raise ResourceFailure("RoleDefinitionDoesNotExist",
                              f"The specified role definition with ID '{role_guid}' does not exist.")
    pid = str(props.get("principalId", ""))
    principal = cloud.tenant.principals.get(pid)
    if principal is None:
        raise ResourceFailure("PrincipalNotFound",
                              f"Principal {pid.replace('-', '')} does not exist in the directory "
                              f"{cloud.tenant.tenant_id}. Check that you have the correct principal ID. If you are "
                              "creating this principal and then immediately assigning a role, this error might be "
                              "related to a replication delay. In this case, set the role assignment principalType "
                              "property to a value, such as ServicePrincipal, User, or Group.  See "
                              "https://aka.ms/docs-principaltype")
    ptype = props.get("principalType")
    if ptype and ptype != principal.principal_type:
        raise ResourceFailure("UnmatchedPrincipalType",
                              f"The PrincipalId '{pid.replace('-', '')}' has type '{principal.principal_type}' , "
                              f"which is different from specified PrincipalType '{ptype}'.")
    for a in cloud.role_assignments:
        same_target = a.principal_id == pid and a.role_guid == role.guid and a.scope.lower() == scope.lower()
        if a.name.lower() == name.lower():
            if not same_target:
                raise ResourceFailure("RoleAssignmentUpdateNotPermitted", "Tenant ID, application ID, principal "
                                      "ID, and scope are not allowed to be updated.")
            return
        if same_target and a.condition == props.get("condition"):
            raise ResourceFailure("RoleAssignmentExists", "The role assignment already exists.")
    cloud.assign_role(principal, role.guid, scope, created_by=caller.object_id, condition=props.get("condition"),
                      name=name, description=props.get("description"))


def _find_identity(cloud: Cloud, p: dict):
    for mi in identity.identities(cloud).values():
        if mi.resource_group.lower() == (p["rg"] or "").lower() and mi.name.lower() == p["names"][0].lower():
            return mi
    return None


def read_identity(cloud: Cloud, p: dict) -> dict | None:
    mi = _find_identity(cloud, p)
    if mi is None:
        return None
    j = mi.to_json()
    return {"id": j["id"], "name": j["name"], "type": MI, "location": j["location"], "tags": j["tags"],
            "properties": {"clientId": j["clientId"], "principalId": j["principalId"], "tenantId": j["tenantId"]}}


def put_identity(cloud: Cloud, caller: Principal, p: dict, rid: str, body: dict) -> None:
    cloud.require(caller, f"{MI}/write", rid)
    identity.create_user_assigned_identity(cloud, p["rg"], p["names"][0], body.get("location"), body.get("tags"))


def delete_identity(cloud: Cloud, caller: Principal, p: dict) -> None:
    mi = _find_identity(cloud, p)
    if mi is not None:
        cloud.require(caller, f"{MI}/delete", mi.id)
        identity.delete_identity(cloud, mi)


def list_identities(cloud: Cloud, rg: str) -> list[str]:
    return [mi.id for mi in identity.identities(cloud).values() if mi.resource_group.lower() == rg.lower()]


HANDLERS = [
    Handler(RA, read_assignment, put_role_assignment),
    Handler(MI, read_identity, put_identity, delete_identity, list_identities),
]
