"""What Azure DNS answers for registry names (`<registry>.azurecr.io`, `<registry>.<region>.data.azurecr.io`) from
a place in the network: public DNS, or a VNet with linked `privatelink.azurecr.io` zones. The chains follow the
private-link docs (MicrosoftDocs/azure-management-docs container-registry-private-endpoints.md, "Validate private
link connection"): a registry with a private endpoint is a CNAME to `<name>.privatelink.azurecr.io`; inside a
linked VNet the zone is authoritative for that name (its A record, or NXDOMAIN when the record is missing),
elsewhere the public chain continues to the registry's public address (a fixed lab address per registry and
region). Used by `dig`/`nslookup` and `az acr check-health`."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from .privatedns import PRIVATELINK_ZONE, RECORD_TTL, dns_zones
from .registry_blob_links import dedicated

if TYPE_CHECKING:
    from .cloud import Cloud
    from .registry import Registry

SUFFIX = ".azurecr.io"
Record = tuple[str, int, str, str]
"""(owner name with the final dot, TTL, type, data)."""


def registry_for(cloud: Cloud, name: str) -> tuple[Registry | None, str | None]:
    """(registry, region or None) a registry host name belongs to, or (None, None)."""
    name = name.lower().rstrip(".")
    rel = name[: -len(SUFFIX)]
    parts = rel.split(".")
    for reg in cloud.registries.values():
        if name == reg.login_server.lower():
            return reg, None
        if parts[0] != reg.name.lower():
            continue
        regions = {reg.location} | {getattr(r, "location", reg.location) for r in reg.replications.values()}
        if len(parts) == 3 and parts[2] == "data" and parts[1] in regions and dedicated(reg):
            return reg, parts[1]
    return None, None


def public_ip(reg: Registry, region: str) -> str:
    h = hashlib.sha256(f"{reg.id.lower()}/{region}".encode()).digest()
    return f"20.{40 + h[0] % 160}.{h[1]}.{1 + h[2] % 254}"


def resolve(cloud: Cloud, name: str, vnet_id: str | None) -> tuple[str, list[Record]]:
    """(status, answer records) for an A query of `name` from `vnet_id` (None: public DNS)."""
    name = name.lower().rstrip(".")
    reg, region = registry_for(cloud, name)
    if reg is None or not name.endswith(SUFFIX):
        return "NXDOMAIN", []
    rel = name[: -len(SUFFIX)]
    public_region = region or reg.location
    cname = f"{reg.name.lower()}-{public_region}.cloudapp.azure.com"
    chain: list[Record] = []
    owner = name
    if reg.private_endpoint_connections:
        private = f"{rel}.{PRIVATELINK_ZONE}"
        chain.append((owner + ".", 2881, "CNAME", private + "."))
        owner = private
        vnet = (vnet_id or "").lower()
        linked = [z for z in dns_zones(cloud).values() if z.name.lower() == PRIVATELINK_ZONE and vnet
                  and any(v.lower() == vnet for v in z.links.values())]
        if linked:  # the linked zone is authoritative for privatelink.azurecr.io inside this VNet
            for zone in linked:
                ips = zone.a_records.get(rel)
                if ips:
                    ttl = zone.ttls.get(rel, RECORD_TTL)
                    return "NOERROR", chain + [(owner + ".", ttl, "A", ip) for ip in ips]
            return "NXDOMAIN", chain
    chain.append((owner + ".", 300, "CNAME", cname + "."))
    chain.append((cname + ".", 10, "A", public_ip(reg, public_region)))
    return "NOERROR", chain
