"""Az.Compute: Get-AzVM, New-AzVM (simple parameter set), Update-AzVM -IdentityType, Remove-AzVM: each sends the
resource manager's requests (PSVirtualMachine, PSVirtualMachineList)."""

from __future__ import annotations

from ....engine import compute, groups
from ....engine.arm import send
from ....engine.errors import AzureError, ResourceGroupNotFound
from ... import vm_requests
from ...session import HOME
from ..values import Hashtable, PSCredential, PSError, PSObject, SecureString, to_str
from .aks import confirm
from .base import Param, cmdlet
from .containerregistry import engine_call

MOD = "Az.Compute"
M = "Microsoft.Azure.Commands.Compute.Models"
SDK = "Microsoft.Azure.Management.Compute.Models"
PROFILE = Param("DefaultProfile", "psobject", "The credentials, account, tenant, and subscription used for "
                "communication with Azure.", aliases=("AzContext", "AzureRmContext", "AzureCredential"))
VM_COLUMNS = ["ResourceGroupName", "Id", "VmId", "Name", "Type", "Location", "Tags", "HardwareProfile", "Identity",
              "NetworkProfile", "OSProfile", "ProvisioningState", "StorageProfile", "TimeCreated"]
LIST_COLUMNS = ["ResourceGroupName", "Name", "Location", "VmSize", "OsType", "NIC", "ProvisioningState", "Zone"]
SIMPLE = "SimpleParameterSet"


def identity_obj(cloud, vm: compute.VirtualMachine) -> PSObject | None:
    j = vm.identity_json(cloud)
    if j is None:
        return None
    users = Hashtable({rid: PSObject(f"{SDK}.UserAssignedIdentitiesValue", {"PrincipalId": v["principalId"],
                                                                             "ClientId": v["clientId"]})
                       for rid, v in (j["userAssignedIdentities"] or {}).items()}) or None
    return PSObject(f"{SDK}.VirtualMachineIdentity", {"PrincipalId": j["principalId"], "TenantId": j["tenantId"],
                                                      "Type": j["type"], "UserAssignedIdentities": users},
                    to_string=f"{SDK}.VirtualMachineIdentity")


def vm_obj(cloud, vm: compute.VirtualMachine) -> PSObject:
    j = vm.to_json(cloud)
    nic = j["networkProfile"]["networkInterfaces"][0]["id"]
    image = j["storageProfile"]["imageReference"]
    return PSObject(f"{M}.PSVirtualMachine", {
        "ResourceGroupName": vm.resource_group, "Id": vm.id, "VmId": vm.vm_id, "Name": vm.name, "Type": compute.VM,
        "Location": vm.location, "Tags": Hashtable(),
        "HardwareProfile": PSObject(f"{SDK}.HardwareProfile", {"VmSize": vm.size}, to_string=f"{SDK}.HardwareProfile"),
        "Identity": identity_obj(cloud, vm),
        "NetworkProfile": PSObject(f"{SDK}.NetworkProfile", {"NetworkInterfaces": [
            PSObject(f"{SDK}.NetworkInterfaceReference", {"Id": nic})]}, to_string=f"{SDK}.NetworkProfile"),
        "OSProfile": PSObject(f"{SDK}.OSProfile", {"ComputerName": vm.name, "AdminUsername": vm.admin_username},
                              to_string=f"{SDK}.OSProfile"),
        "ProvisioningState": "Succeeded",
        "StorageProfile": PSObject(f"{SDK}.StorageProfile", {"ImageReference": PSObject(
            f"{SDK}.ImageReference", {"Publisher": image["publisher"], "Offer": image["offer"], "Sku": image["sku"],
                                      "Version": "latest"}), "OsDisk": PSObject(f"{SDK}.OSDisk", {
                                          "OsType": vm.os_type, "DiskSizeGB": 127 if vm.os_type == "Windows" else 30})}, to_string=f"{SDK}.StorageProfile"),
        "TimeCreated": vm.created,
    }, view="list", columns=VM_COLUMNS, to_string=f"{M}.PSVirtualMachine")


def list_obj(vm: compute.VirtualMachine) -> PSObject:
    return PSObject(f"{M}.PSVirtualMachineList", {
        "ResourceGroupName": vm.resource_group, "Name": vm.name, "Location": vm.location, "VmSize": vm.size,
        "OsType": vm.os_type, "NIC": f"{vm.name}VMNic", "ProvisioningState": "Succeeded", "Zone": None, "Id": vm.id,
        "VmId": vm.vm_id}, view="table", columns=LIST_COLUMNS)


