"""Virtual network peering (`az network vnet peering`, `Add-AzVirtualNetworkPeering`) and the reachability it gives.

A peering is a child of one VNet pointing at a remote VNet. It is `Initiated` until the remote VNet has a peering
back, then both are `Connected`; deleting one side leaves the other `Disconnected` (it must be deleted and created
again before the pair connects). VMs in VNet A reach addresses in VNet B when A == B, or when A's peering to B is
Connected and allows virtual network access (`allowVirtualNetworkAccess`: "whether the VMs in the local virtual
network space would be able to access the VMs in remote virtual network space"). Peering does not share private
DNS: a `privatelink.azurecr.io` zone must still be linked to the client's own VNet (privatedns.resolve_private).
"""

from __future__ import annotations

import ipaddress

from pydantic import BaseModel

from .cloud import Cloud
from .errors import ArmResourceNotFound, AzureError
from .network import NET, VirtualNetwork, vnets
from .tenant import Principal

PEERINGS = "virtualNetworkPeerings"
INFO = "For more information please refer to https://aka.ms/VnetPeeringInfo"


class VirtualNetworkPeering(BaseModel):
    name: str
    vnet_id: str
    remote_vnet_id: str
    resource_group: str
    allow_virtual_network_access: bool = False
    allow_forwarded_traffic: bool = False
    allow_gateway_transit: bool = False
    use_remote_gateways: bool = False
    peering_state: str = "Initiated"
    remote_address_prefixes: list[str] = []
    resource_guid: str = ""
    etag: str = ""

    @property
    def id(self) -> str:
        return f"{self.vnet_id}/{PEERINGS}/{self.name}"

    def to_json(self) -> dict:
        """As `az network vnet peering show` prints it (client-flattened properties)."""
        space = {"addressPrefixes": list(self.remote_address_prefixes)}
        return {
            "allowForwardedTraffic": self.allow_forwarded_traffic,
            "allowGatewayTransit": self.allow_gateway_transit,
            "allowVirtualNetworkAccess": self.allow_virtual_network_access,
            "doNotVerifyRemoteGateways": False,
            "etag": f'W/"{self.etag}"',
            "id": self.id,
            "name": self.name,
            "peeringState": self.peering_state,
            "peeringSyncLevel": "FullyInSync" if self.peering_state == "Connected" else "RemoteNotInSync",
            "provisioningState": "Succeeded",
            "remoteAddressSpace": space,
            "remoteVirtualNetwork": {"id": self.remote_vnet_id},
            "remoteVirtualNetworkAddressSpace": space,
            "resourceGroup": self.resource_group,
            "resourceGuid": self.resource_guid,
            "type": f"{NET}/virtualNetworks/{PEERINGS}",
            "useRemoteGateways": self.use_remote_gateways,
        }


def peerings(cloud: Cloud) -> dict[str, VirtualNetworkPeering]:
    """Peering id (lower-case) -> peering."""
    return cloud.resources["vnet_peerings"]


def of_vnet(cloud: Cloud, vnet_id: str) -> list[VirtualNetworkPeering]:
    return [p for p in peerings(cloud).values() if p.vnet_id.lower() == vnet_id.lower()]


def _between(cloud: Cloud, local_id: str, remote_id: str) -> VirtualNetworkPeering | None:
    for p in of_vnet(cloud, local_id):
        if p.remote_vnet_id.lower() == remote_id.lower():
            return p
    return None


def find_peering(cloud: Cloud, vnet: VirtualNetwork, name: str) -> VirtualNetworkPeering | None:
    return peerings(cloud).get(f"{vnet.id}/{PEERINGS}/{name}".lower())


def get_peering(cloud: Cloud, caller: Principal | None, vnet: VirtualNetwork, name: str) -> VirtualNetworkPeering:
    p = find_peering(cloud, vnet, name)
    if p is None:
        raise ArmResourceNotFound(f"{NET}/virtualNetworks/{vnet.name}/{PEERINGS}/{name}", vnet.resource_group)
    if caller is not None:
        cloud.require(caller, f"{NET}/virtualNetworks/{PEERINGS}/read", p.id)
    return p


def _vnet_by_id(cloud: Cloud, vnet_id: str) -> VirtualNetwork | None:
    for v in vnets(cloud).values():
        if v.id.lower() == vnet_id.lower():
            return v
    return None


