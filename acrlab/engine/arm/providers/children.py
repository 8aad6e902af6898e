"""What the providers of a registry's child resources share: find the parent registry, the child in its store."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ...errors import ArmError
from ...locations import normalize_location
from ..manager import Provider
from ..request import ResourceId
from .registries import PROVIDER as REGISTRIES

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...registry import Registry


class RegistryChild(Provider):
    """A `Microsoft.ContainerRegistry/registries/<child>` type kept in `Registry.<store>` by name."""

    store: ClassVar[str] = ""

    def registry(self, cloud: Cloud, rid: ResourceId) -> Registry | None:
        return REGISTRIES.find(cloud, rid.parent())

    def items(self, reg: Registry) -> dict[str, Any]:
        return getattr(reg, self.store)

    def find(self, cloud: Cloud, rid: ResourceId) -> Any | None:
        reg = self.registry(cloud, rid)
        return self.items(reg).get(rid.name) if reg is not None else None

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[Any]:
        reg = self.registry(cloud, rid)
        return sorted(self.items(reg).values(), key=lambda x: x.name) if reg is not None else []

    def parent_of(self, cloud: Cloud, rid: ResourceId) -> Registry:
        reg = self.registry(cloud, rid)
        if reg is None:  # the manager checked the parent exists
            raise ArmError("ParentResourceNotFound", name=rid.names[0])
        return reg

    def to_arm(self, resource: Any) -> dict:
        flat = resource.to_json()
        top = {k: flat[k] for k in ("id", "name", "type", "location", "tags", "systemData") if k in flat}
        return {**top, "properties": {k: v for k, v in flat.items() if k not in top and k != "resourceGroup"}}


def swap_in(store: dict[str, Any], new: Any, existing: Any | None) -> Any:
    """Commit a planned child: an existing one is updated in place (holders of it see the change), a new one added.
    Returns the object that now lives in the store."""
    if existing is None:
        store[new.name] = new
        return new
    for field in type(existing).model_fields:
        setattr(existing, field, getattr(new, field))
    return existing


def child_location(value: str | None, reg: Registry, type_: str) -> str:
    """A child's location: the body's (any spelling of a region), else the registry's."""
    if value is None:
        return reg.location
    location = normalize_location(value)
    if location is None:
        raise ArmError("LocationNotAvailableForResourceType", location=value, type=type_)
    return location
