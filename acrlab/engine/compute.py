"""Virtual machines: the model, look-ups, GET/list/DELETE and identity requests, and where a VM's requests come from.
Creating or changing a VM is a PUT to the resource manager (arm/providers/virtual_machines.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from .cloud import Cloud
from .dataplane import Origin
from .identity import remove_system_identity
from .tenant import Principal

VM = "Microsoft.Compute/virtualMachines"
MI = "Microsoft.ManagedIdentity/userAssignedIdentities"
IMAGES = {
    "ubuntu2204": ("Canonical", "0001-com-ubuntu-server-jammy", "22_04-lts-gen2"),
    "ubuntu2404": ("Canonical", "ubuntu-24_04-lts", "server"),
    "ubuntults": ("Canonical", "UbuntuServer", "18.04-LTS"),
    "debian11": ("Debian", "debian-11", "11-backports-gen2"),
    "debian12": ("Debian", "debian-12", "12-gen2"),
    "win2022datacenter": ("MicrosoftWindowsServer", "WindowsServer", "2022-Datacenter"),
    "win2019datacenter": ("MicrosoftWindowsServer", "WindowsServer", "2019-Datacenter"),
    "win2016datacenter": ("MicrosoftWindowsServer", "WindowsServer", "2016-Datacenter"),
}
"""az vm create / New-AzVM image aliases (the ones a container lab needs) -> (publisher, offer, sku): azure-cli
src/azure-cli/azure/cli/command_modules/vm/_vm_utils.py's alias table (Azure/azure-rest-api-specs arm-compute/
quickstart-templates/aliases.json). New-AzVM's default image is Win2016Datacenter."""


class VirtualMachine(BaseModel):
    name: str
    resource_group: str
    subscription_id: str
    location: str
    size: str = "Standard_DS1_v2"
    image: str = "Ubuntu2204"
    admin_username: str = "azureuser"
    vnet_id: str
    subnet_id: str
    private_ip: str
    public_ip: str | None = None
    public_ip_name: str | None = None
    """The public IP address resource's name (az: <vm>PublicIP, New-AzVM: -PublicIpAddressName or the VM's)."""
    outbound_ip: str
    """The address the internet (and a registry firewall) sees: the public IP, or Azure's default outbound IP."""
    mac: str
    vm_id: str
    system_principal_id: str | None = None
    user_identities: list[str] = Field(default_factory=list)
    """Resource ids of user-assigned identities."""
    ssh_key: str = ""
    password_authentication: bool = False
    """The admin user signs in with a password (osProfile.adminPassword given, no SSH key)."""
    created: datetime | None = None
    tags: dict[str, str] = Field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"/subscriptions/{self.subscription_id}/resourceGroups/{self.resource_group}/providers/{VM}/{self.name}"

    @property
    def os_type(self) -> str:
        return "Windows" if IMAGES.get(self.image.lower(), ("",))[0] == "MicrosoftWindowsServer" else "Linux"

    def nic_id(self) -> str:
        """The id of the VM's network interface (`<vm>VMNic`, as az vm create names it)."""
        return f"/subscriptions/{self.subscription_id}/resourceGroups/{self.resource_group}/providers/" \
               f"Microsoft.Network/networkInterfaces/{self.name}VMNic"

    def identity_principals(self, cloud: Cloud) -> list[str]:
        """Object ids a process on this VM can sign in as (`az login --identity`)."""
        ids = [self.system_principal_id] if self.system_principal_id else []
        for rid in self.user_identities:
            p = identity_by_resource_id(cloud, rid)
            if p is not None:
                ids.append(p.object_id)
        return ids

    def identity_json(self, cloud: Cloud) -> dict | None:
        if not self.system_principal_id and not self.user_identities:
            return None
        kinds = (["SystemAssigned"] if self.system_principal_id else []) + (["UserAssigned"] if self.user_identities
                                                                            else [])
        users = {}
        for rid in self.user_identities:
            p = identity_by_resource_id(cloud, rid)
            users[rid] = {"clientId": p.app_id if p else None, "principalId": p.object_id if p else None}
        return {"principalId": self.system_principal_id, "tenantId": cloud.tenant.tenant_id if self.system_principal_id
                else None, "type": ", ".join(kinds), "userAssignedIdentities": users or None}

    def create_json(self, cloud: Cloud, scope: str | None = None, role: str | None = None) -> dict:
        """What `az vm create` prints: vm/_format.py transform_vm_create_output, in its key order."""
        out: dict[str, Any] = {"id": self.id, "resourceGroup": self.resource_group, "powerState": "VM running",
               "publicIpAddress": self.public_ip or "", "fqdns": "", "privateIpAddress": self.private_ip,
               "macAddress": self.mac, "location": self.location}
        ident = self.assign_json(cloud)
        if ident:
            out["identity"] = ({"role": role, "scope": scope} if scope else {}) | ident
        out["zones"] = ""
        return out

    def assign_json(self, cloud: Cloud) -> dict | None:
        """What `az vm identity assign` (and the identity block of `az vm create`) print."""
        if not self.system_principal_id and not self.user_identities:
            return None
        users = {}
        for rid in self.user_identities:
            p = identity_by_resource_id(cloud, rid)
            users[rid] = {"clientId": p.app_id if p else None, "principalId": p.object_id if p else None}
        return {"systemAssignedIdentity": self.system_principal_id or "", "userAssignedIdentities": users}

    def to_json(self, cloud: Cloud, details: bool = False) -> dict:
        pub, offer, sku = IMAGES.get(self.image.lower(), IMAGES["ubuntu2204"])
        os_profile: dict[str, Any] = {"adminUsername": self.admin_username, "computerName": self.name}
        if self.os_type == "Windows":
            os_profile["windowsConfiguration"] = {"enableAutomaticUpdates": True, "provisionVmAgent": True}
        else:
            keys = [{"keyData": self.ssh_key, "path": f"/home/{self.admin_username}/.ssh/authorized_keys"}] \
                if self.ssh_key else []
            os_profile["linuxConfiguration"] = {"disablePasswordAuthentication": not self.password_authentication,
                                                **({"ssh": {"publicKeys": keys}} if keys else {})}
        out = {
            "hardwareProfile": {"vmSize": self.size},
            "id": self.id,
            "identity": self.identity_json(cloud),
            "location": self.location,
            "name": self.name,
            "networkProfile": {"networkInterfaces": [{"id": self.nic_id(),
                                                      "resourceGroup": self.resource_group}]},
            "osProfile": os_profile,
            "provisioningState": "Succeeded",
            "resourceGroup": self.resource_group,
            "storageProfile": {"imageReference": {"offer": offer, "publisher": pub, "sku": sku, "version": "latest"},
                               "osDisk": {"caching": "ReadWrite", "createOption": "FromImage",
                                          "diskSizeGb": 127 if self.os_type == "Windows" else 30,
                                          "osType": self.os_type}},
            "tags": dict(self.tags),
            "timeCreated": self.created.strftime("%Y-%m-%dT%H:%M:%S.%f+00:00") if self.created else None,
            "type": VM,
            "vmId": self.vm_id,
            "zones": None,
        }
        if details:
            out.update({"fqdns": "", "macAddresses": self.mac, "powerState": "VM running",
                        "privateIps": self.private_ip, "publicIps": self.public_ip or ""})
        return out


