"""Az.Network: virtual networks and subnet configs, private link service connections and private endpoints, on
engine.network and engine.privatelink (PSVirtualNetwork, PSSubnet, PSPrivateEndpoint)."""

from __future__ import annotations

import json

from ....engine import network, privatelink
from ....engine.arm import send
from ..values import Hashtable, PSError, PSObject, as_list, to_str
from .aks import confirm
from .base import Param, cmdlet
from .containerregistry import engine_call

MOD = "Az.Network"
M = "Microsoft.Azure.Commands.Network.Models"
PROFILE = Param("DefaultProfile", "psobject", "The credentials, account, tenant, and subscription used for "
                "communication with Azure.", aliases=("AzContext", "AzureRmContext", "AzureCredential"))
VNET_COLUMNS = ["Name", "ResourceGroupName", "Location", "Id", "Etag", "ResourceGuid", "ProvisioningState", "Tags",
                "AddressSpace", "DhcpOptions", "FlowTimeoutInMinutes", "Subnets", "VirtualNetworkPeerings",
                "EnableDdosProtection", "DdosProtectionPlan"]
PE_COLUMNS = ["Name", "ResourceGroupName", "Location", "Id", "Etag", "ProvisioningState", "Subnet",
              "NetworkInterfaces", "PrivateLinkServiceConnections", "ManualPrivateLinkServiceConnections",
              "CustomDnsConfigs"]


def _plain(v):
    if isinstance(v, PSObject):
        return {k: _plain(x) for k, x in v.props.items() if x is not None and not k.endswith("Text")}
    if isinstance(v, Hashtable):
        return {to_str(k): _plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_plain(x) for x in v]
    return v


def json_text(v) -> str:
    """Az.Network's `<Name>Text` properties: Json.NET, indented, nulls left out."""
    return json.dumps(_plain(v), indent=2)


def net_obj(type_name: str, props: dict, columns: list[str] | None = None, text: tuple = ()) -> PSObject:
    for name in text:
        props[name + "Text"] = json_text(props.get(name))
    return PSObject(f"{M}.{type_name}", props, view="list" if columns else None, columns=columns,
                    to_string=f"{M}.{type_name}")


def subnet_obj(cloud, s: network.Subnet | None, name: str = "", prefixes: list | None = None) -> PSObject:
    """PSSubnet: a live subnet, or a config made by New-AzVirtualNetworkSubnetConfig (no Id yet)."""
    pes = [] if s is None else [net_obj("PSPrivateEndpoint", {"Id": p.id}) for p in
                                privatelink.endpoints(cloud).values() if p.subnet_id.lower() == s.id.lower()]
    return net_obj("PSSubnet", {
        "Name": s.name if s else name, "Id": s.id if s else None, "Etag": f'W/"{s.etag}"' if s else None,
        "ProvisioningState": "Succeeded" if s else None,
        "AddressPrefix": [s.address_prefix] if s else list(prefixes or []),
        "IpConfigurations": [], "ServiceEndpoints": [net_obj("PSServiceEndpoint", {"Service": e}) for e in
                                                     (s.service_endpoints if s else [])],
        "Delegations": [], "PrivateEndpoints": pes,
        "PrivateEndpointNetworkPolicies": s.private_endpoint_network_policies if s else "Disabled",
        "PrivateLinkServiceNetworkPolicies": "Enabled", "NetworkSecurityGroup": None, "RouteTable": None,
    }, columns=["Name", "Id", "Etag", "ProvisioningState", "AddressPrefix", "IpConfigurations", "ServiceEndpoints",
                "Delegations", "PrivateEndpoints", "PrivateEndpointNetworkPolicies",
                "PrivateLinkServiceNetworkPolicies"])


def _peerings(cloud, v: network.VirtualNetwork) -> list:
    from ....engine.peering import of_vnet
    from .network_peering import peering_obj

    return [peering_obj(p) for p in of_vnet(cloud, v.id)]


