"""Key Vault (just enough for customer-managed keys): vaults, keys, key versions."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from .errors import AzureError


class KeyVersion(BaseModel):
    version: str
    created: datetime | None = None


class Key(BaseModel):
    name: str
    kty: str = "RSA"
    size: int = 2048
    versions: list[KeyVersion] = Field(default_factory=list)


class DeletedKey(BaseModel):
    """A soft-deleted key (Key Vault's DeletedKeyBundle): recoverable until its scheduled purge date."""

    key: Key
    recovery_id: str
    deleted_date: datetime
    scheduled_purge_date: datetime


class Vault(BaseModel):
    name: str
    resource_group: str
    location: str
    id: str
    soft_delete: bool = True
    purge_protection: bool = False
    rbac_authorization: bool = True
    keys: dict[str, Key] = Field(default_factory=dict)
    """Keyed by lower-case name: Key Vault object identifiers are case-insensitive (about-keys-secrets-and-certificates)."""
    deleted_keys: dict[str, DeletedKey] = Field(default_factory=dict)
    """Soft-deleted keys by name (engine/keyvault_keys.py: list, recover, purge, the purge date)."""
    created: datetime | None = None
    created_by: str = ""
    sku: str = "standard"
    soft_delete_retention_days: int = 90
    public_network_access: str = "Enabled"
    network_acls: dict | None = None
    tags: dict[str, str] = Field(default_factory=dict)

    @property
    def uri(self) -> str:
        return f"https://{self.name}.vault.azure.net/"

    def to_json(self, tenant_id: str) -> dict:
        """`az keyvault create|show` as az 2.7x prints it (sample outputs on learn.microsoft.com and in the wild)."""
        from .clock import iso
        by = {"createdBy": self.created_by or None, "createdByType": "User" if "@" in self.created_by else
              "Application" if self.created_by else None}
        return {
            "id": self.id, "location": self.location, "name": self.name,
            "properties": {"accessPolicies": [], "createMode": None, "enablePurgeProtection": self.purge_protection
                           or None, "enableRbacAuthorization": self.rbac_authorization,
                           "enableSoftDelete": self.soft_delete, "enabledForDeployment": False,
                           "enabledForDiskEncryption": False, "enabledForTemplateDeployment": False,
                           "hsmPoolResourceId": None, "networkAcls": self.network_acls, "privateEndpointConnections": None,
                           "provisioningState": "Succeeded", "publicNetworkAccess": self.public_network_access,
                           "sku": {"family": "A", "name": self.sku},
                           "softDeleteRetentionInDays": self.soft_delete_retention_days,
                           "tenantId": tenant_id, "vaultUri": self.uri},
            "resourceGroup": self.resource_group,
            "systemData": {"createdAt": iso(self.created), **by, "lastModifiedAt": iso(self.created),
                           "lastModifiedBy": by["createdBy"], "lastModifiedByType": by["createdByType"]}
            if self.created else None,
            "tags": dict(self.tags), "type": "Microsoft.KeyVault/vaults",
        }

    @property
    def recovery_level(self) -> str:
        """Key Vault DeletionRecoveryLevel of its objects: purge protection drops '+Purgeable'."""
        return "Recoverable" if self.purge_protection else "Recoverable+Purgeable"


def vaults(cloud) -> dict[str, Vault]:
    return cloud.resources["vaults"]


def check_name_free(cloud, name: str, vid: str) -> None:
    """Vault names are global (their DNS names are): another vault of that name refuses the PUT."""
    for v in vaults(cloud).values():
        if v.name.lower() == name.lower() and v.id.lower() != vid.lower():
            raise AzureError(f"The vault name '{name}' is already in use. Vault names are globally unique so it is "
                             "possible that the name is already taken.", code="VaultAlreadyExists")


def vault_named(cloud, name: str) -> Vault | None:
    """The vault called `name` (vault names are global, as their DNS names are)."""
    return next((v for v in vaults(cloud).values() if v.name.lower() == name.lower()), None)


def find_vault(cloud, name: str) -> Vault:
    """The vault a Key Vault URI names (`https://<name>.vault.azure.net/...`); none answers at that name."""
    v = vault_named(cloud, name)
    if v is None:
        raise AzureError(f"The vault '{name}.vault.azure.net' does not exist: no Key Vault answers at that name.",
                         code="VaultNotFound", status=404)
    return v


def create_key(cloud, vault: Vault, name: str, kty: str = "RSA", size: int = 2048) -> tuple[Key, str]:
    """A new key, or a new version of the key; a deleted key's name stays taken until it is recovered or purged
    (or its purge date passes)."""
    gone = vault.deleted_keys.get(name.lower())
    if gone is not None and gone.scheduled_purge_date > cloud.clock.now():
        raise AzureError(f"Key {name} is currently in a deleted but recoverable state, and its name cannot be reused; "
                         "in this state, the key can only be recovered or purged.", code="Conflict", status=409)
    key = vault.keys.get(name.lower()) or Key(name=name, kty=kty, size=size)
    version = cloud.ids.hex(32)
    key.versions.append(KeyVersion(version=version, created=cloud.clock.now()))
    vault.keys[name.lower()] = key
    return key, f"{vault.uri}keys/{key.name}/{version}"


def key_not_found(name_id: str) -> str:
    """The Key Vault data plane's KeyNotFound message."""
    return (f"A key with (name/id) {name_id} was not found in this key vault. If you recently deleted this key you may "
            "be able to recover it using the correct recovery command. For help resolving this issue, please see "
            "https://go.microsoft.com/fwlink/?linkid=2125182")


def resolve_key_uri(cloud, uri: str) -> tuple[Vault, Key, str | None]:
    """`https://v.vault.azure.net/keys/k[/version]` -> (vault, key, version or None for versionless)."""
    rest = uri.removeprefix("https://")
    parts = rest.rstrip("/").split("/")
    if len(parts) < 3 or parts[1] != "keys" or not parts[0].endswith(".vault.azure.net"):
        raise AzureError(f"Invalid key vault key identifier '{uri}'.", code="InvalidKeyVaultKeyIdentifier")
    vault = find_vault(cloud, parts[0].split(".", 1)[0])
    key = vault.keys.get(parts[2].lower())
    if key is None:
        raise AzureError(key_not_found(parts[2]), code="KeyNotFound", status=404)
    version = parts[3] if len(parts) > 3 else None
    if version and version not in {v.version for v in key.versions}:
        raise AzureError(key_not_found(f"{parts[2]}/{version}"), code="KeyNotFound", status=404)
    return vault, key, version


class DeletedVault(BaseModel):
    """A soft-deleted vault: recoverable (name still reserved) until its scheduled purge date."""

    vault: Vault
    deletion_date: datetime
    scheduled_purge_date: datetime

    def to_json(self) -> dict:
        from .clock import iso
        return {"id": f"/subscriptions/{self.vault.id.split('/')[2]}/providers/Microsoft.KeyVault/locations/"
                f"{self.vault.location}/deletedVaults/{self.vault.name}", "name": self.vault.name,
                "properties": {"deletionDate": iso(self.deletion_date), "location": self.vault.location,
                               "purgeProtectionEnabled": self.vault.purge_protection,
                               "scheduledPurgeDate": iso(self.scheduled_purge_date), "tags": dict(self.vault.tags),
                               "vaultId": self.vault.id},
                "type": "Microsoft.KeyVault/deletedVaults"}


SOFT_DELETE_DAYS = 90


def deleted_vaults(cloud) -> dict[str, DeletedVault]:
    """Soft-deleted vaults by lower-case name (a vault name is global)."""
    return cloud.state.setdefault("keyvault_deleted_vaults", {})


def soft_delete(cloud, vault: Vault) -> DeletedVault:
    """A vault's DELETE (engine/arm/providers/vaults.py authorizes it): soft delete is always on, so it moves to the
    deleted vaults for 90 days (its keys with it; registries encrypting with one of its keys lose access)."""
    from datetime import timedelta
    now = cloud.clock.now()
    gone = DeletedVault(vault=vault, deletion_date=now, scheduled_purge_date=now + timedelta(days=SOFT_DELETE_DAYS))
    vaults(cloud).pop(vault.id, None)
    deleted_vaults(cloud)[vault.name.lower()] = gone
    return gone
