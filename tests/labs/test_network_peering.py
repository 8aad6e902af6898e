"""VNet peering (az and PowerShell) and the reachability it gives a VM to a private endpoint in another VNet.

Sources: command names, options and defaults from Azure/azure-cli
src/azure-cli/azure/cli/command_modules/network/aaz/latest/network/vnet/peering/_create.py (`--allow-vnet-access`,
`--allow-forwarded-traffic`, `--allow-gateway-transit`, `--use-remote-gateways`, each default False; output fields
allowVirtualNetworkAccess, peeringState, peeringSyncLevel, remoteVirtualNetwork.id, remoteAddressSpace); peering
states Initiated/Connected/Disconnected from the VirtualNetworkPeeringPropertiesFormat schema
(learn.microsoft.com/rest/api/virtualnetwork/virtualnetworkpeerings/createorupdate); Add-AzVirtualNetworkPeering
parameters (-Name, -VirtualNetwork, -RemoteVirtualNetworkId, -BlockVirtualNetworkAccess) from Azure/azure-powershell
src/Network/Network/help/Add-AzVirtualNetworkPeering.md.
"""

from __future__ import annotations

import pytest


@pytest.fixture
def nets(cli, rg):
    cli("az network vnet create -g rg-containers -n vnet-a --address-prefix 10.1.0.0/16 --subnet-name s1 "
        "--subnet-prefix 10.1.1.0/24 -o none")
    cli("az network vnet create -g rg-containers -n vnet-b --address-prefix 10.2.0.0/16 --subnet-name s1 "
        "--subnet-prefix 10.2.1.0/24 -o none")
    return cli


def test_peering_states_and_fields(nets):
    cli = nets
    b_id = cli("az network vnet show -g rg-containers -n vnet-b --query id -o tsv").stdout.strip()
    cli(f"az network vnet peering create -g rg-containers -n a-to-b --vnet-name vnet-a --remote-vnet {b_id}",
        checks={"peeringState": "Initiated", "allowVirtualNetworkAccess": False, "allowForwardedTraffic": False,
                "remoteVirtualNetwork.id": b_id, "remoteAddressSpace.addressPrefixes": ["10.2.0.0/16"],
                "type": "Microsoft.Network/virtualNetworks/virtualNetworkPeerings", "name": "a-to-b"})
    cli("az network vnet peering create -g rg-containers -n b-to-a --vnet-name vnet-b --remote-vnet vnet-a "
        "--allow-vnet-access", checks={"peeringState": "Connected", "allowVirtualNetworkAccess": True})
    cli("az network vnet peering show -g rg-containers -n a-to-b --vnet-name vnet-a",
        checks={"peeringState": "Connected"})
    cli("az network vnet show -g rg-containers -n vnet-a", checks={"virtualNetworkPeerings[0].name": "a-to-b"})
    cli("az network vnet peering delete -g rg-containers -n b-to-a --vnet-name vnet-b")
    cli("az network vnet peering list -g rg-containers --vnet-name vnet-a", checks={"[0].peeringState": "Disconnected"})
    r = cli("az network vnet peering create -g rg-containers -n b-to-a --vnet-name vnet-b --remote-vnet vnet-a",
            expect_exit=1)
    assert "RemotePeeringIsDisconnected" in r.stderr
    r = cli("az network vnet peering show -g rg-containers -n nope --vnet-name vnet-a", expect_exit=3)
    assert "virtualNetworks/vnet-a/virtualNetworkPeerings/nope" in r.stderr


def test_peering_errors(nets):
    cli = nets
    cli("az network vnet create -g rg-containers -n vnet-c --address-prefix 10.1.128.0/17 -o none")
    r = cli("az network vnet peering create -g rg-containers -n a-to-c --vnet-name vnet-a --remote-vnet vnet-c",
            expect_exit=1)
    assert "(VnetAddressSpacesOverlap)" in r.stderr and "10.1.0.0/16" in r.stderr
    r = cli("az network vnet peering create -g rg-containers -n a-to-x --vnet-name vnet-a --remote-vnet vnet-x",
            expect_exit=1)
    assert "(InvalidResourceReference)" in r.stderr
    r = cli("az network vnet peering create -g rg-containers -n p --vnet-name vnet-a", expect_exit=2)
    assert "--remote-vnet" in r.stderr


def test_powershell_peering_allows_vnet_access_by_default(nets):
    cli = nets
    r = cli("$a = Get-AzVirtualNetwork -Name vnet-a -ResourceGroupName rg-containers\n"
            "$b = Get-AzVirtualNetwork -Name vnet-b -ResourceGroupName rg-containers\n"
            "$p = Add-AzVirtualNetworkPeering -Name a-to-b -VirtualNetwork $a -RemoteVirtualNetworkId $b.Id\n"
            "$p.PeeringState\n$p.AllowVirtualNetworkAccess\n"
            "Add-AzVirtualNetworkPeering -Name b-to-a -VirtualNetwork $b -RemoteVirtualNetworkId $a.Id "
            "-BlockVirtualNetworkAccess | Out-Null\n"
            "(Get-AzVirtualNetworkPeering -VirtualNetworkName vnet-a -ResourceGroupName rg-containers -Name a-to-b)"
            ".PeeringState\n"
            "Remove-AzVirtualNetworkPeering -VirtualNetworkName vnet-b -ResourceGroupName rg-containers -Name b-to-a "
            "-Force\n(Get-AzVirtualNetworkPeering -VirtualNetworkName vnet-a -ResourceGroupName rg-containers)"
            ".PeeringState", shell="pwsh")
    assert r.stdout.split() == ["Initiated", "True", "Connected", "Disconnected"]


def test_deleting_a_vnet_disconnects_its_peers(nets):
    cli = nets
    cli("az network vnet peering create -g rg-containers -n a-to-b --vnet-name vnet-a --remote-vnet vnet-b -o none")
    cli("az network vnet peering create -g rg-containers -n b-to-a --vnet-name vnet-b --remote-vnet vnet-a -o none")
    cli("az network vnet delete -g rg-containers -n vnet-b")
    cli("az network vnet peering show -g rg-containers -n a-to-b --vnet-name vnet-a",
        checks={"peeringState": "Disconnected"})


def test_a_refused_peering_changes_nothing(nets, lab):
    """Requests go through the resource manager (arm/providers/vnet_peerings.py): a refusal leaves the state as it
    was, including the other side's peering state."""
    import copy

    from acrlab.engine.peering import peerings

    cli = nets
    cli("az network vnet peering create -g rg-containers -n a-to-b --vnet-name vnet-a --remote-vnet vnet-b -o none")
    cli("az network vnet create -g rg-containers -n vnet-c --address-prefix 10.1.0.0/24 -o none")
    before = copy.deepcopy({k: v.model_dump() for k, v in peerings(lab.cloud).items()})
    for cmd in ("az network vnet peering create -g rg-containers -n a-to-c --vnet-name vnet-a --remote-vnet vnet-c",
                "az network vnet peering create -g rg-containers -n a-to-b2 --vnet-name vnet-a --remote-vnet vnet-b",
                "az network vnet peering create -g rg-containers -n a-to-a --vnet-name vnet-a --remote-vnet vnet-a"):
        r = cli(cmd, expect_exit=1)
        assert "VnetAddressSpacesOverlap" in r.stderr or "VnetAlreadyPeeredWithRemoteVnet" in r.stderr \
            or "CannotPeerVnetToItself" in r.stderr, r.stderr
    assert {k: v.model_dump() for k, v in peerings(lab.cloud).items()} == before