def vms(cloud: Cloud) -> dict[str, VirtualMachine]:
    return cloud.resources["vms"]


def identity_by_resource_id(cloud: Cloud, rid: str) -> Principal | None:
    for p in cloud.tenant.principals.values():
        if p.kind == "ManagedIdentity" and p.resource_id and p.resource_id.lower() == rid.lower() and not p.assigned_to:
            return p
    return None


def public_ip(cloud: Cloud) -> str:
    """A deterministic Azure-looking public address (20.x / 40.x / 52.x)."""
    return f"{cloud.ids.choice([20, 40, 52, 104])}.{cloud.ids.randint(1, 254)}.{cloud.ids.randint(0, 255)}." \
           f"{cloud.ids.randint(1, 254)}"


def find_vm(cloud: Cloud, resource_group: str | None, name: str) -> VirtualMachine | None:
    for v in vms(cloud).values():
        if v.name.lower() == name.lower() and (resource_group is None or v.resource_group.lower() ==
                                                resource_group.lower()):
            return v
    return None


def vm_id(cloud: Cloud, resource_group: str, name: str) -> str:
    return f"{cloud.subscription.id}/resourceGroups/{resource_group}/providers/{VM}/{name}"


def get_vm(cloud: Cloud, caller: Principal, resource_group: str, name: str) -> VirtualMachine:
    """GET one VM through the resource manager (the group must exist, the caller may read it)."""
    from .arm import send

    return send(cloud, caller, "GET", vm_id(cloud, resource_group, name)).resource.item


def list_vms(cloud: Cloud, caller: Principal, resource_group: str | None = None) -> list[VirtualMachine]:
    """The VMs of the subscription (or a group) the caller may read, by group then name."""
    from .arm import send

    scope = f"{cloud.subscription.id}/resourceGroups/{resource_group}" if resource_group else cloud.subscription.id
    return [b.item for b in send(cloud, caller, "GET", f"{scope}/providers/{VM}").resources]


def delete_vm(cloud: Cloud, caller: Principal, vm: VirtualMachine) -> None:
    """DELETE through the resource manager."""
    from .arm import send

    send(cloud, caller, "DELETE", vm.id)


def remove_vm(cloud: Cloud, vm: VirtualMachine) -> None:
    """What a VM's DELETE commits: its system identity (and that identity's role assignments) and its address go."""
    if vm.system_principal_id:
        remove_system_identity(cloud, vm.id)
        cloud.role_assignments[:] = [a for a in cloud.role_assignments if a.principal_id != vm.system_principal_id]
    from .network import find_subnet

    found = find_subnet(cloud, vm.subnet_id)
    if found and vm.private_ip in found[1].allocated:
        found[1].allocated.remove(vm.private_ip)
    vms(cloud).pop(vm.id, None)


def vm_origin(vm: VirtualMachine) -> Origin:
    return Origin(kind="vm", ip=vm.outbound_ip, subnet_id=vm.subnet_id, resource_id=vm.id)
