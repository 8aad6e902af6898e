"""Az.PrivateDns zones and virtual network links, and Az.Network's private DNS zone groups of a private endpoint,
on engine.privatedns / engine.privatelink."""

from __future__ import annotations

from ....engine import network, privatedns, privatelink
from ....engine.arm import send
from ..values import Hashtable, PSError, PSObject, as_list, to_str
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


def link_obj(z: privatedns.PrivateDnsZone, name: str) -> PSObject:
    return PSObject(f"{M}.PSPrivateDnsVirtualNetworkLink", {
        "Name": name, "ResourceId": f"{z.id}/virtualNetworkLinks/{name}", "ResourceGroupName": z.resource_group,
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
    return f"{ctx.cloud.subscription.id}/resourceGroups/{rg}/providers/{network.NET}/privateDnsZones" + \
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
        f"{ctx.cloud.subscription.id}/providers/{network.NET}/privateDnsZones"
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
    rid = a.VirtualNetworkId if a.VirtualNetworkId else to_str(a.VirtualNetwork.get("Id")) \
        if isinstance(a.VirtualNetwork, PSObject) else ""
    parts = rid.split("/")
    if len(parts) < 9:
        raise PSError(f"Invalid virtual network id '{rid}'.")
    vnet = engine_call(network.get_vnet, ctx.cloud, ctx.principal, parts[4], parts[-1])
    z = _zone(ctx, a.ResourceGroupName, a.ZoneName)
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Create" on target "{a.Name}".')
        return None
    engine_call(privatedns.link_vnet, ctx.cloud, ctx.principal, z, a.Name, vnet, bool(a.EnableRegistration))
    return link_obj(z, a.Name)


@cmdlet("Get-AzPrivateDnsVirtualNetworkLink", [
    Param("ResourceGroupName", "string", "The resource group in which the zone exists.", mandatory=True),
    Param("ZoneName", "string", "The Private DNS zone name.", mandatory=True),
    Param("Name", "string", "The name of the virtual network link.", aliases=("LinkName",)), PROFILE,
], "Gets a virtual network link associated with a Private DNS zone.", module=MOD,
    outputs=f"{M}.PSPrivateDnsVirtualNetworkLink",
    examples=[("Links of a zone", "Get-AzPrivateDnsVirtualNetworkLink -ResourceGroupName MyResourceGroup -ZoneName "
                                  "privatelink.azurecr.io")])
def get_link(ctx, a, items):
    z = _zone(ctx, a.ResourceGroupName, a.ZoneName)
    if a.Name:
        if a.Name not in z.links:
            raise PSError(f"The Resource '{network.NET}/privateDnsZones/{z.name}/virtualNetworkLinks/{a.Name}' under "
                          f"resource group '{z.resource_group}' was not found.")
        return link_obj(z, a.Name)
    return [link_obj(z, n) for n in sorted(z.links)]


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


def group_obj(result: dict) -> PSObject:
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


@cmdlet("New-AzPrivateDnsZoneGroup", [
    Param("ResourceGroupName", "string", "The resource group name.", mandatory=True),
    Param("PrivateEndpointName", "string", "The private endpoint name.", mandatory=True),
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
    pe = engine_call(privatelink.find_endpoint, ctx.cloud, a.ResourceGroupName, a.PrivateEndpointName)
    configs = [c for c in as_list(a.PrivateDnsZoneConfig) if isinstance(c, PSObject)]
    if len(configs) != 1:
        raise PSError("The lab supports exactly one private DNS zone configuration per zone group.")
    zone_id = to_str(configs[0].get("PrivateDnsZoneId"))
    zone = engine_call(privatedns.find_zone, ctx.cloud, a.ResourceGroupName, zone_id)
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Creating resource" on target "{a.Name}".')
        return None
    result = engine_call(privatedns.create_zone_group, ctx.cloud, ctx.principal, pe, a.Name, zone,
                         to_str(configs[0].get("Name")))
    return group_obj(result)
