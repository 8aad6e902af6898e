"""ACR Tasks agent pools (Microsoft.ContainerRegistry/registries/agentPools): dedicated VM pools a registry's runs
may use instead of the shared compute (`--agent-pool` on az acr build|run|task create|update|run).

Rules, each with its source:
- Premium registries only (docs tasks-agent-pools.md: "This feature is available in the **Premium** container
  registry service tier"); the provider answers SkuNotSupported as for the other Premium-only children.
- Tiers S1 (2 vCPU, 3 GB), S2 (4, 8), S3 (8, 16) standard; I6 (64, 216) isolated (docs "Pool tiers"; azure-cli
  acr/_params.py `--tier` help). Default tier S1, count 1, os Linux (azure-cli acr/agentpool.py DEFAULT_*).
- Linux nodes only; per-registry vCPU quota 16 for all standard pools and 0 for isolated pools (docs "Preview
  limitations").
- Regions: the docs' list (revision d923d58, 2026-08-20), with the canary region azure-cli's recordings use
  (eastus2euap); the refusal text is
  the service's LocationNotAvailableForResourceType quoted in Azure/AKS-Construction issue 193.
- Names: 3-20 characters, letters, digits and hyphens (REST API AgentPools path parameter, api-version
  2025-03-01-preview).
- A run scheduled on a pool with 0 instances waits `Queued` (docs: "ensure that the pool contains at least 1
  instance"); listQueueStatus counts those runs; scaling the pool up starts them in queue order.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from pydantic import BaseModel

from .clock import iso
from .errors import ArmError

if TYPE_CHECKING:
    from .cloud import Cloud
    from .dataplane import Origin
    from .registry import Registry
    from .tasks_runs import Run, RunSpec

CR = "Microsoft.ContainerRegistry/registries"
TYPE = f"{CR}/agentPools"


class Tier(NamedTuple):
    cpu: int
    memory_gb: int
    isolated: bool


TIERS = {"S1": Tier(2, 3, False), "S2": Tier(4, 8, False), "S3": Tier(8, 16, False), "I6": Tier(64, 216, True)}
QUOTA = {False: 16, True: 0}
"""Default vCPU quota per registry: standard pools together, isolated pools together."""
REGIONS = ("westus2", "westus3", "southcentralus", "eastus2", "eastus", "centralus", "westeurope", "northeurope",
           "canadacentral", "eastasia", "germanywestcentral", "switzerlandnorth", "swedencentral", "jioindiawest",
           "jioindiacentral", "usgovarizona", "usgovtexas", "usgovvirginia", "eastus2euap")
NAME = re.compile(r"[A-Za-z0-9-]{3,20}")
DEFAULT_TIER, DEFAULT_COUNT, DEFAULT_OS = "S1", 1, "Linux"


class AgentPool(BaseModel):
    name: str
    registry_id: str
    location: str
    count: int
    tier: str
    os: str = DEFAULT_OS
    subnet_id: str | None = None
    tags: dict[str, str] | None = None
    created: datetime
    created_by: str
    created_by_type: str
    modified: datetime

    @property
    def id(self) -> str:
        return f"{self.registry_id}/agentPools/{self.name}"

    @property
    def vcpus(self) -> int:
        return self.count * TIERS[self.tier].cpu

    def system_data(self) -> dict:
        return {"createdBy": self.created_by, "createdByType": self.created_by_type, "createdAt": iso(self.created),
                "lastModifiedBy": self.created_by, "lastModifiedByType": self.created_by_type,
                "lastModifiedAt": iso(self.modified)}

    def to_arm(self) -> dict:
        """The service's GET body (azure-cli recordings/test_acr_agentpool.yaml): no subnet key when there is none,
        no tags key when there are none."""
        props: dict = {"count": self.count, "tier": self.tier, "os": self.os}
        if self.subnet_id:
            props["virtualNetworkSubnetResourceId"] = self.subnet_id
        props["provisioningState"] = "Succeeded"
        body = {"type": TYPE, "properties": props, "id": self.id, "name": self.name, "location": self.location}
        if self.tags is not None:
            body["tags"] = dict(self.tags)
        return {**body, "systemData": self.system_data()}

    def to_json(self) -> dict:
        """az's view: the SDK model with its properties flattened, plus resourceGroup."""
        return {"count": self.count, "id": self.id, "location": self.location, "name": self.name, "os": self.os,
                "provisioningState": "Succeeded", "resourceGroup": self.registry_id.split("/")[4],
                "systemData": self.system_data(), "tags": self.tags, "tier": self.tier, "type": TYPE,
                "virtualNetworkSubnetResourceId": self.subnet_id}


