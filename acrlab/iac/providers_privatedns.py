"""Microsoft.Network private DNS zones in a deployment: zones, their virtualNetworkLinks and A record sets, and an
endpoint's privateDnsZoneGroups are all resource-manager types (engine/arm/providers/private_dns_zones.py,
private_dns_records.py, private_dns_zone_groups.py), so a template's body is sent unchanged; this module keeps what
Complete mode needs of a zone: its listing in a group, and its links deleted before the zone."""

from __future__ import annotations

from ..engine import privatedns
from ..engine.arm import send
from ..engine.cloud import Cloud
from ..engine.tenant import Principal
from .provider_base import Handler, arm
from .providers_network import delete_zone_links

ZONE = privatedns.ZONE


def read_zone(cloud: Cloud, p: dict) -> dict | None:
    z = privatedns.find_zone(cloud, p["rg"] or "", p["names"][0], missing_ok=True)
    return arm(privatedns.zone_json(z)) if z else None


def put_zone(cloud: Cloud, caller: Principal, p: dict, rid: str, body: dict) -> None:
    """The template's body is the PUT body (arm/providers/private_dns_zones.py)."""
    send(cloud, caller, "PUT", rid, body)


HANDLERS = [
    Handler(ZONE, read_zone, put_zone, None,
            lambda cloud, rg: [z.id for z in privatedns.dns_zones(cloud).values()
                               if z.resource_group.lower() == rg.lower()], delete_zone_links),
]
DEPLOYABLE = [ZONE]
