"""az network private-dns zone create|list|show|delete, link vnet create|list|show|delete, record-set a
create|add-record|list|show|delete: each a request to the resource manager."""

from __future__ import annotations

from dataclasses import replace

from ....engine import network, privatedns
from ....engine.arm import send
from ....engine.errors import ResourceNotFound
from ..framework import Arg, command, group
from .account import parse_tags

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
    return privatedns.zone_json(send(ctx.cloud, ctx.principal, "PUT", _zone_id(ctx, a.resource_group, a.name), body,
                                      if_none_match=True).resource)


def _zone_id(ctx, rg: str, name: str = "") -> str:
    return f"{ctx.subscription.id}/resourceGroups/{rg}/providers/{network.NET}/privateDnsZones" + \
        (f"/{name}" if name else "")


@command("network private-dns zone list", "List Private DNS zones.", [
    Arg("resource_group", "--resource-group -g", "Name of resource group.", default_key="group")])
def zone_list(ctx, a):
    where = _zone_id(ctx, a.resource_group) if a.resource_group else \
        f"{ctx.subscription.id}/providers/{network.NET}/privateDnsZones"
    return [privatedns.zone_json(z) for z in send(ctx.cloud, ctx.principal, "GET", where).resources]


@command("network private-dns zone show", "Get a Private DNS zone.", [
    Arg("name", "--name -n", "The name of the Private DNS zone.", required=True, id_part="name"), RG])
def zone_show(ctx, a):
    return privatedns.zone_json(send(ctx.cloud, ctx.principal, "GET", _zone_id(ctx, a.resource_group, a.name)).resource)


LINK_NAME = Arg("name", "--name -n", "The name of the virtual network link to the specified Private DNS zone.",
                required=True, id_part="child_name_1")


@command("network private-dns link vnet create", "Create a virtual network link to the specified Private DNS zone.", [
    replace(LINK_NAME, id_part=None), RG, ZONE,
    Arg("virtual_network", "--virtual-network -v", "Name or ID of the virtual network.", required=True),
    Arg("registration_enabled", "--registration-enabled -e", "Specify if the link is registration enabled.",
        kind="bool", required=True),
    Arg("tags", "--tags", "Space-separated tags: key[=value] [key[=value] ...].", kind="star"),
], examples=[("Create a virtual network link to the Private DNS zone.",
              "az network private-dns link vnet create -g MyResourceGroup -n MyLinkName -z www.mysite.com "
              "-v MyVirtualNetworkId -e False")])
def link_create(ctx, a):
    """privatedns/operations link vnet create: a PUT with If-None-Match: * at `global`; a network named without an id
    is read as one in the zone's resource group (AAZResourceIdArgFormat)."""
    vnet = a.virtual_network if a.virtual_network.startswith("/") else \
        f"{ctx.subscription.id}/resourceGroups/{a.resource_group}/providers/{network.NET}/virtualNetworks/" \
        f"{a.virtual_network}"
    body = {"location": "global", "properties": {"registrationEnabled": a.registration_enabled,
                                                 "virtualNetwork": {"id": vnet}}}
    if a.tags:
        body["tags"] = parse_tags(a.tags)
    return privatedns.link_json(send(ctx.cloud, ctx.principal, "PUT", _link_id(ctx, a), body,
                                     if_none_match=True).resource)


def _link_id(ctx, a, name: str | None = "") -> str:
    return f"{_zone_id(ctx, a.resource_group, a.zone_name)}/virtualNetworkLinks" + \
        (f"/{a.name if name == '' else name}" if name is not None else "")


@command("network private-dns link vnet list", "List the virtual network links to the specified Private DNS zone.",
         [RG, ZONE])
def link_list(ctx, a):
    return [privatedns.link_json(x) for x in send(ctx.cloud, ctx.principal, "GET", _link_id(ctx, a, None)).resources]


@command("network private-dns link vnet show", "Get a virtual network link to the specified Private DNS zone.",
         [LINK_NAME, RG, replace(ZONE, id_part="name")])
def link_show(ctx, a):
    return privatedns.link_json(send(ctx.cloud, ctx.principal, "GET", _link_id(ctx, a)).resource)


