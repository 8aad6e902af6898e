"""Az.Network Get-AzPublicIpAddress (the address a VM got, as the managed-identity docs read it:
`Get-AzPublicIpAddress -Name myPublicIP -ResourceGroupName myResourceGroup | Select-Object -ExpandProperty
IpAddress`). Source: Azure/azure-powershell src/Network/Network/help/Get-AzPublicIpAddress.md."""

from __future__ import annotations

from ....engine import public_ips
from ..values import Hashtable, PSObject
from .base import Param, cmdlet
from .containerregistry import engine_call
from .network import MOD, PROFILE, M, json_text

COLUMNS = ["Name", "ResourceGroupName", "Location", "Id", "Etag", "ResourceGuid", "ProvisioningState", "Tags",
           "PublicIpAllocationMethod", "IpAddress", "PublicIpAddressVersion", "IdleTimeoutInMinutes",
           "IpConfiguration", "DnsSettings", "Zones", "Sku", "IpTags"]


def public_ip_obj(body: dict) -> PSObject:
    props = body["properties"]
    sku = PSObject(f"{M}.PSPublicIpAddressSku", {"Name": body["sku"]["name"], "Tier": body["sku"]["tier"]})
    config = PSObject(f"{M}.PSIPConfiguration", {"Id": props["ipConfiguration"]["id"]})
    out = PSObject(f"{M}.PSPublicIpAddress", {
        "Name": body["name"], "ResourceGroupName": body["id"].split("/")[4], "Location": body["location"],
        "Id": body["id"], "Etag": None, "ResourceGuid": None, "ProvisioningState": props["provisioningState"],
        "Tags": None, "PublicIpAllocationMethod": props["publicIPAllocationMethod"], "IpAddress": props["ipAddress"],
        "PublicIpAddressVersion": props["publicIPAddressVersion"],
        "IdleTimeoutInMinutes": props["idleTimeoutInMinutes"], "IpConfiguration": config, "DnsSettings": None,
        "Zones": [], "Sku": sku, "IpTags": [], "TagsTable": Hashtable({})}, view="list", columns=COLUMNS)
    out.set("IpConfigurationText", json_text(config))
    out.set("SkuText", json_text(sku))
    return out


@cmdlet("Get-AzPublicIpAddress", [
    Param("Name", "string", "Specifies the name of the public IP address that this cmdlet gets.",
          aliases=("ResourceName",), mandatory=True),
    Param("ResourceGroupName", "string", "Specifies the name of the resource group that contains the public IP "
          "address that this cmdlet gets.", mandatory=True), PROFILE,
], "Gets a public IP address.", module=MOD, outputs=f"{M}.PSPublicIpAddress",
    examples=[("Get a public IP resource", "$publicIp = Get-AzPublicIpAddress -Name $publicIpName "
                                           "-ResourceGroupName $rgName")])
def get_public_ip(ctx, a, items):
    return public_ip_obj(engine_call(public_ips.get_public_ip, ctx.cloud, ctx.principal, a.ResourceGroupName, a.Name))
