"""Microsoft.Authorization/roleAssignments and Microsoft.ManagedIdentity/userAssignedIdentities."""

from __future__ import annotations

from ..engine import identity, role_assignments
from ..engine.cloud import Cloud
from ..engine.errors import AzureError
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
    try:
        role_assignments.create_assignment(
            cloud, caller, str(props.get("principalId", "")), str(props.get("roleDefinitionId", "")),
            p.get("scope") or "", condition=props.get("condition"), condition_version=props.get("conditionVersion"),
            description=props.get("description"), name=p["names"][-1], principal_type=props.get("principalType"))
    except AzureError as e:
        raise ResourceFailure(e.code, e.message) from None


def delete_role_assignment(cloud: Cloud, caller: Principal, p: dict) -> None:
    ra = role_assignments.find_assignment(cloud, f"{p.get('scope') or ''}/providers/{RA}/{p['names'][-1]}")
    if ra is not None:
        role_assignments.delete_assignment(cloud, caller, ra)


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
    identity.create_identity(cloud, caller, p["rg"], p["names"][0], body.get("location"), body.get("tags"))


def delete_identity(cloud: Cloud, caller: Principal, p: dict) -> None:
    mi = _find_identity(cloud, p)
    if mi is not None:
        identity.remove_identity(cloud, caller, mi)


def list_identities(cloud: Cloud, rg: str) -> list[str]:
    return [mi.id for mi in identity.identities(cloud).values() if mi.resource_group.lower() == rg.lower()]


HANDLERS = [
    Handler(RA, read_assignment, put_role_assignment, delete_role_assignment),
    Handler(MI, read_identity, put_identity, delete_identity, list_identities),
]
