"""Microsoft.Resources/deployments (read only: a nested deployment's GET body, so reference() sees its outputs;
deployments are run by deploy.run, not PUT here). Resource groups (RG, deployable at subscription scope) are the
resource manager's (engine/arm/providers/resource_groups.py): a template's group body is sent as their PUT."""

from __future__ import annotations

from ..engine.cloud import Cloud
from ..engine.tenant import Principal
from .provider_base import Handler

RG = "Microsoft.Resources/resourceGroups"
DEPLOYMENTS = "Microsoft.Resources/deployments"


def read_deployment(cloud: Cloud, p: dict) -> dict | None:
    from .deploy import store
    dep = store(cloud).get((p["rg"] or "").lower(), {}).get(p["names"][-1].lower())
    return dep.to_json() if dep is not None else None


def _no_put(cloud: Cloud, caller: Principal, p: dict, rid: str, body: dict) -> None:
    from .provider_base import ResourceFailure
    raise ResourceFailure("InvalidTemplate", "Nested deployments are run by the deployment engine.")


HANDLERS = [Handler(DEPLOYMENTS, read_deployment, _no_put)]
