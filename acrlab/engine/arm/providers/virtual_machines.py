"""Microsoft.Compute/virtualMachines: PUT, GET, list and DELETE as `az vm show|list|delete`, Get-AzVM, Remove-AzVM
and template deployments send them (azure-rest-api-specs specification/compute/resource-manager/Microsoft.Compute/
ComputeRP/stable/2024-07-01/virtualMachine.json: VirtualMachines_CreateOrUpdate, _Get, _List, _ListAll, _Delete).

A PUT of a new VM needs a location, hardwareProfile.vmSize, a platform image the lab knows (storageProfile.
imageReference), osProfile.adminUsername with an SSH key or a password, and a subnet through
networkProfile.networkInterfaceConfigurations (the lab has no standalone NIC resources to reference). A PUT over an
existing VM updates it, as the Compute resource provider does: what the body gives changes (size, tags, identity),
what it leaves out is kept, and the image, the admin user name, the SSH keys and the network interface cannot change
(PropertyChangeNotAllowed). The identity block is the VM API's: SystemAssigned, UserAssigned (every identity in
userAssignedIdentities, the caller needing `.../userAssignedIdentities/assign/action` on each new one), both, or
None; a system identity is created or removed on commit. Everything is checked before anything changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ...compute import (
    IMAGES,
    MI,
    VM,
    VirtualMachine,
    find_vm,
    identity_by_resource_id,
    public_ip,
    remove_vm,
    vms,
)
from ...errors import ArmError, AzureError
from ...identity import remove_system_identity
from ...network import find_subnet, free_ips
from ...tenant import Principal
from ..manager import Plan, Provider, register
from ..request import ResourceId
from .bound import Bound, nest
from .tracked import tracked_location
from .vm_body import NetworkProfile, OsProfile, VmBody, VmIdentity

if TYPE_CHECKING:
    from ...cloud import Cloud


def _invalid(message: str) -> AzureError:
    return AzureError(message, code="InvalidParameter", status=400)


def _missing(name: str) -> AzureError:
    return _invalid(f"Required parameter '{name}' is missing (null).")


def _unchangeable(name: str) -> AzureError:
    return AzureError(f"Changing property '{name}' is not allowed.", code="PropertyChangeNotAllowed", status=409)


def _image(body: VmBody) -> str:
    """The lab's image alias for the body's platform image reference."""
    ref = body.properties.storage_profile.image_reference if body.properties.storage_profile else None
    if ref is None:
        raise _missing("storageProfile.imageReference")
    want = tuple((v or "").lower() for v in (ref.publisher, ref.offer, ref.sku))
    for alias, image in IMAGES.items():
        if tuple(v.lower() for v in image) == want:
            return alias
    known = ", ".join(":".join(v) for v in IMAGES.values())
    raise AzureError(f"The platform image '{ref.publisher}:{ref.offer}:{ref.sku}:{ref.version or 'latest'}' is not "
                     f"available. Verify that all fields in the storage profile are correct. Images in this lab: "
                     f"{known}.", code="PlatformImageNotFound", status=404)


def _ssh_key(os: OsProfile) -> str:
    keys = os.linux_configuration.ssh.public_keys if os.linux_configuration and os.linux_configuration.ssh else []
    return next((k.key_data for k in keys if k.key_data), "")


def _subnet(cloud: Cloud, vm_id: str, location: str, network: NetworkProfile | None):
    """(vnet, subnet, the public IP address's name or None) of a VM's network interface configuration."""
    if network is None or not (network.network_interfaces or network.network_interface_configurations):
        raise _missing("networkProfile")
    if network.network_interfaces:
        raise _invalid(f"Network interface '{network.network_interfaces[0].id}' cannot be attached: the lab has no "
                       "standalone network interface resources. Give the VM its interface through networkProfile."
                       "networkInterfaceConfigurations (a subnet id), with networkApiVersion.")
    if not network.network_api_version:
        raise _invalid("The networkApiVersion must be specified when networkInterfaceConfigurations are given.")
    configs = [c for nic in network.network_interface_configurations or [] for c in nic.properties.ip_configurations]
    if not configs or configs[0].properties.subnet is None:
        raise _missing("networkInterfaceConfigurations[0].ipConfigurations[0].subnet")
    ref = configs[0].properties.subnet.id
    found = find_subnet(cloud, ref)
    if found is None or found[0].location != location:
        raise ArmError("InvalidResourceReference", reference=ref, resource=vm_id)
    public = configs[0].properties.public_ip_address_configuration
    name = str(public.get("name") or f"{vm_id.rsplit('/', 1)[-1]}PublicIP") if public is not None else None
    return found[0], found[1], name


def _new_vm(cloud: Cloud, rid: ResourceId, location: str, body: VmBody) -> VirtualMachine:
    props = body.properties
    if props.hardware_profile is None or not props.hardware_profile.vm_size:
        raise _missing("hardwareProfile.vmSize")
    image = _image(body)
    os = props.os_profile
    if os is None or not os.admin_username:
        raise _missing("osProfile.adminUsername")
    key = _ssh_key(os)
    if not key and not os.admin_password:
        raise _missing("adminPassword")
    rg = cloud.group(rid.resource_group or "")
    vm_id = f"{cloud.subscription.id}/resourceGroups/{rg.name}/providers/{VM}/{rid.name}"
    vnet, sub, public_name = _subnet(cloud, vm_id, location, props.network_profile)
    pub = public_ip(cloud) if public_name else None
    return VirtualMachine(
        name=rid.name, resource_group=rg.name, subscription_id=cloud.subscription.subscription_id, location=location,
        size=props.hardware_profile.vm_size, image=image, admin_username=os.admin_username, vnet_id=vnet.id,
        subnet_id=sub.id, private_ip=free_ips(sub, 1)[0], public_ip=pub,
        public_ip_name=public_name, outbound_ip=pub or public_ip(cloud),
        mac="-".join(cloud.ids.hex(2).upper() for _ in range(6)), vm_id=cloud.ids.guid(), ssh_key=key,
        password_authentication=not key, created=cloud.clock.now(), tags=dict(body.tags or {}))


def _updated(cloud: Cloud, vm: VirtualMachine, body: VmBody) -> VirtualMachine:
    """The existing VM with what the body gives; what cannot change must stay as it is (a body that repeats the VM's
    network interface configuration, as a second `az vm create` sends, changes nothing there)."""
    props, new = body.properties, vm.model_copy(deep=True)
    if props.storage_profile and props.storage_profile.image_reference and _image(body) != vm.image.lower():
        raise _unchangeable("imageReference")
    os = props.os_profile
    if os and os.admin_username and os.admin_username != vm.admin_username:
        raise _unchangeable("osProfile.adminUsername")
    if os and _ssh_key(os) and _ssh_key(os) != vm.ssh_key:
        raise _unchangeable("linuxConfiguration.ssh.publicKeys")
    network = props.network_profile
    nic = vm.nic_id()
    if network and network.network_interface_configurations:
        _, subnet, public_name = _subnet(cloud, vm.id, vm.location, network)
        if subnet.id.lower() != vm.subnet_id.lower() or (public_name is None) != (vm.public_ip_name is None):
            raise _unchangeable("networkProfile")
    if network and any(n.id.lower() != nic.lower() for n in network.network_interfaces or []):
        raise _unchangeable("networkProfile")
    if props.hardware_profile and props.hardware_profile.vm_size:
        new.size = props.hardware_profile.vm_size
    if body.tags is not None:
        new.tags = dict(body.tags)
    return new


def _plan_identity(cloud: Cloud, caller: Principal, new: VirtualMachine, old: VirtualMachine | None,
                   identity: VmIdentity) -> list[Callable[[], None]]:
    """Set the new VM's identities from the body's identity block; returns what commit does to the directory."""
    kinds = [k for k in identity.type.replace(" ", "").split(",") if k != "None"]
    effects: list[Callable[[], None]] = []
    users: list[str] = []
    if "UserAssigned" in kinds:
        given = identity.user_assigned_identities or {}
        if not [ref for ref, v in given.items() if v is not None]:
            raise _invalid("The identity type 'UserAssigned' needs at least one identity in userAssignedIdentities.")
        for ref, value in given.items():
            if value is None:
                continue
            p = identity_by_resource_id(cloud, ref)
            if p is None:
                raise _invalid(f"The user-assigned identity '{ref}' was not found: give the resource id of an "
                               f"existing {MI}.")
            rid = p.resource_id or ref
            if rid not in (old.user_identities if old else []):
                cloud.require(caller, f"{MI}/assign/action", rid)
            users.append(rid)
    elif identity.user_assigned_identities:
        raise _invalid(f"userAssignedIdentities can only be given with identity type 'UserAssigned' or "
                       f"'SystemAssigned, UserAssigned', not '{identity.type}'.")
    new.user_identities = users
    if "SystemAssigned" in kinds and not new.system_principal_id:
        system = Principal(object_id=cloud.ids.guid(), display_name=new.name, kind="ManagedIdentity",
                           app_id=cloud.ids.guid(), resource_id=new.id, assigned_to=new.id, created=cloud.clock.now())
        new.system_principal_id = system.object_id

        def add() -> None:
            cloud.add_principal(system)
        effects.append(add)
    elif "SystemAssigned" not in kinds and new.system_principal_id:
        new.system_principal_id = None
        effects.append(lambda: remove_system_identity(cloud, new.id))
    return effects


class VirtualMachineProvider(Provider):
    type = VM
    body_model = VmBody

    def find(self, cloud: Cloud, rid: ResourceId) -> Bound | None:
        vm = find_vm(cloud, rid.resource_group, rid.name)
        return Bound(vm, cloud) if vm is not None else None

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[Bound]:
        rg = (rid.resource_group or "").lower()
        found: list[VirtualMachine] = [v for v in vms(cloud).values() if not rg or v.resource_group.lower() == rg]
        return [Bound(v, cloud) for v in sorted(found, key=lambda v: (v.resource_group.lower(), v.name.lower()))]

    def to_arm(self, resource: Bound) -> dict:
        return nest(resource.item.to_json(resource.cloud))

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: VmBody, existing: Bound | None) -> Plan:
        old: VirtualMachine | None = existing.item if existing is not None else None
        location = tracked_location(VM, body.location, old)
        new = _updated(cloud, old, body) if old is not None else _new_vm(cloud, rid, location, body)
        effects = _plan_identity(cloud, caller, new, old, body.identity) if body.identity is not None else []

        def commit() -> None:
            for effect in effects:
                effect()
            if old is None:
                found = find_subnet(cloud, new.subnet_id)
                if found is not None:
                    found[1].allocated.append(new.private_ip)
                vms(cloud)[new.id] = new
                return
            for field in VirtualMachine.model_fields:
                setattr(old, field, getattr(new, field))
        target = existing if existing is not None else Bound(new, cloud)
        return Plan(resource=target, commit=commit, status=200 if old is not None else 201,
                    proposed=Bound(new, cloud))

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: Bound) -> Plan:
        return Plan(resource=existing, commit=lambda: remove_vm(cloud, existing.item))


register(VirtualMachineProvider())