def vnet_obj(cloud, v: network.VirtualNetwork) -> PSObject:
    return net_obj("PSVirtualNetwork", {
        "Name": v.name, "ResourceGroupName": v.resource_group, "Location": v.location, "Id": v.id,
        "Etag": f'W/"{v.etag}"', "ResourceGuid": v.resource_guid, "ProvisioningState": "Succeeded",
        "Tags": Hashtable(v.tags) if v.tags else None,
        "AddressSpace": net_obj("PSAddressSpace", {"AddressPrefixes": list(v.address_prefixes)}),
        "DhcpOptions": net_obj("PSDhcpOptions", {}), "FlowTimeoutInMinutes": None,
        "Subnets": [subnet_obj(cloud, s) for s in v.subnets.values()], "VirtualNetworkPeerings": _peerings(cloud, v),
        "EnableDdosProtection": False, "DdosProtectionPlan": None,
    }, VNET_COLUMNS, text=("AddressSpace", "DhcpOptions", "Subnets", "VirtualNetworkPeerings"))


def _connection_obj(pe, conn) -> PSObject:
    state = conn.state_json() if conn else {"actionsRequired": "None", "description": "", "status": "Disconnected"}
    kind = "manualPrivateLinkServiceConnections" if pe.manual else "privateLinkServiceConnections"
    return net_obj("PSPrivateLinkServiceConnection", {
        "Name": pe.connection_name, "Id": f"{pe.id}/{kind}/{pe.connection_name}", "Etag": f'W/"{pe.etag}"',
        "ProvisioningState": "Succeeded", "PrivateLinkServiceId": pe.target_id, "GroupIds": list(pe.group_ids),
        "RequestMessage": pe.request_message,
        "PrivateLinkServiceConnectionState": net_obj("PSPrivateLinkServiceConnectionState", {
            "Status": state["status"], "Description": state["description"],
            "ActionsRequired": state["actionsRequired"]})})


def endpoint_obj(cloud, pe: privatelink.PrivateEndpoint) -> PSObject:
    conn = _connection_obj(pe, privatelink.find_connection_for(cloud, pe))
    rg_id = f"/subscriptions/{pe.subscription_id}/resourceGroups/{pe.resource_group}"
    return net_obj("PSPrivateEndpoint", {
        "Name": pe.name, "ResourceGroupName": pe.resource_group, "Location": pe.location, "Id": pe.id,
        "Etag": f'W/"{pe.etag}"', "ProvisioningState": "Succeeded",
        "Subnet": net_obj("PSSubnet", {"Id": pe.subnet_id}),
        "NetworkInterfaces": [net_obj("PSNetworkInterface", {
            "Id": f"{rg_id}/providers/Microsoft.Network/networkInterfaces/{pe.nic_name}"})],
        "PrivateLinkServiceConnections": [] if pe.manual else [conn],
        "ManualPrivateLinkServiceConnections": [conn] if pe.manual else [],
        "CustomDnsConfigs": [net_obj("PSPrivateEndpointCustomDnsConfig", {"Fqdn": f, "IpAddresses": [ip]})
                             for f, ip in pe.ip_by_fqdn.items()],
        "Tags": None,
    }, PE_COLUMNS, text=("Subnet", "NetworkInterfaces", "PrivateLinkServiceConnections",
                         "ManualPrivateLinkServiceConnections", "CustomDnsConfigs"))


def _tags(h) -> dict:
    return {to_str(k): to_str(v) for k, v in (h or {}).items()}


def _prefix(values) -> str:
    items = [to_str(x) for x in as_list(values)]
    if not items:
        raise PSError("Cannot bind argument to parameter 'AddressPrefix' because it is null.")
    return items[0]


# -- virtual networks -------------------------------------------------------------------------------

@cmdlet("New-AzVirtualNetwork", [
    Param("Name", "string", "Specifies the name of the virtual network that this cmdlet creates.",
          aliases=("ResourceName",), mandatory=True),
    Param("ResourceGroupName", "string", "Specifies the name of a resource group to contain the virtual network.",
          mandatory=True),
    Param("Location", "string", "Specifies the region for the virtual network.", mandatory=True),
    Param("AddressPrefix", "strings", "Specifies a range of IP addresses for a virtual network.", mandatory=True),
    Param("Subnet", "objects", "Specifies a list of subnets to associate with the virtual network.",
          dotnet_type=f"{M}.PSSubnet[]"),
    Param("Tag", "hashtable", "Key-value pairs in the form of a hash table."),
    Param("Force", "switch", "Forces the command to run without asking for user confirmation."),
    Param("AsJob", "switch", "Run cmdlet in the background"), PROFILE,
], "Creates a virtual network.", module=MOD, should_process=True, outputs=f"{M}.PSVirtualNetwork",
    examples=[("Create a virtual network with two subnets",
               '$frontend = New-AzVirtualNetworkSubnetConfig -Name frontendSubnet -AddressPrefix "10.0.1.0/24"\n'
               'New-AzVirtualNetwork -Name MyVirtualNetwork -ResourceGroupName TestResourceGroup -Location '
               'centralus -AddressPrefix "10.0.0.0/16" -Subnet $frontend')])
