"""Public IP address resources (Microsoft.Network/publicIPAddresses) as reads: the lab creates one with each VM that
has a public address (az vm create: <vm>PublicIP; New-AzVM: -PublicIpAddressName or the VM's name)."""

from __future__ import annotations

from .cloud import Cloud
from .compute import vms
from .errors import ArmResourceNotFound
from .reads import require_read
from .tenant import Principal

PIP = "Microsoft.Network/publicIPAddresses"


def get_public_ip(cloud: Cloud, caller: Principal, resource_group: str, name: str) -> dict:
    """The address as GET returns it (ARM JSON), after the caller's read is authorized."""
    rg = cloud.group(resource_group)
    for vm in vms(cloud).values():
        if vm.resource_group.lower() == rg.name.lower() and (vm.public_ip_name or "").lower() == name.lower() \
                and vm.public_ip:
            rid = f"{cloud.subscription.id}/resourceGroups/{rg.name}/providers/{PIP}/{vm.public_ip_name}"
            require_read(cloud, caller, rid)
            nic = f"{cloud.subscription.id}/resourceGroups/{rg.name}/providers/Microsoft.Network/networkInterfaces/" \
                  f"{vm.name}VMNic/ipConfigurations/ipconfig{vm.name}"
            return {"name": vm.public_ip_name, "id": rid, "location": vm.location, "type": PIP,
                    "sku": {"name": "Standard", "tier": "Regional"},
                    "properties": {"provisioningState": "Succeeded", "ipAddress": vm.public_ip,
                                   "publicIPAddressVersion": "IPv4", "publicIPAllocationMethod": "Static",
                                   "idleTimeoutInMinutes": 4, "ipConfiguration": {"id": nic}}}
    raise ArmResourceNotFound(f"{PIP}/{name}", rg.name)
