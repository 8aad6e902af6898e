"""Microsoft.Network/networkInterfaces (GET, list), as az network nic show|list send them (azure-rest-api-specs
specification/network/resource-manager/Microsoft.Network/stable/2024-05-01/networkInterface.json:
NetworkInterfaces_Get, _List, _ListAll). The lab's NICs are the ones private endpoints and VMs make (engine/
network_interfaces.py); they come and go with their owner, so the type is read-only here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...network_interfaces import NIC, find_nic, nic_json, nics, owner_nic_id
from ..manager import Provider, register
from ..request import ResourceId
from .bound import nest

if TYPE_CHECKING:
    from ...cloud import Cloud


class NetworkInterfaceProvider(Provider):
    type = NIC

    def find(self, cloud: Cloud, rid: ResourceId) -> Any | None:
        return find_nic(cloud, rid.resource_group or "", rid.name)

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[Any]:
        return sorted(nics(cloud, rid.resource_group), key=lambda o: owner_nic_id(o).lower())

    def resource_id(self, resource: Any) -> str:
        return owner_nic_id(resource)

    def to_arm(self, resource: Any) -> dict:
        return nest(nic_json(resource))


NETWORK_INTERFACES = register(NetworkInterfaceProvider())
