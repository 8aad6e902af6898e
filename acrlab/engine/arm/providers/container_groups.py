"""Microsoft.ContainerInstance/containerGroups: PUT (create or replace: every image is pulled first, and a pull that
fails refuses the request), GET, list, DELETE. The pulling rules are in engine/container_instances.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...container_instances import ACI, ContainerGroup, body_to_group, groups, pull
from ...errors import ArmError
from ...locations import normalize_location
from ...tenant import Principal
from ..manager import Plan, Provider, register
from ..request import ResourceId

if TYPE_CHECKING:
    from ...cloud import Cloud


class ContainerGroupProvider(Provider):
    type = ACI

    def find(self, cloud: Cloud, rid: ResourceId) -> ContainerGroup | None:
        return groups(cloud).get(rid.id.lower())

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[ContainerGroup]:
        rg = (rid.resource_group or "").lower()
        return sorted((g for g in groups(cloud).values() if not rg or g.resource_group.lower() == rg),
                      key=lambda g: (g.resource_group.lower(), g.name))

    def to_arm(self, resource: ContainerGroup) -> dict:
        return resource.to_json()

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: dict | None,
            existing: ContainerGroup | None) -> Plan:
        body = body or {}
        props = body.get("properties") or {}
        if not props.get("containers"):
            raise ArmError("InvalidRequestContent", detail="Required property 'containers' not found in JSON. Path "
                                                           "'properties'")
        rg = cloud.group(rid.resource_group or "")
        location = normalize_location(body.get("location") or rg.location)
        if location is None:
            raise ArmError("LocationNotAvailableForResourceType", location=body.get("location"), type=ACI)
        identity = body.get("identity")
        group = body_to_group(cloud, rid.name, rg.name, location, props, identity, body.get("tags"))
        system = None
        if identity and "systemassigned" in str(identity.get("type", "")).lower().replace(" ", ""):
            system = Principal(object_id=cloud.ids.guid(), display_name=rid.name, kind="ManagedIdentity",
                               app_id=cloud.ids.guid(), resource_id=group.id, assigned_to=group.id,
                               created=cloud.clock.now())
            group.identity = {**(group.identity or {}), "principalId": system.object_id,
                              "type": group.identity["type"] if group.identity else "SystemAssigned"}
        for container in group.containers:
            container.image_digest = pull(cloud, group, container)

        def commit() -> None:
            if system is not None:
                cloud.add_principal(system)
            groups(cloud)[group.id.lower()] = group
        return Plan(resource=group, commit=commit, status=200 if existing else 201)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: ContainerGroup) -> Plan:
        def commit() -> None:
            groups(cloud).pop(existing.id.lower(), None)
            for p in [p for p in cloud.tenant.principals.values() if p.assigned_to == existing.id]:
                del cloud.tenant.principals[p.object_id]
        return Plan(resource=existing, commit=commit, status=200)


register(ContainerGroupProvider())
