"""The common part of extension-resource providers whose resources live in one dict of the cloud, keyed by their
lower-case id, and sit at a scope (a subscription, a resource group or a resource): GET, list at or under a scope,
and DELETE. Their records have `id`, `scope`, `name` and `to_json()`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..manager import Plan, Provider
from ..request import ResourceId

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...tenant import Principal


class ExtensionProvider(Provider):
    def store(self, cloud: Cloud) -> dict[str, Any]:
        raise NotImplementedError

    def find(self, cloud: Cloud, rid: ResourceId) -> Any | None:
        return self.store(cloud).get(rid.id.lower())

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[Any]:
        scope = rid.scope.lower().rstrip("/")
        return sorted((r for r in self.store(cloud).values()
                       if r.scope.lower() == scope or r.scope.lower().startswith(scope + "/")),
                      key=lambda r: (r.scope.lower(), r.name.lower()))

    def to_arm(self, resource: Any) -> dict:
        return resource.to_json()

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: Any) -> Plan:
        def commit() -> None:
            self.store(cloud).pop(existing.id.lower(), None)
        return Plan(resource=existing, commit=commit, status=200)
