"""az network vnet peering create|list|show|delete (azure-cli network module, aaz `network vnet peering`)."""

from __future__ import annotations

from ....engine import network, peering
from ....engine.arm import send
from ..framework import Arg, command, group
from .network import RG

group("network vnet peering", "Manage peering connections between Azure Virtual Networks.")

VNET = Arg("vnet_name", "--vnet-name", "The virtual network (VNet) name.", required=True, id_part="name")
NAME = Arg("name", "--name -n", "The name of the VNet peering.", required=True, id_part="child_name_1")


def _vnet(ctx, a):
    """The local network, read with its GET (the caller must be able to read it), to name its peerings."""
    rid = f"{ctx.subscription.id}/resourceGroups/{a.resource_group}/providers/{network.NET}/virtualNetworks/{a.vnet_name}"
    return send(ctx.cloud, ctx.principal, "GET", rid).resource


def _remote_id(ctx, a) -> str:
    """--remote-vnet takes a name (in the command's resource group) or a resource id, as AAZResourceIdArgFormat."""
    ref = a.remote_vnet.strip()
    if ref.startswith("/"):
        return ref
    return (f"{ctx.subscription.id}/resourceGroups/{a.resource_group}/providers/Microsoft.Network"
            f"/virtualNetworks/{ref}")


@command("network vnet peering create", "Create a virtual network peering connection.", [
    NAME, RG, VNET,
    Arg("remote_vnet", "--remote-vnet", "Name or ID of the remote VNet.", required=True),
    Arg("allow_vnet_access", "--allow-vnet-access", "Allows access from the local VNet to the remote VNet.",
        kind="bool"),
    Arg("allow_forwarded_traffic", "--allow-forwarded-traffic", "Allows forwarded traffic from the local VNet to "
        "the remote VNet.", kind="bool"),
    Arg("allow_gateway_transit", "--allow-gateway-transit", "Allows gateway link to be used in the remote VNet.",
        kind="bool"),
    Arg("use_remote_gateways", "--use-remote-gateways", "Allows VNet to use the remote VNet's gateway. Remote VNet "
        "gateway must have --allow-gateway-transit enabled for remote peering. Only 1 peering can have this flag "
        "enabled. Cannot be set if the VNet already has a gateway.", kind="bool"),
], examples=[("Create a peering connection between two virtual networks.",
              "az network vnet peering create -g MyResourceGroup -n MyVnet1ToMyVnet2 --vnet-name MyVnet1 "
              "--remote-vnet MyVnet2Id --allow-vnet-access")])
def peering_create(ctx, a):
    """To peer two VNets this runs twice, with --vnet-name and --remote-vnet swapped (the first is `Initiated`)."""
    vnet = _vnet(ctx, a)
    body = {"properties": {"allowVirtualNetworkAccess": bool(a.allow_vnet_access),
                           "allowForwardedTraffic": bool(a.allow_forwarded_traffic),
                           "allowGatewayTransit": bool(a.allow_gateway_transit),
                           "useRemoteGateways": bool(a.use_remote_gateways),
                           "remoteVirtualNetwork": {"id": _remote_id(ctx, a)}}}
    return send(ctx.cloud, ctx.principal, "PUT", peering.peering_id(vnet, a.name), body).body


@command("network vnet peering list", "List peerings.", [
    RG, Arg("vnet_name", "--vnet-name", "The virtual network (VNet) name.", required=True)],
         examples=[("List all peerings of a specified virtual network.",
                    "az network vnet peering list -g MyResourceGroup --vnet-name MyVnet1")])
def peering_list(ctx, a):
    vnet = _vnet(ctx, a)
    return send(ctx.cloud, ctx.principal, "GET", f"{vnet.id}/{peering.PEERINGS}").body["value"]


@command("network vnet peering show", "Show details of a peering.", [NAME, RG, VNET],
         examples=[("Show all details of the specified virtual network peering.",
                    "az network vnet peering show -g MyResourceGroup -n MyVnet1ToMyVnet2 --vnet-name MyVnet1")])
def peering_show(ctx, a):
    vnet = _vnet(ctx, a)
    return send(ctx.cloud, ctx.principal, "GET", peering.peering_id(vnet, a.name)).body


@command("network vnet peering delete", "Delete a peering.", [NAME, RG, VNET],
         examples=[("Delete a virtual network peering connection.",
                    "az network vnet peering delete -g MyResourceGroup -n MyVnet1ToMyVnet2 --vnet-name MyVnet1")])
def peering_delete(ctx, a):
    vnet = _vnet(ctx, a)
    send(ctx.cloud, ctx.principal, "DELETE", peering.peering_id(vnet, a.name))  # a missing one: 204, no error
    return None
