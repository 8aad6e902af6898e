"""Microsoft.Resources/resourceGroups (subscription scope) and Microsoft.Resources/deployments (read only: a
nested deployment's GET body, so reference() sees its outputs; deployments are run by deploy.run, not PUT here)."""

from __future__ import annotations

from ..engine import groups
from ..engine.cloud import Cloud
from ..engine.tenant import Principal
from .provider_base import Handler

RG = "Microsoft.Resources/resourceGroups"
DEPLOYMENTS = "Microsoft.Resources/deployments"


def read_group(cloud: Cloud, p: dict) -> dict | None:
    rg = cloud.subscription.find_group(p["names"][0])
    if rg is None:
        return None
    return {"id": rg.id, "name": rg.name, "type": RG, "location": rg.location, "managedBy": rg.managed_by,
            "tags": dict(rg.tags) or None, "properties": {"provisioningState": "Succeeded"}}


def put_group(cloud: Cloud, caller: Principal, p: dict, rid: str, body: dict) -> None:
    groups.create_group(cloud, caller, p["names"][0], str(body.get("location") or ""), body.get("tags"))


def read_deployment(cloud: Cloud, p: dict) -> dict | None:
    from .deploy import store
    dep = store(cloud).get((p["rg"] or "").lower(), {}).get(p["names"][-1].lower())
    return dep.to_json() if dep is not None else None


def _no_put(cloud: Cloud, caller: Principal, p: dict, rid: str, body: dict) -> None:
    from .provider_base import ResourceFailure
    raise ResourceFailure("InvalidTemplate", "Nested deployments are run by the deployment engine.")


HANDLERS = [Handler(RG, read_group, put_group), Handler(DEPLOYMENTS, read_deployment, _no_put)]
