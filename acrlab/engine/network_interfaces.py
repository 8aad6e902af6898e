"""Network interfaces the lab's resources create (today: the NIC of each private endpoint): their ARM body and
look-ups; GET and list are requests to the resource manager (arm/providers/network_interfaces.py). One IP
configuration per name the endpoint serves, with privateLinkConnectionProperties (requiredMemberName `registry` for
the login server and `registry_data_<region>` for each data endpoint), as the private-link docs query them
(MicrosoftDocs/azure-management-docs container-registry-private-endpoints.md, "Get endpoint IP configuration")."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from .network import NET
from .privatelink import PrivateEndpoint, endpoints

if TYPE_CHECKING:
    from .cloud import Cloud
    from .compute import VirtualMachine
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


def _member(fqdn: str) -> str:
    """registry.azurecr.io -> registry; registry.<region>.data.azurecr.io -> registry_data_<region>."""
    parts = fqdn.split(".")
    return f"registry_data_{parts[1]}" if len(parts) > 4 and parts[2] == "data" else "registry"


def nic_json(owner: PrivateEndpoint | VirtualMachine) -> dict:
    """The NIC of a private endpoint or a VM as az shows it (the SDK's flattened body)."""
    if not isinstance(owner, PrivateEndpoint):
        return _vm_nic_json(owner)
    pe = owner
    nid = nic_id(pe)
    etag = f'W/"{_guid(nid + pe.etag)}"'
    configs = []
    config_ids = ip_config_ids(pe)
    for k, (fqdn, ip) in enumerate(pe.ip_by_fqdn.items()):
        cid = config_ids[fqdn]
        configs.append({
            "etag": etag, "id": cid, "name": cid.rsplit("/", 1)[1], "primary": k == 0,
            "privateIPAddress": ip, "privateIPAddressVersion": "IPv4", "privateIPAllocationMethod": "Dynamic",
            "privateLinkConnectionProperties": {"fqdns": [fqdn], "groupId": "registry",
                                                "requiredMemberName": _member(fqdn)},
            "provisioningState": "Succeeded", "resourceGroup": pe.resource_group,
            "subnet": {"id": pe.subnet_id, "resourceGroup": pe.subnet_id.split("/")[4]},
            "type": f"{NIC}/ipConfigurations"})
    return {
        "auxiliaryMode": "None", "auxiliarySku": "None", "disableTcpStateTracking": False,
        "dnsSettings": {"appliedDnsServers": [], "dnsServers": [],
                        "internalDomainNameSuffix": f"{_guid(nid)[:22].replace('-', '')}.bx.internal.cloudapp.net"},
        "enableAcceleratedNetworking": False, "enableIPForwarding": False, "etag": etag, "hostedWorkloads": [],
        "id": nid, "ipConfigurations": configs, "location": pe.location, "macAddress": "", "name": pe.nic_name,
        "nicType": "Standard", "privateEndpoint": {"id": pe.id, "resourceGroup": pe.resource_group},
        "provisioningState": "Succeeded", "resourceGroup": pe.resource_group, "resourceGuid": _guid(nid + "guid"),
        "tapConfigurations": [], "type": NIC, "vnetEncryptionSupported": False,
    }


def _vm_nic_json(vm: VirtualMachine) -> dict:
    """The NIC `az vm create` makes for a VM (`<vm>VMNic`, IP configuration `ipconfig<vm>`, its public IP)."""
    nid, rg = vm.nic_id(), vm.resource_group
    etag = f'W/"{_guid(nid + vm.vm_id)}"'
    config = {"etag": etag, "id": f"{nid}/ipConfigurations/ipconfig{vm.name}", "name": f"ipconfig{vm.name}",
              "primary": True, "privateIPAddress": vm.private_ip, "privateIPAddressVersion": "IPv4",
              "privateIPAllocationMethod": "Dynamic", "provisioningState": "Succeeded", "resourceGroup": rg,
              "subnet": {"id": vm.subnet_id, "resourceGroup": vm.subnet_id.split("/")[4]},
              "type": f"{NIC}/ipConfigurations"}
    if vm.public_ip and vm.public_ip_name:
        config["publicIPAddress"] = {"id": f"{vm.id.rsplit('/providers/', 1)[0]}/providers/{NET}/"
                                           f"publicIPAddresses/{vm.public_ip_name}", "resourceGroup": rg}
    return {
        "auxiliaryMode": "None", "auxiliarySku": "None", "disableTcpStateTracking": False,
        "dnsSettings": {"appliedDnsServers": [], "dnsServers": [],
                        "internalDomainNameSuffix": f"{_guid(nid)[:22].replace('-', '')}.bx.internal.cloudapp.net"},
        "enableAcceleratedNetworking": False, "enableIPForwarding": False, "etag": etag, "hostedWorkloads": [],
        "id": nid, "ipConfigurations": [config], "location": vm.location, "macAddress": vm.mac,
        "name": nid.rsplit("/", 1)[1], "nicType": "Standard", "primary": True, "provisioningState": "Succeeded",
        "resourceGroup": rg, "resourceGuid": _guid(nid + "guid"), "tapConfigurations": [], "type": NIC,
        "virtualMachine": {"id": vm.id, "resourceGroup": rg}, "vnetEncryptionSupported": False,
    }


def owner_nic_id(owner: PrivateEndpoint | VirtualMachine) -> str:
    return nic_id(owner) if isinstance(owner, PrivateEndpoint) else owner.nic_id()


def find_nic(cloud: Cloud, resource_group: str, name: str) -> PrivateEndpoint | VirtualMachine | None:
    wanted = f"{cloud.subscription.id}/resourceGroups/{resource_group}/providers/{NIC}/{name}".lower()
    return next((o for o in nics(cloud, resource_group) if owner_nic_id(o).lower() == wanted), None)


def nics(cloud: Cloud, resource_group: str | None = None) -> list[PrivateEndpoint | VirtualMachine]:
    """The NICs of private endpoints and of VMs (by their owner), in a group or the subscription."""
    from .compute import vms

    rg = (resource_group or "").lower()
    owners: list[PrivateEndpoint | VirtualMachine] = [*endpoints(cloud).values(), *vms(cloud).values()]
    return [o for o in owners if not rg or o.resource_group.lower() == rg]


def list_nics(cloud: Cloud, caller: Principal, resource_group: str | None = None) -> list:
    """A list request: the NICs the caller may read."""
    from .arm import send

    scope = f"{cloud.subscription.id}/resourceGroups/{resource_group}" if resource_group else cloud.subscription.id
    return send(cloud, caller, "GET", f"{scope}/providers/{NIC}").resources


def get_nic(cloud: Cloud, caller: Principal, resource_group: str, name: str):
    """A GET request: the private endpoint or VM whose NIC this is (its IP configurations come from its owner)."""
    from .arm import send

    return send(cloud, caller, "GET", f"{cloud.subscription.id}/resourceGroups/{resource_group}/providers/{NIC}/"
                                      f"{name}").resource
