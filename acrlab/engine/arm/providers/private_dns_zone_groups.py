"""Microsoft.Network/privateEndpoints/privateDnsZoneGroups (PUT, GET, list, DELETE), as az network private-endpoint
dns-zone-group, New-AzPrivateDnsZoneGroup and templates send them (azure-rest-api-specs specification/network/
resource-manager/Microsoft.Network/stable/2024-05-01/privateEndpoint.json: PrivateDnsZoneGroups_CreateOrUpdate,
_Get, _List, _Delete).

A zone group keeps the endpoint's A records (the login server and each data endpoint, TTL 10) in the private DNS
zones its configurations name. Every zone must exist and be `privatelink.azurecr.io`, and the caller needs
`privateDnsZones/join/action` on each (the linked check Microsoft.Network makes); only then are the records written.
A PUT over an existing group replaces its configurations; DELETE takes its records out of the zones."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import Field

from ...errors import ArmError
from ...network import PRIVATELINK_ZONE
from ...privatedns import (
    ZONE,
    ZONE_GROUP,
    ZONE_TTL,
    drop_zone_group_records,
    find_zone,
    zone_group_json,
    zone_records,
)
from ...privatelink import endpoints
from ..manager import Plan, Provider, register
from ..request import ResourceId
from .registry_body import Body

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...tenant import Principal


@dataclass(frozen=True)
class ZoneGroup:
    endpoint: Any
    name: str
    cloud: Cloud

    @property
    def id(self) -> str:
        return f"{self.endpoint.id}/privateDnsZoneGroups/{self.name}"


class ZoneConfigProps(Body):
    private_dns_zone_id: str = ""


class ZoneConfig(Body):
    name: str | None = None
    properties: ZoneConfigProps = Field(default_factory=ZoneConfigProps)


class ZoneGroupProps(Body):
    private_dns_zone_configs: list[ZoneConfig] = Field(default_factory=list)


class ZoneGroupBody(Body):
    properties: ZoneGroupProps = Field(default_factory=ZoneGroupProps)


def _endpoint(cloud: Cloud, rid: ResourceId) -> Any | None:
    want = rid.parent().id.lower()
    return next((pe for key, pe in endpoints(cloud).items() if key.lower() == want), None)


class PrivateDnsZoneGroupProvider(Provider):
    type = ZONE_GROUP
    body_model = ZoneGroupBody

    def find(self, cloud: Cloud, rid: ResourceId) -> ZoneGroup | None:
        pe = _endpoint(cloud, rid)
        name = next((n for n in pe.zone_groups if n.lower() == rid.name.lower()), None) if pe else None
        return ZoneGroup(pe, name, cloud) if pe is not None and name is not None else None

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[ZoneGroup]:
        pe = _endpoint(cloud, rid)
        return [ZoneGroup(pe, n, cloud) for n in sorted(pe.zone_groups)] if pe is not None else []

    def to_arm(self, resource: ZoneGroup) -> dict:
        flat = zone_group_json(resource.cloud, resource.endpoint, resource.name)
        configs = [{"name": c["name"], "properties": {k: v for k, v in c.items() if k != "name"}}
                   for c in flat["privateDnsZoneConfigs"]]
        return {"id": flat["id"], "name": flat["name"], "type": ZONE_GROUP, "etag": flat["etag"],
                "properties": {"provisioningState": "Succeeded", "privateDnsZoneConfigs": configs}}

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: ZoneGroupBody,
            existing: ZoneGroup | None) -> Plan:
        pe = _endpoint(cloud, rid)
        assert pe is not None  # the manager checked the parent endpoint
        configs = body.properties.private_dns_zone_configs
        if not configs:
            raise ArmError("PrivateDnsZoneGroupWithoutConfigs")
        chosen: dict[str, str] = {}
        zones = []
        for config in configs:
            ref = config.properties.private_dns_zone_id
            zone = find_zone(cloud, "", ref, missing_ok=True) if ref.startswith("/subscriptions/") else None
            if zone is None:
                raise ArmError("PrivateDnsZoneNotFoundForGroup", id=ref)
            if zone.name != PRIVATELINK_ZONE:
                raise ArmError("PrivateDnsZoneNotForRegistry", zone=zone.name)
            cloud.require(caller, f"{ZONE}/join/action", zone.id)
            chosen[config.name or zone.name.replace(".", "-")] = zone.id
            zones.append(zone)
        name = existing.name if existing is not None else rid.name
        before = list(pe.zone_groups.get(name, {}).values())

        def commit() -> None:
            drop_zone_group_records(cloud, pe, before)
            for zone in zones:
                for rel, ip in zone_records(pe).items():
                    zone.a_records[rel] = [ip]
                    zone.ttls[rel] = ZONE_TTL
            pe.zone_groups[name] = chosen
        return Plan(resource=ZoneGroup(pe, name, cloud), commit=commit, status=200 if existing else 201)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: ZoneGroup) -> Plan:
        pe, name = existing.endpoint, existing.name

        def commit() -> None:
            drop_zone_group_records(cloud, pe, list(pe.zone_groups.get(name, {}).values()))
            pe.zone_groups.pop(name, None)
        return Plan(resource=existing, commit=commit)


ZONE_GROUPS = register(PrivateDnsZoneGroupProvider())
