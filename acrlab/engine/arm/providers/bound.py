"""A resource as one cloud holds it, for types whose ARM body reads other resources of that cloud (a VM's identity
shows its user-assigned identities' client ids; a private endpoint its registry connection's state): the provider's
`find` and `listing` return `Bound(item, cloud)`, `to_arm` renders `item` against `cloud` (`nest`), front ends read
`.item` and shape it their own way."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ...cloud import Cloud


@dataclass(frozen=True)
class Bound:
    item: Any
    cloud: Cloud

    @property
    def id(self) -> str:
        return str(self.item.id)


TOP_LEVEL = ("id", "name", "type", "location", "tags", "identity", "etag", "zones")


def nest(flat: dict) -> dict:
    """The ARM GET body of a resource the SDKs (and az) show flattened: the envelope's keys stay on top, the rest
    goes under `properties` (`resourceGroup` is az's addition, not ARM's)."""
    body = {k: flat[k] for k in TOP_LEVEL if k in flat and flat[k] is not None}
    body["properties"] = {k: v for k, v in flat.items() if k not in TOP_LEVEL and k != "resourceGroup"}
    return body
