"""Az.Aks, Az.Compute, Az.Network, Az.PrivateDns and the remaining Az.ContainerRegistry cmdlets, checked against the
same engine state az sees."""

from __future__ import annotations

import json


def ps(lab, text):
    return lab.run(text, shell="pwsh")


def ok(lab, text):
    r = ps(lab, text)
    assert r.exit_code == 0 and not r.stderr, r.stderr
    return r.stdout


def az(lab, text):
    r = lab.run(text)
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout) if r.stdout.strip() else None


def _setup(lab):
    lab.run("az group create -n rg-aks -l brazilsouth -o none\naz group create -n rg-containers -l brazilsouth -o none\n"
            "az acr create -n acrpsaks1 -g rg-containers --sku Standard -o none")


def test_aks_cluster_lifecycle_attach_detach_and_credentials(lab):
    _setup(lab)
    r = ps(lab, "New-AzAksCluster -ResourceGroupName rg-aks -Name aks1 -NodeCount 1")
    assert "Could not find SSH public key" in r.stderr and "-GenerateSshKey" in r.stderr
    out = ok(lab, "New-AzAksCluster -ResourceGroupName rg-aks -Name aks1 -NodeCount 1 -GenerateSshKey "
                  "-AcrNameToAttach acrpsaks1")
    assert "NodeResourceGroup        : MC_rg-aks_aks1_brazilsouth" in out
    assert "IdentityProfile          : {[kubeletidentity, Microsoft.Azure.Commands.Aks.Models." \
           "PSManagedClusterPropertiesIdentityProfile]}" in out
    show = az(lab, "az aks show -g rg-aks -n aks1")
    kubelet = show["identityProfile"]["kubeletidentity"]
    text = "$c = Get-AzAksCluster -ResourceGroupName rg-aks -Name aks1\n" \
           "$c.IdentityProfile.kubeletidentity.ObjectId; $c.IdentityProfile['kubeletidentity'].ClientId; $c.Fqdn"
    assert ok(lab, text).split() == [kubelet["objectId"], kubelet["clientId"], show["fqdn"]]
    roles = az(lab, f"az role assignment list --assignee {kubelet['objectId']} --all")
    assert [r["roleDefinitionName"] for r in roles] == ["AcrPull"]
    ok(lab, "Get-AzAksCluster -ResourceGroupName rg-aks -Name aks1 | Set-AzAksCluster -AcrNameToDetach acrpsaks1 | "
            "Out-Null")
    assert az(lab, f"az role assignment list --assignee {kubelet['objectId']} --all") == []
    r = ps(lab, "Set-AzAksCluster -ResourceGroupName rg-aks -Name aks1 -AcrNameToAttach nope")
    assert "Could not find specified Acr nope." in r.stderr
    r = ps(lab, "Import-AzAksCredential -ResourceGroupName rg-aks -Name aks1")
    assert "does not support user interaction" in r.stderr
    ok(lab, "Import-AzAksCredential -ResourceGroupName rg-aks -Name aks1 -Force")
    assert lab.run("kubectl config current-context").stdout.strip() == "aks1"
    assert "server: https://" in lab.run("cat ~/.kube/config").stdout
    assert ok(lab, "(Get-AzAksCluster).Count") .strip() == "1"
    r = ps(lab, "Get-AzAksCluster -ResourceGroupName rg-aks -Name nope")
    assert "Get-AzAksCluster: The Resource 'Microsoft.ContainerService/managedClusters/nope'" in r.stderr
    assert ok(lab, "Remove-AzAksCluster -ResourceGroupName rg-aks -Name aks1 -Force -PassThru").strip() == "True"
    assert az(lab, "az aks list") == []


def test_vm_create_get_identity_and_remove(lab):
    _setup(lab)
    text = ('$pw = ConvertTo-SecureString "P@ssw0rd1234!" -AsPlainText -Force\n'
            '$cred = New-Object System.Management.Automation.PSCredential ("azureuser", $pw)\n'
            "New-AzVM -ResourceGroupName rg-aks -Name vm1 -Location brazilsouth -Image Ubuntu2204 -Credential $cred "
            "-SystemAssignedIdentity | Out-Null\n"
            "(Get-AzVM -ResourceGroupName rg-aks -Name vm1).Identity.PrincipalId")
    pid = ok(lab, text).strip()
    assert pid == az(lab, "az vm show -g rg-aks -n vm1")["identity"]["principalId"]
    vnet = az(lab, "az network vnet show -g rg-aks -n vm1")
    assert vnet["addressSpace"]["addressPrefixes"] == ["192.168.0.0/16"]  # New-AzVM's simple-set defaults
    listing = ok(lab, "Get-AzVM -ResourceGroupName rg-aks")
    assert listing.split("\n")[1].split() == ["ResourceGroupName", "Name", "Location", "VmSize", "OsType", "NIC",
                                              "ProvisioningState", "Zone"]
    r = ps(lab, "New-AzVM -ResourceGroupName rg-aks -Name vm2")
    assert "missing mandatory parameters: Credential" in r.stderr
    ok(lab, "Remove-AzVM -ResourceGroupName rg-aks -Name vm1 -Force | Out-Null")
    assert az(lab, "az vm list -g rg-aks") == []


