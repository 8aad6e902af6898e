"""Microsoft.Authorization/roleAssignments and Microsoft.ManagedIdentity/userAssignedIdentities."""

from __future__ import annotations

from ..engine import identity
from ..engine.arm import parse_resource_id, send
from ..engine.arm.providers.managed_identities import IDENTITIES
from ..engine.arm.providers.role_assignments import PROVIDER as ASSIGNMENTS
from ..engine.cloud import Cloud
from ..engine.tenant import Principal
from .provider_base import Handler

RA = "Microsoft.Authorization/roleAssignments"
MI = "Microsoft.ManagedIdentity/userAssignedIdentities"


def read_assignment(cloud: Cloud, p: dict) -> dict | None:
    rid = parse_resource_id(f"{p.get('scope') or ''}/providers/{RA}/{p['names'][-1]}")
    found = ASSIGNMENTS.find(cloud, rid)
    return ASSIGNMENTS.to_arm(found) if found is not None else None


def put_role_assignment(cloud: Cloud, caller: Principal, p: dict, rid: str, body: dict) -> None:
    """The template's whole resource body is the PUT body."""
    send(cloud, caller, "PUT", rid, body)


def delete_role_assignment(cloud: Cloud, caller: Principal, p: dict) -> None:
    send(cloud, caller, "DELETE", f"{p.get('scope') or ''}/providers/{RA}/{p['names'][-1]}")


def _identity_id(cloud: Cloud, p: dict) -> str:
    return f"{cloud.subscription.id}/resourceGroups/{p['rg']}/providers/{MI}/{p['names'][0]}"


def read_identity(cloud: Cloud, p: dict) -> dict | None:
    mi = IDENTITIES.find(cloud, parse_resource_id(_identity_id(cloud, p)))
    return IDENTITIES.to_arm(mi) if mi is not None else None


def put_identity(cloud: Cloud, caller: Principal, p: dict, rid: str, body: dict) -> None:
    """The template's body is the PUT body."""
    send(cloud, caller, "PUT", rid, body)


def delete_identity(cloud: Cloud, caller: Principal, p: dict) -> None:
    send(cloud, caller, "DELETE", _identity_id(cloud, p))


def list_identities(cloud: Cloud, rg: str) -> list[str]:
    return [mi.id for mi in identity.identities(cloud).values() if mi.resource_group.lower() == rg.lower()]


HANDLERS = [
    Handler(RA, read_assignment, put_role_assignment, delete_role_assignment),
    Handler(MI, read_identity, put_identity, delete_identity, list_identities),
]
