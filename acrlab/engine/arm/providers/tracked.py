"""What every tracked resource's PUT checks first (registries, identities, clusters): a location is required, must
be one the type is offered in, and an existing resource cannot move to another."""

from __future__ import annotations

from typing import Any

from ...errors import ArmError
from ...locations import normalize_location


def tracked_location(type_: str, requested: str | None, existing: Any | None = None) -> str:
    """The normalized location of a PUT body; `existing` (with name, location, resource_group) must stay where it is."""
    if not requested:
        raise ArmError("LocationRequired")
    location = normalize_location(requested)
    if location is None:
        raise ArmError("LocationNotAvailableForResourceType", location=requested, type=type_)
    if existing is not None and location != existing.location:
        raise ArmError("InvalidResourceLocation", name=existing.name, existing=existing.location,
                       resource_group=existing.resource_group, requested=requested)
    return location
