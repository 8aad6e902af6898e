"""What Azure DNS answers for registry names (`<registry>.azurecr.io`, `<registry>.<region>.data.azurecr.io`,
`<registry>.<region>.geo.azurecr.io`) from
a place in the network: public DNS, or a VNet with linked `privatelink.azurecr.io` zones. The chains follow the
private-link docs (MicrosoftDocs/azure-management-docs container-registry-private-endpoints.md, "Validate private
link connection"): a registry with a private endpoint is a CNAME to `<name>.privatelink.azurecr.io`; inside a
linked VNet the zone is authoritative for that name (its A record, or NXDOMAIN when the record is missing),
elsewhere the public chain continues to the registry's public address (a fixed lab address per registry and
region). AAAA queries: a registry whose endpoint protocol is IPv4AndIPv6 (preview) answers its public endpoints (login
server, dedicated data endpoints) with an IPv6 address too; IPv6 over private endpoints is not part of the preview, so
a linked `privatelink.azurecr.io` zone keeps answering A only (MicrosoftDocs/azure-management-docs
container-registry-ipv6-dual-stack.md). Used by `dig`/`nslookup` and `az acr check-health`."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from . import regional_endpoints
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
    if name.endswith(regional_endpoints.GEO_SUFFIX):  # a regional endpoint answers for its geo-replica
        return regional_endpoints.registry_for(cloud, name)
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


def public_ipv6(reg: Registry, region: str) -> str:
    h = hashlib.sha256(f"{reg.id.lower()}/{region}/v6".encode()).digest()
    return f"2603:10{h[0] % 64:02x}:{h[1]:x}{h[2]:02x}:{h[3]:x}::{1 + h[4] % 254:x}"


def dual_stack(reg: Registry) -> bool:
    return reg.endpoint_protocol == "IPv4AndIPv6"


def resolve(cloud: Cloud, name: str, vnet_id: str | None, rtype: str = "A") -> tuple[str, list[Record]]:
    """(status, answer records) for an A or AAAA query of `name` from `vnet_id` (None: public DNS). A name that
    exists without a record of the type asked answers NOERROR with its CNAME chain alone (no data)."""
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
                    if rtype != "A":  # the zone holds A records only: IPv6 is not served over private endpoints
                        return "NOERROR", chain
                    return "NOERROR", chain + [(owner + ".", ttl, "A", ip) for ip in ips]
            return "NXDOMAIN", chain
    chain.append((owner + ".", 300, "CNAME", cname + "."))
    if rtype == "A":
        chain.append((cname + ".", 10, "A", public_ip(reg, public_region)))
    elif dual_stack(reg):
        chain.append((cname + ".", 10, "AAAA", public_ipv6(reg, public_region)))
    return "NOERROR", chain
