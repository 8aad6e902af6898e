"""az eventgrid event-subscription create|show|list|delete for a registry's events (azure-cli eventgrid module:
--source-resource-id names the registry, --endpoint a WebHook). The requests go to the resource manager
(Microsoft.EventGrid/eventSubscriptions, engine/arm/providers/event_subscriptions.py)."""

from __future__ import annotations

from ....engine.arm import send
from ....engine.errors import CliError
from ....engine.eventgrid import SUBSCRIPTIONS
from ..framework import Arg, command, group

group("eventgrid", "Manage Azure Event Grid topics, domains, domain topics, system topics partner topics, event "
      "subscriptions, system topic event subscriptions and partner topic event subscriptions.")
group("eventgrid event-subscription", "Manage event subscriptions.")

SOURCE = Arg("source_resource_id", "--source-resource-id", "Fully qualified identifier of the Azure resource to "
             "which the event subscription needs to be created.")
NAME = Arg("name", "--name -n", "Name of the event subscription.", required=True)


def _source(a) -> str:
    if not a.source_resource_id:
        raise CliError("usage error: --source-resource-id ID")
    return a.source_resource_id.rstrip("/")


@command("eventgrid event-subscription create", "Create a new event subscription.", [
    NAME, SOURCE,
    Arg("endpoint", "--endpoint", "Endpoint where EventGrid should deliver events matching this event "
        "subscription. For webhook endpoint type, this should be the corresponding webhook URL.", required=True),
    Arg("endpoint_type", "--endpoint-type", "The type of the destination endpoint.", choices=["webhook"],
        default="webhook"),
    Arg("included_event_types", "--included-event-types", "A space-separated list of event types (e.g., "
        "Microsoft.Storage.BlobCreated and Microsoft.Storage.BlobDeleted).", kind="list"),
    Arg("subject_begins_with", "--subject-begins-with", "An optional string to filter events for an event "
        "subscription based on a prefix."),
    Arg("subject_ends_with", "--subject-ends-with", "An optional string to filter events for an event "
        "subscription based on a suffix."),
    Arg("subject_case_sensitive", "--subject-case-sensitive", "Specify to indicate whether the subject fields "
        "should be compared in a case sensitive manner.", kind="bool", default=False),
    Arg("labels", "--labels", "A space-separated list of labels to associate with this event subscription.",
        kind="list"),
], examples=[("Subscribe a webhook to a registry's events.",
              "az eventgrid event-subscription create --name event-sub-acr --source-resource-id $ACR_REGISTRY_ID "
              "--endpoint https://contoso.azurewebsites.net/api/updates")])
def subscription_create(ctx, a):
    ctx.require_login()
    body = {"properties": {
        "destination": {"endpointType": "WebHook", "properties": {"endpointUrl": a.endpoint}},
        "filter": {"includedEventTypes": a.included_event_types, "subjectBeginsWith": a.subject_begins_with or "",
                   "subjectEndsWith": a.subject_ends_with or "", "isSubjectCaseSensitive": a.subject_case_sensitive},
        "labels": a.labels, "eventDeliverySchema": "EventGridSchema"}}
    return send(ctx.cloud, ctx.principal, "PUT", f"{_source(a)}/providers/{SUBSCRIPTIONS}/{a.name}", body).body


@command("eventgrid event-subscription show", "Get the details of an event subscription.", [NAME, SOURCE])
def subscription_show(ctx, a):
    ctx.require_login()
    return send(ctx.cloud, ctx.principal, "GET", f"{_source(a)}/providers/{SUBSCRIPTIONS}/{a.name}").body


@command("eventgrid event-subscription list", "List event subscriptions.", [SOURCE])
def subscription_list(ctx, a):
    ctx.require_login()
    found = send(ctx.cloud, ctx.principal, "GET", f"{_source(a)}/providers/{SUBSCRIPTIONS}").body
    return found.get("value", found) if isinstance(found, dict) else found


@command("eventgrid event-subscription delete", "Delete an event subscription.", [NAME, SOURCE])
def subscription_delete(ctx, a):
    ctx.require_login()
    send(ctx.cloud, ctx.principal, "DELETE", f"{_source(a)}/providers/{SUBSCRIPTIONS}/{a.name}")
