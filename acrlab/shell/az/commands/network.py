"""az network vnet create|show|list|delete, az network vnet subnet create|update|show|list."""

from __future__ import annotations

from collections import OrderedDict

from ....engine import groups, network
from ....engine.arm import send
from ....engine.errors import CliError
from ..framework import Arg, command, group
from .account import parse_tags

group("network", "Manage Azure Network resources.")
group("network vnet", "Manage Azure Virtual Networks.")
group("network vnet subnet", "Manage subnets in an Azure Virtual Network.")

RG = Arg("resource_group", "--resource-group -g", "Name of resource group. You can configure the default group "
         "using `az configure --defaults group=<name>`.", required=True, default_key="group")
POLICY = ["Disabled", "Enabled", "NetworkSecurityGroupEnabled", "RouteTableEnabled"]


def vnet_table(result):
    """network/_format.py transform_vnet_table_output, registered for `network vnet list` only (network/commands.py:
    vnet.List(loader=self, table_transformer=transform_vnet_table_output)); create and show use knack's auto table."""
    def row(r):
        return OrderedDict([
            ("Name", r["name"]), ("ResourceGroup", r["resourceGroup"]), ("Location", r["location"]),
            ("NumSubnets", len(r.get("subnets", []))),
            ("Prefixes", ", ".join(r["addressSpace"]["addressPrefixes"]) or " "),
            ("DnsServers", ", ".join((r.get("dhcpOptions") or {}).get("dnsServers", [])) or " "),
            ("DDOSProtection", r["enableDdosProtection"]), ("VMProtection", r.get("enableVmProtection"))])
    return [row(r) for r in result]


@command("network vnet create", "Create a virtual network.", [
    Arg("name", "--name -n", "The virtual network (VNet) name.", required=True, id_part="name"), RG,
    Arg("location", "--location -l", "Location.", default_key="location"),
    Arg("address_prefixes", "--address-prefixes --address-prefix", "Space-separated list of IP address prefixes for "
        "the VNet.", kind="list"),
    Arg("subnet_name", "--subnet-name", "Name of a new subnet to create within the VNet."),
    Arg("subnet_prefixes", "--subnet-prefixes --subnet-prefix", "Space-separated list of address prefixes in CIDR "
        "format for the new subnet. If omitted, automatically reserves a /24 (or as large as available) block "
        "within the VNet address space.", kind="list"),
    Arg("tags", "--tags", "Space-separated tags: key[=value] [key[=value] ...].", kind="star"),
], examples=[("Create a virtual network with a specific address prefix and one subnet.",
              "az network vnet create -g MyResourceGroup -n MyVnet --address-prefix 10.0.0.0/16 "
              "--subnet-name MySubnet --subnet-prefixes 10.0.0.0/24")])
def vnet_create(ctx, a):
    """One PUT: the network and (--subnet-name) its first subnet; az fills the location from the group, the
    10.0.0.0/16 space and the subnet's first /24 in."""
    if a.subnet_prefixes and not a.subnet_name:
        raise CliError("incorrect usage: --subnet-name NAME [--subnet-prefixes PREFIXES]")
    prefixes = a.address_prefixes or ["10.0.0.0/16"]
    props: dict = {"addressSpace": {"addressPrefixes": prefixes}}
    if a.subnet_name:
        first = (a.subnet_prefixes or [None])[0] or network.first_subnet(prefixes[0])
        props["subnets"] = [{"name": a.subnet_name, "properties": {"addressPrefix": first}}]
    body = {"location": a.location or groups.location(ctx.cloud, ctx.principal, a.resource_group, ctx.subscription.subscription_id), "tags": parse_tags(a.tags),
            "properties": props}
    vnet = _send(ctx, "PUT", _vnet_id(ctx, a.resource_group, a.name), body).resource
    return {"newVNet": vnet.to_json(ctx.cloud)}


def _vnet_id(ctx, rg: str, name: str) -> str:
    return f"{ctx.subscription.id}/resourceGroups/{rg}/providers/{network.NET}/virtualNetworks/{name}"


def _send(ctx, method: str, rid: str, body: dict | None = None):
    return send(ctx.cloud, ctx.principal, method, rid, body)


@command("network vnet show", "Get the details of a virtual network.", [
    Arg("name", "--name -n", "The virtual network (VNet) name.", required=True, id_part="name"), RG,
])
def vnet_show(ctx, a):
    return _send(ctx, "GET", _vnet_id(ctx, a.resource_group, a.name)).resource.to_json(ctx.cloud)


@command("network vnet list", "List virtual networks.", [
    Arg("resource_group", "--resource-group -g", "Name of resource group.", default_key="group"),
], examples=[("List virtual networks in a resource group.", "az network vnet list -g MyResourceGroup")],
    table=vnet_table)
def vnet_list(ctx, a):
    where = f"{ctx.subscription.id}/resourceGroups/{a.resource_group}" if a.resource_group \
        else ctx.subscription.id
    listed = _send(ctx, "GET", f"{where}/providers/{network.NET}/virtualNetworks").resources
    return [v.to_json(ctx.cloud) for v in listed]


