"""az network private-dns zone create|list|show, link vnet create|list, record-set a create|add-record|list."""

from __future__ import annotations

from dataclasses import replace

from ....engine import network, privatelink
from ....engine.arm import send
from ..framework import Arg, command, group

group("network private-dns", "Manage Private DNS domains in Azure.")
group("network private-dns zone", "Manage Private DNS zones.")
group("network private-dns link", "Manage Private DNS links.")
group("network private-dns link vnet", "Manage virtual network links to the specified Private DNS zone.")
group("network private-dns record-set", "Manage Private DNS records and record sets.")
group("network private-dns record-set a", "Manage Private DNS A records.")

RG = Arg("resource_group", "--resource-group -g", "Name of resource group. You can configure the default group "
         "using `az configure --defaults group=<name>`.", required=True, default_key="group")
ZONE = Arg("zone_name", "--zone-name -z", "The name of the Private DNS zone.", required=True)


# The private-dns commands are aaz-generated (privatedns/aaz, privatedns/operations) and commands.py registers no
# table_transformer for zone/link/record-set list|show|create, so knack's automatic table applies (the
# transform_privatedns_*_table_output functions in _format.py are no longer wired to them).


@command("network private-dns zone create", "Create a Private DNS zone.", [
    Arg("name", "--name -n", "The name of the Private DNS zone.", required=True), RG,
], examples=[("Create a Private DNS zone for Azure Container Registry private endpoints.",
              "az network private-dns zone create -g MyResourceGroup -n privatelink.azurecr.io")])
def zone_create(ctx, a):
    """privatedns/aaz zone create: PUT with If-None-Match: * at the location `global`."""
    body = {"location": "global"}
    return privatelink.zone_json(send(ctx.cloud, ctx.principal, "PUT", _zone_id(ctx, a.resource_group, a.name), body,
                                      if_none_match=True).resource)


def _zone_id(ctx, rg: str, name: str = "") -> str:
    return f"{ctx.cloud.subscription.id}/resourceGroups/{rg}/providers/{network.NET}/privateDnsZones" + \
        (f"/{name}" if name else "")


@command("network private-dns zone list", "List Private DNS zones.", [
    Arg("resource_group", "--resource-group -g", "Name of resource group.", default_key="group")])
def zone_list(ctx, a):
    where = _zone_id(ctx, a.resource_group) if a.resource_group else \
        f"{ctx.cloud.subscription.id}/providers/{network.NET}/privateDnsZones"
    return [privatelink.zone_json(z) for z in send(ctx.cloud, ctx.principal, "GET", where).resources]


@command("network private-dns zone show", "Get a Private DNS zone.", [
    Arg("name", "--name -n", "The name of the Private DNS zone.", required=True, id_part="name"), RG])
def zone_show(ctx, a):
    return privatelink.zone_json(send(ctx.cloud, ctx.principal, "GET", _zone_id(ctx, a.resource_group, a.name)).resource)


@command("network private-dns link vnet create", "Create a virtual network link to the specified Private DNS zone.", [
    Arg("name", "--name -n", "The name of the virtual network link to the specified Private DNS zone.",
        required=True), RG, ZONE,
    Arg("virtual_network", "--virtual-network -v", "Name or ID of the virtual network.", required=True),
    Arg("registration_enabled", "--registration-enabled -e", "Specify if the link is registration enabled.",
        kind="bool", required=True),
], examples=[("Create a virtual network link to the Private DNS zone.",
              "az network private-dns link vnet create -g MyResourceGroup -n MyLinkName -z www.mysite.com "
              "-v MyVirtualNetworkId -e False")])
def link_create(ctx, a):
    zone = privatelink.find_zone(ctx.cloud, a.resource_group, a.zone_name)
    if a.virtual_network.startswith("/subscriptions/"):
        vnet = next((v for v in network.vnets(ctx.cloud).values() if v.id.lower() == a.virtual_network.lower()),
                    None)
        if vnet is None:
            raise network.AzureError(f"Virtual network {a.virtual_network} not found.", code="BadRequest")
    else:
        vnet = network.get_vnet(ctx.cloud, ctx.principal, a.resource_group, a.virtual_network)
    return privatelink.link_vnet(ctx.cloud, ctx.principal, zone, a.name, vnet, a.registration_enabled)


@command("network private-dns link vnet list", "List the virtual network links to the specified Private DNS zone.",
         [RG, ZONE])
def link_list(ctx, a):
    zone = privatelink.find_zone(ctx.cloud, a.resource_group, a.zone_name)
    return [privatelink.link_json(zone, n) for n in zone.links]


RS = Arg("record_set_name", "--record-set-name -n", "The name of the record set relative to the zone.",
         required=True)


@command("network private-dns record-set a create", "Create an empty A record set.", [
    Arg("record_set_name", "--name -n", "The name of the record set relative to the zone.", required=True), RG, ZONE])
def rs_create(ctx, a):
    zone = privatelink.find_zone(ctx.cloud, a.resource_group, a.zone_name)
    return privatelink.add_a_record(ctx.cloud, ctx.principal, zone, a.record_set_name, None)


@command("network private-dns record-set a add-record", "Add an A record.", [
    RS, RG, ZONE, Arg("ipv4_address", "--ipv4-address -a", "IPV4 address in string notation.", required=True)])
def rs_add(ctx, a):
    zone = privatelink.find_zone(ctx.cloud, a.resource_group, a.zone_name)
    return privatelink.add_a_record(ctx.cloud, ctx.principal, zone, a.record_set_name, a.ipv4_address)


@command("network private-dns record-set a list", "List all A record sets in a zone.", [RG, ZONE])
def rs_list(ctx, a):
    zone = privatelink.find_zone(ctx.cloud, a.resource_group, a.zone_name)
    ttl = {f[: -len(".azurecr.io")] for p in privatelink.endpoints(ctx.cloud).values() if p.zone_groups
           for f in p.ip_by_fqdn}
    return [privatelink.record_set_json(zone, rel, privatelink.ZONE_TTL if rel in ttl else 3600)
            for rel in sorted(zone.a_records)]


@command("network private-dns zone delete", "Delete a Private DNS zone.", [
    Arg("name", "--name -n", "The name of the Private DNS zone.", required=True, id_part="name"), RG,
    Arg("yes", "--yes -y", "Do not prompt for confirmation.", kind="flag"),
], examples=[("Delete a Private DNS zone (its virtual network links must be deleted first).",
              "az network private-dns zone delete -g MyResourceGroup -n www.mysite.com")])
def zone_delete(ctx, a):
    rid = _zone_id(ctx, a.resource_group, a.name)
    send(ctx.cloud, ctx.principal, "GET", rid)  # az reports a zone that is not there
    ctx.confirm("Are you sure you want to perform this operation?")
    send(ctx.cloud, ctx.principal, "DELETE", rid)
    return None


@command("network private-dns link vnet delete", "Delete a virtual network link to the specified Private DNS zone.", [
    Arg("name", "--name -n", "The name of the virtual network link to the specified Private DNS zone.",
        required=True, id_part="child_name_1"), RG, replace(ZONE, id_part="name"),
    Arg("yes", "--yes -y", "Do not prompt for confirmation.", kind="flag"),
], examples=[("Delete a virtual network link.",
              "az network private-dns link vnet delete -g MyResourceGroup -n MyLinkName -z www.mysite.com")])
def link_delete(ctx, a):
    ctx.confirm("Are you sure you want to perform this operation?")
    zone = privatelink.find_zone(ctx.cloud, a.resource_group, a.zone_name)
    privatelink.delete_zone_link(ctx.cloud, ctx.principal, zone, a.name)
    return None
