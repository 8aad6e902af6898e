"""Microsoft.Network virtualNetworks and subnets through every front end: a network with two subnets made by az,
PowerShell, an ARM JSON template or Bicep is the same resource, because each sends the same PUT; a refused network
(a subnet outside the space, overlapping, not in CIDR form) is refused whole and changes nothing, where before a
cmdlet left the network without its subnets; a subnet that holds a private endpoint cannot be removed.

Sources: azure-rest-api-specs specification/network/resource-manager/Microsoft.Network/stable/2024-05-01/
virtualNetwork.json (VirtualNetworks_CreateOrUpdate with `subnets`, Subnets_CreateOrUpdate); az flags: Azure/azure-cli
src/azure-cli/azure/cli/command_modules/network/aaz/latest/network/vnet/_create.py; cmdlets: Azure/azure-powershell
src/Network/Network/help/New-AzVirtualNetwork.md and Set-AzVirtualNetwork.md."""

from __future__ import annotations

import json

import pytest

from acrlab import Lab

from .state import lab_with, send_from, shown_by_each, tenant_state

VNET = "Microsoft.Network/virtualNetworks"


def _arm(one: str = "10.1.0.0/24", two: str = "10.1.1.0/24", space: str = "10.1.0.0/16") -> str:
    subnets = [{"name": "apps", "properties": {"addressPrefix": one}},
               {"name": "data", "properties": {"addressPrefix": two, "privateEndpointNetworkPolicies": "Disabled"}}]
    vnet = {"type": VNET, "apiVersion": "2024-05-01", "name": "vnet1", "location": "[resourceGroup().location]",
            "tags": {"team": "a"}, "properties": {"addressSpace": {"addressPrefixes": [space]}, "subnets": subnets}}
    return json.dumps({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                       "contentVersion": "1.0.0.0", "resources": [vnet]})


BICEP = ("resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: 'vnet1'\n"
         "  location: resourceGroup().location\n  tags: { team: 'a' }\n  properties: {\n"
         "    addressSpace: { addressPrefixes: [ '10.1.0.0/16' ] }\n    subnets: [\n"
         "      { name: 'apps', properties: { addressPrefix: '10.1.0.0/24' } }\n"
         "      { name: 'data', properties: { addressPrefix: '10.1.1.0/24' } }\n    ]\n  }\n}\n")


def _pwsh(one: str = "10.1.0.0/24", two: str = "10.1.1.0/24") -> str:
    return (f"$a = New-AzVirtualNetworkSubnetConfig -Name apps -AddressPrefix {one}; "
            f"$b = New-AzVirtualNetworkSubnetConfig -Name data -AddressPrefix {two}; "
            "$null = New-AzVirtualNetwork -Name vnet1 -ResourceGroupName rg -Location eastus -AddressPrefix "
            "10.1.0.0/16 -Subnet $a,$b -Tag @{team='a'}")


FRONT_ENDS = {
    "az": ("bash", "az network vnet create -g rg -n vnet1 --address-prefixes 10.1.0.0/16 --subnet-name apps "
                   "--subnet-prefixes 10.1.0.0/24 --tags team=a -o none && az network vnet subnet create -g rg "
                   "--vnet-name vnet1 -n data --address-prefixes 10.1.1.0/24 -o none"),
    "pwsh": ("pwsh", _pwsh()),
    "arm": ("arm", _arm()),
    "bicep": ("bicep", BICEP),
}


def _show(lab: Lab) -> dict:
    r = lab.run("az network vnet show -g rg -n vnet1")
    assert r.exit_code == 0, r.stderr
    shown = {k: v for k, v in r.json().items() if k not in ("etag", "resourceGuid")}
    shown["subnets"] = [{k: v for k, v in s.items() if k != "etag"} for s in shown["subnets"]]
    return shown


def test_every_front_end_makes_the_same_network():
    results = shown_by_each(FRONT_ENDS, _show)
    shown = results["az"]
    assert [(s["name"], s["addressPrefix"]) for s in shown["subnets"]] == [("apps", "10.1.0.0/24"),
                                                                          ("data", "10.1.1.0/24")]
    assert shown["tags"] == {"team": "a"} and shown["addressSpace"]["addressPrefixes"] == ["10.1.0.0/16"]
    for kind, data in results.items():
        assert data == shown, f"{kind} differs from az"


OUTSIDE = "Subnet 'data' is not valid because its IP address range is outside the IP address range of virtual " \
          "network 'vnet1'."
OVERLAP = "Subnet 'data' is not valid in virtual network 'vnet1'. IP address range 10.1.0.128/25 overlaps with " \
          "subnet 'apps'."
REFUSALS = [
    ("pwsh", _pwsh(two="10.1.0.128/25"), OVERLAP),
    ("pwsh", _pwsh(two="10.9.0.0/24"), OUTSIDE),
    ("arm", _arm(two="10.1.0.128/25"), OVERLAP),
    ("bicep", BICEP.replace("10.1.1.0/24", "10.9.0.0/24"), OUTSIDE),
    ("arm", _arm(space="10.1.0.1/16"), "Address prefix 10.1.0.1/16 is not formatted correctly."),
    ("bash", "az network vnet create -g rg -n vnet1 --address-prefixes 10.1.0.0/16 --subnet-name apps "
             "--subnet-prefixes 10.2.0.0/24", "ERROR: (NetcfgSubnetRangeOutsideVnet) Subnet 'apps' is not valid"),
]


