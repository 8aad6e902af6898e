"""Microsoft.Network/privateDnsZones (PUT, GET, list, DELETE), as az network private-dns zone, the Az.PrivateDns
cmdlets and templates send them (azure-rest-api-specs specification/privatedns/resource-manager/Microsoft.Network/
stable/2024-06-01/privatedns.json). A zone lives at the location `global`; the clients create it with
`If-None-Match: *`, so creating one that exists is PreconditionFailed; DELETE is refused while virtual network links
remain (nested resources go first). Links and A record sets are private_dns_records.py's, an endpoint's zone groups
private_dns_zone_groups.py's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...errors import ArmError
from ...network import NET
from ...privatedns import PrivateDnsZone, dns_zones, find_zone, zone_json
from ..manager import Plan, Provider, register
from ..request import ResourceId
from .registry_body import Body

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...tenant import Principal


class ZoneBody(Body):
    location: str | None = None
    tags: dict[str, str] | None = None


class PrivateDnsZoneProvider(Provider):
    type = f"{NET}/privateDnsZones"
    body_model = ZoneBody

    def find(self, cloud: Cloud, rid: ResourceId) -> PrivateDnsZone | None:
        return find_zone(cloud, rid.resource_group or "", rid.name, missing_ok=True)

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[PrivateDnsZone]:
        rg = (rid.resource_group or "").lower()
        return sorted((z for z in dns_zones(cloud).values() if not rg or z.resource_group.lower() == rg),
                      key=lambda z: (z.resource_group.lower(), z.name))

    def already_exists(self, rid: ResourceId) -> ArmError:
        return ArmError("PrivateDnsZoneExists", name=rid.name)

    def to_arm(self, resource: PrivateDnsZone) -> dict:
        flat = zone_json(resource)
        top = {k: flat.pop(k) for k in ("id", "name", "type", "location", "tags", "etag")}
        flat.pop("resourceGroup")
        return {**top, "properties": flat}

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: ZoneBody,
            existing: PrivateDnsZone | None) -> Plan:
        if existing is not None:  # a zone carries no settings in the lab: a second PUT changes nothing
            return Plan(resource=existing)
        zone = PrivateDnsZone(name=rid.name.lower(), resource_group=cloud.group(rid.resource_group or "").name,
                              subscription_id=cloud.subscription.subscription_id, etag=cloud.ids.guid())

        def commit() -> None:
            dns_zones(cloud)[zone.id] = zone
        return Plan(resource=zone, commit=commit, status=201)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: PrivateDnsZone) -> Plan:
        if existing.links:
            raise ArmError("CannotDeleteResource")

        def commit() -> None:
            dns_zones(cloud).pop(existing.id, None)
        return Plan(resource=existing, commit=commit)


ZONES = register(PrivateDnsZoneProvider())
