"""az keyvault secret set|show|list|delete and az keyvault set-policy: the vault decides who may read or write
(Azure RBAC data roles or access policies, see engine/keyvault_secrets.py)."""

from __future__ import annotations

from ....engine import keyvault, keyvault_secrets
from ....engine.errors import CliError, CliResourceNotFound
from ..framework import Arg, command, group
from .account import parse_tags


def vault_of(ctx, name: str):
    """keyvault/_validators.py: az finds a vault named on its command line in the subscription's vaults and says so
    itself when there is none (ResourceNotFoundError: exit 3)."""
    v = keyvault.vault_named(ctx.cloud, name)
    if v is None:
        raise CliResourceNotFound(f"The Vault '{name}' not found within subscription.")
    return v


group("keyvault secret", "Manage secrets.")

VAULT = Arg("vault_name", "--vault-name", "Name of the Key Vault. Required if --id is not specified.")
ID = Arg("secret_id", "--id", "Id of the secret. If specified all other 'Id' arguments should be omitted.")
NAME = Arg("name", "--name -n", "Name of the secret. Required if --id is not specified.")


def _target(ctx, a) -> tuple:
    """(vault, name, version) from --id or --vault-name/--name, with az's usage errors."""
    if a.secret_id:
        if a.vault_name or a.name:
            raise CliError("usage error: --id | --vault-name/--name [--version]")
        return keyvault_secrets.parse_secret_id(ctx.cloud, a.secret_id)
    if not a.vault_name or not a.name:
        raise CliError("usage error: --id | --vault-name/--name [--version]")
    return vault_of(ctx, a.vault_name), a.name, a.get("version")


@command("keyvault secret set", "Create a secret (if one doesn't exist) or update a secret in a KeyVault.", [
    Arg("vault_name", "--vault-name", "Name of the Key Vault.", required=True),
    Arg("name", "--name -n", "Name of the secret.", required=True),
    Arg("value", "--value", "Plain text secret value. Cannot be used with '--file' or '--encoding'."),
    Arg("file", "--file -f", "Source file for secret. Use in conjunction with '--encoding'."),
    Arg("encoding", "--encoding -e", "Source file encoding. The value is saved as a tag (`file-encoding=<val>`) and "
        "used during download to automatically encode the resulting file.", choices=["ascii", "base64", "hex",
                                                                                    "utf-16be", "utf-16le", "utf-8"]),
    Arg("content_type", "--content-type --description", "Type of the secret value such as a password."),
    Arg("tags", "--tags", "Space-separated tags: key[=value] [key[=value] ...].", kind="star"),
], examples=[("Create a secret (if one doesn't exist) or update a secret in a KeyVault.",
              "az keyvault secret set --name MySecretName --vault-name MyKeyVault --value MyVault")])
def secret_set(ctx, a):
    if (a.value is None) == (a.file is None):
        raise CliError("usage error: --value VALUE | --file PATH")
    if a.value is not None and a.encoding:
        raise CliError("usage error: --encoding can only be used with --file")
    value = a.value
    if a.file is not None:
        value = ctx.sh.read_file(a.file)
        if value is None:
            raise CliError(f"File not found: {a.file}")
    tags = parse_tags(a.tags) or {}
    tags.setdefault("file-encoding", a.encoding or "utf-8")
    vault = vault_of(ctx, a.vault_name)
    secret, version = keyvault_secrets.set_secret(ctx.cloud, ctx.principal, vault, a.name, value,
                                                  a.content_type, tags)
    return keyvault_secrets.secret_json(vault, secret, version)


@command("keyvault secret show", "Get a specified secret from a given key vault.", [
    ID, NAME, VAULT, Arg("version", "--version -v", "The secret version. If omitted, uses the latest version."),
], examples=[("Get the value of a secret.",
              "az keyvault secret show --vault-name MyKeyVault --name MySecret --query value -o tsv")])
def secret_show(ctx, a):
    vault, name, version = _target(ctx, a)
    secret, v = keyvault_secrets.get_secret(ctx.cloud, ctx.principal, vault, name, version)
    return keyvault_secrets.secret_json(vault, secret, v)


@command("keyvault secret list", "List secrets in a specified key vault.", [
    Arg("vault_name", "--vault-name", "Name of the Key Vault.", required=True),
])
def secret_list(ctx, a):
    vault = vault_of(ctx, a.vault_name)
    out = []
    for s in keyvault_secrets.list_secrets(ctx.cloud, ctx.principal, vault):
        item = keyvault_secrets.secret_json(vault, s, s.current, with_value=False)
        item["id"] = f"{vault.uri}secrets/{s.name}"
        out.append(item)
    return out