@cmdlet("Get-AzVM", [
    Param("ResourceGroupName", "string", "Specifies the name of a resource group.", position=0,
          sets=("DefaultParamSet", "GetVirtualMachineInResourceGroupParamSet"),
          mandatory=("GetVirtualMachineInResourceGroupParamSet",), by_property=True),
    Param("Name", "string", "Specifies the name of the virtual machine to get.", aliases=("ResourceName", "VMName"),
          position=1, sets=("DefaultParamSet", "GetVirtualMachineInResourceGroupParamSet"),
          mandatory=("GetVirtualMachineInResourceGroupParamSet",), by_property=True),
    Param("Location", "string", "Specifies a location for the virtual machines to list.", sets=("ListLocation",),
          mandatory=True),
    Param("Status", "switch", "Indicates that this cmdlet gets only the instance view of the virtual machine."),
    PROFILE,
], "Gets the properties of a virtual machine.", module=MOD,
    sets=["DefaultParamSet", "GetVirtualMachineInResourceGroupParamSet", "ListLocation"],
    default_set="DefaultParamSet", outputs=f"{M}.PSVirtualMachine",
    examples=[("Get a virtual machine", "Get-AzVM -ResourceGroupName ResourceGroup11 -Name VirtualMachine07"),
              ("The VM's managed identity", "(Get-AzVM -ResourceGroupName rg -Name vm).Identity.PrincipalId")])
def get_vm(ctx, a, items):
    cloud = ctx.cloud
    if a.Name and a.ResourceGroupName and not any(c in a.Name for c in "*?"):
        return vm_obj(cloud, engine_call(compute.get_vm, cloud, ctx.principal, a.ResourceGroupName, a.Name))
    import fnmatch
    return [list_obj(v) for v in engine_call(compute.list_vms, cloud, ctx.principal, a.ResourceGroupName)
            if (not a.Name or fnmatch.fnmatch(v.name.lower(), a.Name.lower()))
            and (not a.Location or v.location == a.Location.replace(" ", "").lower())]


@cmdlet("New-AzVM", [
    Param("Name", "string", "Specifies the name of the virtual machine.", aliases=("VMName",), mandatory=True),
    Param("Credential", "credential", "The administrator credentials for the VM.", mandatory=True),
    Param("ResourceGroupName", "string", "Specifies the name of a resource group (created when missing)."),
    Param("Location", "string", "Specifies the location for the virtual machine."),
    Param("Image", "string", "The friendly image name or URN.", aliases=("ImageName",)),
    Param("Size", "string", "The Virtual Machine Size.", aliases=("VmSize",)),
    Param("VirtualNetworkName", "string", "The name of a new (or existing) virtual network."),
    Param("AddressPrefix", "string", "The address prefix for the virtual network which will be created."),
    Param("SubnetName", "string", "The name of a new (or existing) subnet."),
    Param("SubnetAddressPrefix", "string", "The address prefix for the subnet which will be created."),
    Param("PublicIpAddressName", "string", "The name of a new (or existing) public IP address."),
    Param("SecurityGroupName", "string", "The name of a new (or existing) network security group."),
    Param("OpenPorts", "strings", "A list of ports to open on the network security group."),
    Param("SystemAssignedIdentity", "switch", "Enable a system-assigned managed identity on the VM."),
    Param("UserAssignedIdentity", "string", "The name (resource id) of a user-assigned identity to assign."),
    Param("GenerateSshKey", "switch", "Generate a SSH Public/Private key pair."),
    Param("SshKeyName", "string", "Name of the SSH Public Key resource."),
    Param("AsJob", "switch", "Run cmdlet in the background"), PROFILE,
], "Creates a virtual machine (simple parameter set).", module=MOD, should_process=True,
    outputs=f"{M}.PSVirtualMachine",
    examples=[("A Linux VM with a managed identity",
               '$cred = New-Object System.Management.Automation.PSCredential ("azureuser", (ConvertTo-SecureString '
               '"P@ssw0rd1234!" -AsPlainText -Force))\nNew-AzVM -ResourceGroupName rg -Name vm -Location eastus '
               '-Image Ubuntu2204 -Credential $cred -SystemAssignedIdentity')])
