"""az network private-endpoint create|show|list|delete, dns-zone-group create|list|show|delete,
az acr private-endpoint-connection list|show|approve|reject|delete, az acr private-link-resource list."""

from __future__ import annotations

from ....engine import network, privatedns
from ....engine.arm import send
from ..framework import Arg, command, group
from ..validators import check_subnet_usage
from .acr import RG_OPT, load_registry, registry_arg

group("network private-endpoint", "Manage private endpoints.")
group("network private-endpoint dns-zone-group", "Manage private endpoint dns zone group.")
group("acr private-endpoint-connection", "Manage container registry private endpoint connections.")

RG = Arg("resource_group", "--resource-group -g", "Name of resource group. You can configure the default group "
         "using `az configure --defaults group=<name>`.", required=True, default_key="group")


@command("network private-endpoint create", "Create a private endpoint.", [
    Arg("name", "--name -n", "Name of the private endpoint.", required=True), RG,
    Arg("subnet", "--subnet", "Name or ID of an existing subnet. If name specified, also specify --vnet-name.",
        required=True),
    Arg("vnet_name", "--vnet-name", "The virtual network (VNet) associated with the subnet (Omit if supplying a "
        "subnet id)."),
    Arg("target", "--private-connection-resource-id", "The resource id of the private endpoint to connect to.",
        required=True),
    Arg("group_ids", "--group-ids --group-id", "The ID of the group obtained from the remote resource that this "
        "private endpoint should connect to.", kind="list"),
    Arg("connection_name", "--connection-name", "Name of the private link service connection.", required=True),
    Arg("location", "--location -l", "Location.", default_key="location"),
    Arg("manual_request", "--manual-request", "Use manual request to establish the connection. Configure it as "
        "'true' when you don't have access to the subscription of private link service.", kind="bool"),
    Arg("request_message", "--request-message", "A message passed to the owner of the remote resource with this "
        "connection request. Restricted to 140 chars."),
    Arg("nic_name", "--nic-name", "The custom name of the network interface attached to the private endpoint."),
], examples=[("Create a private endpoint for a container registry.",
              "az network private-endpoint create -g MyResourceGroup -n MyPE --vnet-name MyVnetName --subnet "
              "MySubnet --private-connection-resource-id \"/subscriptions/.../registries/myregistry\" --group-ids "
              "registry --connection-name tttt -l centralus")])
def pe_create(ctx, a):
    check_subnet_usage(a.subnet, a.vnet_name)
    # network/_validators.py get_subnet_validator: a subnet name and --vnet-name become the subnet's id (no look-up)
    subnet = a.subnet if a.subnet.startswith("/") else \
        f"{ctx.subscription.id}/resourceGroups/{a.resource_group}/providers/{network.NET}/virtualNetworks/" \
        f"{a.vnet_name}/subnets/{a.subnet}"
    link = {"name": a.connection_name, "properties": {
        "privateLinkServiceId": a.target, "groupIds": list(a.group_ids or []),
        **({"requestMessage": a.request_message} if a.request_message else {})}}
    body = {"location": a.location, "properties": {
        "subnet": {"id": subnet},
        "manualPrivateLinkServiceConnections" if a.manual_request else "privateLinkServiceConnections": [link],
        **({"customNetworkInterfaceName": a.nic_name} if a.nic_name else {})}}
    return send(ctx.cloud, ctx.principal, "PUT", _pe_id(ctx, a.resource_group, a.name), body).resource.item \
        .to_json(ctx.cloud)


def _pe_id(ctx, resource_group: str, name: str = "") -> str:
    return f"{ctx.subscription.id}/resourceGroups/{resource_group}/providers/{network.NET}/privateEndpoints" + \
        (f"/{name}" if name else "")


@command("network private-endpoint show", "Get the details of a private endpoint.", [
    Arg("name", "--name -n", "Name of the private endpoint.", required=True, id_part="name"), RG])
