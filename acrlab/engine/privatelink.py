"""Private Link for registries: private endpoints and the registry's private endpoint connections.

Private DNS zones, links, record sets and zone groups live in privatedns.py (re-exported here)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from .cloud import Cloud
from .dataplane import Origin
from .errors import ArmResourceNotFound
from .network import NET, find_subnet
from .privatedns import (  # noqa: F401
    ZONE_TTL,
    PrivateDnsZone,
    dns_zones,
    drop_zone_group_records,
    find_zone,
    resolve_private,
    zone_json,
)
from .registry import Registry

CR = "Microsoft.ContainerRegistry/registries"

class PrivateEndpoint(BaseModel):
    name: str
    resource_group: str
    subscription_id: str
    location: str
    subnet_id: str
    connection_name: str
    target_id: str
    group_ids: list[str]
    manual: bool = False
    request_message: str | None = None
    ip_by_fqdn: dict[str, str] = Field(default_factory=dict)
    """`myacr.azurecr.io` and `myacr.<region>.data.azurecr.io` -> the private IP the NIC holds for it."""
    nic_name: str = ""
    zone_groups: dict[str, dict[str, str]] = Field(default_factory=dict)
    """DNS zone group name -> its configurations: configuration name -> the private DNS zone id it keeps A records
    in."""
    etag: str = ""

    @property
    def id(self) -> str:
        return (f"/subscriptions/{self.subscription_id}/resourceGroups/{self.resource_group}"
                f"/providers/{NET}/privateEndpoints/{self.name}")

    @property
    def vnet_id(self) -> str:
        return self.subnet_id.rsplit("/subnets/", 1)[0]

    def to_json(self, cloud: Cloud) -> dict:
        conn = find_connection_for(cloud, self)
        state = conn.state_json() if conn else {"actionsRequired": "None", "description": "", "status": "Disconnected"}
        link = {
            "etag": f'W/"{self.etag}"', "groupIds": list(self.group_ids),
            "id": f"{self.id}/{'manualPrivateLinkServiceConnections' if self.manual else 'privateLinkServiceConnections'}"
                  f"/{self.connection_name}",
            "name": self.connection_name, "privateLinkServiceConnectionState": state,
            "privateLinkServiceId": self.target_id, "provisioningState": "Succeeded",
            "requestMessage": self.request_message, "resourceGroup": self.resource_group,
            "type": f"{NET}/privateEndpoints/privateLinkServiceConnections",
        }
        rg_id = f"/subscriptions/{self.subscription_id}/resourceGroups/{self.resource_group}"
        return {
            "customDnsConfigs": [{"fqdn": f, "ipAddresses": [ip]} for f, ip in self.ip_by_fqdn.items()],
            "customNetworkInterfaceName": "",
            "etag": f'W/"{self.etag}"',
            "id": self.id,
            "ipConfigurations": [],
            "location": self.location,
            "manualPrivateLinkServiceConnections": [link] if self.manual else [],
            "name": self.name,
            "networkInterfaces": [{"id": f"{rg_id}/providers/{NET}/networkInterfaces/{self.nic_name}",
                                   "resourceGroup": self.resource_group}],
            "privateLinkServiceConnections": [] if self.manual else [link],
            "provisioningState": "Succeeded",
            "resourceGroup": self.resource_group,
            "subnet": {"id": self.subnet_id, "resourceGroup": self.subnet_id.split("/")[4]},
            "type": f"{NET}/privateEndpoints",
        }


class PrivateEndpointConnection(BaseModel):
    """The registry side of a private endpoint (`az acr private-endpoint-connection`)."""

    name: str
    registry_id: str
    endpoint_id: str
    status: str = "Approved"
    description: str = "Auto-Approved"
    group_ids: list[str] = Field(default_factory=lambda: ["registry"])
    created: datetime | None = None

    @property
    def id(self) -> str:
        return f"{self.registry_id}/privateEndpointConnections/{self.name}"

    def state_json(self) -> dict:
        return {"actionsRequired": "None", "description": self.description, "status": self.status}

    def to_json(self) -> dict:
        return {
            "groupIds": list(self.group_ids),
            "id": self.id,
            "name": self.name,
            "privateEndpoint": {"id": self.endpoint_id},
            "privateLinkServiceConnectionState": self.state_json(),
            "provisioningState": "Succeeded",
            "resourceGroup": self.registry_id.split("/")[4],
            "type": "Microsoft.ContainerRegistry/registries/privateEndpointConnections",
        }


def endpoints(cloud: Cloud) -> dict[str, PrivateEndpoint]:
    return cloud.resources["private_endpoints"]


# -- private endpoint and DNS lookups -------------------------------------------------------------

def find_connection_for(cloud: Cloud, pe: PrivateEndpoint) -> PrivateEndpointConnection | None:
    reg = registry_by_id(cloud, pe.target_id)
    if reg is None:
        return None
    for c in reg.private_endpoint_connections.values():
        if isinstance(c, PrivateEndpointConnection) and c.endpoint_id.lower() == pe.id.lower():
            return c
    return None


def registry_by_id(cloud: Cloud, rid: str) -> Registry | None:
    for r in cloud.registries.values():
        if r.id.lower() == rid.lower():
            return r
    return None


def private_route(cloud: Cloud, registry: Registry, origin: Origin) -> PrivateEndpoint | None:
    """The approved private endpoint this origin reaches the registry through, if its DNS points there."""
    from .peering import reachable

    found = find_subnet(cloud, origin.subnet_id)
    if found is None:
        return None
    vnet, _ = found
    ip = resolve_private(cloud, vnet.id, registry.login_server)
    if ip is None:
        return None
    for pe in endpoints(cloud).values():
        if pe.target_id.lower() != registry.id.lower() or ip not in pe.ip_by_fqdn.values():
            continue
        if not reachable(cloud, vnet.id, pe.vnet_id):
            continue  # another VNet's private IP is reachable only through a connected peering
        conn = find_connection_for(cloud, pe)
        if conn is not None and conn.status == "Approved":
            return pe
    return None


# -- private endpoints -----------------------------------------------------------------------------

def registry_fqdns(reg: Registry) -> list[str]:
    """The names a registry's private endpoint serves: the login server and one data endpoint per region."""
    regions = [reg.location] + sorted({r.location for r in reg.replications.values()
                                       if getattr(r, "location", reg.location) != reg.location})
    return [reg.login_server] + [f"{reg.name.lower()}.{region}.data.azurecr.io" for region in regions]