def new_vm(ctx, a, items):
    """The simple parameter set as requests: the resource group when missing, the virtual network and subnet when
    missing (192.168.0.0/16, 192.168.1.0/24, both named after the VM unless given), then the VM's PUT
    (shell/vm_requests.py) with the credential's user and password, a public IP address named after the VM."""
    cloud = ctx.cloud
    cred = a.Credential
    if not isinstance(cred, PSCredential):
        raise PSError("Cannot bind argument to parameter 'Credential' because it is null.")
    rg_name = a.ResourceGroupName or a.Name
    loc = (a.Location or "").replace(" ", "").lower() or None
    image = vm_requests.image_reference(a.Image or "Win2016Datacenter")
    if image is None:
        raise PSError(f"The image '{a.Image}' is neither an image alias ({', '.join(sorted(compute.IMAGES))}) nor a "
                      "URN (publisher:offer:sku:version).")
    if a.SshKeyName is None and a.GenerateSshKey:
        raise PSError("Please provide parameter '-SshKeyName' to be used with '-GenerateSshKey'")
    if a.SshKeyName is not None and image["publisher"] == "MicrosoftWindowsServer":
        raise PSError("Parameters '-SshKeyName' and '-GenerateSshKey' are only allowed with Linux VMs")
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "New" on target "{a.Name}".')
        return None
    try:  # New-AzVM reads the group and creates it when it is missing (Az.Compute's simple parameter set)
        rg = send(cloud, ctx.principal, "GET", groups.group_id(cloud, rg_name)).resource
    except ResourceGroupNotFound:
        rg = engine_call(send, cloud, ctx.principal, "PUT", groups.group_id(cloud, rg_name),
                         {"location": loc or "eastus"}).resource
    loc = loc or rg.location
    subnet_id, network = engine_call(vm_requests.subnet_request, cloud, ctx.principal, rg.name, loc,
                                  a.VirtualNetworkName or a.Name, a.SubnetName or a.Name,
                                  a.AddressPrefix or "192.168.0.0/16", a.SubnetAddressPrefix or "192.168.1.0/24")
    ssh_key = _ssh_key(ctx, rg.name, a) if a.SshKeyName is not None else ""
    wants = (["[system]"] if a.SystemAssignedIdentity else []) + ([a.UserAssignedIdentity]
                                                                  if a.UserAssignedIdentity else [])
    body = vm_requests.vm_body(
        a.Name, loc, a.Size or "Standard_D2s_v3", image, cred.username, subnet_id,
        admin_password=_password(cred), ssh_key=ssh_key, public_ip_name=a.PublicIpAddressName or a.Name,
        identity=vm_requests.identity_block(cloud, rg.name, wants) if wants else None, nic_name=a.Name)
    vm = engine_call(vm_requests.create_vm, cloud, ctx.principal, rg.name, a.Name, body, network)
    out = vm_obj(cloud, vm)
    out.set("FullyQualifiedDomainName", f"{a.Name.lower()}-{cloud.ids.hex(4)}.{loc}.cloudapp.azure.com")
    return out


def _ssh_key(ctx, rg: str, a) -> str:
    """NewAzureVMCommand.GenerateOrFindSshKey: -GenerateSshKey creates the sshPublicKeys resource (refused when it
    exists), has Azure generate a pair and writes it to ~/.ssh/<unix seconds> and <unix seconds>.pub; -SshKeyName
    alone uses the existing resource's public key."""
    cloud = ctx.cloud
    rid = f"{ctx.subscription.id}/resourceGroups/{rg}/providers/Microsoft.Compute/sshPublicKeys/{a.SshKeyName}"
    try:
        found = send(cloud, ctx.principal, "GET", rid).resource
    except AzureError:
        found = None
    if not a.GenerateSshKey:
        if found is None:
            raise PSError("The SSH Public Key resource with name '-SshKeyName' was not found. Either provide "
                          "'-GenerateSshKey' to create the resource or provide a '-SshKeyName' that exists in the "
                          "provided Resource Group.")
        return found.public_key or ""
    if found is not None:
        raise PSError("The SSH Public Key resource with name '-SshKeyName' already exists. Either remove "
                      "'-GenerateSshKey' to use the existing resource or update '-SshKeyName' to create a SSH Public "
                      "Key resource with a different name.")
    location = (a.Location or "eastus").replace(" ", "").lower()
    engine_call(send, cloud, ctx.principal, "PUT", rid, {"location": location})
    pair = engine_call(send, cloud, ctx.principal, "POST", rid, action="generateKeyPair").body
    stamp = int(cloud.clock.now().timestamp())
    ctx.sh.write_file(f"~/.ssh/{stamp}", pair["privateKey"] + "\n")
    ctx.host(f"Private key is saved to {HOME}/.ssh/{stamp}")
    ctx.sh.write_file(f"~/.ssh/{stamp}.pub", pair["publicKey"] + "\n")
    ctx.host(f"Public key is saved to {HOME}/.ssh/{stamp}.pub")
    return pair["publicKey"]