def pe_show(ctx, a):
    return send(ctx.cloud, ctx.principal, "GET", _pe_id(ctx, a.resource_group, a.name)).resource.item \
        .to_json(ctx.cloud)


@command("network private-endpoint list", "List private endpoints.", [
    Arg("resource_group", "--resource-group -g", "Name of resource group.", default_key="group")],
    table=lambda r: [{"Name": p["name"], "ResourceGroup": p["resourceGroup"], "Location": p["location"],
                      "ProvisioningState": p["provisioningState"]} for p in r])
def pe_list(ctx, a):
    scope = _pe_id(ctx, a.resource_group) if a.resource_group else \
        f"{ctx.subscription.id}/providers/{network.NET}/privateEndpoints"
    return [b.item.to_json(ctx.cloud) for b in send(ctx.cloud, ctx.principal, "GET", scope).resources]


@command("network private-endpoint delete", "Delete a private endpoint.", [
    Arg("name", "--name -n", "Name of the private endpoint.", required=True, id_part="name"), RG])
def pe_delete(ctx, a):
    send(ctx.cloud, ctx.principal, "DELETE", _pe_id(ctx, a.resource_group, a.name))
    return None


@command("network private-endpoint dns-zone-group create", "Create a private endpoint dns zone group.", [
    Arg("endpoint_name", "--endpoint-name", "Name of the private endpoint.", required=True), RG,
    Arg("name", "--name -n", "Name of the private dns zone group.", required=True),
    Arg("zone", "--private-dns-zone", "Name or ID of the private dns zone.", required=True),
    Arg("zone_name", "--zone-name", "Name of the private dns zone.", required=True),
], examples=[("Create a private endpoint dns zone group.",
              "az network private-endpoint dns-zone-group create --endpoint-name MyPE -g MyRG -n MyZoneGroup "
              "--zone-name Zone1 --private-dns-zone PrivateDNSZone1")])
def zone_group_create(ctx, a):
    """network/custom.py create_private_endpoint_private_dns_zone_group: a PUT of the group with one configuration
    (--zone-name) naming the zone; a zone given by name is one of the endpoint's resource group."""
    zone = a.zone if a.zone.startswith("/") else \
        f"{ctx.subscription.id}/resourceGroups/{a.resource_group}/providers/{network.NET}/privateDnsZones/{a.zone}"
    body = {"properties": {"privateDnsZoneConfigs": [{"name": a.zone_name, "properties": {
        "privateDnsZoneId": zone}}]}}
    return _zone_group(ctx, send(ctx.cloud, ctx.principal, "PUT", _group_id(ctx, a, a.name), body).resource)


def _group_id(ctx, a, name: str | None) -> str:
    return f"{_pe_id(ctx, a.resource_group, a.endpoint_name)}/privateDnsZoneGroups" + (f"/{name}" if name else "")


def _zone_group(ctx, group) -> dict:
    return privatedns.zone_group_json(ctx.cloud, group.endpoint, group.name)


ENDPOINT = Arg("endpoint_name", "--endpoint-name", "Name of the private endpoint.", required=True)


@command("network private-endpoint dns-zone-group list", "List all private endpoint dns zone groups.", [ENDPOINT, RG])
def zone_group_list(ctx, a):
    return [_zone_group(ctx, g) for g in send(ctx.cloud, ctx.principal, "GET", _group_id(ctx, a, None)).resources]


@command("network private-endpoint dns-zone-group show", "Show a private endpoint dns zone group.", [
    ENDPOINT, RG, Arg("name", "--name -n", "Name of the private dns zone group.", required=True)])
def zone_group_show(ctx, a):
    return _zone_group(ctx, send(ctx.cloud, ctx.principal, "GET", _group_id(ctx, a, a.name)).resource)


@command("network private-endpoint dns-zone-group delete", "Delete a private endpoint dns zone group.", [
    ENDPOINT, RG, Arg("name", "--name -n", "Name of the private dns zone group.", required=True)],
    examples=[("Delete a private endpoint dns zone group.",
               "az network private-endpoint dns-zone-group delete --endpoint-name MyPE -g MyRG -n MyZoneGroup")])
