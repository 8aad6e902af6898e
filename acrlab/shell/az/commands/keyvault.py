"""az keyvault create|show|list|update|delete: requests to the resource manager's Microsoft.KeyVault/vaults provider
(engine/arm/providers/vaults.py), as azure-cli's keyvault custom.py sends them (create_vault_or_hsm: a PUT with the
sku, the tenant, RBAC or the creator's access policy; update: GET then PUT, here a PATCH of the flags given).
Keys: keyvault_key.py; secrets and access policies: keyvault_secret.py."""

from __future__ import annotations

from ....engine import groups, keyvault
from ....engine.arm.manager import send
from ....engine.errors import ArmResourceNotFound
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
    Arg("retention_days", "--retention-days", "Soft delete data retention days. It accepts >=7 and <=90. Defaults "
        "to 90 for keyvault creation.", kind="int"),
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
    if a.retention_days is not None:  # the vault's provider judges the range
        props["softDeleteRetentionInDays"] = a.retention_days
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
