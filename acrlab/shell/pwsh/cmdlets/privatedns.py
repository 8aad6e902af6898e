"""Az.PrivateDns zones and virtual network links, and Az.Network's private DNS zone groups of a private endpoint:
each cmdlet sends the resource manager's request (record sets: privatedns_records.py)."""

from __future__ import annotations

from ....engine import network, privatedns
from ....engine.arm import send
from ..values import Hashtable, PSObject, as_list, to_str
from .base import Param, cmdlet
from .containerregistry import engine_call
from .network import PROFILE, net_obj
from .network import M as NET_MODELS

MOD = "Az.PrivateDns"
M = "Microsoft.Azure.Commands.PrivateDns.Models"


def zone_obj(z: privatedns.PrivateDnsZone) -> PSObject:
    return PSObject(f"{M}.PSPrivateDnsZone", {
        "Name": z.name, "ResourceId": z.id, "ResourceGroupName": z.resource_group, "Etag": z.etag, "Tags": Hashtable(),
        "NumberOfRecordSets": 1 + len(z.a_records), "MaxNumberOfRecordSets": 25000,
        "NumberOfVirtualNetworkLinks": len(z.links), "MaxNumberOfVirtualNetworkLinks": 1000,
        "NumberOfVirtualNetworkLinksWithRegistration": sum(1 for v in z.registration.values() if v),
        "MaxNumberOfVirtualNetworkLinksWithRegistration": 100}, view="list", to_string=f"{M}.PSPrivateDnsZone")


def link_obj(link: privatedns.VnetLink) -> PSObject:
    z, name = link.zone, link.name
    return PSObject(f"{M}.PSPrivateDnsVirtualNetworkLink", {
        "Name": name, "ResourceId": link.id, "ResourceGroupName": z.resource_group,
        "ZoneName": z.name, "VirtualNetworkId": z.links[name], "Etag": z.etag, "Tags": Hashtable(),
        "RegistrationEnabled": z.registration.get(name, False), "VirtualNetworkLinkState": "Completed",
        "ProvisioningState": "Succeeded"}, view="list", to_string=f"{M}.PSPrivateDnsVirtualNetworkLink")


@cmdlet("New-AzPrivateDnsZone", [
    Param("Name", "string", "The name of the zone to create (without a terminating dot).", mandatory=True),
    Param("ResourceGroupName", "string", "Specifies the resource group in which to create the zone.",
          mandatory=True),
    Param("Tag", "hashtable", "A hash table which represents resource tags.", aliases=("Tags",)), PROFILE,
], "Creates a new Private DNS zone.", module=MOD, should_process=True, outputs=f"{M}.PSPrivateDnsZone",
    examples=[("Create a private DNS zone", "New-AzPrivateDnsZone -Name privatelink.azurecr.io -ResourceGroupName "
                                            "MyResourceGroup")])
def new_zone(ctx, a, items):
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Create" on target "{a.Name}".')
        return None
    return zone_obj(engine_call(send, ctx.cloud, ctx.principal, "PUT", _zone_id(ctx, a.ResourceGroupName, a.Name),
                                {"location": "global", "tags": {to_str(k): to_str(v) for k, v in (a.Tag or {}).items()}},
                                if_none_match=True).resource)


def _zone_id(ctx, rg: str, name: str = "") -> str:
    return f"{ctx.subscription.id}/resourceGroups/{rg}/providers/{network.NET}/privateDnsZones" + \
        (f"/{name}" if name else "")


def _zone(ctx, rg: str, name: str) -> privatedns.PrivateDnsZone:
    return engine_call(send, ctx.cloud, ctx.principal, "GET", _zone_id(ctx, rg, name)).resource


@cmdlet("Get-AzPrivateDnsZone", [
    Param("Name", "string", "The full name of the zone (without a terminating dot)."),
    Param("ResourceGroupName", "string", "The resource group in which the zone exists."), PROFILE,
], "Gets a Private DNS zone.", module=MOD, outputs=f"{M}.PSPrivateDnsZone",
    examples=[("Get a zone", "Get-AzPrivateDnsZone -ResourceGroupName MyResourceGroup -Name privatelink.azurecr.io")])
def get_zone(ctx, a, items):
    ctx.require_login()
    if a.Name and a.ResourceGroupName:
        return zone_obj(_zone(ctx, a.ResourceGroupName, a.Name))
    where = _zone_id(ctx, a.ResourceGroupName) if a.ResourceGroupName else \
        f"{ctx.subscription.id}/providers/{network.NET}/privateDnsZones"
    listed = engine_call(send, ctx.cloud, ctx.principal, "GET", where).resources
    return [zone_obj(z) for z in sorted(listed, key=lambda z: z.name) if not a.Name or z.name == a.Name.lower()]