def find_endpoint(cloud: Cloud, resource_group: str, name: str) -> PrivateEndpoint:
    cloud.group(resource_group)
    for p in endpoints(cloud).values():
        if p.name.lower() == name.lower() and p.resource_group.lower() == resource_group.lower():
            return p
    raise ArmResourceNotFound(f"{NET}/privateEndpoints/{name}", resource_group)


def remove_endpoint(cloud: Cloud, pe: PrivateEndpoint) -> None:
    """What an endpoint's DELETE commits (engine/arm/providers/private_endpoints.py): the registry's connection and
    the endpoint's addresses go."""
    conn = find_connection_for(cloud, pe)
    if conn is not None:
        reg = registry_by_id(cloud, conn.registry_id)
        if reg is not None:
            reg.private_endpoint_connections.pop(conn.name, None)
    _release(cloud, pe)
    endpoints(cloud).pop(pe.id, None)


def _release(cloud: Cloud, pe: PrivateEndpoint) -> None:
    """The endpoint's addresses go back to its subnet; its zone groups' record sets go with it."""
    found = find_subnet(cloud, pe.subnet_id)
    if found:
        for ip in pe.ip_by_fqdn.values():
            if ip in found[1].allocated:
                found[1].allocated.remove(ip)
    drop_zone_group_records(cloud, pe, [z for configs in pe.zone_groups.values() for z in configs.values()])
    pe.zone_groups.clear()
    pe.ip_by_fqdn.clear()


# -- the registry side --------------------------------------------------------------------------------

def explain_route(cloud: Cloud, reg: Registry, origin: Origin) -> str:
    pe = private_route(cloud, reg, origin)
    return f"private endpoint {pe.name} ({pe.ip_by_fqdn.get(reg.login_server)})" if pe else "public endpoint"
