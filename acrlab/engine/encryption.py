"""Customer-managed keys (Premium): set at creation, rotated, never disabled."""

from __future__ import annotations

from .errors import ArmError, AzureError
from .keyvault import resolve_key_uri


def _identity(cloud, caller, registry, identity_ref: str):
    """A user-assigned identity by resource id, name (same group) or client id."""
    for p in cloud.tenant.principals.values():
        if p.kind != "ManagedIdentity" or not p.resource_id or "/userAssignedIdentities/" not in p.resource_id:
            continue
        name = p.resource_id.rsplit("/", 1)[-1]
        if identity_ref.lower() in {p.resource_id.lower(), (p.app_id or "").lower(), name.lower()}:
            return p
    raise AzureError(f"The user assigned identity '{identity_ref}' could not be found.", code="ResourceNotFound",
                     status=404)


def rotate_key(cloud, caller, registry, key_uri: str | None, identity_ref: str | None) -> dict:
    """A CMK registry's new key and/or identity: both are resolved before either is set (all or nothing)."""
    cloud.require(caller, "Microsoft.ContainerRegistry/registries/write", registry.id)
    kvp = registry.encryption.get("keyVaultProperties")
    if registry.encryption.get("status") != "enabled" or kvp is None:
        raise ArmError("EncryptionNotEnabled", registry=registry.name)
    mi = _identity(cloud, caller, registry, identity_ref) if identity_ref else None
    resolved = resolve_key_uri(cloud, key_uri) if key_uri else None
    if mi is not None:
        kvp["identity"] = mi.app_id
    if resolved is not None and key_uri:
        _, key, version = resolved
        kvp["keyIdentifier"] = key_uri
        kvp["keyRotationEnabled"] = version is None
        kvp["versionedKeyIdentifier"] = key_uri if version else f"{key_uri.rstrip('/')}/{key.versions[-1].version}"
    kvp["lastKeyRotationTimestamp"] = cloud.clock.now().isoformat()
    return registry.encryption
