"""Which subscriptions of the tenant a principal can see: Resource Manager's subscription listing (GET /subscriptions,
what `az login`/`az account list` and Get-AzSubscription read) returns those where the caller holds a role
assignment at the subscription's scope or anywhere inside it, or at the tenant root ('/')."""

from __future__ import annotations

from .cloud import Cloud
from .tenant import DirectoryObject, Subscription


def visible_subscriptions(cloud: Cloud, principal: DirectoryObject) -> list[Subscription]:
    """The tenant's subscriptions the principal (or one of its groups) holds any role in, in the tenant's order."""
    scopes = [a.scope.lower().rstrip("/") + "/" for a in cloud.role_assignments.of_principals(
        cloud.principal_ids(principal))]
    if "/" in scopes:
        return list(cloud.tenant.subscriptions.values())
    return [s for s in cloud.tenant.subscriptions.values()
            if any(scope.startswith(s.id.lower() + "/") for scope in scopes)]


def find_visible(cloud: Cloud, principal: DirectoryObject, ref: str) -> Subscription | None:
    """A subscription the principal can see, by id (any case) or by name."""
    low = ref.strip().lower()
    return next((s for s in visible_subscriptions(cloud, principal)
                 if s.subscription_id.lower() == low or s.name.lower() == low), None)
