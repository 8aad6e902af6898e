"""Private DNS for registries: `privatelink.azurecr.io` zones, virtual network links, A record sets, and the zone
groups a private endpoint keeps its records in (split from privatelink.py). Every change is a request to the
resource manager (arm/providers/private_dns_zones.py, private_dns_records.py, private_dns_zone_groups.py); this
module holds the models, look-ups and the bodies the providers render."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field

from .cloud import Cloud
from .errors import ArmResourceNotFound
from .network import NET, PRIVATELINK_ZONE

ZONE = f"{NET}/privateDnsZones"
LINK = f"{ZONE}/virtualNetworkLinks"
A = f"{ZONE}/A"
ZONE_GROUP = f"{NET}/privateEndpoints/privateDnsZoneGroups"
ZONE_TTL = 10
"""TTL of the A records a DNS zone group writes (a record set made by hand defaults to 3600)."""
RECORD_TTL = 3600


class PrivateDnsZone(BaseModel):
    name: str
    resource_group: str
    subscription_id: str
    a_records: dict[str, list[str]] = Field(default_factory=dict)
    """Relative record name (`myacr`, `myacr.eastus.data`) -> IPv4 addresses."""
    ttls: dict[str, int] = Field(default_factory=dict)
    """Relative record name -> the record set's TTL (absent: 3600)."""
    links: dict[str, str] = Field(default_factory=dict)
    """Virtual network link name -> VNet id."""
    registration: dict[str, bool] = Field(default_factory=dict)
    etag: str = ""

    @property
    def id(self) -> str:
        return (f"/subscriptions/{self.subscription_id}/resourceGroups/{self.resource_group}"
                f"/providers/{ZONE}/{self.name}")


@dataclass(frozen=True)
class VnetLink:
    """One virtual network link of a zone (its state lives in the zone's `links` and `registration`)."""

    zone: PrivateDnsZone
    name: str

    @property
    def id(self) -> str:
        return f"{self.zone.id}/virtualNetworkLinks/{self.name}"


@dataclass(frozen=True)
class ARecordSet:
    """One A record set of a zone (`zone.a_records[name]`)."""

    zone: PrivateDnsZone
    name: str

    @property
    def id(self) -> str:
        return f"{self.zone.id}/A/{self.name}"


def dns_zones(cloud: Cloud) -> dict[str, PrivateDnsZone]:
    return cloud.resources["private_dns_zones"]


def resolve_private(cloud: Cloud, vnet_id: str, fqdn: str) -> str | None:
    """What `fqdn` resolves to inside a VNet through linked `privatelink.azurecr.io` zones (None: public answer)."""
    if not fqdn.endswith(".azurecr.io"):
        return None
    relative = fqdn[: -len(".azurecr.io")]
    for zone in dns_zones(cloud).values():
        if zone.name.lower() != PRIVATELINK_ZONE:
            continue
        if not any(v.lower() == vnet_id.lower() for v in zone.links.values()):
            continue
        ips = zone.a_records.get(relative.lower())
        if ips:
            return ips[0]
    return None


def find_zone(cloud: Cloud, resource_group: str, name: str, missing_ok: bool = False) -> PrivateDnsZone | None:
    if name.startswith("/subscriptions/"):
        for z in dns_zones(cloud).values():
            if z.id.lower() == name.lower():
                return z
    for z in dns_zones(cloud).values():
        if z.name == name.lower() and z.resource_group.lower() == resource_group.lower():
            return z
    if missing_ok:
        return None
    raise ArmResourceNotFound(f"{ZONE}/{name}", resource_group)


def zone_json(zone: PrivateDnsZone) -> dict:
    return {
        "etag": zone.etag, "id": zone.id, "location": "global", "maxNumberOfRecordSets": 25000,
        "maxNumberOfVirtualNetworkLinks": 1000, "maxNumberOfVirtualNetworkLinksWithRegistration": 100,
        "name": zone.name, "numberOfRecordSets": 1 + len(zone.a_records),
        "numberOfVirtualNetworkLinks": len(zone.links),
        "numberOfVirtualNetworkLinksWithRegistration": sum(1 for v in zone.registration.values() if v),
        "provisioningState": "Succeeded", "resourceGroup": zone.resource_group, "tags": None,
        "type": ZONE,
    }


def link_json(link: VnetLink) -> dict:
    """A link as az shows it (the aaz output flattens `properties`)."""
    zone, name = link.zone, link.name
    vid = zone.links[name]
    return {
        "etag": f'"{zone.etag}"', "id": link.id, "location": "global", "name": name,
        "provisioningState": "Succeeded", "registrationEnabled": zone.registration.get(name, False),
        "resourceGroup": zone.resource_group, "tags": None, "type": LINK,
        "virtualNetwork": {"id": vid, "resourceGroup": vid.split("/")[4]}, "virtualNetworkLinkState": "Completed",
    }


def record_set_json(rs: ARecordSet) -> dict:
    zone, rel = rs.zone, rs.name
    return {
        "aRecords": [{"ipv4Address": ip} for ip in zone.a_records.get(rel, [])], "etag": zone.etag,
        "fqdn": f"{rel}.{zone.name}.", "id": rs.id, "isAutoRegistered": False, "name": rel,
        "resourceGroup": zone.resource_group, "ttl": zone.ttls.get(rel, RECORD_TTL), "type": A,
    }


def zone_group_json(cloud: Cloud, pe: Any, name: str) -> dict:
    """A private endpoint's DNS zone group as az shows it: each configuration with the record sets it keeps."""
    configs = []
    for config, zone_id in pe.zone_groups[name].items():
        zone = find_zone(cloud, "", zone_id, missing_ok=True)
        records = [{"fqdn": f"{rel}.{zone.name}", "ipAddresses": [ip], "provisioningState": "Succeeded",
                    "recordSetName": rel, "recordType": "A", "ttl": ZONE_TTL}
                   for rel, ip in zone_records(pe).items()] if zone is not None else []
        configs.append({"name": config, "privateDnsZoneId": zone_id, "recordSets": records})
    return {"etag": f'W/"{pe.etag}"', "id": f"{pe.id}/privateDnsZoneGroups/{name}", "name": name,
            "privateDnsZoneConfigs": configs, "provisioningState": "Succeeded", "resourceGroup": pe.resource_group}


def zone_records(pe: Any) -> dict[str, str]:
    """The A records a zone group of this endpoint keeps: relative name (`myacr`, `myacr.eastus.data`) -> IP."""
    return {fqdn[: -len(".azurecr.io")]: ip for fqdn, ip in pe.ip_by_fqdn.items()}


def drop_zone_group_records(cloud: Cloud, pe: Any, zone_ids: list[str]) -> None:
    """Remove the endpoint's addresses from the record sets its zone group wrote (a set left empty goes)."""
    ips = set(pe.ip_by_fqdn.values())
    for zone_id in zone_ids:
        zone = find_zone(cloud, "", zone_id, missing_ok=True)
        if zone is None:
            continue
        for rel in list(zone_records(pe)):
            kept = [i for i in zone.a_records.get(rel, []) if i not in ips]
            if kept:
                zone.a_records[rel] = kept
            elif rel in zone.a_records:
                zone.a_records.pop(rel)
                zone.ttls.pop(rel, None)
