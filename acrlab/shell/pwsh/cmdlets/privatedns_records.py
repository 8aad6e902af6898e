"""Az.PrivateDns record sets: New-AzPrivateDnsRecordConfig (in memory), New-|Get-|Remove-AzPrivateDnsRecordSet, each
a request to the resource manager (Microsoft.Network/privateDnsZones/A). Sources: Azure/azure-powershell
src/PrivateDns/PrivateDns/help/New-AzPrivateDnsRecordSet.md, Get-AzPrivateDnsRecordSet.md,
Remove-AzPrivateDnsRecordSet.md, New-AzPrivateDnsRecordConfig.md."""

from __future__ import annotations

from ....engine import network, privatedns
from ....engine.arm import send
from ..values import PSError, PSObject, as_list, to_str
from .base import Param, cmdlet
from .containerregistry import engine_call
from .network import PROFILE
from .privatedns import send_delete

MOD = "Az.PrivateDns"
M = "Microsoft.Azure.Commands.PrivateDns.Models"
SET = [Param("ResourceGroupName", "string", "The resource group to which the zone belongs.", mandatory=True),
       Param("ZoneName", "string", "The zone in which the record set lives (without a terminating dot).",
             mandatory=True)]
RECORD_TYPE = Param("RecordType", "string", "The type of DNS record (the lab models A records).", values=("A", "AAAA", "CNAME", "MX", "PTR", "SOA", "SRV", "TXT"))


def record_obj(ip: str) -> PSObject:
    return PSObject(f"{M}.ARecord", {"Ipv4Address": ip}, to_string=ip)


def record_set_obj(rs: privatedns.ARecordSet) -> PSObject:
    j = privatedns.record_set_json(rs)
    return PSObject(f"{M}.PSPrivateDnsRecordSet", {
        "Id": j["id"], "Name": j["name"], "ZoneName": rs.zone.name, "ResourceGroupName": rs.zone.resource_group,
        "Ttl": j["ttl"], "Etag": j["etag"], "RecordType": "A",
        "Records": [record_obj(r["ipv4Address"]) for r in j["aRecords"]], "Metadata": None,
        "IsAutoRegistered": False}, view="list", to_string=f"{M}.PSPrivateDnsRecordSet")


def _set_id(ctx, a, name: str | None) -> str:
    return f"{ctx.subscription.id}/resourceGroups/{a.ResourceGroupName}/providers/{network.NET}/" \
           f"privateDnsZones/{a.ZoneName}/A" + (f"/{name}" if name else "")


def _a_only(a) -> None:
    if a.RecordType and to_str(a.RecordType).upper() != "A":
        raise PSError(f"Record type '{a.RecordType}' is not modelled by the lab; only A record sets are.")


@cmdlet("New-AzPrivateDnsRecordConfig", [
    Param("Ipv4Address", "string", "The IPv4 address for the A record to add.", mandatory=True), PROFILE,
], "Creates a new Private DNS record local object.", module=MOD, outputs=f"{M}.ARecord",
    examples=[("An A record", "$Records = New-AzPrivateDnsRecordConfig -IPv4Address 10.0.0.4")])
def new_record_config(ctx, a, items):
    return record_obj(to_str(a.Ipv4Address))


@cmdlet("New-AzPrivateDnsRecordSet", [
    Param("Name", "string", "The name of the record set, relative to the zone.", mandatory=True), *SET,
    Param("RecordType", "string", "The type of DNS record.", mandatory=True, values=("A", "AAAA", "CNAME", "MX", "PTR", "SOA", "SRV", "TXT")),
    Param("Ttl", "int", "The TTL value of all the records in this record set.", mandatory=True),
    Param("PrivateDnsRecords", "objects", "The private DNS records that are part of this record set."),
    Param("Overwrite", "switch", "Overwrite the record set if it already exists."), PROFILE,
], "Creates a private DNS record set.", module=MOD, should_process=True, outputs=f"{M}.PSPrivateDnsRecordSet",
    examples=[("An A record set", "New-AzPrivateDnsRecordSet -Name www -RecordType A -ZoneName myzone.com "
                                  "-ResourceGroupName MyResourceGroup -Ttl 3600 -PrivateDnsRecords "
                                  "(New-AzPrivateDnsRecordConfig -IPv4Address 10.0.0.4)")])
def new_record_set(ctx, a, items):
    """A PUT with If-None-Match: * unless -Overwrite (New-AzPrivateDnsRecordSet.md)."""
    _a_only(a)
    records = [{"ipv4Address": to_str(r.get("Ipv4Address") if isinstance(r, PSObject) else r)}
               for r in as_list(a.PrivateDnsRecords or [])]
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Create" on target "{a.Name}".')
        return None
    body = {"properties": {"ttl": a.Ttl, "aRecords": records}}
    return record_set_obj(engine_call(send, ctx.cloud, ctx.principal, "PUT", _set_id(ctx, a, a.Name), body,
                                      if_none_match=not a.Overwrite).resource)


@cmdlet("Get-AzPrivateDnsRecordSet", [
    *SET, Param("Name", "string", "The name of the record set, relative to the zone."), RECORD_TYPE, PROFILE,
], "Gets a record set.", module=MOD, outputs=f"{M}.PSPrivateDnsRecordSet",
    examples=[("A record sets of a zone", "Get-AzPrivateDnsRecordSet -ResourceGroupName MyResourceGroup -ZoneName "
                                          "privatelink.azurecr.io -RecordType A")])
def get_record_set(ctx, a, items):
    _a_only(a)
    response = engine_call(send, ctx.cloud, ctx.principal, "GET", _set_id(ctx, a, a.Name))
    return record_set_obj(response.resource) if a.Name else [record_set_obj(r) for r in response.resources]


@cmdlet("Remove-AzPrivateDnsRecordSet", [
    Param("Name", "string", "The name of the record set, relative to the zone.", mandatory=True), *SET,
    Param("RecordType", "string", "The type of DNS record.", mandatory=True, values=("A", "AAAA", "CNAME", "MX", "PTR", "SOA", "SRV", "TXT")),
    Param("PassThru", "switch", "Return $true when the record set was removed."), PROFILE,
], "Deletes a record set.", module=MOD, should_process=True,
    examples=[("Remove a record set", "Remove-AzPrivateDnsRecordSet -Name www -RecordType A -ZoneName myzone.com "
                                      "-ResourceGroupName MyResourceGroup")])
def remove_record_set(ctx, a, items):
    _a_only(a)
    return send_delete(ctx, a, "Remove", _set_id(ctx, a, a.Name))
