"""Key Vault keys and secrets created through Resource Manager (`Microsoft.KeyVault/vaults/keys` for
customer-managed keys, `vaults/secrets` for credential sets, as templates do): the caller needs keys/write or
secrets/write on the vault's control plane."""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import BaseModel

from . import keyvault
from .cloud import Cloud
from .errors import AzureError
from .tenant import Principal

KEY_TYPES = ("RSA", "RSA-HSM", "EC", "EC-HSM")


def put_key(cloud: Cloud, caller: Principal, vault: keyvault.Vault, name: str, kty: str = "RSA",
            size: int | None = None) -> str:
    """Create the key (a new version when it exists); returns the key's versioned identifier."""
    cloud.require(caller, "Microsoft.KeyVault/vaults/keys/write", f"{vault.id}/keys/{name}")
    if kty not in KEY_TYPES:
        raise AzureError(f"The value '{kty}' is not a valid key type. Valid values: {', '.join(KEY_TYPES)}.",
                         code="BadRequest")
    _, kid = keyvault.create_key(cloud, vault, name, kty, size or 2048)
    return kid


def put_secret(cloud: Cloud, caller: Principal, vault: keyvault.Vault, name: str, value: str,
               content_type: str | None = None) -> None:
    """PUT vaults/{vault}/secrets/{name} through Resource Manager (templates): a control-plane write that needs
    secrets/write on the vault, not the vault's data-plane access policy; each PUT adds a version."""
    from .keyvault_secrets import Secret, SecretVersion, secrets_of

    cloud.require(caller, "Microsoft.KeyVault/vaults/secrets/write", f"{vault.id}/secrets/{name}")
    store = secrets_of(cloud, vault)
    secret = store.get(name.lower()) or Secret(name=name)
    secret.versions.append(SecretVersion(version=cloud.ids.hex(32), value=value, created=cloud.clock.now(),
                                         content_type=content_type))
    store[name.lower()] = secret


def create_key_in_vault(cloud: Cloud, caller: Principal, vault: keyvault.Vault, name: str, kty: str = "RSA",
                        size: int = 2048) -> tuple[keyvault.Key, str]:
    """Create a key through the vault's data plane (`az keyvault key create`): keys/create/action on a vault that
    uses Azure RBAC (Key Vault Crypto Officer or Administrator; Owner has no data actions), the access policy's
    `create` key permission otherwise."""
    from .keyvault_secrets import vault_authorize

    vault_authorize(cloud, caller, vault, "keys", "create", "keys/create/action", name)
    return keyvault.create_key(cloud, vault, name, kty, size)


def read_key(cloud: Cloud, caller: Principal, vault: keyvault.Vault, name: str) -> keyvault.Key:
    """A key's attributes and public material through the data plane: keys/read, or the access policy's `get`."""
    from .keyvault_secrets import vault_authorize

    vault_authorize(cloud, caller, vault, "keys", "get", "keys/read", name)
    key = vault.keys.get(name)
    if key is None:
        raise AzureError(keyvault.key_not_found(name), code="KeyNotFound", status=404)
    return key


class DeletedKey(BaseModel):
    """A soft-deleted key (Key Vault's DeletedKeyBundle): recoverable until its scheduled purge date."""

    key: keyvault.Key
    recovery_id: str
    deleted_date: datetime
    scheduled_purge_date: datetime


def deleted_keys(cloud: Cloud, vault: keyvault.Vault) -> dict[str, DeletedKey]:
    """A vault's deleted keys by name (soft delete is always on)."""
    return cloud.state.setdefault("keyvault_deleted_keys", {}).setdefault(vault.id.lower(), {})


def delete_key(cloud: Cloud, caller: Principal, vault: keyvault.Vault, name: str) -> DeletedKey:
    """DELETE {vault}/keys/{name} (`az keyvault key delete`): keys/delete/action on an RBAC vault, the access
    policy's `delete` key permission otherwise; every version of the key moves to the vault's deleted keys for the
    vault's retention (90 days), and whatever encrypts with it (a registry's CMK) loses access."""
    from .keyvault_secrets import vault_authorize

    vault_authorize(cloud, caller, vault, "keys", "delete", "keys/delete/action", name)
    key = vault.keys.get(name)
    if key is None:
        raise AzureError(keyvault.key_not_found(name), code="KeyNotFound", status=404)
    now = cloud.clock.now()
    gone = DeletedKey(key=key, recovery_id=f"{vault.uri}deletedkeys/{name}", deleted_date=now,
                      scheduled_purge_date=now + timedelta(days=keyvault.SOFT_DELETE_DAYS))
    del vault.keys[name]
    deleted_keys(cloud, vault)[name] = gone
    return gone
