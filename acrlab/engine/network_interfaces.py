"""Network interfaces the lab's resources create (today: the NIC of each private endpoint), looked up by resource
group and name with the caller's read permission checked here, as ARM does."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import ArmResourceNotFound
from .privatelink import PrivateEndpoint, endpoints

if TYPE_CHECKING:
    from .cloud import Cloud
    from .tenant import Principal

NIC = "Microsoft.Network/networkInterfaces"


def nic_id(pe: PrivateEndpoint) -> str:
    return f"/subscriptions/{pe.subscription_id}/resourceGroups/{pe.resource_group}/providers/{NIC}/{pe.nic_name}"


def list_nics(cloud: Cloud, caller: Principal, resource_group: str | None = None) -> list[PrivateEndpoint]:
    if resource_group:
        cloud.group(resource_group)
    return [pe for pe in endpoints(cloud).values()
            if (not resource_group or pe.resource_group.lower() == resource_group.lower())
            and cloud.authorize(caller, f"{NIC}/read", nic_id(pe)).allowed]


def get_nic(cloud: Cloud, caller: Principal, resource_group: str, name: str) -> PrivateEndpoint:
    """The private endpoint whose NIC this is (its IP configurations come from the endpoint)."""
    wanted = f"{cloud.subscription.id}/resourceGroups/{resource_group}/providers/{NIC}/{name}".lower()
    pe = next((p for p in endpoints(cloud).values() if nic_id(p).lower() == wanted), None)
    if pe is None:
        cloud.group(resource_group)
        raise ArmResourceNotFound(f"{NIC}/{name}", resource_group)
    cloud.require(caller, f"{NIC}/read", nic_id(pe))
    return pe
