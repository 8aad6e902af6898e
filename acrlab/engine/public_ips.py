"""Public IP address resources (Microsoft.Network/publicIPAddresses): the lab makes one with each VM that has a
public address (az vm create: <vm>PublicIP; New-AzVM: -PublicIpAddressName or the VM's name) and keeps it with the
VM; GET and list are requests to the resource manager (arm/providers/public_ip_addresses.py)."""

from __future__ import annotations

from dataclasses import dataclass

from .cloud import Cloud
from .compute import VirtualMachine, vms
from .tenant import Principal

PIP = "Microsoft.Network/publicIPAddresses"


@dataclass(frozen=True)
class PublicIp:
    """The public IP address of one VM."""

    vm: VirtualMachine

    @property
    def id(self) -> str:
        rg_id = self.vm.id.rsplit("/providers/", 1)[0]
        return f"{rg_id}/providers/{PIP}/{self.vm.public_ip_name}"

    def to_arm(self) -> dict:
        vm = self.vm
        nic = f"{vm.nic_id()}/ipConfigurations/ipconfig{vm.name}"
        return {"name": vm.public_ip_name, "id": self.id, "location": vm.location, "type": PIP,
                "sku": {"name": "Standard", "tier": "Regional"},
                "properties": {"provisioningState": "Succeeded", "ipAddress": vm.public_ip,
                               "publicIPAddressVersion": "IPv4", "publicIPAllocationMethod": "Static",
                               "idleTimeoutInMinutes": 4, "ipConfiguration": {"id": nic}}}


def public_ips(cloud: Cloud, resource_group: str | None = None) -> list[PublicIp]:
    rg = (resource_group or "").lower()
    found = [PublicIp(v) for v in vms(cloud).values()
             if v.public_ip and v.public_ip_name and (not rg or v.resource_group.lower() == rg)]
    return sorted(found, key=lambda p: (p.vm.resource_group.lower(), (p.vm.public_ip_name or "").lower()))


def get_public_ip(cloud: Cloud, caller: Principal, resource_group: str, name: str) -> dict:
    """The address as GET returns it (ARM JSON): a GET request to the resource manager."""
    from .arm import send

    return send(cloud, caller, "GET", f"{cloud.subscription.id}/resourceGroups/{resource_group}/providers/{PIP}/"
                                      f"{name}").body
