"""Microsoft.ContainerRegistry/registries/agentPools (Premium): PUT, PATCH (count, tags), GET, list, DELETE and POST
listQueueStatus. The rules (tiers, quota, regions, Linux only, queued runs) live in engine/agent_pools.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from ... import agent_pools as ap
from ...errors import ArmError
from ...locations import normalize_location
from ..manager import Plan, register
from ..request import ResourceId
from .children import RegistryChild
from .registries import by_type
from .registry_body import Body

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...registry import Registry
    from ...tenant import Principal


class PoolProperties(Body):
    count: int | None = None
    tier: str | None = None
    os: str | None = None
    virtual_network_subnet_resource_id: str | None = None


class PoolCreate(Body):
    location: str | None = None
    tags: dict[str, str] | None = None
    properties: PoolProperties = Field(default_factory=PoolProperties)


class PoolUpdateProperties(Body):
    count: int | None = None


class PoolUpdate(Body):
    tags: dict[str, str] | None = None
    properties: PoolUpdateProperties = Field(default_factory=PoolUpdateProperties)


class AgentPoolProvider(RegistryChild):
    type = ap.TYPE
    body_model = PoolCreate
    patch_model = PoolUpdate
    actions = {"listQueueStatus": "listQueueStatus/action"}

    def find(self, cloud: Cloud, rid: ResourceId) -> ap.AgentPool | None:
        reg = self.registry(cloud, rid)
        return ap.find(reg, rid.name) if reg is not None else None

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[ap.AgentPool]:
        reg = self.registry(cloud, rid)
        # newest first, as the service lists them (azure-cli recordings/test_acr_agentpool.yaml: agents2, agents1)
        return list(reversed(sorted(ap.pools(reg).values(), key=lambda p: p.created))) if reg is not None else []

    def to_arm(self, resource: ap.AgentPool) -> dict:
        return resource.to_arm()

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: PoolCreate,
            existing: ap.AgentPool | None) -> Plan:
        reg = self.parent_of(cloud, rid)
        if not ap.NAME.fullmatch(rid.name):
            raise ArmError("AgentPoolNameInvalid", name=rid.name)
        if reg.sku != "Premium":
            raise ArmError("SkuNotSupported", sku=reg.sku)
        if body.location is None:
            raise ArmError("LocationRequired")
        location = normalize_location(body.location)
        if location not in ap.REGIONS:
            raise ArmError("LocationNotAvailableForResourceType", message=(
                f"The provided location '{body.location}' is not available for resource type '{ap.TYPE}'. List of "
                f"available regions for the resource type is '{','.join(ap.REGIONS)}'."))
        props = body.properties
        tier = ap.tier_of(props.tier) if props.tier is not None else ap.DEFAULT_TIER
        os = (props.os or ap.DEFAULT_OS).capitalize()
        if os != "Linux":
            raise ArmError("AgentPoolOsNotSupported", os=props.os)
        count = ap.DEFAULT_COUNT if props.count is None else props.count
        if count < 0:
            raise ArmError("AgentPoolCountInvalid", count=count)
        subnet = _subnet(cloud, props.virtual_network_subnet_resource_id, location)
        if existing is not None:
            for prop, was, wanted in (("tier", existing.tier, tier), ("location", existing.location, location),
                                      ("virtualNetworkSubnetResourceId", (existing.subnet_id or "").lower(),
                                       (subnet or "").lower())):
                if was != wanted:
                    raise ArmError("AgentPoolPropertyImmutable", prop=prop, name=existing.name)
        now = cloud.clock.now()
        new = ap.AgentPool(name=existing.name if existing else rid.name, registry_id=reg.id, location=location,
                           count=count, tier=tier, os=os, subnet_id=subnet, tags=body.tags,
                           created=existing.created if existing else now,
                           created_by=existing.created_by if existing else caller.sign_in_name,
                           created_by_type=existing.created_by_type if existing else by_type(caller),
                           modified=now)
        ap.check_quota(reg, new)
        return _swap(cloud, reg, new, existing)

    def patch(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: PoolUpdate,
              existing: ap.AgentPool) -> Plan:
        reg = self.parent_of(cloud, rid)
        count = body.properties.count
        if count is not None and count < 0:
            raise ArmError("AgentPoolCountInvalid", count=count)
        changes = {"count": count, "tags": body.tags}
        new = existing.model_copy(update={**{k: v for k, v in changes.items() if v is not None},
                                          "modified": cloud.clock.now()})
        ap.check_quota(reg, new)
        return _swap(cloud, reg, new, existing)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: ap.AgentPool) -> Plan:
        reg = self.parent_of(cloud, rid)

        return Plan(resource=existing, commit=lambda: ap.remove(reg, existing.name), status=200)

    def post(self, cloud: Cloud, caller: Principal, rid: ResourceId, action: str, body: dict | None,
             existing: ap.AgentPool) -> Plan:
        reg = self.parent_of(cloud, rid)
        return Plan(resource=existing, body={"count": ap.queued(reg, existing.name)})


def _subnet(cloud: Cloud, subnet_id: str | None, location: str) -> str | None:
    if not subnet_id:
        return None
    from ...network import find_subnet
    found = find_subnet(cloud, subnet_id)
    if found is None:
        raise ArmError("AgentPoolSubnetNotFound", id=subnet_id)
    vnet, subnet = found
    if vnet.location != location:
        raise ArmError("AgentPoolSubnetLocation", id=subnet.id, subnet_location=vnet.location, location=location)
    return subnet.id


def _swap(cloud: Cloud, reg: Registry, new: ap.AgentPool, existing: ap.AgentPool | None) -> Plan:
    def commit() -> None:
        ap.store(reg, new)

    def release() -> None:
        ap.release(cloud, reg, new.name)
    return Plan(resource=new, commit=commit, status=200 if existing is not None else 201,
                after=[release] if new.count > 0 else [])


PROVIDER = register(AgentPoolProvider())