def pools(reg: Registry) -> dict[str, AgentPool]:
    """The registry's agent pools by lower-case name (ARM names are case-insensitive); reading changes nothing."""
    return reg.extra.get("agent_pools", {})


def store(reg: Registry, pool: AgentPool) -> None:
    reg.extra.setdefault("agent_pools", {})[pool.name.lower()] = pool


def remove(reg: Registry, name: str) -> None:
    reg.extra.get("agent_pools", {}).pop(name.lower(), None)
    abandon(reg, name)


def find(reg: Registry, name: str) -> AgentPool | None:
    return pools(reg).get(name.lower())


def tier_of(value: str) -> str:
    tier = value.upper()
    if tier not in TIERS:
        raise ArmError("AgentPoolTierInvalid", tier=value)
    return tier


def check_quota(reg: Registry, new: AgentPool) -> None:
    """The registry's pools of the new pool's kind, with the new pool in place of its old self, fit the quota."""
    isolated = TIERS[new.tier].isolated
    used = sum(p.vcpus for p in pools(reg).values()
               if p.name.lower() != new.name.lower() and TIERS[p.tier].isolated == isolated)
    if used + new.vcpus > QUOTA[isolated]:
        raise ArmError("AgentPoolQuotaExceeded", kind="isolated" if isolated else "standard", quota=QUOTA[isolated],
                       used=used, needed=new.vcpus)


# -- runs on a pool ---------------------------------------------------------------------------------
def _queue(reg: Registry) -> dict[str, list[tuple[str, RunSpec]]]:
    return reg.extra.setdefault("agent_pool_queue", {})


def require(reg: Registry, name: str) -> AgentPool:
    """The pool a run is scheduled on; an unknown pool is refused before the run is queued."""
    pool = find(reg, name)
    if pool is None:
        raise ArmError("ResourceNotFound", resource=f"{CR}/{reg.name}/agentPools/{name}",
                       resource_group=reg.resource_group)
    return pool


SHARED_AGENT_IP = "192.0.2.200"
"""Where runs on the shared (multitenant) compute come from: an address outside any learner's network rules."""


def origin(reg: Registry, pool_name: str | None) -> Origin:
    """Where a run's registry requests come from: the shared compute, or its agent pool's subnet (whose virtual
    network rules and private endpoints then apply, docs tasks-agent-pools.md "Virtual network support")."""
    from .dataplane import Origin
    pool = find(reg, pool_name) if pool_name else None
    if pool is not None and pool.subnet_id:
        return Origin(kind="task", ip="", subnet_id=pool.subnet_id)
    return Origin(kind="task", ip=SHARED_AGENT_IP)


def hold(reg: Registry, run: Run, spec: RunSpec) -> bool:
    """Keep the run Queued when its pool has no instance (it starts when the pool is scaled up)."""
    pool = require(reg, spec.agent_pool or "")
    if pool.count > 0:
        return False
    run.status, run.start_time = "Queued", None
    _queue(reg).setdefault(pool.name.lower(), []).append((run.run_id, spec))
    return True


def queued(reg: Registry, name: str) -> int:
    """listQueueStatus: how many runs wait for an instance of the pool."""
    return len(reg.extra.get("agent_pool_queue", {}).get(name.lower(), []))


def release(cloud: Cloud, reg: Registry, name: str) -> list[Run]:
    """The pool has instances again: its queued runs start, oldest first."""
    from .tasks_runs import resume

    waiting = reg.extra.get("agent_pool_queue", {}).pop(name.lower(), [])
    return [resume(cloud, reg, reg.runs[run_id], spec) for run_id, spec in waiting if run_id in reg.runs]


def abandon(reg: Registry, name: str) -> None:
    """The pool is deleted: runs still waiting for it can never start."""
    for run_id, _ in reg.extra.get("agent_pool_queue", {}).pop(name.lower(), []):
        run = reg.runs.get(run_id)
        if run is not None and run.status == "Queued":
            run.status = "Canceled"