def _password(cred: PSCredential) -> str | None:
    secret = cred.password
    return (secret.reveal() if isinstance(secret, SecureString) else to_str(secret)) or None


@cmdlet("Update-AzVM", [
    Param("ResourceGroupName", "string", "Specifies the name of the resource group of the virtual machine.",
          position=0, mandatory=True),
    Param("VM", "object", "Specifies a local virtual machine object to update.", aliases=("VMProfile",),
          mandatory=True, pipeline=True, dotnet_type=f"{M}.PSVirtualMachine"),
    Param("IdentityType", "string", "The type of identity used for the virtual machine.",
          values=("SystemAssigned", "UserAssigned", "SystemAssignedUserAssigned", "None")),
    Param("IdentityId", "strings", "The list of user identities associated with the Virtual Machine."),
    Param("AsJob", "switch", "Run cmdlet in the background"), PROFILE,
], "Updates the state of an Azure virtual machine.", module=MOD, should_process=True,
    examples=[("Turn on the system-assigned identity", "$vm = Get-AzVM -ResourceGroupName rg -Name vm\n"
                                                       "Update-AzVM -ResourceGroupName rg -VM $vm -IdentityType "
                                                       "SystemAssigned")])
def update_vm(ctx, a, items):
    obj = a.VM
    if not isinstance(obj, PSObject) or not obj.has("Name"):
        raise PSError("Cannot bind argument to parameter 'VM' because it is null.")
    vm = engine_call(compute.get_vm, ctx.cloud, ctx.principal, a.ResourceGroupName, to_str(obj.get("Name")))
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Update" on target "{vm.name}".')
        return None
    kind = (a.IdentityType or "").lower()
    if kind:  # the VM is written back with exactly this identity (Update-AzVM.md: -IdentityType, -IdentityId)
        users = [u if u.startswith("/") else f"{ctx.subscription.id}/resourceGroups/{vm.resource_group}/"
                 f"providers/{compute.MI}/{u}" for u in a.IdentityId or []] if "userassigned" in kind else []
        engine_call(vm_requests.put_identity, ctx.cloud, ctx.principal, vm, kind.startswith("systemassigned"), users)
    return PSObject(f"{M}.PSAzureOperationResponse", {"RequestId": ctx.cloud.ids.guid(), "IsSuccessStatusCode": True,
                                                      "StatusCode": "OK", "ReasonPhrase": None})


@cmdlet("Remove-AzVM", [
    Param("ResourceGroupName", "string", "Specifies the name of a resource group.", position=0, mandatory=True),
    Param("Name", "string", "Specifies the name of the virtual machine.", aliases=("ResourceName", "VMName"),
          position=1, mandatory=True),
    Param("Force", "switch", "Forces the command to run without asking for user confirmation."),
    Param("AsJob", "switch", "Run cmdlet in the background"), PROFILE,
], "Removes a virtual machine from Azure.", module=MOD, should_process=True,
    examples=[("Remove a virtual machine", "Remove-AzVM -ResourceGroupName ResourceGroup11 -Name VirtualMachine07 "
                                           "-Force")])
def remove_vm(ctx, a, items):
    vm = engine_call(compute.get_vm, ctx.cloud, ctx.principal, a.ResourceGroupName, a.Name)
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Remove" on target "{vm.name}".')
        return None
    if not confirm(ctx, a, "Virtual machine removal operation\nThis cmdlet will remove the specified virtual "
                           "machine. Do you want to continue?"):
        return None
    engine_call(compute.delete_vm, ctx.cloud, ctx.principal, vm)
    return PSObject(f"{M}.PSAzureOperationResponse", {"RequestId": ctx.cloud.ids.guid(), "IsSuccessStatusCode": True,
                                                      "StatusCode": "OK", "ReasonPhrase": None})
