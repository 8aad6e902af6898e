"""az keyvault key create|show|list|delete and the deleted keys: list-deleted|show-deleted|recover|purge, as
azure-cli's keyvault module declares them (MicrosoftDocs/azure-docs-cli docs-ref-autogen/Latest-version/latest/
keyvault/key.yml: --vault-name, --name/-n, --id; a recovery id for recover and purge) and prints the Key Vault
REST models (KeyBundle, KeyItem, DeletedKeyBundle, DeletedKeyItem: recoveryId, deletedDate, scheduledPurgeDate).
Every rule (who may, purge protection, the name a deleted key keeps) is the engine's (engine/keyvault_keys.py)."""

from __future__ import annotations

from ....engine import keyvault_keys
from ....engine.errors import CliError
from ..framework import Arg, command
from .keyvault_secret import vault_of

AT = "%Y-%m-%dT%H:%M:%S+00:00"
_NAME = Arg("name", "--name -n", "Name of the key. Required if --id is not specified.")
_VAULT = Arg("vault_name", "--vault-name", "Name of the Vault.")
_MAX = Arg("maxresults", "--maxresults", "Maximum number of results to return.", kind="int")


def _attributes(vault, key, version) -> dict:
    created = next((v.created for v in key.versions if v.version == version), None)
    at = created.strftime(AT) if created else None
    return {"created": at, "enabled": True, "expires": None, "exportable": False, "hsmPlatform": None,
            "notBefore": None, "recoverableDays": vault.soft_delete_retention_days,
            "recoveryLevel": vault.recovery_level, "updated": at}


def key_json(vault, key, version) -> dict:
    """az keyvault key create|show|recover (KeyBundle): attributes and JWK as az prints them (learn.microsoft.com
    sample output: null JWK members listed, ISO times with +00:00; recoveryLevel 'Recoverable' once purge protection
    is on; the attributes as Azure/azure-cli keyvault/_transformers.py transform_key_output lists them)."""
    kid = f"{vault.uri}keys/{key.name}/{version}"
    jwk = dict.fromkeys(["crv", "d", "dp", "dq", "e", "k", "keyOps", "kid", "kty", "n", "p", "q", "qi", "t", "x",
                         "y"])
    jwk.update({"keyOps": ["encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey"], "kid": kid, "kty": key.kty})
    if key.kty.startswith("RSA"):
        jwk.update({"e": "AQAB", "n": "0vx7agoebGcQSuu" + version[:20]})
    elif key.kty.startswith("EC"):
        jwk.update({"crv": "P-256", "keyOps": ["sign", "verify"], "x": version[:22], "y": version[10:32]})
    return {"attributes": _attributes(vault, key, version), "key": jwk, "managed": None, "releasePolicy": None,
            "tags": None}


def _item_json(vault, key) -> dict:
    """A key of `az keyvault key list` (Azure/azure-cli keyvault/_transformers.py transform_key_list_output):
    attributes, the versionless kid, name, managed, tags, releasePolicy; no key material."""
    return {"attributes": _attributes(vault, key, key.versions[-1].version), "kid": f"{vault.uri}keys/{key.name}",
            "managed": None, "name": key.name, "releasePolicy": None, "tags": None}


def _deleted_fields(gone) -> dict:
    return {"deletedDate": gone.deleted_date.strftime(AT), "recoveryId": gone.recovery_id,
            "scheduledPurgeDate": gone.scheduled_purge_date.strftime(AT)}


def deleted_json(vault, gone) -> dict:
    """A DeletedKeyBundle (`az keyvault key delete|show-deleted`): the key bundle and when it was deleted and goes."""
    return dict(sorted((key_json(vault, gone.key, gone.key.versions[-1].version) | _deleted_fields(gone)).items()))


def _target(ctx, a, segment: str):
    """(vault, key name) from --id (https://VAULT.vault.azure.net/<segment>/NAME) or --vault-name and --name."""
    if a.id:
        parts = a.id.removeprefix("https://").rstrip("/").split("/")
        if len(parts) < 3 or parts[1] != segment or not parts[0].endswith(".vault.azure.net"):
            raise CliError(f"argument --id: invalid {'recovery id' if segment == 'deletedkeys' else 'key identifier'}"
                           f" '{a.id}'")
        return vault_of(ctx, parts[0].split(".", 1)[0]), parts[2]
    if a.vault_name and a.name:
        return vault_of(ctx, a.vault_name), a.name
    raise CliError("usage error: --id ID | --name NAME --vault-name VAULT")


def _vault_target(ctx, a):
    """The vault of a listing: --vault-name, or --id with the vault's URI."""
    if a.id:
        host = a.id.removeprefix("https://").split("/", 1)[0]
        if not host.endswith(".vault.azure.net"):
            raise CliError(f"argument --id: invalid vault URI '{a.id}'")
        return vault_of(ctx, host.split(".", 1)[0])
    if a.vault_name:
        return vault_of(ctx, a.vault_name)
    raise CliError("usage error: --id ID | --vault-name VAULT")


def _limited(items: list, maxresults: int | None) -> list:
    if maxresults is not None and maxresults < 1:
        raise CliError(f"argument --maxresults: {maxresults} is not a positive number of results")
    return items[:maxresults] if maxresults else items


