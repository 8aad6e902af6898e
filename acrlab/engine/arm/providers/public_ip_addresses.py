"""Microsoft.Network/publicIPAddresses (GET, list), as Get-AzPublicIpAddress and az network public-ip show|list send
them (azure-rest-api-specs specification/network/resource-manager/Microsoft.Network/stable/2024-05-01/
publicIpAddress.json: PublicIPAddresses_Get, _List, _ListAll). In the lab a public address is made with its VM and
goes with it, so the type is read-only here: its PUT and DELETE answer OperationNotAllowed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...public_ips import PIP, PublicIp, public_ips
from ..manager import Provider, register
from ..request import ResourceId

if TYPE_CHECKING:
    from ...cloud import Cloud


class PublicIpAddressProvider(Provider):
    type = PIP

    def find(self, cloud: Cloud, rid: ResourceId) -> PublicIp | None:
        return next((p for p in public_ips(cloud, rid.resource_group)
                     if (p.vm.public_ip_name or "").lower() == rid.name.lower()), None)

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[PublicIp]:
        return public_ips(cloud, rid.resource_group)

    def to_arm(self, resource: PublicIp) -> dict:
        return resource.to_arm()


PUBLIC_IP_ADDRESSES = register(PublicIpAddressProvider())
