"""Microsoft.ContainerRegistry/registries/replications (Premium): PUT, PATCH (regionEndpointEnabled, tags), GET,
list, DELETE. The home replication (the registry's own region) always exists and cannot be deleted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from ... import names
from ...errors import ArmError
from ...replication import Replication, ensure_home
from ..manager import Plan, register
from ..request import ResourceId
from .children import RegistryChild, child_location, swap_in
from .registry_body import Body, EnabledDisabled

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...registry import Registry
    from ...tenant import Principal

CR = "Microsoft.ContainerRegistry/registries"


class ReplicationProperties(Body):
    region_endpoint_enabled: bool | None = None
    zone_redundancy: EnabledDisabled | None = None


class ReplicationUpdate(Body):
    tags: dict[str, str] | None = None
    properties: ReplicationProperties = Field(default_factory=ReplicationProperties)


class ReplicationCreate(ReplicationUpdate):
    location: str | None = None


class ReplicationProvider(RegistryChild):
    type = f"{CR}/replications"
    store = "replications"
    body_model = ReplicationCreate
    patch_model = ReplicationUpdate

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[Replication]:
        reg = self.registry(cloud, rid)
        if reg is None or reg.sku != "Premium":
            return []
        return sorted(reg.replications.values(), key=lambda r: (not r.home, r.name))

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: ReplicationCreate,
            existing: Replication | None) -> Plan:
        reg = self.parent_of(cloud, rid)
        names.check("replications", rid.name)
        if reg.sku != "Premium":
            raise ArmError("SkuNotSupported", sku=reg.sku)
        if body.location is None:
            raise ArmError("LocationRequired")
        location = child_location(body.location, reg, self.type)
        if existing is not None and existing.location != location:
            raise ArmError("InvalidResourceLocation", name=f"{reg.name}/{rid.name}", existing=existing.location,
                           resource_group=reg.resource_group, requested=body.location)
        for other in reg.replications.values():
            if other.location == location and other.name != rid.name:
                raise ArmError("ReplicationAlreadyExists", location=location)
        props = body.properties
        new = Replication(name=rid.name, location=location, registry_id=reg.id,
                          created=existing.created if existing is not None else cloud.clock.now(),
                          home=existing.home if existing is not None else False,
                          region_endpoint_enabled=True if props.region_endpoint_enabled is None
                          else props.region_endpoint_enabled,
                          zone_redundancy=props.zone_redundancy or "Disabled", tags=dict(body.tags or {}))
        return _swap(cloud, reg, new, existing)

    def patch(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: ReplicationUpdate,
              existing: Replication) -> Plan:
        reg = self.parent_of(cloud, rid)
        changes = {"region_endpoint_enabled": body.properties.region_endpoint_enabled, "tags": body.tags}
        new = existing.model_copy(update={k: v for k, v in changes.items() if v is not None})
        return _swap(cloud, reg, new, existing)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: Replication) -> Plan:
        if existing.home:
            raise ArmError("CannotDeleteHomeReplication")
        reg = self.parent_of(cloud, rid)
        return Plan(resource=existing, commit=lambda: reg.replications.pop(existing.name, None) and None)


def _swap(cloud: Cloud, reg: Registry, new: Replication, existing: Replication | None) -> Plan:
    def commit() -> None:
        ensure_home(cloud, reg)
        swap_in(reg.replications, new, existing)
    return Plan(resource=existing or new, commit=commit, status=200 if existing is not None else 201)


PROVIDER = register(ReplicationProvider())