@command("keyvault key create", "Create a new key, store it, then return key parameters and attributes to the "
         "client.", [
    Arg("vault_name", "--vault-name", "Name of the Key Vault.", required=True),
    Arg("name", "--name -n", "Name of the key.", required=True),
    Arg("kty", "--kty", "The type of key to create.", choices=["EC", "EC-HSM", "RSA", "RSA-HSM", "oct", "oct-HSM"],
        default="RSA"),
    Arg("size", "--size", "The key size in bits.", kind="int", default=2048),
], examples=[("Create a new RSA key.", "az keyvault key create --vault-name MyVault -n MyKey --kty RSA")])
def key_create(ctx, a):
    ctx.require_login()
    vault = vault_of(ctx, a.vault_name)
    key, _ = keyvault_keys.create_key_in_vault(ctx.cloud, ctx.principal, vault, a.name, a.kty, a.size)
    return key_json(vault, key, key.versions[-1].version)


@command("keyvault key show", "Get a key's attributes and, if it's an asymmetric key, its public material.", [
    Arg("vault_name", "--vault-name", "Name of the Key Vault.", required=True),
    Arg("name", "--name -n", "Name of the key.", required=True),
])
def key_show(ctx, a):
    ctx.require_login()
    vault = vault_of(ctx, a.vault_name)
    key = keyvault_keys.read_key(ctx.cloud, ctx.principal, vault, a.name)
    return key_json(vault, key, key.versions[-1].version)


@command("keyvault key list", "List keys in the specified Vault or HSM.", [
    _VAULT, Arg("id", "--id", "Full URI of the Vault or HSM. If specified all other 'Id' arguments should be omitted."),
    _MAX, Arg("include_managed", "--include-managed", "Include managed keys.", kind="bool", default=False),
], examples=[("List the keys of a vault.", "az keyvault key list --vault-name MyVault")])
def key_list(ctx, a):
    ctx.require_login()
    vault = _vault_target(ctx, a)
    keys = keyvault_keys.list_keys(ctx.cloud, ctx.principal, vault)
    return _limited([_item_json(vault, k) for k in keys], a.maxresults)


@command("keyvault key delete", "Delete a key of any type from storage in Vault or HSM.", [
    Arg("vault_name", "--vault-name", "Name of the Key Vault. Required if --id is not specified."), _NAME,
    Arg("id", "--id", "Id of the key. If specified all other 'Id' arguments should be omitted."),
], examples=[("Delete a key (it stays in the vault's deleted keys until purged).",
              "az keyvault key delete --vault-name MyVault -n MyKey")])
def key_delete(ctx, a):
    ctx.require_login()
    vault, name = _target(ctx, a, "keys")
    return deleted_json(vault, keyvault_keys.delete_key(ctx.cloud, ctx.principal, vault, name))


@command("keyvault key list-deleted", "List the deleted keys in the specified Vault or HSM.", [
    _VAULT, Arg("id", "--id", "Full URI of the Vault or HSM. If specified all other 'Id' arguments should be omitted."),
    _MAX,
], examples=[("List a vault's deleted keys.", "az keyvault key list-deleted --vault-name MyVault")])
def key_list_deleted(ctx, a):
    ctx.require_login()
    vault = _vault_target(ctx, a)
    gone = keyvault_keys.list_deleted_keys(ctx.cloud, ctx.principal, vault)
    return _limited([dict(sorted((_item_json(vault, d.key) | _deleted_fields(d)).items())) for d in gone],
                    a.maxresults)


@command("keyvault key show-deleted", "Get the public part of a deleted key.", [
    _VAULT, _NAME, Arg("id", "--id", "Id of the key. If specified all other 'Id' arguments should be omitted."),
])
def key_show_deleted(ctx, a):
    ctx.require_login()
    vault, name = _target(ctx, a, "deletedkeys")
    return deleted_json(vault, keyvault_keys.read_deleted_key(ctx.cloud, ctx.principal, vault, name))


@command("keyvault key recover", "Recover the deleted key to its latest version.", [
    _VAULT, _NAME,
    Arg("id", "--id", "The recovery id of the key. If specified all other 'Id' arguments should be omitted."),
], examples=[("Recover a deleted key.", "az keyvault key recover --vault-name MyVault -n MyKey")])
def key_recover(ctx, a):
    ctx.require_login()
    vault, name = _target(ctx, a, "deletedkeys")
    key = keyvault_keys.recover_key(ctx.cloud, ctx.principal, vault, name)
    return key_json(vault, key, key.versions[-1].version)


@command("keyvault key purge", "Permanently delete the specified key.", [
    _VAULT, _NAME,
    Arg("id", "--id", "The recovery id of the key. If specified all other 'Id' arguments should be omitted."),
], examples=[("Purge a deleted key (refused while the vault has purge protection).",
              "az keyvault key purge --vault-name MyVault -n MyKey")])
def key_purge(ctx, a):
    ctx.require_login()
    vault, name = _target(ctx, a, "deletedkeys")
    keyvault_keys.purge_key(ctx.cloud, ctx.principal, vault, name)
    return None
