"""Microsoft.Security/pricings (Defender plans at subscription scope) as one authorized change every front end
uses (Set-AzSecurityPricing; `az security pricing create` keeps its own legacy path)."""

from __future__ import annotations

from . import defender
from .cloud import Cloud
from .errors import AzureError
from .tenant import Principal


def plan_name(name: str) -> str:
    for plan in defender.PLANS:
        if plan.lower() == name.lower():
            return plan
    raise AzureError(f"Pricing name '{name}' is not valid. Valid values: {', '.join(defender.PLANS)}.",
                     code="InvalidInputJson")


def update_pricing(cloud: Cloud, caller: Principal, name: str, tier: str, subplan: str | None = None) -> dict:
    """PUT /subscriptions/{id}/providers/Microsoft.Security/pricings/{name}: needs pricings/write."""
    plan = plan_name(name)
    if tier.lower() not in ("free", "standard"):
        raise AzureError(f"The pricing tier '{tier}' is not valid. Valid values: Free, Standard.",
                         code="InvalidInputJson")
    cloud.require(caller, "Microsoft.Security/pricings/write", cloud.subscription.id)
    return defender.set_pricing(cloud, plan, "Standard" if tier.lower() == "standard" else "Free", subplan)
