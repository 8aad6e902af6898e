"""Microsoft.Compute/virtualMachines: GET, list and DELETE as `az vm show|list|delete`, Get-AzVM, Remove-AzVM and
template deployments (Complete mode) send them (azure-rest-api-specs specification/compute/resource-manager/
Microsoft.Compute/ComputeRP/stable/2024-07-01/virtualMachine.json). Creating a VM and changing its identities stay
the engine functions `compute.create_vm` / `compute.assign_identity` (authorized in the engine); a template cannot
create one in this lab (OperationNotAllowed)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...compute import VM, VirtualMachine, find_vm, remove_vm, vms
from ..manager import Plan, Provider, register
from ..request import ResourceId
from .bound import Bound, nest

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...tenant import Principal


class VirtualMachineProvider(Provider):
    type = VM

    def find(self, cloud: Cloud, rid: ResourceId) -> Bound | None:
        vm = find_vm(cloud, rid.resource_group, rid.name)
        return Bound(vm, cloud) if vm is not None else None

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[Bound]:
        rg = (rid.resource_group or "").lower()
        found: list[VirtualMachine] = [v for v in vms(cloud).values() if not rg or v.resource_group.lower() == rg]
        return [Bound(v, cloud) for v in sorted(found, key=lambda v: (v.resource_group.lower(), v.name.lower()))]

    def to_arm(self, resource: Bound) -> dict:
        return nest(resource.item.to_json(resource.cloud))

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: Bound) -> Plan:
        return Plan(resource=existing, commit=lambda: remove_vm(cloud, existing.item))


register(VirtualMachineProvider())
