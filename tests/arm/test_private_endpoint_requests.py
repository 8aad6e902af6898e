"""Microsoft.Network/privateEndpoints to a registry through every front end: az, PowerShell, an ARM JSON and a
Bicep deployment send the same PUT, so they make the same endpoint (subnet, connection, the NIC's addresses for the
login server and the data endpoint, an auto-approved registry connection); a refused endpoint (a Basic registry, an
unsupported group id, no group id, a target that does not exist) changes nothing and says why in each front end's
words; the caller needs subnets/join/action on the subnet, decided in the engine.

Sources: azure-rest-api-specs specification/network/resource-manager/Microsoft.Network/stable/2024-05-01/
privateEndpoint.json (PrivateEndpoints_CreateOrUpdate: subnet.id, privateLinkServiceConnections[].properties
privateLinkServiceId/groupIds); MicrosoftDocs/azure-management-docs articles/container-registry/
container-registry-private-link.md (az network private-endpoint create --group-ids registry; Premium only);
Azure/azure-powershell src/Network/Network/help/New-AzPrivateEndpoint.md and New-AzPrivateLinkServiceConnection.md."""

from __future__ import annotations

import json

import pytest

from acrlab import Lab

from .state import lab_with, refused_unchanged, shown_by_each

SETUP = ("az acr create -n peacr1 -g rg --sku Premium -o none",
         "az acr create -n basicacr1 -g rg --sku Basic -o none",
         "az network vnet create -g rg -n vnet1 --address-prefixes 10.1.0.0/16 --subnet-name apps "
         "--subnet-prefixes 10.1.0.0/24 -o none")
SUBNET = "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet1', 'apps')]"
ACR = "[resourceId('Microsoft.ContainerRegistry/registries', 'peacr1')]"


def _arm(target: str = ACR, groups: str = '["registry"]') -> str:
    pe = {"type": "Microsoft.Network/privateEndpoints", "apiVersion": "2024-05-01", "name": "pe1",
          "location": "[resourceGroup().location]", "properties": {
              "subnet": {"id": SUBNET}, "privateLinkServiceConnections": [{"name": "conn1", "properties": {
                  "privateLinkServiceId": target, "groupIds": json.loads(groups)}}]}}
    return json.dumps({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                       "contentVersion": "1.0.0.0", "resources": [pe]})


BICEP = ("resource acr 'Microsoft.ContainerRegistry/registries@2025-04-01' existing = {\n  name: 'peacr1'\n}\n"
         "resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' existing = {\n  name: 'vnet1'\n}\n"
         "resource pe 'Microsoft.Network/privateEndpoints@2024-05-01' = {\n  name: 'pe1'\n"
         "  location: resourceGroup().location\n  properties: {\n    subnet: { id: '${vnet.id}/subnets/apps' }\n"
         "    privateLinkServiceConnections: [\n      {\n        name: 'conn1'\n"
         "        properties: { privateLinkServiceId: acr.id, groupIds: [ 'registry' ] }\n      }\n    ]\n  }\n}\n")


def _az(target: str = "peacr1", groups: str = "--group-ids registry") -> str:
    return ("ID=$(az acr show -n " + target + " --query id -o tsv 2>/dev/null || echo /subscriptions/x/nope) && "
            "az network private-endpoint create -g rg -n pe1 --vnet-name vnet1 --subnet apps "
            f"--private-connection-resource-id $ID {groups} --connection-name conn1 -o none")


def _pwsh(target: str = "peacr1", groups: str = "-GroupId registry") -> str:
    return (f"$acr = Get-AzContainerRegistry -ResourceGroupName rg -Name {target}; "
            "$vnet = Get-AzVirtualNetwork -ResourceGroupName rg -Name vnet1; "
            f"$c = New-AzPrivateLinkServiceConnection -Name conn1 -PrivateLinkServiceId $acr.Id {groups}; "
            "$null = New-AzPrivateEndpoint -ResourceGroupName rg -Name pe1 -Location eastus -Subnet $vnet.Subnets[0] "
            "-PrivateLinkServiceConnection $c")


FRONT_ENDS = {"az": ("bash", _az()), "pwsh": ("pwsh", _pwsh()), "arm": ("arm", _arm()), "bicep": ("bicep", BICEP)}