def new_vnet(ctx, a, items):
    cloud = ctx.cloud
    engine_call(cloud.group, a.ResourceGroupName)
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Creating resource" on target "{a.Name}".')
        return None
    if network.find_vnet(cloud, a.ResourceGroupName, a.Name) is not None and \
            not confirm(ctx, a, f"Are you sure you want to overwrite resource '{a.Name}'"):
        return None
    subnets = [s for s in as_list(a.Subnet) if isinstance(s, PSObject)]
    body = {"location": a.Location.replace(" ", "").lower(), "tags": _tags(a.Tag),
            "properties": {"addressSpace": {"addressPrefixes": [to_str(x) for x in as_list(a.AddressPrefix)]},
                           "subnets": [_subnet_body(s) for s in subnets]}}
    return vnet_obj(cloud, _send(ctx, "PUT", _vnet_id(ctx, a.ResourceGroupName, a.Name), body).resource)


def _vnet_id(ctx, rg: str, name: str) -> str:
    return f"{ctx.subscription.id}/resourceGroups/{rg}/providers/{network.NET}/virtualNetworks/{name}"


def _send(ctx, method: str, rid: str, body: dict | None = None):
    return engine_call(send, ctx.cloud, ctx.principal, method, rid, body)


def _subnet_body(s: PSObject) -> dict:
    """A PSSubnet as the request's subnet: name, prefix, endpoint policies and service endpoints."""
    ses = [to_str(e.get("Service") if isinstance(e, PSObject) else e) for e in as_list(s.get("ServiceEndpoints"))]
    return {"name": to_str(s.get("Name")), "properties": {
        "addressPrefix": _prefix(s.get("AddressPrefix")),
        "privateEndpointNetworkPolicies": to_str(s.get("PrivateEndpointNetworkPolicies") or "Disabled"),
        "serviceEndpoints": [{"service": e} for e in ses]}}


@cmdlet("Get-AzVirtualNetwork", [
    Param("Name", "string", "Specifies the name of the virtual network that this cmdlet gets.",
          aliases=("ResourceName",), position=0),
    Param("ResourceGroupName", "string", "Specifies the name of the resource group that contains the virtual "
          "networks that this cmdlet gets.", position=1), PROFILE,
], "Gets a virtual network in a resource group.", module=MOD, outputs=f"{M}.PSVirtualNetwork",
    examples=[("Get a virtual network", "Get-AzVirtualNetwork -Name MyVirtualNetwork -ResourceGroupName "
                                        "TestResourceGroup")])
def get_vnet(ctx, a, items):
    cloud = ctx.cloud
    ctx.require_login()
    if a.Name and a.ResourceGroupName and not any(c in a.Name for c in "*?"):
        return vnet_obj(cloud, _send(ctx, "GET", _vnet_id(ctx, a.ResourceGroupName, a.Name)).resource)
    import fnmatch
    where = f"{ctx.subscription.id}/resourceGroups/{a.ResourceGroupName}" if a.ResourceGroupName \
        else ctx.subscription.id
    listed = _send(ctx, "GET", f"{where}/providers/{network.NET}/virtualNetworks").resources
    return [vnet_obj(cloud, v) for v in sorted(listed, key=lambda v: v.name.lower())
            if not a.Name or fnmatch.fnmatch(v.name.lower(), a.Name.lower())]


def _live_vnet(ctx, obj) -> network.VirtualNetwork:
    if not isinstance(obj, PSObject) or not obj.has("Id"):
        raise PSError("Cannot bind argument to parameter 'VirtualNetwork' because it is null.")
    parts = to_str(obj.get("Id")).split("/")
    return _send(ctx, "GET", _vnet_id(ctx, parts[4], parts[-1])).resource


