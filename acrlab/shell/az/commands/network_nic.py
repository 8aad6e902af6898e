"""az network nic show|list for the network interfaces private endpoints create: GET and list requests (the body is
engine/network_interfaces.py's nic_json)."""

from __future__ import annotations

from ....engine import network_interfaces
from ....engine.errors import CliError
from ..framework import Arg, command


@command("network nic show", "Get the details of a network interface.", [
    Arg("resource_group", "--resource-group -g", "Name of resource group. You can configure the default group using "
        "`az configure --defaults group=<name>`.", default_key="group", id_part="resource_group"),
    Arg("name", "--name -n", "The network interface (NIC).", id_part="name"),
], examples=[("Get the internal domain name suffix of a NIC.",
              "az network nic show -g MyResourceGroup -n MyNic --query \"dnsSettings.internalDomainNameSuffix\"")])
def nic_show(ctx, a):
    ctx.require_login()
    if not a.name or not a.resource_group:
        raise CliError("(--resource-group --name | --ids) are required")
    return network_interfaces.nic_json(network_interfaces.get_nic(ctx.cloud, ctx.principal, a.resource_group, a.name))


@command("network nic list", "List network interfaces.", [
    Arg("resource_group", "--resource-group -g", "Name of resource group.", default_key="group"),
])
def nic_list(ctx, a):
    return [network_interfaces.nic_json(pe)
            for pe in network_interfaces.list_nics(ctx.cloud, ctx.principal, a.resource_group)]
