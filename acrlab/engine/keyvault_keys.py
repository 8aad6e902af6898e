"""Key Vault keys created through Resource Manager (`Microsoft.KeyVault/vaults/keys`, as templates do for
customer-managed keys): the caller needs keys/write on the vault's control plane."""

from __future__ import annotations

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
