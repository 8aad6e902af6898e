"""Private DNS children through the resource manager: a zone's virtual network links and A record sets, and a
private endpoint's DNS zone groups, made by az, PowerShell, an ARM JSON template or Bicep, are the same resources
because each front end sends the same request; a refused request (an unknown network, a second link of one network,
a bad address, a zone that is not the registry's, a caller without the linked join permission) changes nothing and
reads in each front end's own words.

Sources: azure-rest-api-specs specification/privatedns/resource-manager/Microsoft.Network/stable/2024-06-01/
privatedns.json (VirtualNetworkLinks_CreateOrUpdate, RecordSets_CreateOrUpdate with If-None-Match) and
specification/network/resource-manager/Microsoft.Network/stable/2024-05-01/privateEndpoint.json
(PrivateDnsZoneGroups_CreateOrUpdate); Azure/azure-cli src/azure-cli/azure/cli/command_modules/privatedns/operations/
latest/network/private_dns/link/vnet/_create.py (If-None-Match: *, location global, the network's id built in the
zone's group) and privatedns/custom.py _privatedns_add_save_record (GET, add, PUT; TTL 3600 for a new set); the
"Virtual network resource not found" text: Azure/azure-cli issue 23351; Azure/azure-powershell
src/PrivateDns/PrivateDns/help/New-AzPrivateDnsVirtualNetworkLink.md, New-AzPrivateDnsRecordSet.md,
src/Network/Network/help/New-AzPrivateDnsZoneGroup.md."""

from __future__ import annotations

import json

import pytest

from .state import lab_with, refused_unchanged, shown_by_each, tenant_state

ZONE = "privatelink.azurecr.io"
NET = ["az network vnet create -g rg -n vnet1 --address-prefixes 10.1.0.0/16 --subnet-name apps "
       "--subnet-prefixes 10.1.0.0/24 -o none", f"az network private-dns zone create -g rg -n {ZONE} -o none"]
ENDPOINT = [*NET, "az acr create -n dnsreq01 -g rg --sku Premium -o none",
            "ACR=$(az acr show -n dnsreq01 --query id -o tsv)",
            "az network private-endpoint create -g rg -n pe1 --vnet-name vnet1 --subnet apps "
            "--private-connection-resource-id $ACR --group-ids registry --connection-name c1 -o none"]


def _template(*resources: dict) -> str:
    return json.dumps({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                       "contentVersion": "1.0.0.0", "resources": list(resources)})


LINK = {"type": "Microsoft.Network/privateDnsZones/virtualNetworkLinks", "apiVersion": "2024-06-01",
        "name": f"{ZONE}/lk", "location": "global", "properties": {
            "registrationEnabled": False,
            "virtualNetwork": {"id": "[resourceId('Microsoft.Network/virtualNetworks', 'vnet1')]"}}}
RECORDS = {"type": "Microsoft.Network/privateDnsZones/A", "apiVersion": "2024-06-01", "name": f"{ZONE}/app",
           "properties": {"ttl": 3600, "aRecords": [{"ipv4Address": "10.1.0.40"}, {"ipv4Address": "10.1.0.41"}]}}
BICEP = (f"resource zone 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {{\n  name: '{ZONE}'\n}}\n"
         "resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' existing = {\n  name: 'vnet1'\n}\n"
         "resource link 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {\n  parent: zone\n"
         "  name: 'lk'\n  location: 'global'\n  properties: {\n    registrationEnabled: false\n"
         "    virtualNetwork: { id: vnet.id }\n  }\n}\n"
         "resource app 'Microsoft.Network/privateDnsZones/A@2024-06-01' = {\n  parent: zone\n  name: 'app'\n"
         "  properties: {\n    ttl: 3600\n    aRecords: [\n      { ipv4Address: '10.1.0.40' }\n"
         "      { ipv4Address: '10.1.0.41' }\n    ]\n  }\n}\n")
CHILDREN = {
    "az": ("bash", f"az network private-dns link vnet create -g rg -z {ZONE} -n lk -v vnet1 -e false -o none && "
                   f"az network private-dns record-set a add-record -g rg -z {ZONE} -n app -a 10.1.0.40 -o none && "
                   f"az network private-dns record-set a add-record -g rg -z {ZONE} -n app -a 10.1.0.41 -o none"),
    "pwsh": ("pwsh", "$v = Get-AzVirtualNetwork -Name vnet1 -ResourceGroupName rg; "
                     f"$null = New-AzPrivateDnsVirtualNetworkLink -ResourceGroupName rg -ZoneName {ZONE} -Name lk "
                     "-VirtualNetworkId $v.Id; "
                     "$r = @((New-AzPrivateDnsRecordConfig -Ipv4Address 10.1.0.40), "
                     "(New-AzPrivateDnsRecordConfig -Ipv4Address 10.1.0.41)); "
                     f"$null = New-AzPrivateDnsRecordSet -Name app -RecordType A -ZoneName {ZONE} "
                     "-ResourceGroupName rg -Ttl 3600 -PrivateDnsRecords $r"),
    "arm": ("arm", _template(LINK, RECORDS)),
    "bicep": ("bicep", BICEP),
}


