"""Geo-replication (Premium): replicas, the home replica, nearest-replica routing and egress accounting.

Routing: the global endpoint sends a client to the replica nearest to the client's region (great-circle distance
between region coordinates) among replicas with `regionEndpointEnabled`; the home replica if none is enabled.
Client regions: a VM or AKS cluster is in its own location; the learner's workstation is in
`cloud.state['workstation_location']`, default `brazilsouth` (the seed's region).
Egress: every pull is recorded per registry with the serving replica, the client's region and its class:
`same-region` (free), `inter-region` (Azure data transfer between regions) or `internet` (to a client outside
Azure). The lab counts the whole image (manifest + layers) per pull; clients' layer caches are not modelled.
"""

from __future__ import annotations

import math
from datetime import datetime

from pydantic import BaseModel, Field

from .clock import iso
from .cloud import Cloud
from .dataplane import Origin
from .locations import LOCATIONS
from .registry import Registry

CR = "Microsoft.ContainerRegistry/registries"
DEFAULT_WORKSTATION_LOCATION = "brazilsouth"


class Replication(BaseModel):
    name: str
    location: str
    registry_id: str
    region_endpoint_enabled: bool = True
    zone_redundancy: str = "Disabled"
    tags: dict[str, str] = Field(default_factory=dict)
    created: datetime
    home: bool = False

    @property
    def id(self) -> str:
        return f"{self.registry_id}/replications/{self.name}"

    def to_json(self) -> dict:
        return {
            "id": self.id, "location": self.location, "name": self.name, "provisioningState": "Succeeded",
            "regionEndpointEnabled": self.region_endpoint_enabled, "resourceGroup": self.registry_id.split("/")[4],
            "status": {"displayStatus": "Ready", "message": "The replication is ready.", "timestamp": iso(self.created)},
            "systemData": None, "tags": dict(self.tags), "type": f"{CR}/replications",
            "zoneRedundancy": self.zone_redundancy,
        }


class EgressRecord(BaseModel):
    time: datetime
    repository: str
    digest: str
    bytes: int
    served_from: str
    client_region: str
    client: str
    category: str


def ensure_home(cloud: Cloud, reg: Registry) -> None:
    if reg.sku == "Premium" and not any(getattr(r, "home", False) for r in reg.replications.values()):
        reg.replications[reg.location] = Replication(name=reg.location, location=reg.location, registry_id=reg.id,
                                                     created=reg.created, home=True,
                                                     zone_redundancy=reg.zone_redundancy)
    if reg.sku != "Premium":
        for name in [n for n, r in reg.replications.items() if getattr(r, "home", False)]:
            del reg.replications[name]


# -- routing and egress -----------------------------------------------------------------------------------

def distance_km(a: str, b: str) -> float:
    la1, lo1 = (math.radians(float(x)) for x in LOCATIONS[a][2:4])
    la2, lo2 = (math.radians(float(x)) for x in LOCATIONS[b][2:4])
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def origin_location(cloud: Cloud, origin: Origin) -> str:
    rid = (origin.resource_id or "").lower()
    for kind in ("vms", "aks"):
        for key, res in cloud.resources.get(kind, {}).items():
            if key.lower() == rid:
                return res.location
    return cloud.state.get("workstation_location", DEFAULT_WORKSTATION_LOCATION)


def serving_region(cloud: Cloud, reg: Registry, client_region: str) -> str:
    candidates = [r.location for r in reg.replications.values() if getattr(r, "region_endpoint_enabled", True)]
    if not candidates:
        return reg.location
    if client_region not in LOCATIONS:
        return reg.location if reg.location in candidates else candidates[0]
    return min(candidates, key=lambda loc: (distance_km(client_region, loc) if loc in LOCATIONS else 1e9, loc))


def egress_log(reg: Registry) -> list[EgressRecord]:
    return reg.extra.setdefault("egress", [])


def _on_pull(cloud: Cloud, registry: Registry, repository: str, manifest, cred=None, origin: Origin | None = None,
             **_) -> None:
    origin = origin or Origin()
    client = origin_location(cloud, origin)
    served = serving_region(cloud, registry, client)
    if origin.kind == "internet":
        category = "internet"
    else:
        category = "same-region" if served == client else "inter-region"
    egress_log(registry).append(EgressRecord(
        time=cloud.clock.now(), repository=repository, digest=manifest.digest,
        bytes=manifest.manifest_size + manifest.content.size, served_from=served, client_region=client,
        client=origin.resource_id.rsplit("/", 1)[-1] if origin.resource_id else f"workstation ({origin.ip})",
        category=category))


def egress_summary(reg: Registry) -> dict[str, int]:
    out = {"same-region": 0, "inter-region": 0, "internet": 0}
    for rec in egress_log(reg):
        out[rec.category] = out.get(rec.category, 0) + rec.bytes
    return out


def _on_registry(cloud: Cloud, registry: Registry, **_) -> None:
    ensure_home(cloud, registry)


def install(cloud: Cloud) -> None:
    cloud.on("pull", _on_pull)
    cloud.on("registry_created", _on_registry)
    cloud.on("registry_updated", _on_registry)
