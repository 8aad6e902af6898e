"""More types the ACR docs deploy from templates: Microsoft.Authorization/roleDefinitions (custom roles) and Key Vault
secrets (credential sets), each applied through the engine's authorizing functions. (A registry's
privateEndpointConnections and virtualNetworks/subnets are the resource manager's; SUBNET stays in DEPLOYABLE.)"""

from __future__ import annotations

from ..engine import keyvault, keyvault_keys, role_assignments
from ..engine.arm import send
from ..engine.cloud import Cloud
from ..engine.tenant import Principal
from .provider_base import Handler, ResourceFailure

SUBNET = "Microsoft.Network/virtualNetworks/subnets"
ROLE_DEF = "Microsoft.Authorization/roleDefinitions"
SECRET = "Microsoft.KeyVault/vaults/secrets"


def _parent(found, p: dict):
    if found is None:
        raise ResourceFailure("ParentResourceNotFound", "Can not perform requested operation on nested resource. "
                              f"Parent resource '{p['names'][0]}' not found.")
    return found


# -- custom roles ------------------------------------------------------------------------------------------
def read_role_definition(cloud: Cloud, p: dict) -> dict | None:
    role = role_assignments.custom_roles(cloud).get(p["names"][0]) if p["names"] else None
    if role is None:
        return None
    flat = role.to_json(cloud.subscription.subscription_id)
    perms = [{k: v for k, v in flat["permissions"][0].items() if v or k in ("actions",)}]
    return {"id": flat["id"], "name": flat["name"], "type": flat["type"],
            "properties": {"roleName": flat["roleName"], "description": flat["description"], "type": "CustomRole",
                           "permissions": perms, "assignableScopes": flat["assignableScopes"],
                           "createdOn": flat["createdOn"], "updatedOn": flat["updatedOn"],
                           "createdBy": flat["createdBy"], "updatedBy": flat["updatedBy"]}}


def put_role_definition(cloud: Cloud, caller: Principal, p: dict, rid: str, body: dict) -> None:
    """The template's body is the PUT body (its resource id names the GUID)."""
    if not str((body.get("properties") or {}).get("roleName") or ""):
        raise ResourceFailure("InvalidRequestFormat", "The role definition must have a roleName.")
    send(cloud, caller, "PUT", rid, body)


def delete_role_definition(cloud: Cloud, caller: Principal, p: dict) -> None:
    role = role_assignments.custom_roles(cloud).get(p["names"][0])
    if role is not None:
        scope = role.assignable_scopes[0] if role.assignable_scopes else cloud.subscription.id
        send(cloud, caller, "DELETE", f"{scope.rstrip('/')}/providers/{ROLE_DEF}/{role.guid}")


# -- Key Vault secrets -------------------------------------------------------------------------------------
def _key_vault(cloud: Cloud, p: dict):
    return next((v for v in keyvault.vaults(cloud).values() if v.resource_group.lower() == (p["rg"] or "").lower()
                 and v.name.lower() == p["names"][0].lower()), None)


def read_secret(cloud: Cloud, p: dict) -> dict | None:
    from ..engine.keyvault_secrets import secrets_of

    v = _key_vault(cloud, p)
    secret = secrets_of(cloud, v).get(p["names"][1].lower()) if v is not None else None
    if secret is None:
        return None
    cur = secret.current
    return {"id": f"{v.id}/secrets/{secret.name}", "name": secret.name, "type": SECRET, "location": v.location,
            "properties": {"attributes": {"enabled": cur.enabled}, "contentType": cur.content_type,
                           "secretUri": f"{v.uri}secrets/{secret.name}",
                           "secretUriWithVersion": f"{v.uri}secrets/{secret.name}/{cur.version}"}}


def put_secret(cloud: Cloud, caller: Principal, p: dict, rid: str, body: dict) -> None:
    v = _parent(_key_vault(cloud, p), p)
    props = body.get("properties") or {}
    if props.get("value") is None:
        raise ResourceFailure("BadRequest", "The secret's properties.value is required.")
    keyvault_keys.put_secret(cloud, caller, v, p["names"][1], str(props["value"]), props.get("contentType"))


HANDLERS = [
    Handler(ROLE_DEF, read_role_definition, put_role_definition, delete_role_definition),
    Handler(SECRET, read_secret, put_secret),
]
DEPLOYABLE = [SUBNET, ROLE_DEF, SECRET]
