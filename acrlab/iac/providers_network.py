"""The delete-only handlers Complete mode needs for resources a group can hold (AKS clusters, key vaults, private DNS
zones with their virtual network links). Virtual networks and their subnets, private endpoints and virtual machines
are served by the resource manager (engine/arm/providers)."""

from __future__ import annotations

from ..engine import aks, keyvault, privatelink
from ..engine.arm import send
from ..engine.arm.providers.managed_clusters import CLUSTERS
from ..engine.cloud import Cloud
from ..engine.tenant import Principal
from .provider_base import Handler, ResourceFailure, arm

NET = "Microsoft.Network"
VNET = f"{NET}/virtualNetworks"
PE = f"{NET}/privateEndpoints"


def _cluster(cloud: Cloud, p: dict):
    return aks.find_cluster(cloud, p["names"][0], p["rg"])


def read_cluster(cloud: Cloud, p: dict) -> dict | None:
    c = _cluster(cloud, p)
    return CLUSTERS.to_arm(c) if c else None


def delete_cluster(cloud: Cloud, caller: Principal, p: dict) -> None:
    c = _cluster(cloud, p)
    if c is not None:
        send(cloud, caller, "DELETE", c.id)


VAULT = "Microsoft.KeyVault/vaults"
ZONE = f"{NET}/privateDnsZones"


def _vault(cloud: Cloud, p: dict):
    return next((v for v in keyvault.vaults(cloud).values() if v.resource_group.lower() == (p["rg"] or "").lower()
                 and v.name.lower() == p["names"][0].lower()), None)


def read_vault(cloud: Cloud, p: dict) -> dict | None:
    v = _vault(cloud, p)
    if v is None:
        return None
    j = v.to_json(cloud.tenant.tenant_id)
    return {k: j[k] for k in ("id", "name", "type", "location", "tags", "properties")}


def delete_vault(cloud: Cloud, caller: Principal, p: dict) -> None:
    v = _vault(cloud, p)
    if v is not None:
        send(cloud, caller, "DELETE", v.id)


def read_zone(cloud: Cloud, p: dict) -> dict | None:
    z = privatelink.find_zone(cloud, p["rg"] or "", p["names"][0], missing_ok=True)
    return arm(privatelink.zone_json(z)) if z else None


def delete_zone_links(cloud: Cloud, caller: Principal, p: dict) -> None:
    """The zone's virtual network links are resources of the group too: they go first (the zone's DELETE request,
    arm/providers/private_dns_zones.py, is refused while links remain)."""
    z = privatelink.find_zone(cloud, p["rg"] or "", p["names"][0], missing_ok=True)
    for name in list(z.links) if z is not None else []:
        send(cloud, caller, "DELETE", f"{z.id}/virtualNetworkLinks/{name}")


def _not_deployable(kind: str):
    def put(cloud, caller, p, rid, body):
        raise ResourceFailure("NoRegisteredProviderFound", f"The resource type '{kind}' cannot be deployed from a "
                              "template in this lab; create it with the az CLI.")
    return put


HANDLERS = [
    Handler("Microsoft.ContainerService/managedClusters", read_cluster,
            _not_deployable("Microsoft.ContainerService/managedClusters"), delete_cluster,
            lambda cloud, rg: [c.id for c in aks.clusters(cloud).values() if c.resource_group.lower() == rg.lower()]),
    Handler(VAULT, read_vault, _not_deployable(VAULT), delete_vault,
            lambda cloud, rg: [v.id for v in keyvault.vaults(cloud).values() if v.resource_group.lower() == rg.lower()]),
    Handler(ZONE, read_zone, _not_deployable(ZONE), None,
            lambda cloud, rg: [z.id for z in privatelink.dns_zones(cloud).values()
                               if z.resource_group.lower() == rg.lower()], delete_zone_links),
]
