"""Virtual network peering (`az network vnet peering`, `Add-AzVirtualNetworkPeering`) and the reachability it gives.

A peering is a child of one VNet pointing at a remote VNet. It is `Initiated` until the remote VNet has a peering
back, then both are `Connected`; deleting one side leaves the other `Disconnected` (it must be deleted and created
again before the pair connects). VMs in VNet A reach addresses in VNet B when A == B, or when A's peering to B is
Connected and allows virtual network access (`allowVirtualNetworkAccess`: "whether the VMs in the local virtual
network space would be able to access the VMs in remote virtual network space"). Peering does not share private
DNS: a `privatelink.azurecr.io` zone must still be linked to the client's own VNet (privatedns.resolve_private).
Requests (PUT, GET, list, DELETE) go through the resource manager: arm/providers/vnet_peerings.py.
"""

from __future__ import annotations

from pydantic import BaseModel

from .cloud import Cloud
from .network import NET, VirtualNetwork

PEERINGS = "virtualNetworkPeerings"


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


def between(cloud: Cloud, local_id: str, remote_id: str) -> VirtualNetworkPeering | None:
    """The peering of VNet `local_id` that points at `remote_id`, if any."""
    for p in of_vnet(cloud, local_id):
        if p.remote_vnet_id.lower() == remote_id.lower():
            return p
    return None


def find_peering(cloud: Cloud, vnet: VirtualNetwork, name: str) -> VirtualNetworkPeering | None:
    return peerings(cloud).get(f"{vnet.id}/{PEERINGS}/{name}".lower())


def peering_id(vnet: VirtualNetwork, name: str) -> str:
    return f"{vnet.id}/{PEERINGS}/{name}"


def on_vnet_deleted(cloud: Cloud, vnet: VirtualNetwork) -> None:
    """A deleted VNet takes its peerings with it; peerings pointing at it become Disconnected."""
    for p in of_vnet(cloud, vnet.id):
        peerings(cloud).pop(p.id.lower(), None)
    for p in peerings(cloud).values():
        if p.remote_vnet_id.lower() == vnet.id.lower():
            p.peering_state = "Disconnected"


def reachable(cloud: Cloud, from_vnet_id: str, to_vnet_id: str) -> bool:
    """Can a VM in `from_vnet_id` reach private addresses in `to_vnet_id`?"""
    if from_vnet_id.lower() == to_vnet_id.lower():
        return True
    p = between(cloud, from_vnet_id, to_vnet_id)
    return p is not None and p.peering_state == "Connected" and p.allow_virtual_network_access
