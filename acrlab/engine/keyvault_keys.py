"""Key Vault keys: created through Resource Manager (`Microsoft.KeyVault/vaults/keys` for customer-managed keys,
`vaults/secrets` for credential sets, as templates do: keys/write or secrets/write on the vault's control plane) or
through the vault's data plane (create, read, list, delete; the deleted keys: list, read, recover, purge), each
authorized by the vault (its RBAC data actions or its access policies' key permissions)."""

from __future__ import annotations

from datetime import timedelta

from . import keyvault
from .cloud import Cloud
from .errors import AzureError
from .keyvault_secrets import Secret, SecretVersion, secrets_of, vault_authorize
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
    vault_authorize(cloud, caller, vault, "keys", "create", "keys/create/action", name)
    return keyvault.create_key(cloud, vault, name, kty, size)


def read_key(cloud: Cloud, caller: Principal, vault: keyvault.Vault, name: str) -> keyvault.Key:
    """A key's attributes and public material through the data plane: keys/read, or the access policy's `get`."""
    vault_authorize(cloud, caller, vault, "keys", "get", "keys/read", name)
    key = vault.keys.get(name.lower())
    if key is None:
        raise AzureError(keyvault.key_not_found(name), code="KeyNotFound", status=404)
    return key


def _expire(cloud: Cloud, vault: keyvault.Vault) -> None:
    """Key Vault purges a deleted key by itself at its scheduled purge date (the vault's retention days after the
    delete): read on the simulated clock whenever the vault's deleted keys are used."""
    now = cloud.clock.now()
    for name in [n for n, d in vault.deleted_keys.items() if d.scheduled_purge_date <= now]:
        del vault.deleted_keys[name.lower()]


def delete_key(cloud: Cloud, caller: Principal, vault: keyvault.Vault, name: str) -> keyvault.DeletedKey:
    """DELETE {vault}/keys/{name} (`az keyvault key delete`): keys/delete on an RBAC vault, the access policy's
    `delete` key permission otherwise; every version of the key moves to the vault's deleted keys until the purge
    date the vault's retention days set."""
    vault_authorize(cloud, caller, vault, "keys", "delete", "keys/delete", name)
    key = vault.keys.get(name.lower())
    if key is None:
        raise AzureError(keyvault.key_not_found(name), code="KeyNotFound", status=404)
    _expire(cloud, vault)
    now = cloud.clock.now()
    gone = keyvault.DeletedKey(key=key, recovery_id=f"{vault.uri}deletedkeys/{key.name}", deleted_date=now,
                               scheduled_purge_date=now + timedelta(days=vault.soft_delete_retention_days))
    del vault.keys[name.lower()]
    vault.deleted_keys[name.lower()] = gone
    return gone


def list_keys(cloud: Cloud, caller: Principal, vault: keyvault.Vault) -> list[keyvault.Key]:
    """GET {vault}/keys (`az keyvault key list`): keys/read, or the access policy's `list`."""
    vault_authorize(cloud, caller, vault, "keys", "list", "keys/read", "")
    return list(vault.keys.values())


def list_deleted_keys(cloud: Cloud, caller: Principal, vault: keyvault.Vault) -> list[keyvault.DeletedKey]:
    """GET {vault}/deletedkeys (`az keyvault key list-deleted`): keys/read, or the access policy's `list`."""
    vault_authorize(cloud, caller, vault, "keys", "list", "keys/read", "")
    _expire(cloud, vault)
    return list(vault.deleted_keys.values())


def _deleted(cloud: Cloud, vault: keyvault.Vault, name: str) -> keyvault.DeletedKey:
    _expire(cloud, vault)
    gone = vault.deleted_keys.get(name.lower())
    if gone is None:
        raise AzureError(f"Deleted Key not found: {name}", code="KeyNotFound", status=404)
    return gone


def read_deleted_key(cloud: Cloud, caller: Principal, vault: keyvault.Vault, name: str) -> keyvault.DeletedKey:
    """GET {vault}/deletedkeys/{name} (`az keyvault key show-deleted`): keys/read, or the access policy's `get`."""
    vault_authorize(cloud, caller, vault, "keys", "get", "keys/read", name)
    return _deleted(cloud, vault, name)


def recover_key(cloud: Cloud, caller: Principal, vault: keyvault.Vault, name: str) -> keyvault.Key:
    """POST {vault}/deletedkeys/{name}/recover (`az keyvault key recover`): keys/recover/action, or the access
    policy's `recover`; the key comes back with every version."""
    vault_authorize(cloud, caller, vault, "keys", "recover", "keys/recover/action", name)
    gone = _deleted(cloud, vault, name)
    del vault.deleted_keys[name.lower()]
    vault.keys[name.lower()] = gone.key
    return gone.key


def purge_key(cloud: Cloud, caller: Principal, vault: keyvault.Vault, name: str) -> None:
    """DELETE {vault}/deletedkeys/{name} (`az keyvault key purge`): keys/purge/action, or the access policy's
    `purge`; a vault with purge protection refuses (its deleted keys go only at their scheduled purge date)."""
    vault_authorize(cloud, caller, vault, "keys", "purge", "keys/purge/action", name)
    _deleted(cloud, vault, name)
    if vault.purge_protection:
        raise AzureError('Operation "purge" is not allowed because purge protection is enabled for this vault. Key '
                         "Vault service will automatically purge it after the retention period has passed.\n"
                         f"Vault: {vault.name};location={vault.location}", code="Forbidden", status=403)
    del vault.deleted_keys[name.lower()]
