"""Microsoft.Security/pricings: the Microsoft Defender plans of the subscription (every plan exists; one never set is
Free). The request provider is engine/arm/providers/security_pricings.py; the state stays in `defender.pricing`,
which the scans read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from . import defender

if TYPE_CHECKING:
    from .cloud import Cloud

PRICINGS = "Microsoft.Security/pricings"
TRIAL = timedelta(days=30)
"""A plan's free trial (pricings.json: freeTrialRemainingTime)."""


@dataclass(frozen=True)
class Pricing:
    """One plan as GET answers it: `since` is when it last became Standard (enablementTime)."""

    scope: str
    """The subscription's id (`/subscriptions/...`)."""
    name: str
    tier: str = "Free"
    since: datetime | None = None
    sub_plan: str | None = None
    trial_left: timedelta = TRIAL
    """freeTrialRemainingTime when read (whole seconds): 30 days while Free, counting down once Standard."""

    @property
    def id(self) -> str:
        return f"{self.scope}/providers/{PRICINGS}/{self.name}"

    @property
    def deprecated(self) -> bool:
        """ContainerRegistry was replaced by Containers: the service says so in deprecated/replacedBy."""
        return self.name == "ContainerRegistry"


def plan_name(name: str) -> str | None:
    """The plan's canonical name (the service matches it case-insensitively), None for no such plan."""
    return next((plan for plan in defender.PLANS if plan.lower() == name.lower()), None)


def find_pricing(cloud: Cloud, name: str) -> Pricing | None:
    plan = plan_name(name)
    if plan is None:
        return None
    p = defender.pricing(cloud).get(plan)
    sub = cloud.subscription.id
    if not p:
        return Pricing(scope=sub, name=plan)
    return Pricing(scope=sub, name=plan, tier=p["tier"], since=p["since"], sub_plan=p.get("subPlan"),
                   trial_left=trial_left(p["tier"], p["since"], cloud.clock.now()))


def trial_left(tier: str, since: datetime | None, now: datetime) -> timedelta:
    if tier == "Free" or since is None:
        return TRIAL
    left = max(TRIAL - (now - since), timedelta(0))
    return left - timedelta(microseconds=left.microseconds)


def all_pricings(cloud: Cloud) -> list[Pricing]:
    return [p for plan in defender.PLANS if (p := find_pricing(cloud, plan)) is not None]
