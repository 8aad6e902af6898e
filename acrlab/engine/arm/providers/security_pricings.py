"""Microsoft.Security/pricings: the subscription's Microsoft Defender plans (PUT, GET, list), as
`az security pricing create|show|list`, Set-AzSecurityPricing and templates send them (azure-rest-api-specs
specification/security/resource-manager/Microsoft.Security/stable/2024-01-01/pricings.json). Every plan exists (one
never set is Free), so a PUT only changes a plan; a name that is no plan is the service's InvalidResourceName."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from ... import defender
from ...clock import iso
from ...errors import ArmError
from ...security_pricings import PRICINGS, Pricing, all_pricings, find_pricing, trial_left
from ..manager import Plan, Provider, register
from ..request import ResourceId
from .registry_body import Body, _canonical

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...tenant import Principal


class PricingProps(Body):
    pricing_tier: Annotated[Literal["Free", "Standard"], _canonical("Free", "Standard")]
    sub_plan: str | None = None


class PricingBody(Body):
    properties: PricingProps


def _duration(seconds: int) -> str:
    """An ISO 8601 duration as the service writes freeTrialRemainingTime (`P29DT23H`, `PT0S`)."""
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    clock = "".join(f"{v}{u}" for v, u in ((hours, "H"), (minutes, "M"), (secs, "S")) if v)
    return f"P{f'{days}D' if days else ''}{'T' + clock if clock else ''}" if days or clock else "PT0S"


class PricingProvider(Provider):
    type = PRICINGS
    body_model = PricingBody
    enum_names = {"pricingTier": "PricingTier"}

    def find(self, cloud: Cloud, rid: ResourceId) -> Pricing | None:
        return find_pricing(cloud, rid.name)

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[Pricing]:
        return all_pricings(cloud)

    def not_found(self, rid: ResourceId) -> ArmError:
        return ArmError("PricingNameInvalid", name=rid.name, names=", ".join(defender.PLANS))

    def to_arm(self, resource: Pricing) -> dict:
        return {"id": resource.id, "name": resource.name, "type": PRICINGS, "properties": {
            "pricingTier": resource.tier, "subPlan": resource.sub_plan,
            "freeTrialRemainingTime": _duration(int(resource.trial_left.total_seconds())),
            "enablementTime": iso(resource.since) if resource.tier == "Standard" else None,
            "deprecated": resource.deprecated or None, "replacedBy": ["Containers"] if resource.deprecated else None,
            "extensions": []}}

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: PricingBody,
            existing: Pricing | None) -> Plan:
        if existing is None:
            raise self.not_found(rid)
        tier = body.properties.pricing_tier
        sub_plan = body.properties.sub_plan if tier == "Standard" else None
        now = cloud.clock.now()
        new = Pricing(scope=existing.scope, name=existing.name, tier=tier, since=now, sub_plan=sub_plan,
                      trial_left=trial_left(tier, now, now))

        def commit() -> None:
            defender.set_pricing(cloud, new.name, new.tier, new.sub_plan)
        return Plan(resource=new, commit=commit)


PRICING = register(PricingProvider())
