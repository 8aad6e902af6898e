"""az keyvault create|show|list|update|delete: requests to the resource manager's Microsoft.KeyVault/vaults provider
(engine/arm/providers/vaults.py), as azure-cli's keyvault custom.py sends them (create_vault_or_hsm: a PUT with the
sku, the tenant, RBAC or the creator's access policy; update: GET then PUT, here a PATCH of the flags given);
az keyvault key create|show|delete (secrets and access policies: keyvault_secret.py)."""

from __future__ import annotations

from ....engine import groups, keyvault, keyvault_keys
from ....engine.arm.manager import send
from ....engine.errors import ArmResourceNotFound, CliError
from .. import generic_update
from ..framework import Arg, command, group
from .account import parse_tags
from .keyvault_secret import CREATOR_CERTS, CREATOR_KEYS, CREATOR_SECRETS, vault_json, vault_of

group("keyvault", "Manage KeyVault keys, secrets, and certificates.")
group("keyvault key", "Manage keys.")


@command("keyvault create", "Create a Vault or HSM.", [
    Arg("name", "--name -n", "Name of the Vault.", required=True),
    Arg("resource_group", "--resource-group -g", "Name of resource group.", required=True, default_key="group"),
    Arg("location", "--location -l", "Location.", default_key="location"),
    Arg("enable_purge_protection", "--enable-purge-protection", "Property specifying whether protection against "
        "purge is enabled for this vault.", kind="bool"),
    Arg("enable_rbac_authorization", "--enable-rbac-authorization", "Property that controls how data actions are "
        "authorized.", kind="bool", default=True),
    Arg("tags", "--tags", "Space-separated tags: key[=value] [key[=value] ...]. Use \"\" to clear existing tags.",
        kind="star"),
], examples=[("Create a key vault with purge protection (required for customer-managed keys).",
              "az keyvault create -n MyVault -g MyResourceGroup --enable-purge-protection true")])
def kv_create(ctx, a):
    # the vault's location defaults to its group's, read with the group's GET as azure-cli's validator does
    location = a.location or groups.location(ctx.cloud, ctx.principal, a.resource_group, ctx.subscription.subscription_id)
    rbac = bool(a.enable_rbac_authorization)
    props: dict = {"sku": {"family": "A", "name": "standard"}, "tenantId": ctx.cloud.tenant.tenant_id,
                   "enableRbacAuthorization": rbac}
    if a.enable_purge_protection:
        props["enablePurgeProtection"] = True
    if not rbac:  # the signed-in user's access policy (keyvault custom.py)
        props["accessPolicies"] = [{"tenantId": ctx.cloud.tenant.tenant_id, "objectId": ctx.principal.object_id,
                                    "permissions": {"keys": CREATOR_KEYS, "secrets": CREATOR_SECRETS,
                                                    "certificates": CREATOR_CERTS}}]
    body = {"properties": props, "location": location}
    tags = parse_tags(a.tags)
    if tags is not None:  # keyvault custom.py create_vault: VaultCreateOrUpdateParameters(location, tags, properties)
        body["tags"] = tags
    send(ctx.cloud, ctx.principal, "PUT",
         f"{groups.group_id(ctx.cloud, a.resource_group, ctx.subscription.subscription_id)}/providers/Microsoft.KeyVault/vaults/{a.name}", body)
    return vault_json(ctx, vault_of(ctx, a.name))


def _vault_id(ctx, name: str, rg: str) -> str:
    return f"{ctx.subscription.id}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{name}"


@command("keyvault show", "Show details of a Vault or HSM.", [
    Arg("name", "--name -n", "Name of the Vault.", required=True),
    Arg("resource_group", "--resource-group -g", "Name of resource group.", default_key="group"),
])
def kv_show(ctx, a):
    ctx.require_login()
    rid = _vault_id(ctx, a.name, a.resource_group) if a.resource_group else vault_of(ctx, a.name).id
    return send(ctx.cloud, ctx.principal, "GET", rid).body  # with -g az GETs the ARM resource


