"""Private DNS for registries: `privatelink.azurecr.io` zones, virtual network links, A record sets, and the zone
groups a private endpoint keeps its records in (split from privatelink.py)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from .cloud import Cloud
from .errors import ArmResourceNotFound, AzureError
from .network import NET, PRIVATELINK_ZONE, VirtualNetwork
from .tenant import Principal

ZONE_TTL = 10
"""TTL of the A records a DNS zone group writes (manual record sets default to 3600)."""

class PrivateDnsZone(BaseModel):
    name: str
    resource_group: str
    subscription_id: str
    a_records: dict[str, list[str]] = Field(default_factory=dict)
    """Relative record name (`myacr`, `myacr.eastus.data`) -> IPv4 addresses."""
    links: dict[str, str] = Field(default_factory=dict)
    """Virtual network link name -> VNet id."""
    registration: dict[str, bool] = Field(default_factory=dict)
    etag: str = ""

    @property
    def id(self) -> str:
        return (f"/subscriptions/{self.subscription_id}/resourceGroups/{self.resource_group}"
                f"/providers/{NET}/privateDnsZones/{self.name}")



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


# -- private DNS (zones are requests: arm/providers/private_dns_zones.py) -----------------------------------

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
    raise ArmResourceNotFound(f"{NET}/privateDnsZones/{name}", resource_group)


def zone_json(zone: PrivateDnsZone) -> dict:
    return {
        "etag": zone.etag, "id": zone.id, "location": "global", "maxNumberOfRecordSets": 25000,
        "maxNumberOfVirtualNetworkLinks": 1000, "maxNumberOfVirtualNetworkLinksWithRegistration": 100,
        "name": zone.name, "numberOfRecordSets": 1 + len(zone.a_records),
        "numberOfVirtualNetworkLinks": len(zone.links),
        "numberOfVirtualNetworkLinksWithRegistration": sum(1 for v in zone.registration.values() if v),
        "provisioningState": "Succeeded", "resourceGroup": zone.resource_group, "tags": None,
        "type": f"{NET}/privateDnsZones",
    }


def link_vnet(cloud: Cloud, caller: Principal, zone: PrivateDnsZone, name: str, vnet: VirtualNetwork,
              registration: bool) -> dict:
    cloud.require(caller, f"{NET}/privateDnsZones/virtualNetworkLinks/write", f"{zone.id}/virtualNetworkLinks/{name}")
    for other, vid in zone.links.items():
        if vid.lower() == vnet.id.lower() and other != name:
            raise AzureError(f"A virtual network cannot be linked to the same private DNS zone more than once. Zone "
                             f"'{zone.name}' is already linked to '{vnet.id}' by '{other}'.", code="Conflict", status=409)
    zone.links[name] = vnet.id
    zone.registration[name] = registration
    return link_json(zone, name)


def link_json(zone: PrivateDnsZone, name: str) -> dict:
    vid = zone.links[name]
    return {
        "etag": f'"{zone.etag}"', "id": f"{zone.id}/virtualNetworkLinks/{name}", "location": "global", "name": name,
        "provisioningState": "Succeeded", "registrationEnabled": zone.registration.get(name, False),
        "resourceGroup": zone.resource_group, "tags": None, "type": f"{NET}/privateDnsZones/virtualNetworkLinks",
        "virtualNetwork": {"id": vid, "resourceGroup": vid.split("/")[4]}, "virtualNetworkLinkState": "Completed",
    }


def record_set_json(zone: PrivateDnsZone, rel: str, ttl: int = 3600) -> dict:
    return {
        "aRecords": [{"ipv4Address": ip} for ip in zone.a_records.get(rel, [])], "etag": zone.etag,
        "fqdn": f"{rel}.{zone.name}.", "id": f"{zone.id}/A/{rel}", "isAutoRegistered": False, "name": rel,
        "resourceGroup": zone.resource_group, "ttl": ttl, "type": f"{NET}/privateDnsZones/A",
    }


def add_a_record(cloud: Cloud, caller: Principal, zone: PrivateDnsZone, rel: str, ip: str | None) -> dict:
    cloud.require(caller, f"{NET}/privateDnsZones/A/write", f"{zone.id}/A/{rel}")
    records = zone.a_records.setdefault(rel.lower(), [])
    if ip and ip not in records:
        records.append(ip)
    return record_set_json(zone, rel.lower())


def create_zone_group(cloud: Cloud, caller: Principal, pe, name: str,
                      zone: PrivateDnsZone, config_name: str) -> dict:
    """`az network private-endpoint dns-zone-group create`: the endpoint keeps A records in the zone for itself."""
    cloud.require(caller, f"{NET}/privateEndpoints/privateDnsZoneGroups/write", f"{pe.id}/privateDnsZoneGroups/{name}")
    if zone.name != PRIVATELINK_ZONE:
        raise AzureError(f"Private DNS zone {zone.name} is not valid for group id 'registry'; expected "
                         f"{PRIVATELINK_ZONE}.", code="InvalidPrivateDnsZoneIds")
    pe.zone_groups[name] = [zone.id]
    records = []
    for fqdn, ip in pe.ip_by_fqdn.items():
        rel = fqdn[: -len(".azurecr.io")]
        zone.a_records[rel] = [ip]
        records.append({"fqdn": f"{rel}.{zone.name}", "ipAddresses": [ip], "provisioningState": "Succeeded",
                        "recordSetName": rel, "recordType": "A", "ttl": ZONE_TTL})
    return {
        "etag": f'W/"{pe.etag}"', "id": f"{pe.id}/privateDnsZoneGroups/{name}", "name": name,
        "privateDnsZoneConfigs": [{"name": config_name, "privateDnsZoneId": zone.id, "recordSets": records}],
        "provisioningState": "Succeeded", "resourceGroup": pe.resource_group,
    }
