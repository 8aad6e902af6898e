"""Microsoft.Authorization/locks: management locks as extension resources at a subscription, resource group or
resource scope (PUT, GET, list, DELETE). What a lock refuses is decided in engine/locks.py."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field

from ...errors import ArmError, ArmResourceNotFound
from ...locks import LOCKS, ManagementLock, locks
from ..manager import Plan, Provider, register
from ..request import ResourceId
from .registry_body import Body, _canonical

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...tenant import Principal


class LockProps(Body):
    level: Annotated[Literal["CanNotDelete", "ReadOnly"], _canonical("CanNotDelete", "ReadOnly")] | None = None
    notes: str | None = None


class LockBody(Body):
    properties: LockProps = Field(default_factory=LockProps)


def scope_exists(cloud: Cloud, scope: str) -> bool:
    low = scope.lower().rstrip("/")
    parts = low.split("/")
    if len(parts) <= 5:  # the subscription or a resource group (the manager checked the group)
        return True
    if any(r.id.lower() == low for r in cloud.registries.values()):
        return True
    return any(rid.lower() == low for family in cloud.resources.values() for rid in family)


def _owner(scope: str) -> tuple[str, str]:
    parts = scope.rstrip("/").split("/")
    return "/".join(parts[-2:-1] + parts[-1:]), parts[4] if len(parts) > 4 else ""


class LockProvider(Provider):
    type = LOCKS
    body_model = LockBody

    def find(self, cloud: Cloud, rid: ResourceId) -> ManagementLock | None:
        return locks(cloud).get(rid.id.lower())

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[ManagementLock]:
        scope = rid.scope.lower().rstrip("/")
        return sorted((lk for lk in locks(cloud).values()
                       if lk.scope.lower() == scope or lk.scope.lower().startswith(scope + "/")),
                      key=lambda lk: (lk.scope.lower(), lk.name.lower()))

    def to_arm(self, resource: ManagementLock) -> dict:
        return resource.to_json()

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: LockBody,
            existing: ManagementLock | None) -> Plan:
        if body.properties.level is None:
            raise ArmError("InvalidRequestContent", detail="Required property 'level' not found in JSON. Path "
                                                           "'properties.level'")
        if not scope_exists(cloud, rid.scope):
            name, group = _owner(rid.scope)
            raise ArmResourceNotFound(name, group)
        new = ManagementLock(name=rid.name, scope=rid.scope.rstrip("/"), level=body.properties.level,
                             notes=body.properties.notes)
        def commit() -> None:
            locks(cloud)[new.id.lower()] = new
        return Plan(resource=new, commit=commit, status=200 if existing else 201)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: ManagementLock) -> Plan:
        def commit() -> None:
            locks(cloud).pop(existing.id.lower(), None)
        return Plan(resource=existing, commit=commit, status=200)


register(LockProvider())