def _children(lab) -> dict:
    def show(text: str) -> dict:
        r = lab.run(text)
        assert r.exit_code == 0, r.stderr
        return {k: v for k, v in r.json().items() if k != "etag"}
    return {"link": show(f"az network private-dns link vnet show -g rg -z {ZONE} -n lk"),
            "records": show(f"az network private-dns record-set a show -g rg -z {ZONE} -n app"),
            "zone": show(f"az network private-dns zone show -g rg -n {ZONE}")}


def test_every_front_end_makes_the_same_links_and_record_sets():
    results = shown_by_each(CHILDREN, _children, *NET)
    shown = results["az"]
    assert shown["link"]["virtualNetwork"]["id"].endswith("/virtualNetworks/vnet1")
    assert [r["ipv4Address"] for r in shown["records"]["aRecords"]] == ["10.1.0.40", "10.1.0.41"]
    assert shown["records"]["ttl"] == 3600
    assert (shown["zone"]["numberOfRecordSets"], shown["zone"]["numberOfVirtualNetworkLinks"]) == (2, 1)
    for kind, data in results.items():
        assert data == shown, f"{kind} differs from az"


GROUP = {"type": "Microsoft.Network/privateEndpoints/privateDnsZoneGroups", "apiVersion": "2024-05-01",
         "name": "pe1/default", "properties": {"privateDnsZoneConfigs": [{"name": "reg", "properties": {
             "privateDnsZoneId": f"[resourceId('Microsoft.Network/privateDnsZones', '{ZONE}')]"}}]}}
GROUPS = {
    "az": ("bash", "az network private-endpoint dns-zone-group create --endpoint-name pe1 -g rg -n default "
                   f"--zone-name reg --private-dns-zone {ZONE} -o none"),
    "pwsh": ("pwsh", f"$z = Get-AzPrivateDnsZone -ResourceGroupName rg -Name {ZONE}; "
                     "$c = New-AzPrivateDnsZoneConfig -Name reg -PrivateDnsZoneId $z.ResourceId; "
                     "$null = New-AzPrivateDnsZoneGroup -ResourceGroupName rg -PrivateEndpointName pe1 -Name default "
                     "-PrivateDnsZoneConfig $c"),
    "arm": ("arm", _template(GROUP)),
}


def _groups(lab) -> dict:
    groups = lab.run("az network private-endpoint dns-zone-group list --endpoint-name pe1 -g rg").json()
    records = lab.run(f"az network private-dns record-set a list -g rg -z {ZONE} --query '[].[name,ttl,aRecords]'")
    return {"groups": [{k: v for k, v in g.items() if k != "etag"} for g in groups], "records": records.json()}


def test_every_front_end_makes_the_same_zone_group_and_its_records():
    results = shown_by_each(GROUPS, _groups, *ENDPOINT)
    shown = results["az"]
    assert [(name, ttl) for name, ttl, _ in shown["records"]] == [("dnsreq01", 10), ("dnsreq01.eastus.data", 10)]
    assert [c["name"] for c in shown["groups"][0]["privateDnsZoneConfigs"]] == ["reg"]
    for kind, data in results.items():
        assert data == shown, f"{kind} differs from az"


def test_deleting_a_link_that_is_not_there_is_no_error():
    """azure-cli privatedns/tests/latest/recordings/test_DeleteLink_LinkNotExists_ExpectNoError.yaml: the DELETE of a
    missing link answers 204 and az prints nothing."""
    lab = lab_with(*NET)
    r = lab.run(f"az network private-dns link vnet delete -g rg -z {ZONE} -n nolink --yes")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", "")


def test_deleting_the_group_or_the_endpoint_takes_its_records_along():
    lab = lab_with(*ENDPOINT, GROUPS["az"][1])
    r = lab.run("Remove-AzPrivateDnsZoneGroup -ResourceGroupName rg -PrivateEndpointName pe1 -Name default -Force",
                shell="pwsh")
    assert not r.stderr.strip(), r.stderr
    assert lab.run(f"az network private-dns record-set a list -g rg -z {ZONE}").json() == []
    assert lab.run(GROUPS["az"][1]).exit_code == 0
    assert lab.run("az network private-endpoint delete -g rg -n pe1").exit_code == 0
    assert lab.run(f"az network private-dns record-set a list -g rg -z {ZONE}").json() == []