@cmdlet("New-AzPrivateDnsVirtualNetworkLink", [
    Param("ResourceGroupName", "string", "The resource group in which to create the virtual network link.",
          mandatory=True),
    Param("ZoneName", "string", "The Private DNS zone name in which to create the virtual network link.",
          mandatory=True),
    Param("Name", "string", "The name of the virtual network link.", aliases=("LinkName",), mandatory=True),
    Param("VirtualNetworkId", "string", "The resource id of the virtual network.",
          sets=("VirtualNetworkId",), mandatory=True),
    Param("VirtualNetwork", "object", "The virtual network object.", sets=("VirtualNetworkObject",), mandatory=True),
    Param("EnableRegistration", "switch", "Enable auto-registration of virtual machine records in the zone."),
    Param("Tag", "hashtable", "A hash table which represents resource tags.", aliases=("Tags",)), PROFILE,
], "Creates a new virtual network link associated with a Private DNS zone.", module=MOD, should_process=True,
    sets=["VirtualNetworkId", "VirtualNetworkObject"], default_set="VirtualNetworkId",
    outputs=f"{M}.PSPrivateDnsVirtualNetworkLink",
    examples=[("Link a VNet", "New-AzPrivateDnsVirtualNetworkLink -ZoneName privatelink.azurecr.io -ResourceGroupName "
                              "MyResourceGroup -Name mylink -VirtualNetworkId $vnet.Id")])
def new_link(ctx, a, items):
    """Az.PrivateDns New-AzPrivateDnsVirtualNetworkLink: a PUT with If-None-Match: * (a link name must be new)."""
    rid = a.VirtualNetworkId if a.VirtualNetworkId else to_str(a.VirtualNetwork.get("Id")) \
        if isinstance(a.VirtualNetwork, PSObject) else ""
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Create" on target "{a.Name}".')
        return None
    body = {"location": "global", "tags": {to_str(k): to_str(v) for k, v in (a.Tag or {}).items()},
            "properties": {"registrationEnabled": bool(a.EnableRegistration), "virtualNetwork": {"id": rid}}}
    return link_obj(engine_call(send, ctx.cloud, ctx.principal, "PUT", _link_id(ctx, a, a.Name), body,
                                if_none_match=True).resource)


def _link_id(ctx, a, name: str | None) -> str:
    return f"{_zone_id(ctx, a.ResourceGroupName, a.ZoneName)}/virtualNetworkLinks" + (f"/{name}" if name else "")


@cmdlet("Get-AzPrivateDnsVirtualNetworkLink", [
    Param("ResourceGroupName", "string", "The resource group in which the zone exists.", mandatory=True),
    Param("ZoneName", "string", "The Private DNS zone name.", mandatory=True),
    Param("Name", "string", "The name of the virtual network link.", aliases=("LinkName",)), PROFILE,
], "Gets a virtual network link associated with a Private DNS zone.", module=MOD,
    outputs=f"{M}.PSPrivateDnsVirtualNetworkLink",
    examples=[("Links of a zone", "Get-AzPrivateDnsVirtualNetworkLink -ResourceGroupName MyResourceGroup -ZoneName "
                                  "privatelink.azurecr.io")])
def get_link(ctx, a, items):
    response = engine_call(send, ctx.cloud, ctx.principal, "GET", _link_id(ctx, a, a.Name))
    return link_obj(response.resource) if a.Name else [link_obj(x) for x in response.resources]


@cmdlet("Remove-AzPrivateDnsVirtualNetworkLink", [
    Param("ResourceGroupName", "string", "The resource group in which the zone exists.", mandatory=True),
    Param("ZoneName", "string", "The Private DNS zone name.", mandatory=True),
    Param("Name", "string", "The name of the virtual network link.", aliases=("LinkName",), mandatory=True),
    Param("PassThru", "switch", "Return $true when the link was removed."), PROFILE,
], "Removes a virtual network link associated with a Private DNS zone.", module=MOD, should_process=True,
    examples=[("Remove a link", "Remove-AzPrivateDnsVirtualNetworkLink -ResourceGroupName MyResourceGroup -ZoneName "
                                "privatelink.azurecr.io -Name mylink")])
def remove_link(ctx, a, items):
    return send_delete(ctx, a, "Remove", _link_id(ctx, a, a.Name))


def send_delete(ctx, a, operation: str, rid: str):
    """A Remove- cmdlet: -WhatIf says what it would do, else the DELETE request; -PassThru returns $true."""
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "{operation}" on target "{a.Name}".')
        return None
    engine_call(send, ctx.cloud, ctx.principal, "DELETE", rid)
    return True if a.PassThru else None


# -- the private endpoint's DNS zone group (Az.Network) ------------------------------------------------

@cmdlet("New-AzPrivateDnsZoneConfig", [
    Param("Name", "string", "Name of the private dns zone configuration.", mandatory=True),
    Param("PrivateDnsZoneId", "string", "Private DNS zone resource id.", mandatory=True), PROFILE,
], "Creates a DNS zone configuration of the private endpoint (in memory).", module="Az.Network",
    outputs=f"{NET_MODELS}.PSPrivateDnsZoneConfig",
    examples=[("A zone config", "New-AzPrivateDnsZoneConfig -Name privatelink.azurecr.io -PrivateDnsZoneId "
                                "$zone.ResourceId")])