def create_peering(cloud: Cloud, caller: Principal | None, vnet: VirtualNetwork, name: str, remote_vnet_id: str,
                   allow_vnet_access: bool = False, allow_forwarded_traffic: bool = False,
                   allow_gateway_transit: bool = False, use_remote_gateways: bool = False) -> VirtualNetworkPeering:
    """PUT a peering on `vnet` towards `remote_vnet_id` (create or update)."""
    pid = f"{vnet.id}/{PEERINGS}/{name}"
    if caller is not None:
        cloud.require(caller, f"{NET}/virtualNetworks/{PEERINGS}/write", pid)
    remote = _vnet_by_id(cloud, remote_vnet_id)
    if remote is None:
        raise AzureError(f"Resource {remote_vnet_id} referenced by resource {pid} was not found. Please make sure "
                         "that the referenced resource exists, and that both resources are in the same region.",
                         code="InvalidResourceReference", status=400)
    if caller is not None:
        cloud.require(caller, f"{NET}/virtualNetworks/peer/action", remote.id)
    if remote.id.lower() == vnet.id.lower():
        raise AzureError(f"Cannot create or update peering {pid} because the remote virtual network is the same as "
                         f"the local virtual network. {INFO}", code="CannotPeerVnetToItself", status=400)
    overlap = [str(a) for a in map(ipaddress.ip_network, vnet.address_prefixes)
               for b in map(ipaddress.ip_network, remote.address_prefixes) if a.overlaps(b)]
    if overlap:
        raise AzureError(f"Cannot create or update peering {pid}. Virtual networks {vnet.id} and {remote.id} cannot "
                         f"be peered because their address spaces overlap. Overlapping address prefixes: "
                         f"{', '.join(overlap)}. {INFO}", code="VnetAddressSpacesOverlap", status=400)
    existing = find_peering(cloud, vnet, name)
    other = _between(cloud, vnet.id, remote.id)
    if other is not None and other is not existing:
        raise AzureError(f"Cannot create or update peering {pid}. Virtual network {vnet.id} is already peered with "
                         f"virtual network {remote.id} through peering {other.id}. {INFO}",
                         code="VnetAlreadyPeeredWithRemoteVnet", status=400)
    back = _between(cloud, remote.id, vnet.id)
    if back is not None and back.peering_state == "Disconnected":
        raise AzureError(f"Cannot create or update peering {pid} because remote peering {back.id} referencing parent "
                         f"virtual network {vnet.id} is in Disconnected state. Update or re-create the remote peering "
                         "to get it back to Initiated state. Peering gets Disconnected when remote vnet or remote "
                         f"peering is deleted and re-created. {INFO}", code="RemotePeeringIsDisconnected", status=400)
    p = existing or VirtualNetworkPeering(name=name, vnet_id=vnet.id, remote_vnet_id=remote.id,
                                          resource_group=vnet.resource_group, resource_guid=cloud.ids.guid())
    p.allow_virtual_network_access = allow_vnet_access
    p.allow_forwarded_traffic = allow_forwarded_traffic
    p.allow_gateway_transit = allow_gateway_transit
    p.use_remote_gateways = use_remote_gateways
    p.remote_address_prefixes = list(remote.address_prefixes)
    p.etag = cloud.ids.guid()
    if back is not None:
        p.peering_state = back.peering_state = "Connected"
    elif existing is None:
        p.peering_state = "Initiated"
    peerings(cloud)[p.id.lower()] = p
    return p


def delete_peering(cloud: Cloud, caller: Principal | None, p: VirtualNetworkPeering) -> None:
    """DELETE a peering: the remote side (if any) becomes Disconnected."""
    if caller is not None:
        cloud.require(caller, f"{NET}/virtualNetworks/{PEERINGS}/delete", p.id)
    peerings(cloud).pop(p.id.lower(), None)
    back = _between(cloud, p.remote_vnet_id, p.vnet_id)
    if back is not None:
        back.peering_state = "Disconnected"


def on_vnet_deleted(cloud: Cloud, vnet: VirtualNetwork) -> None:
    """A deleted VNet takes its peerings with it; peerings pointing at it become Disconnected."""
    for p in of_vnet(cloud, vnet.id):
        delete_peering(cloud, None, p)
    for p in peerings(cloud).values():
        if p.remote_vnet_id.lower() == vnet.id.lower():
            p.peering_state = "Disconnected"


def reachable(cloud: Cloud, from_vnet_id: str, to_vnet_id: str) -> bool:
    """Can a VM in `from_vnet_id` reach private addresses in `to_vnet_id`?"""
    if from_vnet_id.lower() == to_vnet_id.lower():
        return True
    p = _between(cloud, from_vnet_id, to_vnet_id)
    return p is not None and p.peering_state == "Connected" and p.allow_virtual_network_access
