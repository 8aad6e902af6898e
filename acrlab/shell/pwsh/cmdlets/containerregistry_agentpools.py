"""Az.ContainerRegistry agent pools: New-, Get-, Update-, Remove-AzContainerRegistryAgentPool and
Get-AzContainerRegistryAgentPoolQueueStatus (help pages in Azure/azure-powershell
src/ContainerRegistry/ContainerRegistry/help). Each is one request to the resource manager."""

from __future__ import annotations

from ....engine.arm import send
from ..values import Hashtable, PSError, PSObject, to_str
from .base import Param, cmdlet
from .containerregistry import MOD, PROFILE, engine_call, load
from .containerregistry_body import json_body

T = "Microsoft.Azure.PowerShell.Cmdlets.ContainerRegistry.Models.Api20190601Preview"
SUB = Param("SubscriptionId", "string", "The Microsoft Azure subscription ID.")
NAME = Param("Name", "string", "The name of the agent pool.", aliases=("AgentPoolName",), mandatory=True)
REG = Param("RegistryName", "string", "The name of the container registry.", mandatory=True)
RGP = Param("ResourceGroupName", "string", "The name of the resource group to which the container registry belongs.",
            mandatory=True)


def _by_name(name_sets: tuple, identity_sets: tuple, name: str = "Name") -> list[Param]:
    """Name, RegistryName, ResourceGroupName, SubscriptionId in the name sets; InputObject (an agent pool or an
    IContainerRegistryIdentity hashtable, from the pipeline) in the ViaIdentity sets."""
    aliases = ("AgentPoolName",) if name == "Name" else ()
    return [Param(name, "string", "The name of the agent pool.", aliases=aliases, mandatory=True, sets=name_sets),
            Param("RegistryName", "string", "The name of the container registry.", mandatory=True, sets=name_sets),
            Param("ResourceGroupName", "string", "The name of the resource group to which the container registry "
                  "belongs.", mandatory=True, sets=name_sets),
            Param("SubscriptionId", "string", "The Microsoft Azure subscription ID.", sets=name_sets),
            Param("InputObject", "object", "Identity Parameter", pipeline=True, mandatory=True, sets=identity_sets)]


def _target_id(ctx, a, name: str = "Name") -> str:
    """The pool's resource id, from the names or from InputObject (its Id, else RegistryName, ResourceGroupName and
    AgentPoolName, as the module's identity object carries them)."""
    obj = a.InputObject
    if obj is None:
        return _pool_id(ctx, a, a.get(name))
    get = obj.get_ci if isinstance(obj, Hashtable) else obj.get
    rid = to_str(get("Id") or "")
    parts = rid.split("/")
    if len(parts) >= 11 and parts[9].lower() == "agentpools":
        return f"{load(ctx, parts[8], parts[4]).id}/agentPools/{parts[10]}"
    rg, reg, pool = (to_str(get(k) or "") for k in ("ResourceGroupName", "RegistryName", "AgentPoolName"))
    if not (rg and reg and pool):
        raise PSError("InputObject has null value for InputObject.AgentPoolName")
    return f"{load(ctx, reg, rg).id}/agentPools/{pool}"
ASYNC = [Param("AsJob", "switch", "Run the command as a job"),
         Param("NoWait", "switch", "Run the command asynchronously")]
VIEW = ["Name", "Location", "OS", "Count", "ProvisioningState"]
"""The module's default table (the help pages' example output)."""


def agent_pool_obj(pool) -> PSObject:
    sd = pool.system_data()
    return PSObject(f"{T}.AgentPool", {
        "Count": pool.count, "Id": pool.id, "Location": pool.location, "Name": pool.name, "OS": pool.os,
        "ProvisioningState": "Succeeded", "SystemDataCreatedAt": pool.created, "SystemDataCreatedBy":
        sd["createdBy"], "SystemDataCreatedByType": sd["createdByType"], "SystemDataLastModifiedAt": pool.modified,
        "SystemDataLastModifiedBy": sd["lastModifiedBy"], "SystemDataLastModifiedByType": sd["lastModifiedByType"],
        "Tag": Hashtable(pool.tags or {}), "Tier": pool.tier, "Type": "Microsoft.ContainerRegistry/registries/"
        "agentPools", "VirtualNetworkSubnetResourceId": pool.subnet_id}, view="table", columns=VIEW)