@cmdlet("Set-AzVirtualNetwork", [
    Param("VirtualNetwork", "object", "Specifies a virtual network object that represents the goal state.",
          mandatory=True, pipeline=True, dotnet_type=f"{M}.PSVirtualNetwork"),
    Param("AsJob", "switch", "Run cmdlet in the background"), PROFILE,
], "Updates a virtual network.", module=MOD, outputs=f"{M}.PSVirtualNetwork",
    examples=[("Add a subnet", '$vnet = Get-AzVirtualNetwork -Name MyVirtualNetwork -ResourceGroupName '
                               'TestResourceGroup\nAdd-AzVirtualNetworkSubnetConfig -Name backendSubnet '
                               '-VirtualNetwork $vnet -AddressPrefix "10.0.2.0/24"\n$vnet | Set-AzVirtualNetwork')])
def set_vnet(ctx, a, items):
    """The object is the goal state: one PUT with its address space, tags and subnets (a subnet taken out of
    `.Subnets` is deleted, as in Azure; refused while it holds addresses)."""
    vnet = _live_vnet(ctx, a.VirtualNetwork)
    obj = a.VirtualNetwork
    space = obj.get("AddressSpace")
    prefixes = [to_str(x) for x in as_list(space.get("AddressPrefixes"))] if isinstance(space, PSObject) else []
    body = {"location": vnet.location, "tags": _tags(obj.get("Tags")),
            "properties": {"addressSpace": {"addressPrefixes": prefixes or list(vnet.address_prefixes)},
                           "subnets": [_subnet_body(s) for s in as_list(obj.get("Subnets"))
                                       if isinstance(s, PSObject)]}}
    return vnet_obj(ctx.cloud, _send(ctx, "PUT", vnet.id, body).resource)


SUBNET_ARGS = [
    Param("Name", "string", "Specifies the name of the subnet configuration.", mandatory=True),
    Param("AddressPrefix", "strings", "Specifies a range of IP addresses for a subnet configuration.",
          mandatory=True),
    Param("ServiceEndpoint", "strings", "Service Endpoint Value"),
    Param("PrivateEndpointNetworkPoliciesFlag", "string", "Configure to enable or disable applying network policies "
          "on private endpoint in this subnet.", values=("Enabled", "Disabled", "NetworkSecurityGroupEnabled",
                                                         "RouteTableEnabled")), PROFILE,
]


def _subnet_config(a) -> PSObject:
    s = subnet_obj(None, None, a.Name, a.AddressPrefix)
    s.set("ServiceEndpoints", [net_obj("PSServiceEndpoint", {"Service": e}) for e in a.ServiceEndpoint or []])
    if a.PrivateEndpointNetworkPoliciesFlag:
        s.set("PrivateEndpointNetworkPolicies", a.PrivateEndpointNetworkPoliciesFlag)
    return s


@cmdlet("New-AzVirtualNetworkSubnetConfig", SUBNET_ARGS, "Creates a virtual network subnet configuration.",
        module=MOD, outputs=f"{M}.PSSubnet",
        examples=[("A subnet config", 'New-AzVirtualNetworkSubnetConfig -Name frontendSubnet -AddressPrefix '
                                      '"10.0.1.0/24"')])
def new_subnet_config(ctx, a, items):
    return _subnet_config(a)


@cmdlet("Add-AzVirtualNetworkSubnetConfig", [
    *SUBNET_ARGS, Param("VirtualNetwork", "object", "Specifies the VirtualNetwork object to which to add a subnet "
                        "configuration.", mandatory=True, pipeline=True, dotnet_type=f"{M}.PSVirtualNetwork"),
], "Adds a subnet configuration to a virtual network (in memory; Set-AzVirtualNetwork saves it).", module=MOD,
    outputs=f"{M}.PSVirtualNetwork",
    examples=[("Add a subnet", 'Add-AzVirtualNetworkSubnetConfig -Name backendSubnet -VirtualNetwork $vnet '
                               '-AddressPrefix "10.0.2.0/24" | Set-AzVirtualNetwork')])