def test_vnet_subnet_configs_and_private_endpoint_to_a_registry(lab):
    _setup(lab)
    lab.run("az acr update -n acrpsaks1 --sku Premium -o none")
    text = """
$build = New-AzVirtualNetworkSubnetConfig -Name subnet-build -AddressPrefix 10.20.1.0/24
New-AzVirtualNetwork -ResourceGroupName rg-aks -Name vnet-a -Location brazilsouth -AddressPrefix 10.20.0.0/16 `
    -Subnet $build | Out-Null
$vnet = Get-AzVirtualNetwork -ResourceGroupName rg-aks -Name vnet-a
Add-AzVirtualNetworkSubnetConfig -Name subnet-pe -VirtualNetwork $vnet -AddressPrefix 10.20.2.0/24 |
    Set-AzVirtualNetwork | Out-Null
$vnet = Get-AzVirtualNetwork -ResourceGroupName rg-aks -Name vnet-a
$subnet = Get-AzVirtualNetworkSubnetConfig -Name subnet-pe -VirtualNetwork $vnet
$acr = Get-AzContainerRegistry -ResourceGroupName rg-containers -Name acrpsaks1
$conn = New-AzPrivateLinkServiceConnection -Name conn1 -PrivateLinkServiceId $acr.Id -GroupId registry
$pe = New-AzPrivateEndpoint -ResourceGroupName rg-aks -Name pe1 -Location brazilsouth -Subnet $subnet `
    -PrivateLinkServiceConnection $conn
$pe.PrivateLinkServiceConnections[0].PrivateLinkServiceConnectionState.Status
$zone = New-AzPrivateDnsZone -ResourceGroupName rg-aks -Name privatelink.azurecr.io
New-AzPrivateDnsVirtualNetworkLink -ResourceGroupName rg-aks -ZoneName privatelink.azurecr.io -Name l1 `
    -VirtualNetwork $vnet | Out-Null
$cfg = New-AzPrivateDnsZoneConfig -Name privatelink.azurecr.io -PrivateDnsZoneId $zone.ResourceId
$group = New-AzPrivateDnsZoneGroup -ResourceGroupName rg-aks -PrivateEndpointName pe1 -Name default `
    -PrivateDnsZoneConfig $cfg
$group.PrivateDnsZoneConfigs[0].RecordSets.Count
"""
    assert ok(lab, text).split() == ["Approved", "2"]
    vnet = az(lab, "az network vnet show -g rg-aks -n vnet-a")
    assert [(s["name"], s["addressPrefix"]) for s in vnet["subnets"]] == [("subnet-build", "10.20.1.0/24"),
                                                                          ("subnet-pe", "10.20.2.0/24")]
    conns = az(lab, "az acr private-endpoint-connection list -r acrpsaks1")
    assert [c["privateLinkServiceConnectionState"]["status"] for c in conns] == ["Approved"]
    records = az(lab, "az network private-dns record-set a list -g rg-aks -z privatelink.azurecr.io")
    assert {r["name"] for r in records} == {"acrpsaks1", "acrpsaks1.brazilsouth.data"}
    out = ok(lab, "Get-AzVirtualNetwork -ResourceGroupName rg-aks -Name vnet-a")
    assert 'AddressSpace           : {\n                           "AddressPrefixes": [' in out
    r = ps(lab, "$c = New-AzPrivateLinkServiceConnection -Name c -PrivateLinkServiceId $acr.Id -GroupId nope\n"
                "$v = Get-AzVirtualNetwork -ResourceGroupName rg-aks -Name vnet-a\n"
                "New-AzPrivateEndpoint -ResourceGroupName rg-aks -Name pe2 -Location brazilsouth "
                "-Subnet $v.Subnets[1] -PrivateLinkServiceConnection $c")
    assert "The group id 'nope' is not supported" in r.stderr
    assert ok(lab, "Remove-AzPrivateEndpoint -ResourceGroupName rg-aks -Name pe1 -Force -PassThru").strip() == "True"
    assert az(lab, "az acr private-endpoint-connection list -r acrpsaks1") == []


def test_webhook_ping_events_and_ip_rules(lab):
    _setup(lab)
    lab.run("az acr update -n acrpsaks1 --sku Premium -o none")
    ok(lab, "New-AzContainerRegistryWebhook -ResourceGroupName rg-containers -RegistryName acrpsaks1 -Name hook1 "
            "-Uri https://example.com/h -Action push | Out-Null")
    text = ("$p = Test-AzContainerRegistryWebhook -ResourceGroupName rg-containers -RegistryName acrpsaks1 -Name hook1\n"
            "$e = Get-AzContainerRegistryWebhookEvent -ResourceGroupName rg-containers -RegistryName acrpsaks1 "
            "-WebhookName hook1\n$e.Id -eq $p.Id; $e.ContentAction")
    assert ok(lab, text).split() == ["True", "ping"]
    assert az(lab, "az acr webhook list-events -r acrpsaks1 -n hook1")[0]["eventRequestMessage"]["content"][
        "action"] == "ping"
    ok(lab, "$r = New-AzContainerRegistryIPRuleObject -IPAddressOrRange 203.0.113.0/24 -Action Allow\n"
            "Update-AzContainerRegistry -ResourceGroupName rg-containers -Name acrpsaks1 -NetworkRuleSetIPRule $r "
            "-NetworkRuleSetDefaultAction Deny | Out-Null")
    rules = az(lab, "az acr network-rule list -n acrpsaks1")
    assert [r["ipAddressOrRange"] for r in rules["ipRules"]] == ["203.0.113.0/24"]
    r = ps(lab, "Update-AzContainerRegistry -ResourceGroupName rg-containers -Name acrpsaks1 -NetworkRuleSetIPRule "
                "(New-AzContainerRegistryIPRuleObject -IPAddressOrRange nope)")
    assert "The IP address or range 'nope' is invalid." in r.stderr
