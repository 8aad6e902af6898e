"""Microsoft.Network/virtualNetworks/virtualNetworkPeerings: PUT (create or update), GET, list, DELETE.

The plan checks everything before anything changes: the parent VNet, the remote VNet (and `peer/action` on it),
self-peering, overlapping address spaces, a second peering to the same remote, and a Disconnected remote side.
Committing stores the peering and connects both sides when the remote already points back; deleting leaves the
remote side Disconnected. Reachability and state live in engine/peering.py.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

from pydantic import Field

from ...errors import ArmError, ArmResourceNotFound
from ...network import NET, VirtualNetwork, vnets
from ...peering import PEERINGS, VirtualNetworkPeering, between, find_peering, of_vnet, peerings
from ..manager import Plan, Provider, register
from ..request import ResourceId
from .registry_body import Body

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...tenant import Principal


class SubResource(Body):
    id: str | None = None


class PeeringProps(Body):
    allow_virtual_network_access: bool = True
    allow_forwarded_traffic: bool = False
    allow_gateway_transit: bool = False
    use_remote_gateways: bool = False
    remote_virtual_network: SubResource = Field(default_factory=SubResource)


class PeeringBody(Body):
    properties: PeeringProps = Field(default_factory=PeeringProps)


def _vnet(cloud: Cloud, vnet_id: str) -> VirtualNetwork | None:
    return next((v for v in vnets(cloud).values() if v.id.lower() == vnet_id.lower()), None)


class PeeringProvider(Provider):
    type = f"{NET}/virtualNetworks/{PEERINGS}"
    body_model = PeeringBody

    def find(self, cloud: Cloud, rid: ResourceId) -> VirtualNetworkPeering | None:
        return peerings(cloud).get(rid.id.lower())

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[VirtualNetworkPeering]:
        return of_vnet(cloud, rid.parent().id) if rid.names else []

    def to_arm(self, resource: VirtualNetworkPeering) -> dict:
        return resource.to_json()

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: PeeringBody,
            existing: VirtualNetworkPeering | None) -> Plan:
        local = _vnet(cloud, rid.parent().id)
        if local is None:
            raise ArmResourceNotFound(f"{NET}/virtualNetworks/{rid.parent().name}", rid.resource_group or "")
        pid = f"{local.id}/{PEERINGS}/{rid.name}"
        remote_id = body.properties.remote_virtual_network.id or ""
        remote = _vnet(cloud, remote_id)
        if remote is None:
            raise ArmError("InvalidResourceReference", reference=remote_id or "(none)", resource=pid)
        cloud.require(caller, f"{NET}/virtualNetworks/peer/action", remote.id)
        if remote.id.lower() == local.id.lower():
            raise ArmError("CannotPeerVnetToItself", peering=pid)
        overlap = [str(a) for a in map(ipaddress.ip_network, local.address_prefixes)
                   for b in map(ipaddress.ip_network, remote.address_prefixes) if a.overlaps(b)]
        if overlap:
            raise ArmError("VnetAddressSpacesOverlap", peering=pid, local=local.id, remote=remote.id,
                           prefixes=", ".join(overlap))
        other = between(cloud, local.id, remote.id)
        if other is not None and other is not existing:
            raise ArmError("VnetAlreadyPeeredWithRemoteVnet", peering=pid, local=local.id, remote=remote.id,
                           other=other.id)
        back = between(cloud, remote.id, local.id)
        if back is not None and back.peering_state == "Disconnected":
            raise ArmError("RemotePeeringIsDisconnected", peering=pid, remote_peering=back.id, local=local.id)
        p = body.properties
        new = VirtualNetworkPeering(
            name=rid.name, vnet_id=local.id, remote_vnet_id=remote.id, resource_group=local.resource_group,
            allow_virtual_network_access=p.allow_virtual_network_access, allow_forwarded_traffic=p.allow_forwarded_traffic,
            allow_gateway_transit=p.allow_gateway_transit, use_remote_gateways=p.use_remote_gateways,
            peering_state="Connected" if back is not None else (existing.peering_state if existing else "Initiated"),
            remote_address_prefixes=list(remote.address_prefixes),
            resource_guid=existing.resource_guid if existing else cloud.ids.guid(), etag=cloud.ids.guid())

        def commit() -> None:
            peerings(cloud)[new.id.lower()] = new
            if back is not None:
                back.peering_state = "Connected"
        return Plan(resource=new, commit=commit, status=200 if existing else 201)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: VirtualNetworkPeering) -> Plan:
        back = between(cloud, existing.remote_vnet_id, existing.vnet_id)

        def commit() -> None:
            peerings(cloud).pop(existing.id.lower(), None)
            if back is not None:
                back.peering_state = "Disconnected"
        return Plan(resource=existing, commit=commit, status=200)


register(PeeringProvider())
__all__ = ["PeeringProvider", "find_peering"]
