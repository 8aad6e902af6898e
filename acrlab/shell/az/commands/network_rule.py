"""az acr network-rule add|list|remove (Premium)."""

from __future__ import annotations

from ....engine import network
from ....engine.errors import AzureError, CliError
from ....engine.registry import IpRule, VirtualNetworkRule
from ....engine.sku import PREMIUM_ONLY, SKUS
from ..framework import Arg, command, group
from .acr import RG_OPT, load_registry, registry_arg

group("acr network-rule", "Manage network rules for Azure Container Registries.")

ARGS = [
    registry_arg(), RG_OPT,
    Arg("ip_address", "--ip-address", "IPv4 address or CIDR range."),
    Arg("subnet", "--subnet", "Name or ID of subnet. If name is supplied, `--vnet-name` must be supplied.",
        hidden=True),
    Arg("vnet_name", "--vnet-name", "Name of a virtual network.", hidden=True),
]


def _premium(ctx, a):
    reg = load_registry(ctx, a)
    if reg.sku != "Premium" or reg.network_rule_set is None:
        raise CliError(PREMIUM_ONLY["network_rules"])
    return reg


def _rules(reg) -> dict:
    s = reg.network_rule_set
    return {"ipRules": [r.to_json() for r in s.ip_rules], "virtualNetworkRules": [
        {"action": r.action, "virtualNetworkResourceId": r.subnet_id, "virtualNetworkSubnetResourceId": r.subnet_id}
        for r in s.virtual_network_rules]}


def _formatted(reg) -> dict:
    return {"name": reg.name, "networkRuleSet": {"defaultAction": reg.network_rule_set.default_action, **_rules(reg)},
            "provisioningState": "Succeeded"}


def _subnet_id(ctx, a, reg) -> str:
    if a.subnet and a.subnet.startswith("/subscriptions/") and not a.vnet_name:
        return a.subnet
    if a.subnet and a.vnet_name:
        return (f"{ctx.cloud.subscription.id}/resourceGroups/{reg.resource_group}/providers/Microsoft.Network/"
                f"virtualNetworks/{a.vnet_name}/subnets/{a.subnet}")
    raise CliError("Usage error: [--subnet ID | --subnet NAME --vnet-name NAME]")


@command("acr network-rule list", "List network rules.", [registry_arg(), RG_OPT],
         examples=[("List network rules for a registry.", "az acr network-rule list -n myregistry")])
def rule_list(ctx, a):
    return _rules(_premium(ctx, a))


@command("acr network-rule add", "Add a network rule.", ARGS, examples=[
    ("Add a rule to allow access for a specific IP address range.",
     "az acr network-rule add -n myregistry --ip-address 23.45.1.0/24")])
def rule_add(ctx, a):
    reg = _premium(ctx, a)
    ctx.cloud.require(ctx.principal, "Microsoft.ContainerRegistry/registries/write", reg.id)
    rules = reg.network_rule_set
    if a.subnet or a.vnet_name:
        sid = _subnet_id(ctx, a, reg)
        if network.find_subnet(ctx.cloud, sid) is None:
            raise AzureError(f"Subnet {sid} does not exist.", code="InvalidVirtualNetworkRule")
        if len(rules.virtual_network_rules) >= SKUS["Premium"].vnet_rules:
            raise AzureError(f"The requested feature VNet rule exceeds allowed quota {SKUS['Premium'].vnet_rules} for "
                             "the SKU Premium.", code="BadRequest")
        rules.virtual_network_rules.append(VirtualNetworkRule(subnet_id=sid))
    if a.ip_address:
        try:
            network.ipaddress.ip_network(a.ip_address, strict=False)
        except ValueError:
            raise AzureError(f"The IP address or range '{a.ip_address}' is invalid.", code="InvalidIpAddressOrRange") \
                from None
        if len(rules.ip_rules) >= SKUS["Premium"].ip_rules:
            raise AzureError(f"The requested feature IP rule exceeds allowed quota {SKUS['Premium'].ip_rules} for "
                             "the SKU Premium.", code="BadRequest")
        rules.ip_rules.append(IpRule(ip_address_or_range=a.ip_address))
    return _formatted(reg)


@command("acr network-rule remove", "Remove a network rule.", ARGS, examples=[
    ("Remove a rule that allows access for a specific IP address range.",
     "az acr network-rule remove -n myregistry --ip-address 23.45.1.0/24")])
def rule_remove(ctx, a):
    reg = _premium(ctx, a)
    ctx.cloud.require(ctx.principal, "Microsoft.ContainerRegistry/registries/write", reg.id)
    rules = reg.network_rule_set
    if a.subnet or a.vnet_name:
        sid = _subnet_id(ctx, a, reg).lower()
        rules.virtual_network_rules = [r for r in rules.virtual_network_rules if r.subnet_id.lower() != sid]
    if a.ip_address:
        rules.ip_rules = [r for r in rules.ip_rules if r.ip_address_or_range != a.ip_address]
    return _formatted(reg)
