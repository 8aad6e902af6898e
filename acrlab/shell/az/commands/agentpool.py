"""az acr agentpool create|update|delete|list|show (preview): dedicated agent pools for ACR Tasks (Premium).

As azure-cli's acr/agentpool.py: create sends the registry's location, `--tier` upper-cased, count 1, tier S1 and os
Linux by default; update sends only the count; delete asks for confirmation and reports "Agent '<name>' was
successfully deleted"; `show --queue-count` posts listQueueStatus. The service's rules answer in the engine."""

from __future__ import annotations

from ....engine import agent_pools as ap
from ....engine.arm import send
from ..framework import Arg, command, group
from ..output import get_value
from .acr import RG_OPT, load_registry, registry_arg, rows_of

group("acr agentpool", "Manage private Tasks agent pools with Azure Container Registries.")

REG = registry_arg(options="--registry -r")
NAME = Arg("agent_pool_name", "--name -n", "The name of the agent pool.", required=True)
NO_WAIT = Arg("no_wait", "--no-wait", "Do not wait for the Agent Pool to complete action and return immediately "
              "after queuing the request.", kind="flag")


def agentpool_table(result):
    """azure-cli acr/_format.py _agentpool_format_group."""
    return [{"NAME": get_value(r, "name"), "COUNT": get_value(r, "count"), "TIER": get_value(r, "tier"),
             "STATE": get_value(r, "provisioningState"), "VNET": get_value(r, "virtualNetworkSubnetResourceId"),
             "OS": get_value(r, "os")} for r in rows_of(result)]


def _pool_id(reg, name: str) -> str:
    return f"{reg.id}/agentPools/{name}"


@command("acr agentpool create", "Create an agent pool for an Azure Container Registry.", [
    NAME, REG, RG_OPT,
    Arg("count", "--count -c", "The count of the agent pool.", kind="int", default=ap.DEFAULT_COUNT),
    Arg("tier", "--tier", "Sets the VM your agent pool will run on. Valid values are: S1(2 vCPUs, 3 GiB RAM), S2(4 "
        "vCPUs, 8 GiB RAM), S3(8 vCPUs, 16 GiB RAM) or I6(64 vCPUs, 216 GiB RAM, Isolated)", default=ap.DEFAULT_TIER),
    Arg("os_type", "--os", "The os of the agent pool.", default=ap.DEFAULT_OS, deprecated=True),
    Arg("subnet_id", "--subnet-id", "The Virtual Network Subnet Resource Id of the agent machine."),
    NO_WAIT,
], examples=[("Create the agent pool 'MyAgentName' associated with the registry 'MyRegistry'.",
              "az acr agentpool create -n MyAgentName -r MyRegistry"),
             ("Create the agent pool 'MyAgentName' with 2 agent count.",
              "az acr agentpool create -n MyAgentName -r MyRegistry --count 2"),
             ("Create the agent pool 'MyAgentName' associated with the registry 'MyRegistry' in VNET subnet.",
              "az acr agentpool create -n MyAgentName -r MyRegistry --subnet-id /subscriptions/<SubscriptionId>/"
              "resourceGroups/<ResourceGroupName>/providers/Microsoft.ClassicNetwork/virtualNetworks/<myNetwork>/"
              "subnets/<subNet>")], table=agentpool_table, preview=True)
def agentpool_create(ctx, a):
    reg = load_registry(ctx, a)
    props = {"count": a.count, "tier": a.tier.upper(), "os": a.os_type}
    if a.subnet_id:
        props["virtualNetworkSubnetResourceId"] = a.subnet_id
    body = {"location": reg.location, "properties": props}
    pool = send(ctx.cloud, ctx.principal, "PUT", _pool_id(reg, a.agent_pool_name), body).resource
    return None if a.no_wait else pool.to_json()


@command("acr agentpool update", "Update an agent pool for an Azure Container Registry.", [
    NAME, REG, RG_OPT, Arg("count", "--count -c", "The count of the agent pool.", kind="int"), NO_WAIT,
], examples=[("Update the agent pool 'MyAgentName' count to 5",
              "az acr agentpool update -n MyAgentName -r MyRegistry --count 5")], table=agentpool_table, preview=True)
def agentpool_update(ctx, a):
    reg = load_registry(ctx, a)
    body = {"properties": {} if a.count is None else {"count": a.count}}
    pool = send(ctx.cloud, ctx.principal, "PATCH", _pool_id(reg, a.agent_pool_name), body).resource
    return None if a.no_wait else pool.to_json()


@command("acr agentpool delete", "Delete an agent pool.", [
    NAME, REG, RG_OPT, NO_WAIT, Arg("yes", "--yes -y", "Do not prompt for confirmation.", kind="flag"),
], examples=[("Delete the agent pool 'MyAgentName'.", "az acr agentpool delete -n MyAgentName -r MyRegistry")],
    table=agentpool_table, preview=True)
def agentpool_delete(ctx, a):
    reg = load_registry(ctx, a)
    ctx.confirm(f"Are you sure you want to delete the agentpool '{a.agent_pool_name}' in registry "
                f"'{a.registry_name}'?")
    send(ctx.cloud, ctx.principal, "DELETE", _pool_id(reg, a.agent_pool_name))
    if a.no_wait:
        ctx.warn(f"Started to delete the agent pool '{a.agent_pool_name}': Succeeded")
        return None
    # acr/_agentpool_polling.py: a 404 while polling counts as deleted, so a missing pool reports the same
    return f"Agent '{a.agent_pool_name}' was successfully deleted"


@command("acr agentpool list", "List the agent pools for an Azure Container Registry.", [REG, RG_OPT],
         examples=[("List agent pools and show the result in a table.",
                    "az acr agentpool list -r MyRegistry -o table")], table=agentpool_table, preview=True)
def agentpool_list(ctx, a):
    reg = load_registry(ctx, a)
    return [p.to_json() for p in send(ctx.cloud, ctx.principal, "GET", f"{reg.id}/agentPools").resources]


@command("acr agentpool show", "Get the properties of a specified agent pool for an Azure Container Registry.", [
    NAME, REG, RG_OPT, Arg("queue_count", "--queue-count", "Get only the queue count", kind="flag"),
], examples=[("Get the properties of an agent pool, displaying the results in a table.",
              "az acr agentpool show -n MyAgentName -r MyRegistry -o table")], table=agentpool_table, preview=True)
def agentpool_show(ctx, a):
    reg = load_registry(ctx, a)
    rid = _pool_id(reg, a.agent_pool_name)
    if a.queue_count:
        return send(ctx.cloud, ctx.principal, "POST", rid, action="listQueueStatus").body
    return send(ctx.cloud, ctx.principal, "GET", rid).resource.to_json()