def _tags(h) -> dict | None:
    return None if h is None else {to_str(k): to_str(v) for k, v in h.items()}


def _pool_id(ctx, a, name: str) -> str:
    return f"{load(ctx, a.RegistryName, a.ResourceGroupName).id}/agentPools/{name}"


def _json_params(verb: str) -> list[Param]:
    """The module's ViaJsonString / ViaJsonFilePath parameter sets: the request body as JSON."""
    return [Param("JsonFilePath", "string", f"Path of Json file supplied to the {verb} operation",
                  sets=(f"{verb}ViaJsonFilePath",), mandatory=True),
            Param("JsonString", "string", f"Json string supplied to the {verb} operation",
                  sets=(f"{verb}ViaJsonString",), mandatory=True)]


CREATE = ("CreateExpanded",)


@cmdlet("New-AzContainerRegistryAgentPool", [
    NAME, REG, RGP, SUB,
    Param("Location", "string", "The location of the resource. This cannot be changed after the resource is created.",
          sets=CREATE, mandatory=True),
    Param("Count", "int", "The count of agent machine", sets=CREATE),
    Param("OS", "string", "The OS of agent machine", values=("Linux", "Windows"), sets=CREATE),
    Param("Tag", "hashtable", "The tags of the resource.", sets=CREATE),
    Param("Tier", "string", "The Tier of agent machine", sets=CREATE),
    Param("VirtualNetworkSubnetResourceId", "string", "The Virtual Network Subnet Resource Id of the agent machine",
          sets=CREATE),
    *_json_params("Create"), PROFILE, *ASYNC,
], "Creates an agent pool for a container registry with the specified parameters.", module=MOD, should_process=True,
    outputs=f"{T}.IAgentPool", sets=["CreateExpanded", "CreateViaJsonFilePath", "CreateViaJsonString"],
    default_set="CreateExpanded",
    examples=[("Creates an agent pool for a container registry with the specified parameters.",
               "New-AzContainerRegistryAgentPool -name agent  -RegistryName RegistryExample -ResourceGroupName "
               "MyResourceGroup -Location 'eastus' -Count 1 -Tier S1 -os 'Linux'")])
def new_agent_pool(ctx, a, items):
    body = json_body(ctx, a, "Create", "AgentPool")
    if body is not None:
        pool = engine_call(send, ctx.cloud, ctx.principal, "PUT", _pool_id(ctx, a, a.Name), body).resource
        return agent_pool_obj(pool)
    props: dict = {}
    for key, value in (("count", a.Count), ("tier", a.Tier), ("os", a.OS),
                       ("virtualNetworkSubnetResourceId", a.VirtualNetworkSubnetResourceId)):
        if value is not None:
            props[key] = value
    body = {"location": a.Location, "properties": props, **({"tags": _tags(a.Tag)} if a.Tag is not None else {})}
    pool = engine_call(send, ctx.cloud, ctx.principal, "PUT", _pool_id(ctx, a, a.Name), body).resource
    return agent_pool_obj(pool)


@cmdlet("Get-AzContainerRegistryAgentPool", [
    Param("Name", "string", "The name of the agent pool.", aliases=("AgentPoolName",), sets=("Get",),
          mandatory=True),
    Param("RegistryName", "string", "The name of the container registry.", mandatory=True, sets=("List", "Get")),
    Param("ResourceGroupName", "string", "The name of the resource group to which the container registry belongs.",
          mandatory=True, sets=("List", "Get")),
    Param("SubscriptionId", "strings", "The Microsoft Azure subscription ID.", sets=("List", "Get")),
    Param("InputObject", "object", "Identity Parameter", pipeline=True, mandatory=True, sets=("GetViaIdentity",)),
    PROFILE,
], "Gets the detailed information for a given agent pool.", module=MOD, sets=["List", "Get", "GetViaIdentity"],
    default_set="List",
    outputs=f"{T}.IAgentPool",
    examples=[("Get the agent pool of an registry",
               "Get-AzContainerRegistryAgentPool -RegistryName RegistryExample -ResourceGroupName MyResourceGroup")])