RS = Arg("record_set_name", "--record-set-name -n", "The name of the record set relative to the zone.",
         required=True)
RS_NAME = Arg("name", "--name -n", "The name of the record set relative to the zone.", required=True,
              id_part="child_name_1")


def _rs_id(ctx, a, name: str | None) -> str:
    return f"{_zone_id(ctx, a.resource_group, a.zone_name)}/A" + (f"/{name}" if name is not None else "")


@command("network private-dns record-set a create", "Create an empty A record set.", [
    replace(RS_NAME, id_part=None), RG, ZONE,
    Arg("ttl", "--ttl", "The TTL in seconds.", kind="int"),
], examples=[("Create an empty A record set.",
              "az network private-dns record-set a create -g MyResourceGroup -z www.mysite.com -n MyRecordSet")])
def rs_create(ctx, a):
    """privatedns/operations record-set a create: a PUT with If-None-Match: * (TTL 3600 unless --ttl)."""
    body = {"properties": {"ttl": 3600 if a.ttl is None else a.ttl, "aRecords": []}}
    return privatedns.record_set_json(send(ctx.cloud, ctx.principal, "PUT", _rs_id(ctx, a, a.name), body,
                                           if_none_match=True).resource)


@command("network private-dns record-set a add-record", "Add an A record.", [
    RS, RG, ZONE, Arg("ipv4_address", "--ipv4-address -a", "IPV4 address in string notation.", required=True)],
    examples=[("Add an A record.", "az network private-dns record-set a add-record -g MyResourceGroup "
                                   "-z www.mysite.com -n MyRecordSet -a MyIpv4Address")])
def rs_add(ctx, a):
    """privatedns/custom.py _privatedns_add_save_record: GET the record set (a new one at TTL 3600 when there is
    none), add the record, PUT it back."""
    rid = _rs_id(ctx, a, a.record_set_name)
    try:
        props = send(ctx.cloud, ctx.principal, "GET", rid).body["properties"]
        ttl, records = props["ttl"], list(props["aRecords"])
    except ResourceNotFound:
        ttl, records = privatedns.RECORD_TTL, []
    body = {"properties": {"ttl": ttl, "aRecords": [*records, {"ipv4Address": a.ipv4_address}]}}
    return privatedns.record_set_json(send(ctx.cloud, ctx.principal, "PUT", rid, body).resource)


@command("network private-dns record-set a list", "List all A record sets in a zone.", [RG, ZONE])
def rs_list(ctx, a):
    return [privatedns.record_set_json(r) for r in send(ctx.cloud, ctx.principal, "GET", _rs_id(ctx, a, None)).resources]


@command("network private-dns record-set a show", "Get an A record set.", [RS_NAME, RG, replace(ZONE, id_part="name")])
def rs_show(ctx, a):
    return privatedns.record_set_json(send(ctx.cloud, ctx.principal, "GET", _rs_id(ctx, a, a.name)).resource)


@command("network private-dns record-set a delete", "Delete an A record set and all associated records.", [
    RS_NAME, RG, replace(ZONE, id_part="name"), Arg("yes", "--yes -y", "Do not prompt for confirmation.", kind="flag"),
], examples=[("Delete an A record set.",
              "az network private-dns record-set a delete -g MyResourceGroup -z www.mysite.com -n MyRecordSet")])
def rs_delete(ctx, a):
    ctx.confirm("Are you sure you want to perform this operation?")
    send(ctx.cloud, ctx.principal, "DELETE", _rs_id(ctx, a, a.name))
    return None


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
    LINK_NAME, RG, replace(ZONE, id_part="name"),
    Arg("yes", "--yes -y", "Do not prompt for confirmation.", kind="flag"),
], examples=[("Delete a virtual network link.",
              "az network private-dns link vnet delete -g MyResourceGroup -n MyLinkName -z www.mysite.com")])
def link_delete(ctx, a):
    ctx.confirm("Are you sure you want to perform this operation?")
    send(ctx.cloud, ctx.principal, "DELETE", _link_id(ctx, a))
    return None