def new_zone_config(ctx, a, items):
    return net_obj("PSPrivateDnsZoneConfig", {"Name": a.Name, "PrivateDnsZoneId": a.PrivateDnsZoneId,
                                              "RecordSets": []})


def group_obj(ctx, group) -> PSObject:
    result = privatedns.zone_group_json(ctx.cloud, group.endpoint, group.name)
    configs = [net_obj("PSPrivateDnsZoneConfig", {
        "Name": c["name"], "PrivateDnsZoneId": c["privateDnsZoneId"],
        "RecordSets": [net_obj("PSRecordSet", {"RecordType": r["recordType"], "RecordSetName": r["recordSetName"],
                                               "Fqdn": r["fqdn"], "ProvisioningState": r["provisioningState"],
                                               "Ttl": r["ttl"], "IpAddresses": r["ipAddresses"]})
                       for r in c["recordSets"]]}) for c in result["privateDnsZoneConfigs"]]
    return net_obj("PSPrivateDnsZoneGroup", {
        "Name": result["name"], "Id": result["id"], "ProvisioningState": "Succeeded",
        "PrivateDnsZoneConfigs": configs, "Etag": result["etag"]},
        ["Name", "Id", "ProvisioningState", "PrivateDnsZoneConfigs", "Etag"], text=("PrivateDnsZoneConfigs",))


def _group_id(ctx, a, name: str | None) -> str:
    return f"{ctx.subscription.id}/resourceGroups/{a.ResourceGroupName}/providers/{network.NET}/" \
           f"privateEndpoints/{a.PrivateEndpointName}/privateDnsZoneGroups" + (f"/{name}" if name else "")


ENDPOINT = [Param("ResourceGroupName", "string", "The resource group name.", mandatory=True),
            Param("PrivateEndpointName", "string", "The private endpoint name.", mandatory=True)]


@cmdlet("New-AzPrivateDnsZoneGroup", [
    *ENDPOINT,
    Param("Name", "string", "The name of the private dns zone group.", aliases=("ResourceName",), mandatory=True),
    Param("PrivateDnsZoneConfig", "objects", "Private DNS zone configurations.", mandatory=True,
          dotnet_type=f"{NET_MODELS}.PSPrivateDnsZoneConfig[]"),
    Param("Force", "switch", "Do not ask for confirmation if you want to overwrite a resource."),
    Param("AsJob", "switch", "Run cmdlet in the background"), PROFILE,
], "Creates a private DNS zone group: the endpoint keeps its A records in the zone.", module="Az.Network",
    should_process=True, outputs=f"{NET_MODELS}.PSPrivateDnsZoneGroup",
    examples=[("A zone group", "New-AzPrivateDnsZoneGroup -ResourceGroupName rg -PrivateEndpointName pe -Name "
                               "default -PrivateDnsZoneConfig $config")])
def new_zone_group(ctx, a, items):
    """A PUT of the group with every configuration given (Az.Network NewAzurePrivateDnsZoneGroupCommand)."""
    configs = [c for c in as_list(a.PrivateDnsZoneConfig) if isinstance(c, PSObject)]
    body = {"properties": {"privateDnsZoneConfigs": [
        {"name": to_str(c.get("Name")), "properties": {"privateDnsZoneId": to_str(c.get("PrivateDnsZoneId"))}}
        for c in configs]}}
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Creating resource" on target "{a.Name}".')
        return None
    return group_obj(ctx, engine_call(send, ctx.cloud, ctx.principal, "PUT", _group_id(ctx, a, a.Name),
                                      body).resource)


@cmdlet("Get-AzPrivateDnsZoneGroup", [
    *ENDPOINT, Param("Name", "string", "The name of the private dns zone group.", aliases=("ResourceName",)), PROFILE,
], "Gets the private DNS zone groups of a private endpoint.", module="Az.Network",
    outputs=f"{NET_MODELS}.PSPrivateDnsZoneGroup",
    examples=[("Zone groups of an endpoint", "Get-AzPrivateDnsZoneGroup -ResourceGroupName rg -PrivateEndpointName "
                                             "pe")])
def get_zone_group(ctx, a, items):
    response = engine_call(send, ctx.cloud, ctx.principal, "GET", _group_id(ctx, a, a.Name))
    return group_obj(ctx, response.resource) if a.Name else [group_obj(ctx, g) for g in response.resources]


@cmdlet("Remove-AzPrivateDnsZoneGroup", [
    *ENDPOINT,
    Param("Name", "string", "The name of the private dns zone group.", aliases=("ResourceName",), mandatory=True),
    Param("Force", "switch", "Do not ask for confirmation."),
    Param("PassThru", "switch", "Return $true when the group was removed."),
    Param("AsJob", "switch", "Run cmdlet in the background"), PROFILE,
], "Removes a private DNS zone group: its records leave the zones.", module="Az.Network", should_process=True,
    examples=[("Remove a zone group", "Remove-AzPrivateDnsZoneGroup -ResourceGroupName rg -PrivateEndpointName pe "
                                      "-Name default -Force")])
def remove_zone_group(ctx, a, items):
    return send_delete(ctx, a, "Removing resource", _group_id(ctx, a, a.Name))