def get_agent_pool(ctx, a, items):
    if a.Name or a.InputObject is not None:
        rid = _target_id(ctx, a)
        return agent_pool_obj(engine_call(send, ctx.cloud, ctx.principal, "GET", rid).resource)
    reg = load(ctx, a.RegistryName, a.ResourceGroupName)
    listing = engine_call(send, ctx.cloud, ctx.principal, "GET", f"{reg.id}/agentPools")
    return [agent_pool_obj(p) for p in listing.resources]


UPDATE_EXPANDED = ("UpdateExpanded", "UpdateViaIdentityExpanded")


@cmdlet("Update-AzContainerRegistryAgentPool", [
    *_by_name(("UpdateExpanded", "UpdateViaJsonFilePath", "UpdateViaJsonString"), ("UpdateViaIdentityExpanded",)),
    Param("Count", "int", "The count of agent machine", sets=UPDATE_EXPANDED),
    Param("Tag", "hashtable", "The ARM resource tags.", aliases=("Tags",), sets=UPDATE_EXPANDED),
    *_json_params("Update"), PROFILE, *ASYNC,
], "Updates an agent pool with the specified parameters.", module=MOD, should_process=True,
    outputs=f"{T}.IAgentPool", sets=["UpdateExpanded", "UpdateViaJsonFilePath", "UpdateViaJsonString",
                                     "UpdateViaIdentityExpanded"], default_set="UpdateExpanded",
    examples=[("Updates an agent pool with the specified parameters",
               "Update-AzContainerRegistryAgentPool -AgentPoolName agent -RegistryName RegistryExample "
               "-ResourceGroupName MyResourceGroup -Count 5")])
def update_agent_pool(ctx, a, items):
    body = json_body(ctx, a, "Update", "AgentPool")
    if body is None:
        body = {"properties": {} if a.Count is None else {"count": a.Count}}
        if a.Tag is not None:
            body["tags"] = _tags(a.Tag)
    pool = engine_call(send, ctx.cloud, ctx.principal, "PATCH", _target_id(ctx, a), body).resource
    return agent_pool_obj(pool)


@cmdlet("Remove-AzContainerRegistryAgentPool", [
    *_by_name(("Delete",), ("DeleteViaIdentity",)),
    Param("PassThru", "switch", "Returns true when the command succeeds"), PROFILE, *ASYNC,
], "Deletes a specified agent pool resource.", module=MOD, should_process=True, outputs="System.Boolean",
    sets=["Delete", "DeleteViaIdentity"], default_set="Delete",
    examples=[("Delete a specified agent pool resource.",
               "Remove-AzContainerRegistryAgentPool -Name agentpool -RegistryName RegistryExample "
               "-ResourceGroupName MyResourceGroup")])
def remove_agent_pool(ctx, a, items):
    engine_call(send, ctx.cloud, ctx.principal, "DELETE", _target_id(ctx, a))
    return True if a.PassThru else None


@cmdlet("Get-AzContainerRegistryAgentPoolQueueStatus", [
    *_by_name(("Get",), ("GetViaIdentity",), name="AgentPoolName"), PROFILE,
], "Gets the count of queued runs for a given agent pool.", module=MOD, should_process=True, outputs="System.Int32",
    sets=["Get", "GetViaIdentity"], default_set="Get",
    examples=[("Gets the count of queued runs for a given agent pool.",
               "Get-AzContainerRegistryAgentPoolQueueStatus -AgentPoolName agent -RegistryName RegistryExample "
               "-ResourceGroupName MyResourceGroup")])
def get_queue_status(ctx, a, items):
    rid = _target_id(ctx, a, "AgentPoolName")
    return engine_call(send, ctx.cloud, ctx.principal, "POST", rid, action="listQueueStatus").body["count"]