REFUSALS = [
    ("bash", f"az network private-dns link vnet create -g rg -z {ZONE} -n lk2 -v nov -e false",
     "ERROR: (BadRequest) Virtual network resource not found for '/subscriptions/"),
    ("pwsh", f"New-AzPrivateDnsVirtualNetworkLink -ResourceGroupName rg -ZoneName {ZONE} -Name lk2 -VirtualNetworkId "
             "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/"
             "virtualNetworks/nov", "Virtual network resource not found for '/subscriptions/"),
    ("bash", f"az network private-dns link vnet create -g rg -z {ZONE} -n lk -v vnet1 -e false",
     "ERROR: (PreconditionFailed) The virtual network link lk exists already."),
    ("arm", _template({**LINK, "name": f"{ZONE}/lk2"}),
     "A virtual network cannot be linked to the same private DNS zone more than once."),
    ("bash", f"az network private-dns record-set a add-record -g rg -z {ZONE} -n app -a 10.1.0.400",
     "ERROR: (BadRequest) The A record '10.1.0.400' of record set 'app' is not a valid IPv4 address."),
    ("bash", f"az network private-dns record-set a create -g rg -z {ZONE} -n app",
     "ERROR: (PreconditionFailed) The Record set app exists already."),
    ("pwsh", f"New-AzPrivateDnsRecordSet -Name app -RecordType A -ZoneName {ZONE} -ResourceGroupName rg -Ttl 60",
     "The Record set app exists already."),
    ("bash", "az network private-endpoint dns-zone-group create --endpoint-name pe1 -g rg -n default --zone-name z "
             "--private-dns-zone nosuchzone.io", "ERROR: (InvalidPrivateDnsZoneIds) Private DNS zone '/subscriptions/"),
    ("bash", "az network private-dns zone create -g rg -n contoso.internal -o none && az network private-endpoint "
             "dns-zone-group create --endpoint-name pe1 -g rg -n default --zone-name z --private-dns-zone "
             "contoso.internal", "Private DNS zone contoso.internal is not valid for group id 'registry'"),
]


@pytest.mark.parametrize(("shell", "text", "expected"), REFUSALS)
def test_a_refused_request_changes_nothing(shell, text, expected):
    lab = lab_with(*ENDPOINT, CHILDREN["az"][1])
    if "contoso.internal" in text:  # the zone is made first; only the group's refusal is judged
        setup, _, text = text.partition(" && ")
        assert lab.run(setup).exit_code == 0
    refused_unchanged(lab, shell, text, expected)


ROLE = json.dumps({"Name": "DnsOperator", "Actions": [
    "Microsoft.Network/privateDnsZones/read", "Microsoft.Network/privateDnsZones/virtualNetworkLinks/*",
    "Microsoft.Network/privateDnsZones/A/*", "Microsoft.Network/privateEndpoints/*",
    "Microsoft.Network/virtualNetworks/read"], "AssignableScopes": ["/subscriptions/SUB"]})


def test_the_engine_checks_the_linked_join_permissions():
    """A caller who may write links, record sets and zone groups but not join the network or the zone cannot link
    the network, nor put the endpoint's records into the zone (the linked checks Microsoft.Network makes)."""
    lab = lab_with(*ENDPOINT, "SUB=$(az account show --query id -o tsv)",
                   f"az role definition create --role-definition \"$(echo '{ROLE}' | sed s/SUB/$SUB/)\" -o none",
                   "APP=$(az ad sp create-for-rbac -n dnsop --query appId -o tsv)",
                   "az role assignment create --assignee $APP --role DnsOperator -g rg -o none")
    op = lab.new_session(lab.cloud.tenant.find_principal(lab.run("echo $APP").stdout.strip()))
    before = tenant_state(lab)
    code, _, err = op.run(f"az network private-dns link vnet create -g rg -z {ZONE} -n lk -v vnet1 -e false")
    assert code == 1 and "(AuthorizationFailed)" in err and "Microsoft.Network/virtualNetworks/join/action" in err
    code, _, err = op.run(GROUPS["az"][1])
    assert code == 1 and "(AuthorizationFailed)" in err and "Microsoft.Network/privateDnsZones/join/action" in err
    assert tenant_state(lab) == before
    code, out, err = op.run(f"az network private-dns record-set a add-record -g rg -z {ZONE} -n app -a 10.1.0.9 "
                            "--query ttl")
    assert (code, out.strip()) == (0, "3600"), err