def add_subnet_config(ctx, a, items):
    vnet = a.VirtualNetwork
    if not isinstance(vnet, PSObject) or not vnet.type_name.endswith("PSVirtualNetwork"):
        raise PSError("Cannot bind argument to parameter 'VirtualNetwork' because it is null.")
    subnets = [s for s in as_list(vnet.get("Subnets")) if isinstance(s, PSObject)]
    if any(to_str(s.get("Name")).lower() == a.Name.lower() for s in subnets):
        raise PSError("Subnet with the specified name already exists")
    subnets.append(_subnet_config(a))
    vnet.set("Subnets", subnets)
    return vnet


@cmdlet("Get-AzVirtualNetworkSubnetConfig", [
    Param("Name", "string", "Specifies the name of the subnet configuration to get."),
    Param("VirtualNetwork", "object", "Specifies the VirtualNetwork object that contains the subnet configuration.",
          mandatory=True, pipeline=True, dotnet_type=f"{M}.PSVirtualNetwork"), PROFILE,
], "Gets a subnet in a virtual network.", module=MOD, outputs=f"{M}.PSSubnet",
    examples=[("A subnet", "Get-AzVirtualNetworkSubnetConfig -Name frontendSubnet -VirtualNetwork $vnet")])
def get_subnet_config(ctx, a, items):
    subnets = [s for s in as_list(a.VirtualNetwork.get("Subnets") if isinstance(a.VirtualNetwork, PSObject)
                                  else None) if isinstance(s, PSObject)]
    if not a.Name:
        return subnets
    found = [s for s in subnets if to_str(s.get("Name")).lower() == a.Name.lower()]
    if not found:
        raise PSError("Sequence contains no matching element")
    return found[0]


# -- private endpoints ----------------------------------------------------------------------------

@cmdlet("New-AzPrivateLinkServiceConnection", [
    Param("Name", "string", "Specifies the name of the private link service connection.", mandatory=True),
    Param("PrivateLinkServiceId", "string", "Specifies the id of private link service.", mandatory=True),
    Param("GroupId", "strings", "The ID of a group obtained from the remote resource that this private endpoint "
          "should connect to."),
    Param("RequestMessage", "string", "Specifies a message passed to the owner of the remote resource with the "
          "private endpoint connection request."), PROFILE,
], "Creates a private link service connection configuration (in memory) for New-AzPrivateEndpoint.", module=MOD,
    outputs=f"{M}.PSPrivateLinkServiceConnection",
    examples=[("A connection to a registry", "New-AzPrivateLinkServiceConnection -Name conn -PrivateLinkServiceId "
                                             "$acr.Id -GroupId registry")])
def new_pls_connection(ctx, a, items):
    return net_obj("PSPrivateLinkServiceConnection", {
        "Name": a.Name, "Id": None, "Etag": None, "ProvisioningState": None,
        "PrivateLinkServiceId": a.PrivateLinkServiceId, "GroupIds": list(a.GroupId or []),
        "RequestMessage": a.RequestMessage, "PrivateLinkServiceConnectionState": None})


@cmdlet("New-AzPrivateEndpoint", [
    Param("Name", "string", "The name of the private endpoint.", aliases=("ResourceName",), mandatory=True),
    Param("ResourceGroupName", "string", "The resource group name of the private endpoint.", mandatory=True),
    Param("Location", "string", "The location of the private endpoint.", mandatory=True),
    Param("Subnet", "object", "The subnet of the private endpoint.", mandatory=True, dotnet_type=f"{M}.PSSubnet"),
    Param("PrivateLinkServiceConnection", "objects", "The private link service connection.", mandatory=True,
          dotnet_type=f"{M}.PSPrivateLinkServiceConnection[]"),
    Param("ByManualRequest", "switch", "Use manual request to establish the connection."),
    Param("Tag", "hashtable", "A hashtable which represents resource tags."),
    Param("Force", "switch", "Do not ask for confirmation if you want to overwrite a resource."),
    Param("AsJob", "switch", "Run cmdlet in the background"), PROFILE,
], "Creates a private endpoint.", module=MOD, should_process=True, outputs=f"{M}.PSPrivateEndpoint",
    examples=[("A private endpoint for a registry",
               '$conn = New-AzPrivateLinkServiceConnection -Name conn -PrivateLinkServiceId $acr.Id -GroupId '
               'registry\nNew-AzPrivateEndpoint -ResourceGroupName rg -Name pe -Location eastus -Subnet '
               '$vnet.Subnets[0] -PrivateLinkServiceConnection $conn')])