@pytest.mark.parametrize(("shell", "text", "expected"), REFUSALS)
def test_a_refused_network_is_refused_whole(shell, text, expected):
    lab = lab_with()
    before = tenant_state(lab)
    r = send_from(lab, shell, text)
    assert (r.exit_code != 0 or r.stderr.strip()) and expected in r.stderr, r.stderr
    assert tenant_state(lab) == before
    assert lab.run("az network vnet list -g rg").json() == []


def test_a_subnet_in_use_stays_and_set_replaces_the_rest():
    lab = lab_with(FRONT_ENDS["az"][1], "az acr create -n netdiff01 -g rg --sku Premium -o none",
               "ACR=$(az acr show -n netdiff01 --query id -o tsv)",
               "az network private-endpoint create -g rg -n pe1 --vnet-name vnet1 --subnet data "
               "--private-connection-resource-id $ACR --group-ids registry --connection-name c1 -o none")
    before = tenant_state(lab)
    drop_data = ("$v = Get-AzVirtualNetwork -Name vnet1 -ResourceGroupName rg; "
                 "$v.Subnets = @($v.Subnets | Where-Object Name -ne 'data'); $null = $v | Set-AzVirtualNetwork")
    r = lab.run(drop_data, shell="pwsh")
    assert "Subnet data is in use by other resources and cannot be deleted." in r.stderr
    r = lab.run("az network vnet delete -g rg -n vnet1")
    assert r.exit_code == 1 and "(InUseSubnetCannotBeDeleted)" in r.stderr
    assert tenant_state(lab) == before
    drop_apps = ("$v = Get-AzVirtualNetwork -Name vnet1 -ResourceGroupName rg; "
                 "$v.Subnets = @($v.Subnets | Where-Object Name -ne 'apps'); $null = $v | Set-AzVirtualNetwork")
    r = lab.run(drop_apps, shell="pwsh")
    assert not r.stderr.strip(), r.stderr
    assert [s["name"] for s in lab.run("az network vnet subnet list -g rg --vnet-name vnet1").json()] == ["data"]


ZONE = "privatelink.azurecr.io"
ZONE_FRONT_ENDS = {
    "az": ("bash", f"az network private-dns zone create -g rg -n {ZONE} -o none"),
    "pwsh": ("pwsh", f"$null = New-AzPrivateDnsZone -ResourceGroupName rg -Name {ZONE}"),
    "arm": ("arm", json.dumps({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate"
                                          ".json#", "contentVersion": "1.0.0.0",
                               "resources": [{"type": "Microsoft.Network/privateDnsZones", "apiVersion": "2024-06-01",
                                              "name": ZONE, "location": "global"}]})),
    "bicep": ("bicep", f"resource zone 'Microsoft.Network/privateDnsZones@2024-06-01' = {{\n  name: '{ZONE}'\n"
                       "  location: 'global'\n}\n"),
}


def test_every_front_end_makes_the_same_private_dns_zone():
    """Source: azure-rest-api-specs specification/privatedns/resource-manager/Microsoft.Network/stable/2024-06-01/
    privatedns.json (PrivateZones_CreateOrUpdate, If-None-Match; PrivateZones_Delete)."""
    def show(lab: Lab) -> dict:
        return {k: v for k, v in lab.run(f"az network private-dns zone show -g rg -n {ZONE}").json().items()
                if k != "etag"}
    results = shown_by_each(ZONE_FRONT_ENDS, show)
    assert results["az"]["location"] == "global" and results["az"]["numberOfRecordSets"] == 1
    for kind, data in results.items():
        assert data == results["az"], f"{kind} differs from az"


@pytest.mark.parametrize(("shell", "text", "expected"), [
    ("bash", f"az network private-dns zone create -g rg -n {ZONE}",
     f"ERROR: (PreconditionFailed) The Zone {ZONE} exists already."),
    ("pwsh", f"New-AzPrivateDnsZone -ResourceGroupName rg -Name {ZONE}", f"The Zone {ZONE} exists already."),
    ("bash", f"az network private-dns zone delete -g rg -n {ZONE} --yes",
     "ERROR: (CannotDeleteResource) Can not delete resource before nested resources are deleted."),
])
def test_a_zone_is_created_once_and_deleted_after_its_links(shell, text, expected):
    lab = lab_with(FRONT_ENDS["az"][1], ZONE_FRONT_ENDS["az"][1],
                   f"az network private-dns link vnet create -g rg -z {ZONE} -n lk -v vnet1 -e false -o none")
    before = tenant_state(lab)
    r = send_from(lab, shell, text)
    assert (r.exit_code != 0 or r.stderr.strip()) and expected in r.stderr, r.stderr
    assert tenant_state(lab) == before
