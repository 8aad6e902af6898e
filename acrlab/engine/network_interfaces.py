"""Network interfaces the lab's resources create (today: the NIC of each private endpoint), looked up by resource
group and name with the caller's read permission checked here, as ARM does."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from .errors import ArmResourceNotFound
from .privatelink import PrivateEndpoint, endpoints

if TYPE_CHECKING:
    from .cloud import Cloud
    from .tenant import Principal

NIC = "Microsoft.Network/networkInterfaces"


def nic_id(pe: PrivateEndpoint) -> str:
    return f"/subscriptions/{pe.subscription_id}/resourceGroups/{pe.resource_group}/providers/{NIC}/{pe.nic_name}"


def _guid(seed: str) -> str:
    h = hashlib.sha256(seed.encode()).hexdigest()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


def ip_config_ids(pe: PrivateEndpoint) -> dict[str, str]:
    """fqdn -> id of the endpoint NIC's IP configuration serving it (`privateEndpointIpConfig.<guid>`)."""
    nid = nic_id(pe)
    return {fqdn: f"{nid}/ipConfigurations/privateEndpointIpConfig.{_guid(nid + fqdn)}" for fqdn in pe.ip_by_fqdn}


def subnet_ip_configurations(cloud: Cloud, subnet_id: str) -> list[dict]:
    """The subnet's `ipConfigurations`: every IP configuration of the NICs in it (private endpoints' and VMs')."""
    from .compute import vms

    out = []
    for pe in endpoints(cloud).values():
        if pe.subnet_id.lower() == subnet_id.lower():
            out += [{"id": i, "resourceGroup": pe.resource_group} for i in ip_config_ids(pe).values()]
    for vm in vms(cloud).values():
        if (vm.subnet_id or "").lower() == subnet_id.lower():
            rg_id = f"/subscriptions/{vm.subscription_id}/resourceGroups/{vm.resource_group}"
            out.append({"id": f"{rg_id}/providers/{NIC}/{vm.name}VMNic/ipConfigurations/ipconfig{vm.name}",
                        "resourceGroup": vm.resource_group})
    return out


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
