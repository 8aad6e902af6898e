"""az acr network-rule add|list|remove (Premium)."""

from __future__ import annotations

from ....engine.arm import send
from ....engine.errors import CliError
from ..framework import Arg, command, group
from .acr import RG_OPT, load_registry, registry_arg
from .acr_body import NETWORK_RULE_NOT_SUPPORTED

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
        raise CliError(NETWORK_RULE_NOT_SUPPORTED)
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
        return (f"{ctx.subscription.id}/resourceGroups/{reg.resource_group}/providers/Microsoft.Network/"
                f"virtualNetworks/{a.vnet_name}/subnets/{a.subnet}")
    raise CliError("Usage error: [--subnet ID | --subnet NAME --vnet-name NAME]")


@command("acr network-rule list", "List network rules.", [registry_arg(), RG_OPT],
         examples=[("List network rules for a registry.", "az acr network-rule list -n myregistry")])
def rule_list(ctx, a):
    return _rules(_premium(ctx, a))


def _patch(ctx, reg, ip_rules: list[str], subnets: list[str]):
    """PATCH the whole rule set, as azure-cli's network_rule.py sends it (current default action kept)."""
    body = {"properties": {"networkRuleSet": {
        "defaultAction": reg.network_rule_set.default_action,
        "ipRules": [{"action": "Allow", "value": v} for v in ip_rules],
        "virtualNetworkRules": [{"action": "Allow", "id": v} for v in subnets]}}}
    return _formatted(send(ctx.cloud, ctx.principal, "PATCH", reg.id, body).resource)


def _current(reg) -> tuple[list[str], list[str]]:
    rules = reg.network_rule_set
    return [r.ip_address_or_range for r in rules.ip_rules], [r.subnet_id for r in rules.virtual_network_rules]


@command("acr network-rule add", "Add a network rule.", ARGS, examples=[
    ("Add a rule to allow access for a specific IP address range.",
     "az acr network-rule add -n myregistry --ip-address 23.45.1.0/24")])
def rule_add(ctx, a):
    reg = _premium(ctx, a)
    ips, subnets = _current(reg)
    if a.subnet or a.vnet_name:
        subnets.append(_subnet_id(ctx, a, reg))
    if a.ip_address:
        ips.append(a.ip_address)
    return _patch(ctx, reg, ips, subnets)


@command("acr network-rule remove", "Remove a network rule.", ARGS, examples=[
    ("Remove a rule that allows access for a specific IP address range.",
     "az acr network-rule remove -n myregistry --ip-address 23.45.1.0/24")])
def rule_remove(ctx, a):
    reg = _premium(ctx, a)
    ips, subnets = _current(reg)
    if a.subnet or a.vnet_name:
        sid = _subnet_id(ctx, a, reg).lower()
        subnets = [s for s in subnets if s.lower() != sid]
    if a.ip_address:
        ips = [ip for ip in ips if ip != a.ip_address]
    return _patch(ctx, reg, ips, subnets)
