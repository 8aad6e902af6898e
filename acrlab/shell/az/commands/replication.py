"""az acr replication create|list|show|update|delete (Premium)."""

from __future__ import annotations

from ....engine.arm import send
from ....engine.errors import CliError
from ..framework import Arg, command, group
from ..output import get_value
from .account import parse_tags
from .acr import RG_OPT, load_registry, registry_arg, rows_of

group("acr replication", "Manage geo-replicated regions of Azure Container Registries.")

REG = registry_arg(options="--registry -r")
NAME = Arg("replication_name", "--name -n", "The name of the replication.", required=True)


def rep_table(result):
    # azure-cli acr/_format.py _replication_format_group: four columns
    return [{"NAME": get_value(r, "name"), "LOCATION": get_value(r, "location"),
             "PROVISIONING STATE": get_value(r, "provisioningState"),
             "STATUS": get_value(r, "status", "displayStatus")} for r in rows_of(result)]


def _routing(a):
    return a.global_endpoint_routing if a.global_endpoint_routing is not None else a.region_endpoint_enabled


ROUTING = [
    Arg("region_endpoint_enabled", "--region-endpoint-enabled", "Allows routing to this replication. Requests will "
        "not be routed to a disabled replication. Data syncing to all replications will continue regardless of "
        "routing status.", kind="bool", deprecated=True),
    Arg("global_endpoint_routing", "--global-endpoint-routing", "Allows routing from the registry's global endpoint "
        "to this replication.", kind="bool"),
]


@command("acr replication create", "Create a replicated region for an Azure Container Registry.", [
    REG, Arg("location", "--location -l", "Location. Values from: `az account list-locations`.", required=True),
    Arg("replication_name", "--name -n", "The name of the replication. Default to the location name."), RG_OPT,
    Arg("zone_redundancy", "--zone-redundancy", "Indicates whether or not zone redundancy should be enabled for this "
        "registry replication.", choices=["Disabled", "Enabled"]),
    Arg("tags", "--tags", "Space-separated tags: key[=value] [key[=value] ...].", kind="star"),
] + ROUTING, examples=[("Create a replicated region for an Azure Container Registry.",
                        "az acr replication create -r myregistry -l westus")], table=rep_table)
def rep_create(ctx, a):
    reg = _premium(ctx, a)
    normalized = "".join(a.location.split()).lower()
    if reg.location == normalized:  # acr/replication.py checks this before sending the PUT
        raise CliError("Replication could not be created in the same location as the registry.")
    props: dict = {}
    if _routing(a) is not None:
        props["regionEndpointEnabled"] = _routing(a)
    if a.zone_redundancy is not None:
        props["zoneRedundancy"] = a.zone_redundancy
    body: dict = {"location": a.location, "properties": props}
    if parse_tags(a.tags) is not None:
        body["tags"] = parse_tags(a.tags)
    name = a.replication_name or normalized
    return send(ctx.cloud, ctx.principal, "PUT", f"{reg.id}/replications/{name}", body).resource.to_json()


@command("acr replication list", "List all of the regions for a geo-replicated Azure Container Registry.",
         [REG, RG_OPT], examples=[("List replications for a registry in table format.",
                                   "az acr replication list -r myregistry -o table")], table=rep_table)
def rep_list(ctx, a):
    reg = _premium(ctx, a)
    return [r.to_json() for r in send(ctx.cloud, ctx.principal, "GET", f"{reg.id}/replications").resources]


@command("acr replication show", "Get the details of a replicated region.", [NAME, REG, RG_OPT], table=rep_table)
def rep_show(ctx, a):
    reg = _premium(ctx, a)
    return send(ctx.cloud, ctx.principal, "GET", f"{reg.id}/replications/{a.replication_name}").resource.to_json()


@command("acr replication update", "Updates a replication.", [
    NAME, REG, RG_OPT, Arg("tags", "--tags", "Space-separated tags.", kind="star")] + ROUTING, table=rep_table)
def rep_update(ctx, a):
    reg = _premium(ctx, a)
    body: dict = {"properties": {} if _routing(a) is None else {"regionEndpointEnabled": _routing(a)}}
    if parse_tags(a.tags) is not None:
        body["tags"] = parse_tags(a.tags)
    rid = f"{reg.id}/replications/{a.replication_name}"
    return send(ctx.cloud, ctx.principal, "PATCH", rid, body).resource.to_json()


@command("acr replication delete", "Delete a replicated region from an Azure Container Registry.",
         [NAME, REG, RG_OPT, Arg("yes", "--yes -y", "Do not prompt for confirmation.", kind="flag")])
def rep_delete(ctx, a):
    reg = _premium(ctx, a)
    send(ctx.cloud, ctx.principal, "DELETE", f"{reg.id}/replications/{a.replication_name}")
    return None


def _premium(ctx, a):
    """acr/replication.py: validate_premium_registry with REPLICATIONS_NOT_SUPPORTED."""
    reg = load_registry(ctx, a)
    if reg.sku != "Premium":
        raise CliError("Replications are only supported for managed registries in Premium SKU.")
    return reg
