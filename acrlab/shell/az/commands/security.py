"""az security pricing create|show|list: Microsoft Defender plans at subscription level."""

from __future__ import annotations

from ....engine import defender
from ....engine.clock import iso
from ....engine.errors import AzureError
from ..framework import Arg, command, group

group("security", "Manage your security posture with Microsoft Defender for Cloud.")
group("security pricing", "Enables managing the Azure Defender plan for the subscription.")


def _pricing_json(ctx, name: str) -> dict:
    p = defender.pricing(ctx.cloud).get(name)
    tier = p["tier"] if p else "Free"
    since = p["since"] if p else None
    deprecated = name == "ContainerRegistry"
    return {
        "deprecated": deprecated or None, "enablementTime": iso(since) if tier == "Standard" else None,
        "extensions": [], "freeTrialRemainingTime": "P30D" if tier == "Free" else "PT0S",
        "id": f"{ctx.cloud.subscription.id}/providers/Microsoft.Security/pricings/{name}", "name": name,
        "pricingTier": tier, "replacedBy": ["Containers"] if deprecated else None, "resourceGroup": None,
        "subPlan": None, "type": "Microsoft.Security/pricings",
    }


def _check_name(name: str) -> str:
    for plan in defender.PLANS:
        if plan.lower() == name.lower():
            return plan
    raise AzureError(f"Pricing name '{name}' is not valid. Valid values: {', '.join(defender.PLANS)}.",
                     code="InvalidInputJson")


@command("security pricing create", "Updates the Azure defender plan for the subscription.", [
    Arg("name", "--name -n", "Name of the pricing.", required=True),
    Arg("tier", "--tier", "Pricing tier type.", required=True, choices=["Free", "Standard"]),
], examples=[("Enable Defender for Containers (the current plan; ContainerRegistry is its deprecated predecessor)",
              "az security pricing create -n Containers --tier Standard")])
def pricing_create(ctx, a):
    name = _check_name(a.name)
    ctx.cloud.require(ctx.principal, "Microsoft.Security/pricings/write", ctx.cloud.subscription.id)
    if name == "ContainerRegistry":
        ctx.warn("The 'ContainerRegistry' plan (Defender for container registries) is deprecated and replaced by "
                 "'Containers' (Defender for Containers); image scanning applies either way in the lab.")
    defender.set_pricing(ctx.cloud, name, a.tier)
    return _pricing_json(ctx, name)


@command("security pricing show", "Shows the Azure Defender pricing tier for the subscription.", [
    Arg("name", "--name -n", "Name of the pricing.", required=True),
])
def pricing_show(ctx, a):
    ctx.principal
    return _pricing_json(ctx, _check_name(a.name))


@command("security pricing list", "Shows the Azure Defender pricing tiers for the subscription.", [])
def pricing_list(ctx, a):
    ctx.principal
    return {"value": [_pricing_json(ctx, n) for n in defender.PLANS]}
