"""Event Grid system events of container registries: event subscriptions on a registry (the topic) deliver
`Microsoft.ContainerRegistry.ImagePushed` and `ImageDeleted` events, in the Event Grid schema, to a webhook.

The subscriptions are resource-manager requests (arm/providers/event_subscriptions.py). When a subscription is
created Event Grid first sends the endpoint a `Microsoft.EventGrid.SubscriptionValidationEvent`. An endpoint on an
App Service web app (`https://<app>.azurewebsites.net/...`) is in the lab: the handshake and every delivery are HTTP
POSTs through the lab's web (engine/web_sites.py: the Event Grid Viewer sample answers them), and a handshake that
fails (no such app, an app that does not echo the validation code) fails the subscription's creation. Any other
endpoint is outside the lab and completes the handshake (as the Event Grid Viewer sample does), so the lab records
what each such URL received, in order (`received`); `lab endpoint URL` shows either (`endpoint_events`). Sources: MicrosoftDocs/azure-docs
articles/event-grid/event-schema-container-registry.md (event types and fields; the data object is ACR's webhook
payload, engine/webhooks.py), articles/event-grid/webhook-event-delivery.md (the validation event) and
MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-event-grid-quickstart.md."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .app_service import HOST_SUFFIX, site_by_host
from .clock import iso, iso_z
from .errors import ArmError
from .record import Record
from .webhooks import _content as event_data

if TYPE_CHECKING:
    from .cloud import Cloud
    from .registry import Registry

SUBSCRIPTIONS = "Microsoft.EventGrid/eventSubscriptions"
PUSHED = "Microsoft.ContainerRegistry.ImagePushed"
DELETED = "Microsoft.ContainerRegistry.ImageDeleted"
EVENT_TYPES = (PUSHED, DELETED, "Microsoft.ContainerRegistry.ChartPushed", "Microsoft.ContainerRegistry.ChartDeleted")


class EventSubscription(Record):
    name: str
    scope: str
    """The topic: the registry's id."""
    endpoint_url: str
    included_event_types: list[str] | None = None
    subject_begins_with: str = ""
    subject_ends_with: str = ""
    case_sensitive: bool = False
    labels: list[str] | None = None
    created: Any = None

    @property
    def id(self) -> str:
        return f"{self.scope.rstrip('/')}/providers/{SUBSCRIPTIONS}/{self.name}"

    def to_json(self) -> dict:
        """As az eventgrid event-subscription create|show prints it (container-registry-event-grid-quickstart.md)."""
        parts = self.scope.split("/")
        topic = "/".join(parts[:5] + [p.lower() for p in parts[5:]])
        base, _, query = self.endpoint_url.partition("?")
        return {"deadLetterDestination": None, "deadLetterWithResourceIdentity": None,
                "deliveryWithResourceIdentity": None,
                "destination": {"azureActiveDirectoryApplicationIdOrUri": None, "azureActiveDirectoryTenantId": None,
                                "deliveryAttributeMappings": None, "endpointBaseUrl": base, "endpointType": "WebHook",
                                "endpointUrl": None, "maxEventsPerBatch": 1, "minimumTlsVersionAllowed": None,
                                "preferredBatchSizeInKilobytes": 64},
                "eventDeliverySchema": "EventGridSchema", "expirationTimeUtc": None,
                "filter": {"advancedFilters": None, "enableAdvancedFilteringOnArrays": None,
                           "includedEventTypes": self.included_event_types or ["All"],
                           "isSubjectCaseSensitive": self.case_sensitive,
                           "subjectBeginsWith": self.subject_begins_with, "subjectEndsWith": self.subject_ends_with},
                "id": self.id, "labels": self.labels, "name": self.name, "provisioningState": "Succeeded",
                "resourceGroup": parts[4] if len(parts) > 4 else None,
                "retryPolicy": {"eventTimeToLiveInMinutes": 1440, "maxDeliveryAttempts": 30}, "systemData": None,
                "topic": topic, "type": SUBSCRIPTIONS}

    def wants(self, event_type: str, subject: str) -> bool:
        if self.included_event_types and event_type not in self.included_event_types:
            return False
        norm = (lambda s: s) if self.case_sensitive else str.lower
        return norm(subject).startswith(norm(self.subject_begins_with)) and \
            norm(subject).endswith(norm(self.subject_ends_with))


def subscriptions(cloud: Cloud) -> dict[str, EventSubscription]:
    return cloud.state.setdefault("eventgrid_subscriptions", {})


def received(cloud: Cloud, url: str) -> list[dict]:
    """The events an endpoint URL received, oldest first (what the Event Grid Viewer page lists)."""
    return cloud.state.setdefault("eventgrid_endpoints", {}).setdefault(url, [])


