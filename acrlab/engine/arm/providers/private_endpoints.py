"""Microsoft.Network/privateEndpoints to a registry (PUT, GET, list, DELETE), as `az network private-endpoint`,
the Az.Network endpoint cmdlets and templates send them (azure-rest-api-specs specification/network/resource-manager/
Microsoft.Network/stable/2024-05-01/privateEndpoint.json). A PUT names the subnet and exactly one (manual) private
link service connection; the manager checks privateEndpoints/write, the plan the linked checks ARM makes
(subnets/join/action on the subnet, privateEndpointConnectionsApproval/action on the registry for an auto-approved
connection), the registry's rules (Premium, group id `registry`, the endpoint quota) and the subnet's free
addresses; only then does the commit take the addresses and add the registry's connection."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from ...errors import ArmError
from ...locations import normalize_location
from ...network import NET, find_subnet, free_ips
from ...privatelink import (
    CR,
    PrivateEndpoint,
    PrivateEndpointConnection,
    endpoints,
    registry_by_id,
    registry_fqdns,
    remove_endpoint,
)
from ...sku import SKUS
from ..manager import Plan, Provider, register
from ..request import ResourceId
from .bound import Bound, nest
from .registry_body import Body

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...tenant import Principal

PE = f"{NET}/privateEndpoints"


class ConnectionProps(Body):
    private_link_service_id: str = ""
    group_ids: list[str] = Field(default_factory=list)
    request_message: str | None = None


class Connection(Body):
    name: str | None = None
    properties: ConnectionProps = Field(default_factory=ConnectionProps)


class SubnetRef(Body):
    id: str = ""


class EndpointProps(Body):
    subnet: SubnetRef = Field(default_factory=SubnetRef)
    private_link_service_connections: list[Connection] = Field(default_factory=list)
    manual_private_link_service_connections: list[Connection] = Field(default_factory=list)
    custom_network_interface_name: str | None = None


class EndpointBody(Body):
    location: str | None = None
    properties: EndpointProps = Field(default_factory=EndpointProps)


class PrivateEndpointProvider(Provider):
    type = PE
    body_model = EndpointBody

    def find(self, cloud: Cloud, rid: ResourceId) -> Bound | None:
        key = _key(cloud, rid)
        return Bound(endpoints(cloud)[key], cloud) if key is not None else None

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[Bound]:
        rg = (rid.resource_group or "").lower()
        found = [p for p in endpoints(cloud).values() if not rg or p.resource_group.lower() == rg]
        return [Bound(p, cloud) for p in sorted(found, key=lambda p: (p.resource_group.lower(), p.name.lower()))]

    def to_arm(self, resource: Bound) -> dict:
        return nest(resource.item.to_json(resource.cloud))

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: EndpointBody,
            existing: Bound | None) -> Plan:
        props = body.properties
        found = find_subnet(cloud, props.subnet.id) if props.subnet.id else None
        if found is None:
            raise ArmError("InvalidResourceReference", reference=props.subnet.id or "(no subnet)", resource=rid.id)
        vnet, subnet = found
        manual = not props.private_link_service_connections
        links = props.manual_private_link_service_connections if manual else props.private_link_service_connections
        if len(links) != 1:
            raise ArmError("PrivateEndpointNeedsOneConnection")
        link = links[0].properties
        path = "manualPrivateLinkServiceConnections" if manual else "privateLinkServiceConnections"
        cloud.require(caller, f"{NET}/virtualNetworks/subnets/join/action", subnet.id)
        reg = registry_by_id(cloud, link.private_link_service_id)
        if reg is None:
            if "/providers/" not in link.private_link_service_id:
                raise ArmError("LinkedInvalidPropertyId", value=link.private_link_service_id, path=path)
            raise ArmError("PrivateLinkServiceNotFound", resource=link.private_link_service_id)
        if not link.group_ids:
            raise ArmError("PrivateEndpointGroupIdRequired")
        bad = [g for g in link.group_ids if g.lower() != "registry"]
        if bad:
            raise ArmError("PrivateEndpointGroupIdNotSupported", group=bad[0])
        if reg.sku != "Premium":
            raise ArmError("PrivateEndpointPremiumOnly")
        if existing is not None:
            pe = existing.item
            if pe.target_id.lower() == reg.id.lower() and pe.subnet_id.lower() == subnet.id.lower():
                return Plan(resource=existing)  # the same endpoint again: no change
            raise ArmError("CannotChangePrivateEndpoint", id=pe.id)
        limit = SKUS["Premium"].private_endpoints
        if len(reg.private_endpoint_connections) >= limit:
            raise ArmError("PrivateEndpointQuotaExceeded", limit=limit)
        if not manual:
            cloud.require(caller, f"{CR}/privateEndpointConnectionsApproval/action", reg.id)
        fqdns = registry_fqdns(reg)  # NIC IPs go to the data endpoints first, the login server last (az's sample)
        ips = free_ips(subnet, len(fqdns))
        name = rid.name
        pe = PrivateEndpoint(
            name=name, resource_group=cloud.group(rid.resource_group or "").name,
            subscription_id=cloud.subscription.subscription_id,
            location=normalize_location(body.location or "") or vnet.location, subnet_id=subnet.id,
            connection_name=links[0].name or name, target_id=reg.id, group_ids=["registry"], manual=manual,
            request_message=link.request_message,
            nic_name=props.custom_network_interface_name or f"{name}.nic.{cloud.ids.guid()}", etag=cloud.ids.guid(),
            ip_by_fqdn=dict(zip(fqdns[1:] + fqdns[:1], ips, strict=True)))
        conn = PrivateEndpointConnection(
            name=f"{name}.{cloud.ids.guid()}", registry_id=reg.id, endpoint_id=pe.id,
            status="Pending" if manual else "Approved",
            description=(link.request_message or "") if manual else "Auto-Approved", created=cloud.clock.now())

        def commit() -> None:
            subnet.allocated.extend(ips)
            endpoints(cloud)[pe.id] = pe
            reg.private_endpoint_connections[conn.name] = conn
        return Plan(resource=Bound(pe, cloud), commit=commit, status=201)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: Bound) -> Plan:
        return Plan(resource=existing, commit=lambda: remove_endpoint(cloud, existing.item))


def _key(cloud: Cloud, rid: ResourceId) -> str | None:
    want = rid.id.lower()
    return next((k for k in endpoints(cloud) if k.lower() == want), None)


PRIVATE_ENDPOINTS = register(PrivateEndpointProvider())