@command("network vnet delete", "Delete a virtual network.", [
    Arg("name", "--name -n", "The virtual network (VNet) name.", required=True, id_part="name"), RG,
])
def vnet_delete(ctx, a):
    rid = _vnet_id(ctx, a.resource_group, a.name)
    _send(ctx, "GET", rid)  # az's delete reports a network that is not there
    _send(ctx, "DELETE", rid)
    return None


SUBNET_ARGS = [
    Arg("name", "--name -n", "The subnet name.", required=True, id_part="child_name_1"), RG,
    Arg("vnet_name", "--vnet-name", "The virtual network (VNet) name.", required=True, id_part="name"),
]


def _subnet_id(ctx, a) -> str:
    return f"{_vnet_id(ctx, a.resource_group, a.vnet_name)}/subnets/{a.name}"


def _subnet(ctx, a):
    vnet = _send(ctx, "GET", _vnet_id(ctx, a.resource_group, a.vnet_name)).resource
    s = next((x for x in vnet.subnets.values() if x.name.lower() == a.name.lower()), None)
    if s is None:
        raise network.AzureError(f"Resource {vnet.id}/subnets/{a.name} not found.", code="NotFound", status=404)
    return vnet, s


def _subnet_body(prefix: str, policies: str | None, endpoints: list[str]) -> dict:
    return {"properties": {"addressPrefix": prefix, "privateEndpointNetworkPolicies": policies or "Disabled",
                           "serviceEndpoints": [{"service": e} for e in endpoints]}}


def _policies(a) -> str | None:
    if a.get("disable_pe_policies") is not None:
        return "Disabled" if a.disable_pe_policies else "Enabled"
    return a.get("pe_policies")


POLICY_ARGS = [
    Arg("disable_pe_policies", "--disable-private-endpoint-network-policies", "Disable private endpoint network "
        "policies on the subnet.", kind="bool", deprecated=True),
    Arg("pe_policies", "--private-endpoint-network-policies", "Manage network policy for private endpoint.",
        choices=POLICY),
    Arg("service_endpoints", "--service-endpoints", "Space-separated list of services allowed private access to this "
        "subnet. Values from: az network vnet list-endpoint-services.", kind="star"),
]


@command("network vnet subnet create", "Create a subnet and associate an existing NSG and route table.", SUBNET_ARGS + [
    Arg("address_prefixes", "--address-prefixes --address-prefix", "Space-separated list of address prefixes in CIDR "
        "format.", kind="list", required=True),
] + POLICY_ARGS, examples=[("Create new subnet attached to an NSG with a custom route table.",
                            "az network vnet subnet create -g MyResourceGroup --vnet-name MyVnet -n MySubnet "
                            "--address-prefixes 10.0.0.0/24")])
def subnet_create(ctx, a):
    vnet = _send(ctx, "GET", _vnet_id(ctx, a.resource_group, a.vnet_name)).resource
    body = _subnet_body(a.address_prefixes[0], _policies(a), [x for x in a.service_endpoints or [] if x])
    return _send(ctx, "PUT", _subnet_id(ctx, a), body).resource.to_json(ctx.cloud, vnet.location)


@command("network vnet subnet update", "Update a subnet.", SUBNET_ARGS + POLICY_ARGS, examples=[
    ("Disable private endpoint network policies.", "az network vnet subnet update -g MyResourceGroup --vnet-name "
     "MyVnet -n MySubnet --private-endpoint-network-policies Disabled"),
    ("Add the Azure Container Registry service endpoint.", "az network vnet subnet update -g MyResourceGroup "
     "--vnet-name MyVnet -n MySubnet --service-endpoints Microsoft.ContainerRegistry")])
def subnet_update(ctx, a):
    """az's generic update: GET the subnet, change what was given, PUT it back."""
    vnet, s = _subnet(ctx, a)
    endpoints = [x for x in a.service_endpoints if x] if a.service_endpoints is not None else s.service_endpoints
    body = _subnet_body(s.address_prefix, _policies(a) or s.private_endpoint_network_policies, endpoints)
    return _send(ctx, "PUT", s.id, body).resource.to_json(ctx.cloud, vnet.location)


@command("network vnet subnet show", "Show details of a subnet.", SUBNET_ARGS)
def subnet_show(ctx, a):
    vnet, s = _subnet(ctx, a)
    return s.to_json(ctx.cloud, vnet.location)


@command("network vnet subnet list", "List the subnets in a virtual network.", [
    RG, Arg("vnet_name", "--vnet-name", "The virtual network (VNet) name.", required=True)],
    table=lambda r: [{"Name": s["name"], "AddressPrefix": s["addressPrefix"], "PrivateEndpointNetworkPolicies":
                      s["privateEndpointNetworkPolicies"], "ResourceGroup": s["resourceGroup"]} for s in r])
def subnet_list(ctx, a):
    vnet = _send(ctx, "GET", _vnet_id(ctx, a.resource_group, a.vnet_name)).resource
    return [s.to_json(ctx.cloud, vnet.location) for s in vnet.subnets.values()]
