"""Microsoft.Network/virtualNetworks and their subnets (PUT, GET, list, DELETE), as az network vnet, the Az.Network
cmdlets (New-/Get-/Set-AzVirtualNetwork) and templates send them (azure-rest-api-specs specification/network/
resource-manager/Microsoft.Network/stable/2024-05-01/virtualNetwork.json).

A virtual network's PUT is checked whole before anything changes: the location, every address prefix (CIDR), and
every subnet of the body (inside the address space, no overlaps). When the body lists `subnets`, that list is the
network's subnets, as in Azure: a subnet left out is deleted, refused while it holds addresses (private endpoints,
NICs, nodes). A body without `subnets` keeps the ones there (the lab's leniency: Azure would remove them). A
subnet's own PUT replaces its properties; its DELETE is refused while it is in use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from ...network import (
    NET,
    Subnet,
    VirtualNetwork,
    check_prefix,
    check_subnet,
    find_vnet,
    refuse_in_use,
    vnets,
)
from ...network import delete_vnet as remove_vnet
from ..manager import Plan, Provider, register
from ..request import ResourceId
from .registry_body import Body
from .tracked import tracked_location

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...tenant import Principal

VNET = f"{NET}/virtualNetworks"


class ServiceEndpoint(Body):
    service: str


class SubnetProps(Body):
    address_prefix: str | None = None
    address_prefixes: list[str] | None = None
    private_endpoint_network_policies: str | None = None
    service_endpoints: list[ServiceEndpoint] | None = None

    def prefix(self) -> str:
        return self.address_prefix or (self.address_prefixes[0] if self.address_prefixes else "")


class SubnetBody(Body):
    name: str = ""
    properties: SubnetProps = Field(default_factory=SubnetProps)


class AddressSpace(Body):
    address_prefixes: list[str]


class VnetProps(Body):
    address_space: AddressSpace
    subnets: list[SubnetBody] | None = None


class VnetBody(Body):
    location: str | None = None
    tags: dict[str, str] | None = None
    properties: VnetProps


def _apply_subnet(cloud: Cloud, vnet: VirtualNetwork, name: str, props: SubnetProps) -> Subnet:
    """Create or update one subnet in place (its allocated addresses stay with it)."""
    subnet = vnet.subnets.get(name) or Subnet(name=name, vnet_id=vnet.id, resource_group=vnet.resource_group,
                                              address_prefix=props.prefix(), etag=cloud.ids.guid())
    subnet.address_prefix = props.prefix()
    subnet.private_endpoint_network_policies = props.private_endpoint_network_policies or "Disabled"
    subnet.service_endpoints = [e.service for e in props.service_endpoints or []]
    vnet.subnets[name] = subnet
    return subnet


class VirtualNetworkProvider(Provider):
    type = VNET
    body_model = VnetBody

    def find(self, cloud: Cloud, rid: ResourceId) -> VirtualNetwork | None:
        return find_vnet(cloud, rid.resource_group or "", rid.name)

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[VirtualNetwork]:
        rg = (rid.resource_group or "").lower()
        return sorted((v for v in vnets(cloud).values() if not rg or v.resource_group.lower() == rg),
                      key=lambda v: (v.resource_group.lower(), v.name.lower()))

    def to_arm(self, resource: VirtualNetwork) -> dict:
        return resource.arm_body()

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: VnetBody,
            existing: VirtualNetwork | None) -> Plan:
        location = tracked_location(VNET, body.location, existing)
        prefixes = body.properties.address_space.address_prefixes
        for p in prefixes or [""]:
            check_prefix(p)
        name = existing.name if existing is not None else rid.name
        wanted = body.properties.subnets
        planned: dict[str, str] = {}
        if wanted is None:  # the subnets there stay, inside the (maybe changed) address space
            for s in (existing.subnets.values() if existing is not None else []):
                check_subnet(name, prefixes, planned, s.name, s.address_prefix)
                planned[s.name] = s.address_prefix
        else:
            for sb in wanted:
                check_subnet(name, prefixes, planned, sb.name, sb.properties.prefix())
                planned[sb.name] = sb.properties.prefix()
            if existing is not None:
                refuse_in_use([s for n, s in existing.subnets.items() if n not in planned])
        vnet = existing or VirtualNetwork(
            name=rid.name, resource_group=cloud.group(rid.resource_group or "").name,
            subscription_id=cloud.subscription.subscription_id, location=location, address_prefixes=prefixes,
            resource_guid=cloud.ids.guid(), etag=cloud.ids.guid())

        def commit() -> None:
            vnet.address_prefixes, vnet.tags = list(prefixes), dict(body.tags or {})
            if wanted is not None:
                for gone in [n for n in vnet.subnets if n not in planned]:
                    del vnet.subnets[gone]
                for sb in wanted:
                    _apply_subnet(cloud, vnet, sb.name, sb.properties)
            vnets(cloud)[vnet.id] = vnet
        return Plan(resource=vnet, commit=commit, status=200 if existing else 201)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: VirtualNetwork) -> Plan:
        refuse_in_use(list(existing.subnets.values()))
        return Plan(resource=existing, commit=lambda: remove_vnet(cloud, existing))


class SubnetProvider(Provider):
    type = f"{VNET}/subnets"
    body_model = SubnetBody

    def _vnet(self, cloud: Cloud, rid: ResourceId) -> VirtualNetwork | None:
        return find_vnet(cloud, rid.resource_group or "", rid.names[0]) if rid.names else None

    def find(self, cloud: Cloud, rid: ResourceId) -> Subnet | None:
        vnet = self._vnet(cloud, rid)
        return next((s for s in vnet.subnets.values() if s.name.lower() == rid.name.lower()), None) \
            if vnet is not None else None

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[Subnet]:
        vnet = self._vnet(cloud, rid)
        return list(vnet.subnets.values()) if vnet is not None else []

    def read_scope(self, resource: Subnet) -> str:
        return resource.vnet_id

    def to_arm(self, resource: Subnet) -> dict:
        return resource.arm_body()

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: SubnetBody,
            existing: Subnet | None) -> Plan:
        vnet = self._vnet(cloud, rid)
        assert vnet is not None  # the manager found the parent
        name = existing.name if existing is not None else rid.name
        others = {k: s.address_prefix for k, s in vnet.subnets.items() if k != name}
        check_subnet(vnet.name, vnet.address_prefixes, others, name, body.properties.prefix())
        plan = Plan(resource=existing, status=200 if existing else 201)

        def commit() -> None:
            plan.resource = _apply_subnet(cloud, vnet, name, body.properties)
        plan.commit = commit
        return plan

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: Subnet) -> Plan:
        refuse_in_use([existing])
        vnet = self._vnet(cloud, rid)
        assert vnet is not None

        def commit() -> None:
            vnet.subnets.pop(existing.name, None)
        return Plan(resource=existing, commit=commit)


VNETS = register(VirtualNetworkProvider())
SUBNETS = register(SubnetProvider())
