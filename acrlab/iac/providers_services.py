"""Other types templates around a registry deploy: Microsoft.ContainerService/managedClusters (the AKS quickstart;
AcrPull then goes to its kubelet identity through a role assignment), Microsoft.KeyVault/vaults and their keys
(customer-managed keys), and userAssignedIdentities/federatedIdentityCredentials (GitHub OIDC), each applied
each as one request to the resource manager (keys: through the engine's authorizing functions)."""

from __future__ import annotations

from ..engine import aks, identity, keyvault, keyvault_keys
from ..engine.arm import parse_resource_id, send
from ..engine.arm.providers.managed_identities import CREDENTIALS
from ..engine.cloud import Cloud
from ..engine.tenant import Principal
from .provider_base import Handler, ResourceFailure
from .providers_network import delete_cluster, delete_vault, read_cluster, read_vault

MC = "Microsoft.ContainerService/managedClusters"
VAULT = "Microsoft.KeyVault/vaults"
KEY = f"{VAULT}/keys"
FIC = "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials"


def put_cluster(cloud: Cloud, caller: Principal, p: dict, rid: str, body: dict) -> None:
    """The template's body is the PUT body."""
    send(cloud, caller, "PUT", rid, body)


def put_vault(cloud: Cloud, caller: Principal, p: dict, rid: str, body: dict) -> None:
    props = body.get("properties") or {}
    if not (props.get("sku") or {}).get("name"):
        raise ResourceFailure("BadRequest", "The parameter sku is required.")
    send(cloud, caller, "PUT", rid, body)


def _vault(cloud: Cloud, p: dict):
    return next((v for v in keyvault.vaults(cloud).values() if v.resource_group.lower() == (p["rg"] or "").lower()
                 and v.name.lower() == p["names"][0].lower()), None)


def read_key(cloud: Cloud, p: dict) -> dict | None:
    v = _vault(cloud, p)
    key = v.keys.get(p["names"][1].lower()) if v else None
    if key is None:
        return None
    base = f"{v.uri}keys/{key.name}"
    return {"id": f"{v.id}/keys/{key.name}", "name": key.name, "type": KEY,
            "properties": {"kty": key.kty, "keySize": key.size, "keyUri": base,
                           "keyUriWithVersion": f"{base}/{key.versions[-1].version}" if key.versions else base}}


def put_key(cloud: Cloud, caller: Principal, p: dict, rid: str, body: dict) -> None:
    v = _vault(cloud, p)
    if v is None:
        raise ResourceFailure("ParentResourceNotFound", f"Can not perform requested operation on nested resource. "
                              f"Parent resource '{p['names'][0]}' not found.")
    props = body.get("properties") or {}
    keyvault_keys.put_key(cloud, caller, v, p["names"][1], str(props.get("kty") or "RSA"), props.get("keySize"))


def read_fic(cloud: Cloud, p: dict) -> dict | None:
    if len(p["names"]) < 2:
        return None
    rid = (f"{cloud.subscription.id}/resourceGroups/{p['rg']}/providers/{identity.MI_TYPE}/{p['names'][0]}/"
           f"federatedIdentityCredentials/{p['names'][1]}")
    found = CREDENTIALS.find(cloud, parse_resource_id(rid))
    return CREDENTIALS.to_arm(found) if found is not None else None


def put_fic(cloud: Cloud, caller: Principal, p: dict, rid: str, body: dict) -> None:
    """The template's body is the PUT body."""
    send(cloud, caller, "PUT", rid, body)


def _clusters(cloud: Cloud, rg: str) -> list[str]:
    return [c.id for c in aks.clusters(cloud).values() if c.resource_group.lower() == rg.lower()]


def _vaults(cloud: Cloud, rg: str) -> list[str]:
    return [v.id for v in keyvault.vaults(cloud).values() if v.resource_group.lower() == rg.lower()]


HANDLERS = [
    Handler(MC, read_cluster, put_cluster, delete_cluster, _clusters),
    Handler(VAULT, read_vault, put_vault, delete_vault, _vaults),
    Handler(KEY, read_key, put_key),
    Handler(FIC, read_fic, put_fic),
]
DEPLOYABLE = [MC, VAULT, KEY, FIC]
