"""az network nic show|list for the network interfaces private endpoints create: one IP configuration per name the
endpoint serves, with privateLinkConnectionProperties (requiredMemberName `registry` for the login server and
`registry_data_<region>` for each data endpoint), as the private-link docs query them
(MicrosoftDocs/azure-management-docs container-registry-private-endpoints.md, "Get endpoint IP configuration")."""

from __future__ import annotations

import hashlib

from ....engine import network_interfaces
from ....engine.errors import CliError
from ..framework import Arg, command

NET = "Microsoft.Network"


def _guid(seed: str) -> str:
    h = hashlib.sha256(seed.encode()).hexdigest()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


def _member(fqdn: str) -> str:
    """registry.azurecr.io -> registry; registry.<region>.data.azurecr.io -> registry_data_<region>."""
    parts = fqdn.split(".")
    return f"registry_data_{parts[1]}" if len(parts) > 4 and parts[2] == "data" else "registry"


def nic_json(ctx, pe) -> dict:
    rg_id = f"/subscriptions/{pe.subscription_id}/resourceGroups/{pe.resource_group}"
    nic_id = f"{rg_id}/providers/{NET}/networkInterfaces/{pe.nic_name}"
    etag = f'W/"{_guid(nic_id + pe.etag)}"'
    configs = []
    config_ids = network_interfaces.ip_config_ids(pe)
    for k, (fqdn, ip) in enumerate(pe.ip_by_fqdn.items()):
        cid = config_ids[fqdn]
        configs.append({
            "etag": etag, "id": cid, "name": cid.rsplit("/", 1)[1], "primary": k == 0,
            "privateIPAddress": ip, "privateIPAddressVersion": "IPv4", "privateIPAllocationMethod": "Dynamic",
            "privateLinkConnectionProperties": {"fqdns": [fqdn], "groupId": "registry",
                                                "requiredMemberName": _member(fqdn)},
            "provisioningState": "Succeeded", "resourceGroup": pe.resource_group,
            "subnet": {"id": pe.subnet_id, "resourceGroup": pe.subnet_id.split("/")[4]},
            "type": f"{NET}/networkInterfaces/ipConfigurations"})
    return {
        "auxiliaryMode": "None", "auxiliarySku": "None", "disableTcpStateTracking": False,
        "dnsSettings": {"appliedDnsServers": [], "dnsServers": [],
                        "internalDomainNameSuffix": f"{_guid(nic_id)[:22].replace('-', '')}.bx.internal.cloudapp.net"},
        "enableAcceleratedNetworking": False, "enableIPForwarding": False, "etag": etag, "hostedWorkloads": [],
        "id": nic_id, "ipConfigurations": configs, "location": pe.location, "macAddress": "", "name": pe.nic_name,
        "nicType": "Standard", "privateEndpoint": {"id": pe.id, "resourceGroup": pe.resource_group},
        "provisioningState": "Succeeded", "resourceGroup": pe.resource_group, "resourceGuid": _guid(nic_id + "guid"),
        "tapConfigurations": [], "type": f"{NET}/networkInterfaces", "vnetEncryptionSupported": False,
    }


@command("network nic show", "Get the details of a network interface.", [
    Arg("resource_group", "--resource-group -g", "Name of resource group. You can configure the default group using "
        "`az configure --defaults group=<name>`.", default_key="group", id_part="resource_group"),
    Arg("name", "--name -n", "The network interface (NIC).", id_part="name"),
], examples=[("Get the internal domain name suffix of a NIC.",
              "az network nic show -g MyResourceGroup -n MyNic --query \"dnsSettings.internalDomainNameSuffix\"")])
def nic_show(ctx, a):
    ctx.require_login()
    if not a.name or not a.resource_group:
        raise CliError("(--resource-group --name | --ids) are required")
    return nic_json(ctx, network_interfaces.get_nic(ctx.cloud, ctx.principal, a.resource_group, a.name))


@command("network nic list", "List network interfaces.", [
    Arg("resource_group", "--resource-group -g", "Name of resource group.", default_key="group"),
])
def nic_list(ctx, a):
    return [nic_json(ctx, pe) for pe in network_interfaces.list_nics(ctx.cloud, ctx.principal, a.resource_group)]
