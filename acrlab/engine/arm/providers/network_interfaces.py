"""Microsoft.Network/networkInterfaces (GET, list), as az network nic show|list send them (azure-rest-api-specs
specification/network/resource-manager/Microsoft.Network/stable/2024-05-01/networkInterface.json:
NetworkInterfaces_Get, _List, _ListAll). The lab's NICs are the ones private endpoints make (engine/
network_interfaces.py); they come and go with their endpoint, so the type is read-only here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...network_interfaces import NIC, find_nic, nic_id, nic_json, nics
from ...privatelink import PrivateEndpoint
from ..manager import Provider, register
from ..request import ResourceId
from .bound import nest

if TYPE_CHECKING:
    from ...cloud import Cloud


class NetworkInterfaceProvider(Provider):
    type = NIC

    def find(self, cloud: Cloud, rid: ResourceId) -> PrivateEndpoint | None:
        return find_nic(cloud, rid.resource_group or "", rid.name)

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[PrivateEndpoint]:
        return nics(cloud, rid.resource_group)

    def resource_id(self, resource: PrivateEndpoint) -> str:
        return nic_id(resource)

    def to_arm(self, resource: PrivateEndpoint) -> dict:
        return nest(nic_json(resource))


NETWORK_INTERFACES = register(NetworkInterfaceProvider())