def in_lab(url: str) -> bool:
    """An endpoint the lab's web serves (an App Service web app), reached over HTTP."""
    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return False
    return host.endswith(HOST_SUFFIX)


def endpoint_events(cloud: Cloud, url: str) -> list[dict]:
    """What an endpoint received, oldest first: a lab web app's own record, else what the lab kept for the URL."""
    if in_lab(url):
        site = site_by_host(cloud, urlsplit(url.strip()).hostname or "")
        return list(site.events or []) if site is not None and site.app else []
    return list(cloud.state.get("eventgrid_endpoints", {}).get(url, []))


def _validation_event(cloud: Cloud, sub: EventSubscription) -> dict:
    return {"id": cloud.ids.guid(), "topic": sub.scope, "subject": "", "eventType":
            "Microsoft.EventGrid.SubscriptionValidationEvent", "eventTime": iso(cloud.clock.now()),
            "metadataVersion": "1", "dataVersion": "2", "data": {"validationCode": cloud.ids.guid(),
                                                                 "validationUrl": None}}


def _post(cloud: Cloud, url: str, kind: str, payload: Any):
    """One POST of Event Grid to an endpoint on the lab's web: the response, or None when no server answered."""
    from . import web
    try:
        return web.request(cloud, "POST", url, {"aeg-event-type": kind, "Content-Type": "application/json"},
                           json.dumps(payload).encode())
    except web.WebError:
        return None


def handshake(cloud: Cloud, sub: EventSubscription) -> None:
    """The synchronous validation handshake with an endpoint on the lab's web, before the subscription is created:
    the endpoint must answer 200 with the validation code as `validationResponse`, else ArmError (Url validation)."""
    event = _validation_event(cloud, sub)
    response = _post(cloud, sub.endpoint_url, "SubscriptionValidation", [event])
    answer = None
    if response is not None and response.status == 200:
        try:
            answer = (response.json() or {}).get("validationResponse")
        except (ValueError, AttributeError):
            answer = None
    if answer != event["data"]["validationCode"]:
        raise ArmError("EndpointValidationFailed", url=sub.endpoint_url,
                       status=response.status if response is not None else "Unknown")


def validate(cloud: Cloud, sub: EventSubscription) -> None:
    """The validation handshake with an endpoint outside the lab, which completes it (recorded for the URL)."""
    received(cloud, sub.endpoint_url).append(_validation_event(cloud, sub))


def _publish(cloud: Cloud, reg: Registry, event_type: str, subject: str, data: dict) -> None:
    for sub in list(subscriptions(cloud).values()):
        if sub.scope.lower() != reg.id.lower() or not sub.wants(event_type, subject):
            continue
        event = {"id": cloud.ids.guid(), "topic": reg.id, "subject": subject, "eventType": event_type,
                 "eventTime": iso_z(cloud.clock.now()), "data": data, "dataVersion": "1.0", "metadataVersion": "1"}
        if in_lab(sub.endpoint_url):  # one event per request (maxEventsPerBatch 1); a failed delivery is dropped
            _post(cloud, sub.endpoint_url, "Notification", [event])
        else:
            received(cloud, sub.endpoint_url).append(event)


def _on_push(cloud: Cloud, registry: Registry, repository: str, tag, manifest, **_) -> None:
    if not subscriptions(cloud):
        return
    size = manifest.manifest_size
    target = {"digest": manifest.digest, "length": size, "mediaType": manifest.content.media_type,
              "repository": repository, "size": size, **({"tag": tag} if tag else {})}
    data = event_data(cloud, registry, "push", target, "PUT", cloud.clock.now())
    _publish(cloud, registry, PUSHED, f"{repository}:{tag}" if tag else f"{repository}@{manifest.digest}", data)


def _on_delete(cloud: Cloud, registry: Registry, repository: str, manifest, tags=(), **_) -> None:
    if not subscriptions(cloud):
        return
    target = {"digest": manifest.digest, "mediaType": manifest.content.media_type, "repository": repository}
    data = event_data(cloud, registry, "delete", target, "DELETE", cloud.clock.now())
    _publish(cloud, registry, DELETED, repository, data)


def _on_delete_repository(cloud: Cloud, registry: Registry, repository: str, removed=None, **_) -> None:
    for m in (removed.manifests.values() if removed is not None else []):
        _on_delete(cloud, registry, repository, m)


def _on_registry_deleted(cloud: Cloud, registry: Registry, **_) -> None:
    """An extension resource goes with its resource: the registry's event subscriptions are deleted."""
    for key, sub in list(subscriptions(cloud).items()):
        if sub.scope.lower() == registry.id.lower():
            del subscriptions(cloud)[key]


def install(cloud: Cloud) -> None:
    cloud.on("registry_deleted", _on_registry_deleted)
    cloud.on("push", _on_push)
    cloud.on("delete", _on_delete)
    cloud.on("delete_repository", _on_delete_repository)