def _show(lab: Lab) -> dict:
    r = lab.run("az network private-endpoint show -g rg -n pe1")
    assert r.exit_code == 0, r.stderr
    pe = r.json()
    link = pe["privateLinkServiceConnections"][0]
    conns = lab.run("az acr private-endpoint-connection list -r peacr1 --query '[].privateLinkServiceConnectionState"
                    ".status' -o tsv").stdout.split()
    return {"subnet": pe["subnet"]["id"], "location": pe["location"], "dns": pe["customDnsConfigs"],
            "link": {k: link[k] for k in ("name", "groupIds", "privateLinkServiceId", "privateLinkServiceConnectionState")},
            "registry connections": conns}


def test_every_front_end_makes_the_same_endpoint():
    shown = shown_by_each(FRONT_ENDS, _show, *SETUP)
    az = shown["az"]
    assert az["registry connections"] == ["Approved"] and az["link"]["groupIds"] == ["registry"]
    assert [c["fqdn"] for c in az["dns"]] == ["peacr1.eastus.data.azurecr.io", "peacr1.azurecr.io"]
    for kind, data in shown.items():
        assert data == az, f"{kind} differs from az"


PREMIUM = "Private endpoint connections are only supported for managed registries in Premium SKU."
GROUP = "The group id 'vault' is not supported. Supported group ids: registry."
REQUIRED = "Call to Microsoft.ContainerRegistry/registries failed. Error message: Group ID is required."


@pytest.mark.parametrize("kind,text,expected", [
    ("bash", _az(target="basicacr1"), f"ERROR: (PrivateEndpointBadRequest) Call to Microsoft.ContainerRegistry/"
                                      f"registries failed. Error message: {PREMIUM}"),
    ("bash", _az(groups="--group-ids vault"), GROUP),
    ("bash", _az(groups=""), f"ERROR: (PrivateEndpointBadRequest) {REQUIRED}"),
    ("bash", _az(target="nosuchacr"), "ERROR: (LinkedInvalidPropertyId) Property id '/subscriptions/x/nope'"),
    ("pwsh", _pwsh(target="basicacr1"), f"New-AzPrivateEndpoint: Call to Microsoft.ContainerRegistry/registries "
                                        f"failed. Error message: {PREMIUM}"),
    ("pwsh", _pwsh(groups="-GroupId vault"), GROUP),
    ("arm", _arm(groups='["vault"]'), GROUP),
    ("arm", _arm(target="[resourceId('Microsoft.ContainerRegistry/registries', 'nosuchacr')]"),
     '"code":"PrivateLinkServiceNotFound"'),
    ("bicep", BICEP.replace("'registry'", "'vault'"), GROUP),
])
def test_a_refused_endpoint_changes_nothing(kind, text, expected):
    refused_unchanged(lab_with(*SETUP), kind, text, expected)


def test_the_caller_needs_to_join_the_subnet_and_a_reader_sees_the_endpoint():
    lab = lab_with(*SETUP, _az(), "az group create -n perg -l eastus -o none",
                   "APP=$(az ad sp create-for-rbac -n netop --query appId -o tsv)",
                   "ACR=$(az acr show -n peacr1 --query id -o tsv)",
                   "az role assignment create --assignee $APP --role Reader -g rg -o none",
                   "az role assignment create --assignee $APP --role Contributor -g perg -o none",
                   "az role assignment create --assignee $APP --role Contributor --scope $ACR -o none")
    other = lab.new_session(lab.cloud.tenant.find_principal(lab.run("echo $APP").stdout.strip()))
    code, out, _ = other.run("az network private-endpoint list -g rg --query '[].name' -o tsv")
    assert (code, out.split()) == (0, ["pe1"])
    subnet = lab.run("az network vnet subnet show -g rg --vnet-name vnet1 -n apps --query id -o tsv").stdout.strip()
    create = (f"az network private-endpoint create -g perg -n pe2 --subnet {subnet} --private-connection-resource-id "
              f"{lab.cloud.find_registry('peacr1').id} --group-ids registry --connection-name c2 -o none")
    code, _, err = other.run(create)
    assert code == 1 and "Microsoft.Network/virtualNetworks/subnets/join/action" in err, err
    assert other.run("az network private-endpoint list -g perg")[1].strip() == "[]"
    assert lab.run("az role assignment create --assignee $APP --role Contributor -g rg -o none").exit_code == 0
    code, _, err = other.run(create)
    assert code == 0, err
    assert lab.run("az acr private-endpoint-connection list -r peacr1 --query 'length(@)'").stdout.strip() == "2"
    code, _, err = other.run("az network private-endpoint delete -g perg -n pe2")
    assert code == 0, err
    assert lab.run("az acr private-endpoint-connection list -r peacr1 --query 'length(@)'").stdout.strip() == "1"
