"""A registry's managed identities and customer-managed-key encryption, planned from a request body: the new
`identity`/`encryption` values are computed and checked first; principals are added or removed only on commit."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ...errors import ArmError
from ...tenant import Principal
from . import registry_body as rb

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...registry import Registry

USER_ASSIGNED = "/providers/microsoft.managedidentity/userassignedidentities/"


def user_identity(cloud: Cloud, ref: str) -> Principal | None:
    """A user-assigned identity's principal by resource id (case-insensitive) or client id."""
    low = ref.lower()
    for p in cloud.tenant.principals.values():
        rid = (p.resource_id or "").lower()
        if p.kind == "ManagedIdentity" and USER_ASSIGNED in rid and low in (rid, (p.app_id or "").lower()):
            return p
    return None


def system_identity(cloud: Cloud, resource_id: str) -> Principal | None:
    for p in cloud.tenant.principals.values():
        if p.assigned_to and p.assigned_to.lower() == resource_id.lower():
            return p
    return None


def plan_identity(cloud: Cloud, new: Registry, body: rb.Identity) -> list[Callable[[], None]]:
    """Set `new.identity` from the body; returns what commit must do to the tenant (add/remove the system
    identity's principal)."""
    effects: list[Callable[[], None]] = []
    kinds = body.type.replace(" ", "").split(",") if body.type != "None" else []
    current = system_identity(cloud, new.id)
    system: Principal | None = None
    if "SystemAssigned" in kinds:
        system = current or Principal(object_id=cloud.ids.guid(), display_name=new.name, kind="ManagedIdentity",
                                      app_id=cloud.ids.guid(), resource_id=new.id, assigned_to=new.id,
                                      created=cloud.clock.now())
        if current is None:
            added = system

            def add() -> None:
                cloud.add_principal(added)
            effects.append(add)
    elif current is not None:
        from ...identity import delete_principal

        effects.append(lambda: delete_principal(cloud, current))
    users: dict[str, dict] = {}
    if "UserAssigned" in kinds:
        for ref in body.user_assigned_identities or {}:
            p = user_identity(cloud, ref)
            if p is None:
                raise ArmError("UserAssignedIdentityNotFound", identity=ref)
            users[p.resource_id or ref] = {"clientId": p.app_id, "principalId": p.object_id}
    if not kinds:
        new.identity = None
        return effects
    names = [n for n, on in (("systemAssigned", system is not None), ("userAssigned", bool(users))) if on]
    new.identity = {"principalId": system.object_id if system else None, "tenantId": cloud.tenant.tenant_id,
                    "type": ", ".join(names), "userAssignedIdentities": users or None}
    return effects


def plan_encryption(cloud: Cloud, new: Registry, body: rb.Encryption) -> None:
    """Customer-managed key at creation: the key must exist in a purge-protected vault, and the identity that reads
    it must be one of the registry's user-assigned identities."""
    if body.status != "enabled":
        return
    kvp = body.key_vault_properties or rb.KeyVaultProperties()
    if not kvp.key_identifier:
        raise ArmError("InvalidRequestContent", detail="Required property 'keyIdentifier' not found in JSON. Path "
                                                       "'properties.encryption.keyVaultProperties'")
    from ...keyvault import resolve_key_uri

    vault, key, version = resolve_key_uri(cloud, kvp.key_identifier)
    if not vault.purge_protection:
        raise ArmError("KeyVaultPurgeProtectionRequired", vault=vault.name)
    users = (new.identity or {}).get("userAssignedIdentities") or {}
    client_id = kvp.identity
    if client_id is None or not any(v.get("clientId") == client_id for v in users.values()):
        raise ArmError("EncryptionIdentityNotAssigned", identity=client_id or "")
    new.encryption = {
        "keyVaultProperties": {
            "identity": client_id, "keyIdentifier": kvp.key_identifier, "keyRotationEnabled": version is None,
            "lastKeyRotationTimestamp": None,
            "versionedKeyIdentifier": kvp.key_identifier if version
            else f"{kvp.key_identifier.rstrip('/')}/{key.versions[-1].version}",
        },
        "status": "enabled",
    }
