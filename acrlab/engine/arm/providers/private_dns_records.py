"""A private DNS zone's children: Microsoft.Network/privateDnsZones/virtualNetworkLinks and privateDnsZones/A (PUT,
GET, list, DELETE), as az network private-dns link vnet|record-set a, the Az.PrivateDns cmdlets and templates send
them (azure-rest-api-specs specification/privatedns/resource-manager/Microsoft.Network/stable/2024-06-01/
privatedns.json: VirtualNetworkLinks_CreateOrUpdate/_Get/_List/_Delete, RecordSets_CreateOrUpdate/_Get/_ListByType/
_Delete).

A link names an existing virtual network; the caller needs `virtualNetworks/join/action` on it (the linked check
Private DNS makes), a network is linked to a zone once, and a link's network cannot change. An A record set's PUT
replaces its records and TTL (3600 when the body gives none); `record-set a create` sends it with If-None-Match.
Both are checked whole before the zone changes."""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

from pydantic import Field

from ...errors import ArmError
from ...network import NET, vnets
from ...privatedns import LINK, RECORD_TTL, A, ARecordSet, VnetLink, find_zone, link_json, record_set_json
from ..manager import Plan, Provider, register
from ..request import ResourceId
from .bound import nest
from .registry_body import Body

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...privatedns import PrivateDnsZone
    from ...tenant import Principal


class SubResource(Body):
    id: str = ""


class LinkProps(Body):
    virtual_network: SubResource | None = None
    registration_enabled: bool = False


class LinkBody(Body):
    location: str | None = None
    tags: dict[str, str] | None = None
    properties: LinkProps = Field(default_factory=LinkProps)


class ARecord(Body):
    ipv4_address: str = ""


class RecordSetProps(Body):
    ttl: int | None = None
    a_records: list[ARecord] = Field(default_factory=list)


class RecordSetBody(Body):
    properties: RecordSetProps = Field(default_factory=RecordSetProps)


def _zone(cloud: Cloud, rid: ResourceId) -> PrivateDnsZone | None:
    return find_zone(cloud, rid.resource_group or "", rid.names[0], missing_ok=True)


class VirtualNetworkLinkProvider(Provider):
    type = LINK
    body_model = LinkBody

    def find(self, cloud: Cloud, rid: ResourceId) -> VnetLink | None:
        zone = _zone(cloud, rid)
        name = next((n for n in zone.links if n.lower() == rid.name.lower()), None) if zone else None
        return VnetLink(zone, name) if zone is not None and name is not None else None

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[VnetLink]:
        zone = _zone(cloud, rid)
        return [VnetLink(zone, n) for n in sorted(zone.links)] if zone is not None else []

    def already_exists(self, rid: ResourceId) -> ArmError:
        return ArmError("VirtualNetworkLinkExists", name=rid.name)

    def to_arm(self, resource: VnetLink) -> dict:
        return nest(link_json(resource))

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: LinkBody,
            existing: VnetLink | None) -> Plan:
        zone = _zone(cloud, rid)
        assert zone is not None  # the manager checked the parent zone
        name = existing.name if existing is not None else rid.name
        ref = body.properties.virtual_network.id if body.properties.virtual_network else ""
        vnet = next((v for v in vnets(cloud).values() if v.id.lower() == ref.lower()), None) if ref else None
        if vnet is None:
            raise ArmError("VirtualNetworkLinkTargetNotFound", id=ref)
        if existing is not None and zone.links[name].lower() != vnet.id.lower():
            raise ArmError("VirtualNetworkLinkVnetFixed", name=name)
        for other, vid in zone.links.items():
            if vid.lower() == vnet.id.lower() and other != name:
                raise ArmError("VirtualNetworkAlreadyLinked", zone=zone.name, vnet=vnet.id, other=other)
        cloud.require(caller, f"{NET}/virtualNetworks/join/action", vnet.id)
        registration = body.properties.registration_enabled

        def commit() -> None:
            zone.links[name] = vnet.id
            zone.registration[name] = registration
        return Plan(resource=VnetLink(zone, name), commit=commit, status=200 if existing else 201)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: VnetLink) -> Plan:
        zone, name, etag = existing.zone, existing.name, cloud.ids.guid()

        def commit() -> None:
            zone.links.pop(name, None)
            zone.registration.pop(name, None)
            zone.etag = etag
        return Plan(resource=existing, commit=commit)


class ARecordSetProvider(Provider):
    type = A
    body_model = RecordSetBody

    def find(self, cloud: Cloud, rid: ResourceId) -> ARecordSet | None:
        zone = _zone(cloud, rid)
        return ARecordSet(zone, rid.name.lower()) if zone is not None and rid.name.lower() in zone.a_records \
            else None

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[ARecordSet]:
        zone = _zone(cloud, rid)
        return [ARecordSet(zone, n) for n in sorted(zone.a_records)] if zone is not None else []

    def already_exists(self, rid: ResourceId) -> ArmError:
        return ArmError("PrivateDnsRecordSetExists", name=rid.name)

    def to_arm(self, resource: ARecordSet) -> dict:
        return nest(record_set_json(resource))

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: RecordSetBody,
            existing: ARecordSet | None) -> Plan:
        zone = _zone(cloud, rid)
        assert zone is not None  # the manager checked the parent zone
        name, props = rid.name.lower(), body.properties
        ips: list[str] = []
        for record in props.a_records:
            try:
                ip = str(ipaddress.IPv4Address(record.ipv4_address))
            except ValueError:
                raise ArmError("InvalidARecordAddress", value=record.ipv4_address, name=name) from None
            if ip not in ips:
                ips.append(ip)
        ttl = props.ttl if props.ttl is not None else RECORD_TTL

        def commit() -> None:
            zone.a_records[name] = ips
            if ttl == RECORD_TTL:
                zone.ttls.pop(name, None)
            else:
                zone.ttls[name] = ttl
        return Plan(resource=ARecordSet(zone, name), commit=commit, status=200 if existing else 201)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: ARecordSet) -> Plan:
        zone, name = existing.zone, existing.name

        def commit() -> None:
            zone.a_records.pop(name, None)
            zone.ttls.pop(name, None)
        return Plan(resource=existing, commit=commit)


VIRTUAL_NETWORK_LINKS = register(VirtualNetworkLinkProvider())
A_RECORD_SETS = register(ARecordSetProvider())
