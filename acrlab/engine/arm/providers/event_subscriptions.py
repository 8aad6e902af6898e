"""Microsoft.EventGrid/eventSubscriptions on a container registry (an extension resource whose scope is the
registry, the system topic's source): PUT, GET, list, DELETE. Creating one needs the subscription registered for
Microsoft.EventGrid (`az provider register --namespace Microsoft.EventGrid`, as the Event Grid quickstart does
first) and Microsoft.EventGrid/eventSubscriptions/write on the registry; a new webhook subscription starts the
validation handshake (engine/eventgrid.py). Sources: MicrosoftDocs/azure-management-docs articles/container-registry/
container-registry-event-grid-quickstart.md; Event Grid REST API, Event Subscriptions - Create Or Update."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from ...errors import ArmError, ArmResourceNotFound
from ...eventgrid import (
    EVENT_TYPES,
    SUBSCRIPTIONS,
    EventSubscription,
    handshake,
    in_lab,
    subscriptions,
    validate,
)
from ...resource_providers import registrations
from ..manager import Plan, register
from ..request import ResourceId
from .extension import ExtensionProvider
from .registry_body import Body

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...tenant import Principal


class DestinationProps(Body):
    endpoint_url: str | None = Field(default=None, alias="endpointUrl")


class Destination(Body):
    endpoint_type: str = Field(default="WebHook", alias="endpointType")
    properties: DestinationProps = Field(default_factory=DestinationProps)


class Filter(Body):
    included_event_types: list[str] | None = Field(default=None, alias="includedEventTypes")
    subject_begins_with: str | None = Field(default=None, alias="subjectBeginsWith")
    subject_ends_with: str | None = Field(default=None, alias="subjectEndsWith")
    is_subject_case_sensitive: bool | None = Field(default=None, alias="isSubjectCaseSensitive")


class SubscriptionProps(Body):
    destination: Destination | None = None
    filter: Filter = Field(default_factory=Filter)
    labels: list[str] | None = None


class SubscriptionBody(Body):
    properties: SubscriptionProps = Field(default_factory=SubscriptionProps)


class EventSubscriptionProvider(ExtensionProvider):
    type = SUBSCRIPTIONS
    body_model = SubscriptionBody

    def store(self, cloud: Cloud) -> dict:
        return subscriptions(cloud)

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: SubscriptionBody,
            existing: EventSubscription | None) -> Plan:
        if registrations(cloud).get("Microsoft.EventGrid") != "Registered":
            raise ArmError("MissingSubscriptionRegistration", namespace="Microsoft.EventGrid")
        registry = next((r for r in cloud.registries.values() if r.id.lower() == rid.scope.lower().rstrip("/")),
                        None)
        if registry is None:
            parts = rid.scope.rstrip("/").split("/")
            raise ArmResourceNotFound("/".join(parts[-2:]), parts[4] if len(parts) > 4 else "")
        props = body.properties
        url = (props.destination.properties.endpoint_url if props.destination else None) or ""
        if not url.lower().startswith("https://") or len(url) <= len("https://"):
            raise ArmError("InvalidEventSubscriptionDestination", url=url or "(none)")
        types = props.filter.included_event_types
        if types == ["All"]:
            types = None
        for t in types or []:
            if t not in EVENT_TYPES:
                raise ArmError("InvalidEventType", event_type=t, supported=", ".join(EVENT_TYPES))
        new = EventSubscription(name=rid.name, scope=registry.id, endpoint_url=url, included_event_types=types,
                                subject_begins_with=props.filter.subject_begins_with or "",
                                subject_ends_with=props.filter.subject_ends_with or "",
                                case_sensitive=bool(props.filter.is_subject_case_sensitive), labels=props.labels,
                                created=existing.created if existing else cloud.clock.now())
        moved = existing is None or existing.endpoint_url != new.endpoint_url
        if moved and in_lab(url):  # Event Grid validates an endpoint it can reach before it creates anything
            handshake(cloud, new)

        def commit() -> None:
            subscriptions(cloud)[new.id.lower()] = new
            if moved and not in_lab(url):
                validate(cloud, new)
        return Plan(resource=new, commit=commit, status=200 if existing else 201)


register(EventSubscriptionProvider())
