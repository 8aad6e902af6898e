"""The peering commands read the local network with its GET request before they name its peerings (azure-cli's
aaz `network vnet peering` and Get-AzVirtualNetworkPeering both address the peering under the network the caller
names; Azure/azure-powershell src/Network/Network/VirtualNetworkPeering/GetAzureVirtualNetworkPeeringCommand.cs
reads the network first): a caller who may manage peerings but not read networks is refused by Microsoft.Network's
AuthorizationFailed, in each front end's words, and a missing network is the same not-found as before."""

from __future__ import annotations

from acrlab import Lab

from .state import custom_role_principal


def _lab() -> tuple[Lab, object]:
    lab = Lab(seed=0)
    for line in ("az group create -n rg -l eastus -o none",
                 "az network vnet create -g rg -n vnet-a --address-prefix 10.1.0.0/16 -o none"):
        assert lab.run(line).exit_code == 0, line
    return lab, custom_role_principal(lab, "PeeringsOnly", ["Microsoft.Network/virtualNetworks/virtualNetworkPeerings/*",
                                                            "Microsoft.Resources/subscriptions/resourceGroups/read"],
                                      "-g rg")


def test_a_caller_who_may_not_read_the_network_is_refused():
    lab, who = _lab()
    op = lab.new_session(who)
    denied = "does not have authorization to perform action 'Microsoft.Network/virtualNetworks/read'"
    code, _, err = op.run("az network vnet peering list -g rg --vnet-name vnet-a")
    assert code == 1 and err.startswith("ERROR: (AuthorizationFailed)") and denied in err
    op.mode = "pwsh"
    code, _, err = op.run("Get-AzVirtualNetworkPeering -VirtualNetworkName vnet-a -ResourceGroupName rg")
    assert code == 1 and err.startswith("Get-AzVirtualNetworkPeering: The client") and denied in err
    assert lab.run("az network vnet peering list -g rg --vnet-name vnet-a").stdout.strip() == "[]"


def test_a_missing_network_is_not_found_in_both_front_ends():
    lab, _ = _lab()
    r = lab.run("az network vnet peering list -g rg --vnet-name nonet")
    assert r.exit_code == 3 and "(ResourceNotFound) The Resource 'Microsoft.Network/virtualNetworks/nonet' under " \
                                 "resource group 'rg' was not found." in r.stderr
    r = lab.run("Get-AzVirtualNetworkPeering -VirtualNetworkName nonet -ResourceGroupName rg", shell="pwsh")
    assert "The Resource 'Microsoft.Network/virtualNetworks/nonet' under resource group 'rg' was not found." in r.stderr