@command("keyvault list", "List Vaults and/or HSMs.", [
    Arg("resource_group", "--resource-group -g", "Name of resource group.", default_key="group"),
])
def kv_list(ctx, a):
    ctx.require_login()
    tid = ctx.cloud.tenant.tenant_id
    scope = f"{ctx.subscription.id}/resourceGroups/{a.resource_group}" if a.resource_group \
        else ctx.subscription.id
    found = [b.item for b in send(ctx.cloud, ctx.principal, "GET",
                                  f"{scope}/providers/Microsoft.KeyVault/vaults").resources]
    if a.resource_group:  # keyvault custom.py list_vault: list_by_resource_group returns whole vaults...
        return [v.to_json(tid) for v in found]
    # ...while the subscription-wide VaultsOperations.list returns generic resources (no properties)
    return [{k: v.to_json(tid)[k] for k in ("id", "location", "name", "resourceGroup", "tags", "type")}
            for v in found]


@command("keyvault update", "Update the properties of a Vault.", [
    Arg("name", "--name -n", "Name of the Vault.", required=True),
    Arg("resource_group", "--resource-group -g", "Proceed only if Key Vault belongs to the specified resource group.",
        default_key="group"),
    Arg("enable_purge_protection", "--enable-purge-protection", "Property specifying whether protection against "
        "purge is enabled for this vault.", kind="bool"),
    Arg("enable_rbac_authorization", "--enable-rbac-authorization", "Property that controls how data actions are "
        "authorized.", kind="bool"),
    Arg("public_network_access", "--public-network-access", "Property to specify whether the vault will accept "
        "traffic from public internet.", choices=["Disabled", "Enabled"]),
    Arg("default_action", "--default-action", "Default action to apply when no rule matches.",
        choices=["Allow", "Deny"]),
    Arg("bypass", "--bypass", "Bypass traffic for space-separated uses.", choices=["AzureServices", "None"]),
    *generic_update.ARGS,
], examples=[("Turn on purge protection.", "az keyvault update -n MyVault --enable-purge-protection true")])
def kv_update(ctx, a):
    v = vault_of(ctx, a.name)
    if a.resource_group and v.resource_group.lower() != a.resource_group.lower():
        raise ArmResourceNotFound(f"Microsoft.KeyVault/vaults/{a.name}", a.resource_group)
    props: dict = {}
    for name, value in (("enablePurgeProtection", a.enable_purge_protection),
                        ("enableRbacAuthorization", a.enable_rbac_authorization),
                        ("publicNetworkAccess", a.public_network_access)):
        if value is not None:
            props[name] = value
    if a.default_action or a.bypass:
        acls = dict(v.network_acls or {})
        acls.update({k: val for k, val in (("defaultAction", a.default_action), ("bypass", a.bypass)) if val})
        props["networkAcls"] = acls
    sets = [item for group_ in a.set or [] for item in group_]
    if not (sets or a.add or a.remove):
        return send(ctx.cloud, ctx.principal, "PATCH", v.id, {"properties": props}).body
    # a generic update (--set tags.env=prod ...): the vault's GET, the changes, then the whole vault's PUT with its
    # location, tags and properties (keyvault custom.py update_vault_setter)
    body = send(ctx.cloud, ctx.principal, "GET", v.id).body
    body = {**body, "properties": {**body["properties"], **props}}
    body = generic_update.apply(body, sets, a.add or [], a.remove or [], a.force_string)
    body = {k: body.get(k) for k in ("location", "tags", "properties")}
    return send(ctx.cloud, ctx.principal, "PUT", v.id, body).body