@command("keyvault secret delete", "Delete all versions of a secret.", [ID, NAME, VAULT])
def secret_delete(ctx, a):
    vault, name, _ = _target(ctx, a)
    secret = keyvault_secrets.delete_secret(ctx.cloud, ctx.principal, vault, name)
    out = keyvault_secrets.secret_json(vault, secret, secret.current, with_value=False)
    out.update({"deletedDate": ctx.cloud.clock.now().strftime("%Y-%m-%dT%H:%M:%S+00:00"),
                "recoveryId": f"{vault.uri}deletedsecrets/{secret.name}", "id": f"{vault.uri}secrets/{secret.name}"})
    return out


PERMS = "Space-separated list of permissions to assign."


@command("keyvault set-policy", "Update security policy settings for a Key Vault.", [
    Arg("name", "--name -n", "Name of the Vault.", required=True),
    Arg("resource_group", "--resource-group -g", "Proceed only if Key Vault belongs to the specified resource group.",
        default_key="group"),
    Arg("object_id", "--object-id", "A GUID that identifies the principal that will receive permissions."),
    Arg("upn", "--upn", "Name of a user principal that will receive permissions."),
    Arg("spn", "--spn", "Name of a service principal that will receive permissions."),
    Arg("secret_permissions", "--secret-permissions", PERMS, kind="list"),
    Arg("key_permissions", "--key-permissions", PERMS, kind="list"),
    Arg("certificate_permissions", "--certificate-permissions", PERMS, kind="list"),
], examples=[("Assign secret permissions to an object id.",
              "az keyvault set-policy -n MyVault --object-id {GUID} --secret-permissions get list")])
def set_policy(ctx, a):
    refs = [r for r in (a.object_id, a.upn, a.spn) if r]
    if len(refs) != 1:
        raise CliError("usage error: --object-id OBJECT_ID | --spn SPN | --upn UPN")
    vault = vault_of(ctx, a.name)
    if vault.rbac_authorization:  # keyvault/custom.py set_policy reads the vault and refuses before writing
        raise CliError("Cannot set policies to a vault with '--enable-rbac-authorization' specified")
    principal = ctx.cloud.tenant.find_principal(refs[0])
    if principal is None:
        raise CliError(f"Unable to find user with upn '{refs[0]}'" if a.upn else
                       f"Unable to find service principal with spn '{refs[0]}'" if a.spn else
                       f"Cannot find user or service principal in graph database for '{refs[0]}'.")
    keyvault_secrets.set_access_policy(ctx.cloud, ctx.principal, vault, principal.object_id, a.secret_permissions,
                                       a.key_permissions, a.certificate_permissions)
    return vault_json(ctx, vault)


@command("keyvault delete-policy", "Delete security policy settings for a Key Vault.", [
    Arg("name", "--name -n", "Name of the Vault.", required=True),
    Arg("resource_group", "--resource-group -g", "Proceed only if Key Vault belongs to the specified resource group.",
        default_key="group"),
    Arg("object_id", "--object-id", "A GUID that identifies the principal that will receive permissions."),
    Arg("upn", "--upn", "Name of a user principal that will receive permissions."),
    Arg("spn", "--spn", "Name of a service principal that will receive permissions."),
], examples=[("Delete the access policy of an object id.", "az keyvault delete-policy -n MyVault --object-id {GUID}")])
def delete_policy(ctx, a):
    refs = [r for r in (a.object_id, a.upn, a.spn) if r]
    if len(refs) != 1:
        raise CliError("usage error: --object-id OBJECT_ID | --spn SPN | --upn UPN")
    object_id = a.object_id
    if object_id is None:  # _object_id_args_helper: a UPN or SPN is looked up; an object id is taken as given
        principal = ctx.cloud.tenant.find_principal(refs[0])
        if principal is None:
            raise CliError(f"Unable to find user with upn '{refs[0]}'" if a.upn else
                           f"Unable to find service principal with spn '{refs[0]}'")
        object_id = principal.object_id
    vault = vault_of(ctx, a.name)
    if vault.rbac_authorization:  # keyvault/custom.py delete_policy: the same client-side refusal
        raise CliError("Cannot delete policies to a vault with '--enable-rbac-authorization' specified")
    if not any(p.object_id.lower() == object_id.lower() for p in keyvault_secrets.access_policies(ctx.cloud, vault)):
        raise CliError("No matching policies found")
    keyvault_secrets.delete_access_policy(ctx.cloud, ctx.principal, vault, object_id)
    return vault_json(ctx, vault)


def vault_json(ctx, vault) -> dict:
    return keyvault_secrets.vault_body(ctx.cloud, vault)


CREATOR_SECRETS = ["get", "list", "set", "delete", "backup", "restore", "recover"]
CREATOR_KEYS = ["get", "create", "delete", "list", "update", "import", "backup", "restore", "recover"]
CREATOR_CERTS = ["get", "list", "delete", "create", "import", "update", "managecontacts", "getissuers", "listissuers",
                 "setissuers", "deleteissuers", "manageissuers", "recover"]
"""The access policy `az keyvault create` gives the signed-in user on an access-policy vault (keyvault/custom.py)."""