def new_private_endpoint(ctx, a, items):
    cloud = ctx.cloud
    sub = a.Subnet
    found = network.find_subnet(cloud, to_str(sub.get("Id"))) if isinstance(sub, PSObject) else None
    if found is None:
        raise PSError("Cannot bind argument to parameter 'Subnet': the subnet has no Id; take it from "
                      "Get-AzVirtualNetwork (for example $vnet.Subnets[0]).")
    conns = [{"name": to_str(c.get("Name")), "properties": {
        "privateLinkServiceId": to_str(c.get("PrivateLinkServiceId")),
        "groupIds": [to_str(g) for g in as_list(c.get("GroupIds"))],
        **({"requestMessage": to_str(c.get("RequestMessage"))} if c.get("RequestMessage") else {})}}
        for c in a.PrivateLinkServiceConnection if isinstance(c, PSObject)]
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Creating resource" on target "{a.Name}".')
        return None
    body = {"location": a.Location, "properties": {
        "subnet": {"id": found[1].id},
        "manualPrivateLinkServiceConnections" if a.ByManualRequest else "privateLinkServiceConnections": conns}}
    pe = engine_call(send, cloud, ctx.principal, "PUT", _pe_id(ctx, a.ResourceGroupName, a.Name), body)
    return endpoint_obj(cloud, pe.resource.item)


def _pe_id(ctx, resource_group: str, name: str = "") -> str:
    return f"{ctx.subscription.id}/resourceGroups/{resource_group}/providers/{network.NET}/privateEndpoints" + \
        (f"/{name}" if name else "")


@cmdlet("Get-AzPrivateEndpoint", [
    Param("Name", "string", "The resource name.", aliases=("ResourceName",), position=0),
    Param("ResourceGroupName", "string", "The resource group name.", position=1), PROFILE,
], "Get a private endpoint.", module=MOD, outputs=f"{M}.PSPrivateEndpoint",
    examples=[("A private endpoint", "Get-AzPrivateEndpoint -Name MyPrivateEndpoint -ResourceGroupName MyRG")])
def get_private_endpoint(ctx, a, items):
    cloud = ctx.cloud
    if a.Name and a.ResourceGroupName:
        pe = engine_call(send, cloud, ctx.principal, "GET", _pe_id(ctx, a.ResourceGroupName, a.Name))
        return endpoint_obj(cloud, pe.resource.item)
    scope = _pe_id(ctx, a.ResourceGroupName) if a.ResourceGroupName else \
        f"{ctx.subscription.id}/providers/{network.NET}/privateEndpoints"
    return [endpoint_obj(cloud, b.item) for b in engine_call(send, cloud, ctx.principal, "GET", scope).resources
            if not a.Name or b.item.name.lower() == a.Name.lower()]


@cmdlet("Remove-AzPrivateEndpoint", [
    Param("Name", "string", "The name of the private endpoint.", aliases=("ResourceName",), mandatory=True),
    Param("ResourceGroupName", "string", "The resource group name of the private endpoint.", mandatory=True),
    Param("Force", "switch", "Do not ask for confirmation."),
    Param("PassThru", "switch", "Returns an object representing the item on which this operation is being "
          "performed."), Param("AsJob", "switch", "Run cmdlet in the background"), PROFILE,
], "Removes a private endpoint.", module=MOD, should_process=True,
    examples=[("Remove a private endpoint", "Remove-AzPrivateEndpoint -Name pe -ResourceGroupName rg -Force")])
def remove_private_endpoint(ctx, a, items):
    rid = _pe_id(ctx, a.ResourceGroupName, a.Name)
    engine_call(send, ctx.cloud, ctx.principal, "GET", rid)  # a missing endpoint is reported before any prompt
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Removing resource" on target "{a.Name}".')
        return None
    if not confirm(ctx, a, f"Are you sure you want to remove resource '{a.Name}'"):
        return None
    engine_call(send, ctx.cloud, ctx.principal, "DELETE", rid)
    return True if a.PassThru else None
