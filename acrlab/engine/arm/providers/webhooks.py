"""Microsoft.ContainerRegistry/registries/webhooks: PUT (WebhookCreateParameters), PATCH (WebhookUpdateParameters),
GET, list, DELETE, and the getCallbackConfig / ping / listEvents actions. The one place webhook writes are
checked (name, SKU quota, actions), whichever front end sends them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BeforeValidator, Field

from ...sku import SKUS
from ...webhooks import Webhook, ping
from ..manager import Plan, register
from ..request import ResourceId
from .children import RegistryChild, child_location, swap_in
from .registry_body import Body, PolicyStatus

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...tenant import Principal

from ...errors import ArmError

CR = "Microsoft.ContainerRegistry/registries"
NAME_RE = re.compile(r"^[a-zA-Z0-9]{5,50}$")
WebhookAction = Annotated[Literal["chart_delete", "chart_push", "delete", "push", "quarantine"],
                          BeforeValidator(lambda v: v.lower() if isinstance(v, str) else v)]


class WebhookProperties(Body):
    service_uri: str | None = None
    custom_headers: dict[str, str] | None = None
    actions: list[WebhookAction] | None = None
    status: PolicyStatus | None = None
    scope: str | None = None


class WebhookUpdate(Body):
    tags: dict[str, str] | None = None
    properties: WebhookProperties = Field(default_factory=WebhookProperties)


class WebhookCreate(WebhookUpdate):
    location: str | None = None


class WebhookProvider(RegistryChild):
    type = f"{CR}/webhooks"
    store = "webhooks"
    body_model = WebhookCreate
    patch_model = WebhookUpdate
    enum_names = {"actions": "WebhookAction", "status": "WebhookStatus"}
    actions = {"getCallbackConfig": "webhooks/getCallbackConfig/action", "ping": "webhooks/ping/action",
               "listEvents": "webhooks/listEvents/action"}

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: WebhookCreate,
            existing: Webhook | None) -> Plan:
        reg = self.parent_of(cloud, rid)
        name = rid.name
        props = body.properties
        if not NAME_RE.match(name):
            raise ArmError("WebhookNameInvalid", name=name)
        if not props.actions:
            raise ArmError("InvalidRequestContent", detail="Required property 'actions' not found in JSON.")
        if not props.service_uri:
            raise ArmError("InvalidRequestContent", detail="Required property 'serviceUri' not found in JSON.")
        if existing is None and len(reg.webhooks) >= SKUS[reg.sku].webhooks:
            raise ArmError("WebhookQuotaExceeded", sku=reg.sku)
        location = child_location(body.location, reg, self.type)
        new = Webhook(name=name, registry=reg.name, resource_group=reg.resource_group,
                      subscription_id=reg.subscription_id, location=location if existing is None else existing.location,
                      service_uri=props.service_uri, actions=sorted(set(props.actions)),
                      custom_headers=dict(props.custom_headers or {}), status=props.status or "enabled",
                      scope=props.scope or "", tags=dict(body.tags or {}),
                      events=existing.events if existing is not None else [])
        return self._swap(reg, new, existing)

    def patch(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: WebhookUpdate,
              existing: Webhook) -> Plan:
        reg = self.parent_of(cloud, rid)
        props = body.properties
        changes = {"service_uri": props.service_uri, "custom_headers": props.custom_headers,
                   "actions": sorted(set(props.actions)) if props.actions else None, "status": props.status,
                   "scope": props.scope, "tags": body.tags}
        new = existing.model_copy(update={k: v for k, v in changes.items() if v is not None})
        return self._swap(reg, new, existing)

    def _swap(self, reg, new: Webhook, existing: Webhook | None) -> Plan:
        return Plan(resource=existing or new, commit=lambda: swap_in(reg.webhooks, new, existing) and None,
                    status=200 if existing is not None else 201)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: Webhook) -> Plan:
        reg = self.parent_of(cloud, rid)
        return Plan(resource=existing, commit=lambda: reg.webhooks.pop(existing.name, None) and None)

    def post(self, cloud: Cloud, caller: Principal, rid: ResourceId, action: str, body: dict | None,
             existing: Webhook) -> Plan:
        reg = self.parent_of(cloud, rid)
        if action == "getCallbackConfig":
            return Plan(resource=existing, body=existing.config())
        if action == "listEvents":
            return Plan(resource=existing, body={"value": list(reversed(existing.events))})
        plan = Plan(resource=existing, body={})
        plan.commit = lambda: plan.body.update(ping(cloud, reg, existing))
        return plan

    def to_arm(self, resource: Webhook) -> dict:
        out = super().to_arm(resource)
        out.pop("resourceGroup", None)
        return out


PROVIDER = register(WebhookProvider())
