"""az security pricing create|show|list: Microsoft Defender plans at subscription level."""

from __future__ import annotations

from ....engine.arm import send
from ....engine.clock import iso
from ....engine.security_pricings import PRICINGS
from ..framework import Arg, command, group

group("security", "Manage your security posture with Microsoft Defender for Cloud.")
group("security pricing", "Enables managing the Azure Defender plan for the subscription")  # security/_help.py


def _pricing_json(p) -> dict:
    """The SDK's Pricing as az prints it: flattened, freeTrialRemainingTime through str(timedelta) ("30 days,
    0:00:00", "24 days, 6:52:00", "0:00:00")."""
    return {
        "deprecated": p.deprecated or None, "enablementTime": iso(p.since) if p.tier == "Standard" else None,
        "extensions": [], "freeTrialRemainingTime": str(p.trial_left), "id": p.id, "name": p.name,
        "pricingTier": p.tier, "replacedBy": ["Containers"] if p.deprecated else None,
        "subPlan": p.sub_plan, "type": PRICINGS,
    }


def _rid(ctx, name: str = "") -> str:
    return f"{ctx.subscription.id}/providers/{PRICINGS}" + (f"/{name}" if name else "")


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
    # no client-side warning for the deprecated ContainerRegistry plan: the service says so in deprecated/replacedBy
    body = {"properties": {"pricingTier": a.tier, **({"subPlan": a.subplan} if a.subplan else {})}}
    return _pricing_json(send(ctx.cloud, ctx.principal, "PUT", _rid(ctx, a.name), body).resource)


@command("security pricing show", "Shows the Azure Defender plan for the subscription", [
    Arg("name", "--name -n", "Name of the pricing.", required=True),
])
def pricing_show(ctx, a):
    return _pricing_json(send(ctx.cloud, ctx.principal, "GET", _rid(ctx, a.name)).resource)


@command("security pricing list", "Shows the Azure Defender plans for the subscription.", [])
def pricing_list(ctx, a):
    return {"value": [_pricing_json(p) for p in send(ctx.cloud, ctx.principal, "GET", _rid(ctx)).resources]}