def _key_json(vault, key, version) -> dict:
    """az keyvault key create|show: attributes and JWK as az prints them (learn.microsoft.com sample output:
    null JWK members listed, ISO times with +00:00; recoveryLevel 'Recoverable' once purge protection is on)."""
    created = next((v.created for v in key.versions if v.version == version), None)
    at = created.strftime("%Y-%m-%dT%H:%M:%S+00:00") if created else None
    kid = f"{vault.uri}keys/{key.name}/{version}"
    jwk = dict.fromkeys(["crv", "d", "dp", "dq", "e", "k", "keyOps", "kid", "kty", "n", "p", "q", "qi", "t", "x",
                         "y"])
    jwk.update({"keyOps": ["encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey"], "kid": kid, "kty": key.kty})
    if key.kty.startswith("RSA"):
        jwk.update({"e": "AQAB", "n": "0vx7agoebGcQSuu" + version[:20]})
    elif key.kty.startswith("EC"):
        jwk.update({"crv": "P-256", "keyOps": ["sign", "verify"], "x": version[:22], "y": version[10:32]})
    return {"attributes": {"created": at, "enabled": True, "expires": None, "exportable": False, "notBefore": None,
                           "recoverableDays": 90, "recoveryLevel": vault.recovery_level, "updated": at},
            "key": jwk, "managed": None, "releasePolicy": None, "tags": None}


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
    return _key_json(vault, key, key.versions[-1].version)


@command("keyvault key show", "Get a key's attributes and, if it's an asymmetric key, its public material.", [
    Arg("vault_name", "--vault-name", "Name of the Key Vault.", required=True),
    Arg("name", "--name -n", "Name of the key.", required=True),
])
def key_show(ctx, a):
    ctx.require_login()
    vault = vault_of(ctx, a.vault_name)
    key = keyvault_keys.read_key(ctx.cloud, ctx.principal, vault, a.name)
    return _key_json(vault, key, key.versions[-1].version)


@command("keyvault key delete", "Delete a key of any type from storage in Vault or HSM.", [
    Arg("vault_name", "--vault-name", "Name of the Key Vault. Required if --id is not specified."),
    Arg("name", "--name -n", "Name of the key. Required if --id is not specified."),
    Arg("id", "--id", "Id of the key. If specified all other 'Id' arguments should be omitted."),
], examples=[("Delete a key (it stays in the vault's deleted keys until purged).",
              "az keyvault key delete --vault-name MyVault -n MyKey")])
def key_delete(ctx, a):
    ctx.require_login()
    if a.id:
        parts = a.id.removeprefix("https://").rstrip("/").split("/")
        if len(parts) < 3 or parts[1] != "keys" or not parts[0].endswith(".vault.azure.net"):
            raise CliError(f"argument --id: invalid key identifier '{a.id}'")
        vault_name, name = parts[0].split(".", 1)[0], parts[2]
    elif a.vault_name and a.name:
        vault_name, name = a.vault_name, a.name
    else:
        raise CliError("usage error: --id ID | --name NAME --vault-name VAULT")
    vault = vault_of(ctx, vault_name)
    gone = keyvault_keys.delete_key(ctx.cloud, ctx.principal, vault, name)
    out = _key_json(vault, gone.key, gone.key.versions[-1].version)
    at = "%Y-%m-%dT%H:%M:%S+00:00"
    out.update({"deletedDate": gone.deleted_date.strftime(at), "recoveryId": gone.recovery_id,
                "scheduledPurgeDate": gone.scheduled_purge_date.strftime(at)})
    return dict(sorted(out.items()))


@command("keyvault delete", "Delete a Vault or HSM.", [
    Arg("name", "--name -n", "Name of the Vault.", required=True),
    Arg("resource_group", "--resource-group -g", "Proceed only if Key Vault belongs to the specified resource group.",
        default_key="group"),
], examples=[("Delete a key vault (it stays soft-deleted for 90 days).", "az keyvault delete -n MyVault")])
def kv_delete(ctx, a):
    v = vault_of(ctx, a.name)
    if a.resource_group and v.resource_group.lower() != a.resource_group.lower():
        raise ArmResourceNotFound(f"Microsoft.KeyVault/vaults/{a.name}", a.resource_group)
    send(ctx.cloud, ctx.principal, "DELETE", v.id)
    return None


@command("keyvault list-deleted", "Get information about the deleted Vaults or HSMs in a subscription.", [
    Arg("resource_type", "--resource-type", "When --resource-type is not present the command will list all deleted "
        "Vaults and HSMs.", choices=["hsm", "vault"]),
])
def kv_list_deleted(ctx, a):
    _ = ctx.principal
    if a.resource_type == "hsm":
        return []
    return [d.to_json() for d in keyvault.deleted_vaults(ctx.cloud).values()]