def zone_group_delete(ctx, a):
    send(ctx.cloud, ctx.principal, "DELETE", _group_id(ctx, a, a.name))
    return None


# -- the registry side -------------------------------------------------------------------------------------
# azure-cli acr/commands.py registers no table transformer for `acr private-endpoint-connection`: knack's
# automatic table (sorted scalar keys) applies.

CONN = Arg("connection_name", "--name -n", "The name of the private endpoint connection.", required=True)


def _registry(ctx, a):
    return load_registry(ctx, a)


@command("acr private-endpoint-connection list", "List all private endpoint connections to a container registry.",
         [registry_arg(options="--registry-name -r"), RG_OPT],
         examples=[("List all private endpoint connections to a container registry.",
                    "az acr private-endpoint-connection list -r myregistry")])
def conn_list(ctx, a):
    reg = _registry(ctx, a)
    listing = send(ctx.cloud, ctx.principal, "GET", f"{reg.id}/privateEndpointConnections")
    return [c.to_json() for c in listing.resources]


@command("acr private-endpoint-connection show", "Show details of a container registry's private endpoint "
         "connection.", [CONN, registry_arg(options="--registry-name -r"), RG_OPT])
def conn_show(ctx, a):
    return _send(ctx, a, "GET").to_json()


def _send(ctx, a, method: str, status: str | None = None):
    rid = f"{_registry(ctx, a).id}/privateEndpointConnections/{a.connection_name}"
    body = None if status is None else {"properties": {"privateLinkServiceConnectionState": {
        "status": status, "description": a.description}}}
    return send(ctx.cloud, ctx.principal, method, rid, body).resource


@command("acr private-endpoint-connection approve", "Approve a private endpoint connection request for a container "
         "registry.", [CONN, registry_arg(options="--registry-name -r"), RG_OPT,
                       Arg("description", "--description", "Comments for the approval.")])
def conn_approve(ctx, a):
    return _send(ctx, a, "PUT", "Approved").to_json()


@command("acr private-endpoint-connection reject", "Reject a private endpoint connection request for a container "
         "registry.", [CONN, registry_arg(options="--registry-name -r"), RG_OPT,
                       Arg("description", "--description", "Comments for the rejection.")])
def conn_reject(ctx, a):
    return _send(ctx, a, "PUT", "Rejected").to_json()


@command("acr private-endpoint-connection delete", "Delete a private endpoint connection request for a container "
         "registry.", [CONN, registry_arg(options="--registry-name -r"), RG_OPT])
def conn_delete(ctx, a):
    """acr/private_endpoint_connection.py delete: no confirmation prompt (the command takes no --yes)."""
    connection = _send(ctx, a, "GET")  # az shows a missing connection's 404
    send(ctx.cloud, ctx.principal, "DELETE", f"{connection.registry_id}/privateEndpointConnections/{connection.name}")
    return None


group("acr private-link-resource", "Manage registry private link resources.")


@command("acr private-link-resource list", "List the private link resources supported for a registry.", [
    registry_arg(), RG_OPT,
], examples=[("List the private link resources supported for a registry",
              "az acr private-link-resource list -n MyRegistry")])
def private_link_resources(ctx, a):
    """The registry's one private link resource (group `registry`): the login server plus one data endpoint member per
    region (the home region and each replica), all in the privatelink.azurecr.io zone."""
    reg = load_registry(ctx, a)
    regions = [reg.location] + sorted({r.location for r in reg.replications.values()
                                       if getattr(r, "location", reg.location) != reg.location})
    return [{"groupId": "registry", "id": f"{reg.id}/privateLinkResources/registry", "name": "registry",
             "requiredMembers": ["registry"] + [f"registry_data_{region}" for region in regions],
             "requiredZoneNames": ["privatelink.azurecr.io"], "resourceGroup": reg.resource_group,
             "type": "Microsoft.ContainerRegistry/registries/privateLinkResources"}]
