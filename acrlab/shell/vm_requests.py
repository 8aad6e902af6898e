"""What `az vm create` and `New-AzVM` (simple parameter set) send: the network requests a new VM implies (the
virtual network with its subnet, or the subnet alone, when they are not there yet) and the VM's PUT, built the same
way for both front ends (azure-rest-api-specs specification/compute/resource-manager/Microsoft.Compute/ComputeRP/
stable/2024-07-01/virtualMachine.json VirtualMachines_CreateOrUpdate; networkInterfaceConfigurations carry the NIC
and its public IP address, which the lab keeps with the VM). Network interfaces, public IP addresses and network
security groups are not resources of their own in the lab, so no request is sent for them."""

from __future__ import annotations

from typing import Any

from ..engine import compute
from ..engine.arm import preflight, send
from ..engine.arm.preflight import Request
from ..engine.cloud import Cloud
from ..engine.errors import ResourceNotFound
from ..engine.network import NET
from ..engine.tenant import Principal

NETWORK_API_VERSION = "2022-11-01"


def image_reference(image: str) -> dict[str, str] | None:
    """An image alias or URN (`publisher:offer:sku:version`) as the body's imageReference; None: neither."""
    alias = compute.IMAGES.get(image.lower())
    if alias is not None:
        return {"publisher": alias[0], "offer": alias[1], "sku": alias[2], "version": "latest"}
    parts = image.split(":")
    if len(parts) == 4 and all(parts):
        return dict(zip(("publisher", "offer", "sku", "version"), parts, strict=True))
    return None


def subnet_request(cloud: Cloud, caller: Principal, resource_group: str, location: str, vnet_name: str,
                   subnet_name: str, vnet_prefix: str, subnet_prefix: str) -> tuple[str, Request | None]:
    """(the subnet's id, the PUT that makes it or None): the network's PUT (with the subnet) when the network is not
    there, the subnet's when the network lacks it; an existing network is read with a GET. Nothing is sent but the
    GET: the PUT goes with the VM's (`create_vm`)."""
    vnet_id = f"{cloud.subscription.id}/resourceGroups/{resource_group}/providers/{NET}/virtualNetworks/{vnet_name}"
    try:
        vnet = send(cloud, caller, "GET", vnet_id).resource
    except ResourceNotFound:
        body = {"location": location, "properties": {"addressSpace": {"addressPrefixes": [vnet_prefix]},
                                                     "subnets": [{"name": subnet_name, "properties": {
                                                         "addressPrefix": subnet_prefix}}]}}
        return f"{vnet_id}/subnets/{subnet_name}", ("PUT", vnet_id, body)
    found = next((s for s in vnet.subnets.values() if s.name.lower() == subnet_name.lower()), None)
    if found is not None:
        return found.id, None
    return f"{vnet.id}/subnets/{subnet_name}", ("PUT", f"{vnet.id}/subnets/{subnet_name}",
                                                 {"properties": {"addressPrefix": subnet_prefix}})


def vm_body(name: str, location: str, size: str, image: dict[str, str], admin_username: str, subnet_id: str, *,
            ssh_key: str = "", admin_password: str | None = None, public_ip_name: str | None = None,
            identity: dict | None = None, tags: dict | None = None, nic_name: str | None = None) -> dict:
    """The VM's PUT body: hardware, image, OS profile (an SSH key or a password), one NIC configuration on the
    subnet with a public IP address when named, and the identity block when given."""
    linux = {"disablePasswordAuthentication": not admin_password,
             **({"ssh": {"publicKeys": [{"path": f"/home/{admin_username}/.ssh/authorized_keys",
                                         "keyData": ssh_key}]}} if ssh_key else {})}
    windows = image["publisher"] == "MicrosoftWindowsServer"
    os_profile: dict[str, Any] = {"computerName": name, "adminUsername": admin_username,
                                  **({"adminPassword": admin_password} if admin_password else {}),
                                  **({"windowsConfiguration": {"provisionVMAgent": True}} if windows
                                     else {"linuxConfiguration": linux})}
    ip_config: dict[str, Any] = {"subnet": {"id": subnet_id}}
    if public_ip_name:
        ip_config["publicIPAddressConfiguration"] = {"name": public_ip_name, "properties": {}}
    body: dict[str, Any] = {"location": location, "properties": {
        "hardwareProfile": {"vmSize": size},
        "storageProfile": {"imageReference": image},
        "osProfile": os_profile,
        "networkProfile": {"networkApiVersion": NETWORK_API_VERSION, "networkInterfaceConfigurations": [
            {"name": nic_name or f"{name}VMNic", "properties": {"ipConfigurations": [
                {"name": f"ipconfig{name}", "properties": ip_config}]}}]}}}
    if identity is not None:
        body["identity"] = identity
    if tags:
        body["tags"] = tags
    return body


def identity_block(cloud: Cloud, resource_group: str, wanted: list[str]) -> dict:
    """The identity block for `[system]` and user-assigned identities named by resource id or by name (a name is one
    of the VM's resource group, as azure-cli's _validate_vm_vmss_msi builds its id)."""
    system = any(w.lower() in ("[system]", "system") for w in wanted) or not wanted
    users = [w if w.startswith("/") else
             f"{cloud.subscription.id}/resourceGroups/{resource_group}/providers/{compute.MI}/{w}"
             for w in wanted if w.lower() not in ("[system]", "system")]
    kinds = (["SystemAssigned"] if system else []) + (["UserAssigned"] if users else [])
    return {"type": ", ".join(kinds), **({"userAssignedIdentities": {u: {} for u in users}} if users else {})}


def put_identity(cloud: Cloud, caller: Principal, vm: compute.VirtualMachine, system: bool,
                 users: list[str]) -> compute.VirtualMachine:
    """A PUT of the VM with exactly these identities (type None when there are none); the rest of the VM stays."""
    kinds = (["SystemAssigned"] if system else []) + (["UserAssigned"] if users else [])
    identity: dict[str, Any] = {"type": ", ".join(kinds) or "None"}
    if users:
        identity["userAssignedIdentities"] = {u: {} for u in users}
    return send(cloud, caller, "PUT", vm.id, {"location": vm.location, "identity": identity}).resource.item


def create_vm(cloud: Cloud, caller: Principal, resource_group: str, name: str, body: dict,
              network: Request | None = None, deployment: str | None = None) -> compute.VirtualMachine:
    """The network's PUT when one is needed, then the VM's, deployed as one (engine/arm/preflight.py): both are tried
    before the first is sent, so a refused VM leaves no network behind. `deployment` is the name of az's template
    deployment (`vm_deploy_` and 32 characters, vm/custom.py create_vm), whose preflight words the refusal."""
    rid = f"{cloud.subscription.id}/resourceGroups/{resource_group}/providers/{compute.VM}/{name}"
    requests = ([network] if network else []) + [("PUT", rid, body)]
    return preflight.deploy(cloud, caller, resource_group, requests, deployment).resource.item
