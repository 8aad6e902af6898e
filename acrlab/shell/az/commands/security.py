"""az security pricing create|show|list: Microsoft Defender plans at subscription level."""

from __future__ import annotations

from datetime import timedelta

from ....engine import defender, security_pricings
from ....engine.clock import iso
from ..framework import Arg, command, group

TRIAL = timedelta(days=30)

group("security", "Manage your security posture with Microsoft Defender for Cloud.")
group("security pricing", "Enables managing the Azure Defender plan for the subscription")  # security/_help.py


def _pricing_json(ctx, name: str) -> dict:
    p = defender.pricing(ctx.cloud).get(name)
    tier = p["tier"] if p else "Free"
    since = p["since"] if p else None
    deprecated = name == "ContainerRegistry"
    # az prints the SDK's timedelta with str(): "30 days, 0:00:00", "24 days, 6:52:00", "0:00:00"
    trial = TRIAL if tier == "Free" or since is None else max(TRIAL - (ctx.cloud.clock.now() - since), timedelta(0))
    return {
        "deprecated": deprecated or None, "enablementTime": iso(since) if tier == "Standard" else None,
        "extensions": [], "freeTrialRemainingTime": str(trial - timedelta(microseconds=trial.microseconds)),
        "id": f"{ctx.cloud.subscription.id}/providers/Microsoft.Security/pricings/{name}", "name": name,
        "pricingTier": tier, "replacedBy": ["Containers"] if deprecated else None,
        "subPlan": p.get("subPlan") if p and tier == "Standard" else None, "type": "Microsoft.Security/pricings",
    }


def _check_name(name: str) -> str:
    return security_pricings.plan_name(name)


@command("security pricing create", "Updates the Azure defender plan for the subscription.", [
    Arg("name", "--name -n", "Name of the pricing.", required=True),
    Arg("tier", "--tier", "Pricing tier type.", required=True, choices=["Free", "Standard"]),
    Arg("subplan", "--subplan", "The sub-plan selected for a Standard pricing configuration, when more than one "
        "sub-plan is available."),
], examples=[("Updates the Azure defender plan for the subscription.",
              "az security pricing create -n VirtualMachines --tier 'standard'"),
             ("Enable Defender for Containers (ContainerRegistry is its deprecated predecessor).",
              "az security pricing create -n Containers --tier Standard")])
def pricing_create(ctx, a):
    name = _check_name(a.name)
    ctx.cloud.require(ctx.principal, "Microsoft.Security/pricings/write", ctx.cloud.subscription.id)
    # no client-side warning for the deprecated ContainerRegistry plan: the service says so in deprecated/replacedBy
    defender.set_pricing(ctx.cloud, name, "Standard" if a.tier.lower() == "standard" else "Free", a.subplan)
    return _pricing_json(ctx, name)


@command("security pricing show", "Shows the Azure Defender plan for the subscription", [
    Arg("name", "--name -n", "Name of the pricing.", required=True),
])
def pricing_show(ctx, a):
    ctx.require_login()
    return _pricing_json(ctx, _check_name(a.name))


@command("security pricing list", "Shows the Azure Defender plans for the subscription.", [])
def pricing_list(ctx, a):
    ctx.require_login()
    return {"value": [_pricing_json(ctx, n) for n in defender.PLANS]}
