"""Microsoft.Network private DNS for Private Link: privateDnsZones, their virtualNetworkLinks and A record sets,
and an endpoint's privateDnsZoneGroups, applied through the engine's private DNS functions (which authorize)."""

from __future__ import annotations

from ..engine import network, privatedns, privatelink
from ..engine.arm import send
from ..engine.cloud import Cloud
from ..engine.tenant import Principal
from .provider_base import Handler, ResourceFailure, arm, parse_id
from .providers_network import delete_zone_links

NET = "Microsoft.Network"
ZONE = f"{NET}/privateDnsZones"
LINK = f"{ZONE}/virtualNetworkLinks"
A = f"{ZONE}/A"
ZONE_GROUP = f"{NET}/privateEndpoints/privateDnsZoneGroups"


def _zone(cloud: Cloud, p: dict):
    return privatedns.find_zone(cloud, p["rg"] or "", p["names"][0], missing_ok=True)


def _parent_zone(cloud: Cloud, p: dict):
    z = _zone(cloud, p)
    if z is None:
        raise ResourceFailure("ParentResourceNotFound", f"Can not perform requested operation on nested resource. "
                              f"Parent resource '{p['names'][0]}' not found.")
    return z


def read_zone(cloud: Cloud, p: dict) -> dict | None:
    z = _zone(cloud, p)
    return arm(privatedns.zone_json(z)) if z else None


def put_zone(cloud: Cloud, caller: Principal, p: dict, rid: str, body: dict) -> None:
    """The template's body is the PUT body (arm/providers/private_dns_zones.py)."""
    send(cloud, caller, "PUT", rid, body)


def read_link(cloud: Cloud, p: dict) -> dict | None:
    z = _zone(cloud, p)
    return arm(privatedns.link_json(z, p["names"][1])) if z and p["names"][1] in z.links else None


def put_link(cloud: Cloud, caller: Principal, p: dict, rid: str, body: dict) -> None:
    z = _parent_zone(cloud, p)
    props = body.get("properties") or {}
    vid = str((props.get("virtualNetwork") or {}).get("id") or "")
    vp = parse_id(vid)
    vnet = network.find_vnet(cloud, vp["rg"] or "", vp["names"][0]) if vp["names"] else None
    if vnet is None:
        raise ResourceFailure("BadRequest", f"Virtual network resource not found for '{vid}'.")
    privatedns.link_vnet(cloud, caller, z, p["names"][1], vnet, bool(props.get("registrationEnabled", False)))


def read_a(cloud: Cloud, p: dict) -> dict | None:
    z = _zone(cloud, p)
    rel = p["names"][1].lower()
    return arm(privatedns.record_set_json(z, rel)) if z and rel in z.a_records else None


def put_a(cloud: Cloud, caller: Principal, p: dict, rid: str, body: dict) -> None:
    z = _parent_zone(cloud, p)
    props = body.get("properties") or {}
    records = props.get("aRecords") or []
    if not records:
        privatedns.add_a_record(cloud, caller, z, p["names"][1], None)
    for r in records:
        privatedns.add_a_record(cloud, caller, z, p["names"][1], str((r or {}).get("ipv4Address") or ""))


def _endpoint(cloud: Cloud, p: dict):
    for pe in privatelink.endpoints(cloud).values():
        if pe.resource_group.lower() == (p["rg"] or "").lower() and pe.name.lower() == p["names"][0].lower():
            return pe
    return None


def read_zone_group(cloud: Cloud, p: dict) -> dict | None:
    pe = _endpoint(cloud, p)
    zones = pe.zone_groups.get(p["names"][1]) if pe else None
    if zones is None:
        return None
    return {"id": f"{pe.id}/privateDnsZoneGroups/{p['names'][1]}", "name": p["names"][1], "type": ZONE_GROUP,
            "properties": {"provisioningState": "Succeeded", "privateDnsZoneConfigs": [
                {"name": z.rsplit("/", 1)[-1].replace(".", "-"), "properties": {"privateDnsZoneId": z}}
                for z in zones]}}


def put_zone_group(cloud: Cloud, caller: Principal, p: dict, rid: str, body: dict) -> None:
    pe = _endpoint(cloud, p)
    if pe is None:
        raise ResourceFailure("ParentResourceNotFound", f"Can not perform requested operation on nested resource. "
                              f"Parent resource '{p['names'][0]}' not found.")
    configs = (body.get("properties") or {}).get("privateDnsZoneConfigs") or []
    if not configs:
        raise ResourceFailure("InvalidRequestFormat", "Cannot parse the request: privateDnsZoneConfigs is empty.")
    for c in configs:
        zid = str(((c or {}).get("properties") or {}).get("privateDnsZoneId") or "")
        zone = privatedns.find_zone(cloud, "", zid, missing_ok=True)
        if zone is None:
            raise ResourceFailure("InvalidPrivateDnsZoneIds", f"Private DNS zone '{zid}' does not exist.")
        privatedns.create_zone_group(cloud, caller, pe, p["names"][1], zone, (c or {}).get("name") or "config")


HANDLERS = [
    Handler(ZONE, read_zone, put_zone, None,
            lambda cloud, rg: [z.id for z in privatedns.dns_zones(cloud).values()
                               if z.resource_group.lower() == rg.lower()], delete_zone_links),
    Handler(LINK, read_link, put_link),
    Handler(A, read_a, put_a),
    Handler(ZONE_GROUP, read_zone_group, put_zone_group),
]
DEPLOYABLE = [ZONE, LINK, A, ZONE_GROUP]
