"""Az.Network: Add-, Get- and Remove-AzVirtualNetworkPeering on engine.peering (PSVirtualNetworkPeering)."""

from __future__ import annotations

from ....engine import network, peering
from ....engine.arm import send
from ..values import PSError, PSObject, to_str
from .aks import confirm
from .base import Param, cmdlet
from .containerregistry import engine_call
from .network import MOD, PROFILE, M, _live_vnet, net_obj

PEERING_COLUMNS = ["Name", "Id", "Etag", "ResourceGroupName", "VirtualNetworkName", "PeeringSyncLevel",
                   "PeeringState", "ProvisioningState", "RemoteVirtualNetwork", "AllowVirtualNetworkAccess",
                   "AllowForwardedTraffic", "AllowGatewayTransit", "UseRemoteGateways", "RemoteGateways",
                   "RemoteVirtualNetworkAddressSpace"]


def peering_obj(p: peering.VirtualNetworkPeering) -> PSObject:
    j = p.to_json()
    return net_obj("PSVirtualNetworkPeering", {
        "Name": p.name, "Id": p.id, "Etag": j["etag"], "ResourceGroupName": p.resource_group,
        "VirtualNetworkName": p.vnet_id.rsplit("/", 1)[-1], "PeeringSyncLevel": j["peeringSyncLevel"],
        "PeeringState": p.peering_state, "ProvisioningState": "Succeeded",
        "RemoteVirtualNetwork": net_obj("PSResourceId", {"Id": p.remote_vnet_id}),
        "AllowVirtualNetworkAccess": p.allow_virtual_network_access, "AllowForwardedTraffic": p.allow_forwarded_traffic,
        "AllowGatewayTransit": p.allow_gateway_transit, "UseRemoteGateways": p.use_remote_gateways,
        "RemoteGateways": None,
        "RemoteVirtualNetworkAddressSpace": net_obj("PSAddressSpace", {"AddressPrefixes": list(p.remote_address_prefixes)}),
    }, PEERING_COLUMNS, text=("RemoteVirtualNetwork", "RemoteVirtualNetworkAddressSpace"))


@cmdlet("Add-AzVirtualNetworkPeering", [
    Param("Name", "string", "Specifies the name of the virtual network peering.", mandatory=True),
    Param("VirtualNetwork", "object", "Specifies the parent virtual network.", mandatory=True, pipeline=True,
          dotnet_type=f"{M}.PSVirtualNetwork"),
    Param("RemoteVirtualNetworkId", "string", "Specifies the ID of the remote virtual network.", mandatory=True),
    Param("BlockVirtualNetworkAccess", "switch", "Indicates that this cmdlet blocks virtual machines in the linked "
          "virtual network space to access all the virtual machines in local virtual network space."),
    Param("AllowForwardedTraffic", "switch", "Indicates that this cmdlet allows the forwarded traffic from the "
          "virtual machines in the remote virtual network."),
    Param("AllowGatewayTransit", "switch", "Indicates that this cmdlet allows gateway links to be used in remote "
          "virtual network's link to this virtual network."),
    Param("UseRemoteGateways", "switch", "Indicates that this cmdlet allows the remote virtual network gateways to be "
          "used on this virtual network."),
    Param("AsJob", "switch", "Run cmdlet in the background"), PROFILE,
], "Creates a peering between two virtual networks.", module=MOD, outputs=f"{M}.PSVirtualNetworkPeering",
    examples=[("Peer VNet1 to VNet2 (and then VNet2 to VNet1)",
               "Add-AzVirtualNetworkPeering -Name 'myVnet1ToMyVnet2' -VirtualNetwork $vnet1 "
               "-RemoteVirtualNetworkId $vnet2.Id")])
def add_peering(ctx, a, items):
    """Unlike az, PowerShell allows virtual network access unless -BlockVirtualNetworkAccess is given."""
    vnet = _live_vnet(ctx, a.VirtualNetwork)
    if peering.find_peering(ctx.cloud, vnet, a.Name) is not None:  # Add- never updates (Set- does)
        raise PSError(f"A peering with the name '{a.Name}' already exists on virtual network '{vnet.name}'. Use "
                      "Set-AzVirtualNetworkPeering to change it.")
    body = {"properties": {"allowVirtualNetworkAccess": not a.BlockVirtualNetworkAccess,
                           "allowForwardedTraffic": bool(a.AllowForwardedTraffic),
                           "allowGatewayTransit": bool(a.AllowGatewayTransit),
                           "useRemoteGateways": bool(a.UseRemoteGateways),
                           "remoteVirtualNetwork": {"id": a.RemoteVirtualNetworkId}}}
    return peering_obj(engine_call(send, ctx.cloud, ctx.principal, "PUT", peering.peering_id(vnet, a.Name),
                                   body).resource)


def _vnet(ctx, a) -> network.VirtualNetwork:
    """The local network, read with its GET (the caller must be able to read it), to name its peerings."""
    rid = (f"{ctx.subscription.id}/resourceGroups/{a.ResourceGroupName}/providers/{network.NET}/virtualNetworks/"
           f"{a.VirtualNetworkName}")
    return engine_call(send, ctx.cloud, ctx.principal, "GET", rid).resource


VNET_PARAMS = [
    Param("VirtualNetworkName", "string", "Specifies the name of the virtual network.", mandatory=True),
    Param("ResourceGroupName", "string", "Specifies the name of the resource group.", mandatory=True),
]


@cmdlet("Get-AzVirtualNetworkPeering", [
    Param("Name", "string", "Specifies the name of the virtual network peering.", aliases=("ResourceName",)),
    *VNET_PARAMS, PROFILE,
], "Gets the virtual network peering.", module=MOD, outputs=f"{M}.PSVirtualNetworkPeering",
    examples=[("Get the peerings of a virtual network",
               'Get-AzVirtualNetworkPeering -VirtualNetworkName "myVnet1" -ResourceGroupName "myResourceGroup"')])
def get_peering(ctx, a, items):
    vnet = _vnet(ctx, a)
    if a.Name:
        return peering_obj(engine_call(send, ctx.cloud, ctx.principal, "GET", peering.peering_id(vnet, a.Name)).resource)
    return [peering_obj(p) for p in engine_call(send, ctx.cloud, ctx.principal, "GET",
                                                 f"{vnet.id}/{peering.PEERINGS}").resources]


@cmdlet("Remove-AzVirtualNetworkPeering", [
    Param("Name", "string", "Specifies the name of the virtual network peering to remove.", mandatory=True),
    *VNET_PARAMS,
    Param("Force", "switch", "Forces the command to run without asking for user confirmation."),
    Param("PassThru", "switch", "Returns an object representing the item with which you are working."),
    Param("AsJob", "switch", "Run cmdlet in the background"), PROFILE,
], "Removes a virtual network peering.", module=MOD, should_process=True,
    examples=[("Remove a peering", 'Remove-AzVirtualNetworkPeering -Name "myVnet1ToMyVnet2" '
                                   '-VirtualNetworkName "myVnet1" -ResourceGroupName "myResourceGroup" -Force')])
def remove_peering(ctx, a, items):
    vnet = _vnet(ctx, a)
    rid = peering.peering_id(vnet, a.Name)
    engine_call(send, ctx.cloud, ctx.principal, "GET", rid)  # a missing peering is an error here
    if not confirm(ctx, a, f"Are you sure you want to remove resource '{to_str(a.Name)}'"):
        return None
    engine_call(send, ctx.cloud, ctx.principal, "DELETE", rid)
    return True if a.PassThru else None
