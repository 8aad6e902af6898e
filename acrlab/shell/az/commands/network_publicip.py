"""az network public-ip show|list: GET requests for the public IP address a VM got (`<vm>PublicIP`). The aaz output
flattens `properties` (Azure/azure-cli src/azure-cli/azure/cli/command_modules/network/aaz/latest/network/public_ip/
_show.py, client_flatten)."""

from __future__ import annotations

from ....engine.arm import send
from ....engine.public_ips import PIP
from ..framework import Arg, command, group

group("network public-ip", "Manage public IP addresses.")


def _flat(body: dict, resource_group: str) -> dict:
    props = dict(body["properties"])
    config = props.get("ipConfiguration")
    if config:
        props["ipConfiguration"] = {"id": config["id"], "resourceGroup": config["id"].split("/")[4]}
    return {**{k: v for k, v in body.items() if k != "properties"}, **props, "resourceGroup": resource_group}


def _where(ctx, resource_group: str | None, name: str = "") -> str:
    scope = f"{ctx.subscription.id}/resourceGroups/{resource_group}" if resource_group else \
        ctx.subscription.id
    return f"{scope}/providers/{PIP}" + (f"/{name}" if name else "")


@command("network public-ip show", "Get the details of a public IP address.", [
    Arg("resource_group", "--resource-group -g", "Name of resource group. You can configure the default group using "
        "`az configure --defaults group=<name>`.", required=True, default_key="group", id_part="resource_group"),
    Arg("name", "--name -n", "The name of the public IP address.", required=True, id_part="name"),
], examples=[("Get the address of a VM's public IP.",
              "az network public-ip show -g MyResourceGroup -n MyVmPublicIP --query ipAddress -o tsv")])
def public_ip_show(ctx, a):
    return _flat(send(ctx.cloud, ctx.principal, "GET", _where(ctx, a.resource_group, a.name)).body, a.resource_group)


@command("network public-ip list", "List public IP addresses.", [
    Arg("resource_group", "--resource-group -g", "Name of resource group.", default_key="group")])
def public_ip_list(ctx, a):
    listing = send(ctx.cloud, ctx.principal, "GET", _where(ctx, a.resource_group)).body["value"]
    return [_flat(b, b["id"].split("/")[4]) for b in listing]
