"""A resource as one cloud holds it, for types whose ARM body reads other resources of that cloud (a VM's identity
shows its user-assigned identities' client ids; a private endpoint its network interface): the provider's `find`
and `listing` return `Bound(item, cloud)`, `to_arm` renders `item` against `cloud`, front ends read `.item`."""

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
