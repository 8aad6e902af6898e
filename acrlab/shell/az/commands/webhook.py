"""az acr webhook create|list|show|update|delete|get-config|ping|list-events."""

from __future__ import annotations

from ....engine import webhooks
from ....engine.arm import send
from ....engine.errors import UsageError
from ..framework import Arg, command, group
from .account import parse_tags
from .acr import RG_OPT, load_registry, registry_arg
from .task import _dt, _rows, gv

group("acr webhook", "Manage webhooks for Azure Container Registries.")

CR = "Microsoft.ContainerRegistry/registries"
REG = registry_arg(options="--registry -r")
NAME = Arg("webhook_name", "--name -n", "The name of the webhook.", required=True)


def _id(ctx, a) -> str:
    return f"{load_registry(ctx, a).id}/webhooks/{a.webhook_name}"


def _send(ctx, method: str, rid: str, body: dict | None = None, action: str | None = None):
    return send(ctx.cloud, ctx.principal, method, rid, body, action=action)


def _properties(a, uri_key: str = "uri") -> dict:
    props = {"serviceUri": a.get(uri_key), "actions": _actions(a.actions), "customHeaders": _headers(a.headers),
             "status": a.status, "scope": a.scope}
    return {k: v for k, v in props.items() if v is not None}


def _headers(items: list[str] | None) -> dict | None:
    if items is None:
        return None
    if items in ([], ['""'], [""], ["{}"]):
        return {}
    out = {}
    for i in items:
        k, _, v = i.partition("=")
        out[k] = v
    return out


def webhook_table(result):
    """_format.py _webhook_format_group (_get_value: str() of the value, ' ' when empty)."""
    return [{"NAME": gv(r, "name"), "LOCATION": gv(r, "location"), "ACTIONS": gv(r, "actions"),
             "SCOPE": gv(r, "scope"), "STATUS": gv(r, "status")} for r in _rows(result)]


def config_table(result):
    """_format.py _webhook_get_config_format_group: an empty headers dict shows as ' ', not '{}'."""
    return [{"SERVICE URI": gv(r, "serviceUri"), "HEADERS": gv(r, "customHeaders")} for r in _rows(result)]


def events_table(result):
    """_format.py _webhook_list_events_format_group."""
    out = []
    for e in _rows(result):
        repo = gv(e, "eventRequestMessage", "content", "target", "repository").strip()
        tag = gv(e, "eventRequestMessage", "content", "target", "tag").strip()
        status = gv(e, "eventResponseMessage", "statusCode").strip()
        reason = gv(e, "eventResponseMessage", "reasonPhrase").strip()
        out.append({"ID": gv(e, "id"), "ACTION": gv(e, "eventRequestMessage", "content", "action"),
                    "IMAGE": f"{repo}:{tag}" if repo and tag else repo or " ",
                    "HTTP STATUS": f"{status} {reason}" if status and reason else status or reason or " ",
                    "TIMESTAMP": _dt(gv(e, "eventRequestMessage", "content", "timestamp").strip() or None)})
    return out


ACTIONS = Arg("actions", "--actions", "Space-separated list of actions that trigger the webhook to post "
              "notifications.", kind="list", choices=None)


def _actions(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    bad = [v for v in values if v not in webhooks.ACTIONS]
    if bad:
        raise UsageError(f"argument --actions: invalid choice: '{bad[0]}' (choose from "
                       + ", ".join(f"'{x}'" for x in webhooks.ACTIONS) + ")")
    return values


@command("acr webhook create", "Create a webhook for an Azure Container Registry.", [
    NAME, REG, RG_OPT,
    Arg("uri", "--uri", "The service URI for the webhook to post notifications.", required=True),
    Arg("actions", "--actions", "Space-separated list of actions that trigger the webhook to post notifications.",
        required=True, kind="list"),
    Arg("headers", "--headers", "Space-separated custom headers in 'key[=value]' format that will be added to the "
        "webhook notifications. Use \"\" to clear existing headers.", kind="star"),
    Arg("status", "--status", "Indicates whether the webhook is enabled.", choices=["disabled", "enabled"],
        default="enabled"),
    Arg("scope", "--scope", "The scope of repositories where the event can be triggered. For example, 'foo:*' means "
        "events for all tags under repository 'foo'. 'foo:bar' means events for 'foo:bar' only. 'foo' is equivalent "
        "to 'foo:latest'. Empty means events for all repositories."),
    Arg("location", "--location -l", "Location. Values from: `az account list-locations`."),
    Arg("tags", "--tags", "Space-separated tags: key[=value] [key[=value] ...].", kind="star"),
], examples=[("Create a webhook for an Azure Container Registry that will deliver docker push and delete events to "
              "a service URI.", "az acr webhook create -n mywebhook -r myregistry --uri http://myservice.com "
              "--actions push delete"),
             ("Create a webhook for an Azure Container Registry that will deliver docker push events to a service "
              "URI with a basic authentication header.", "az acr webhook create -n mywebhook -r myregistry --uri "
              "http://myservice.com --actions push --headers \"Authorization=Basic 000000\"")], table=webhook_table)
def webhook_create(ctx, a):
    reg = load_registry(ctx, a)
    body = {"location": a.location or reg.location, "properties": _properties(a)}
    if parse_tags(a.tags) is not None:
        body["tags"] = parse_tags(a.tags)
    return _send(ctx, "PUT", f"{reg.id}/webhooks/{a.webhook_name}", body).resource.to_json()


@command("acr webhook list", "List all of the webhooks for an Azure Container Registry.", [REG, RG_OPT],
         examples=[("List webhooks and show the results in a table.", "az acr webhook list -r myregistry -o table")],
         table=webhook_table)
def webhook_list(ctx, a):
    return [h.to_json() for h in _send(ctx, "GET", f"{load_registry(ctx, a).id}/webhooks").resources]


@command("acr webhook show", "Get the details of a webhook.", [NAME, REG, RG_OPT],
         examples=[("Get the details of a webhook.", "az acr webhook show -n mywebhook -r myregistry")],
         table=webhook_table)
def webhook_show(ctx, a):
    return _send(ctx, "GET", _id(ctx, a)).resource.to_json()


@command("acr webhook delete", "Delete a webhook from an Azure Container Registry.", [NAME, REG, RG_OPT],
         examples=[("Delete a webhook from an Azure Container Registry.",
                    "az acr webhook delete -n mywebhook -r myregistry")])
def webhook_delete(ctx, a):
    _send(ctx, "DELETE", _id(ctx, a))
    return None


@command("acr webhook update", "Update a webhook.", [
    NAME, REG, RG_OPT,
    Arg("uri", "--uri", "The service URI for the webhook to post notifications."),
    Arg("actions", "--actions", "Space-separated list of actions that trigger the webhook to post notifications.",
        kind="list"),
    Arg("headers", "--headers", "Space-separated custom headers in 'key[=value]' format. Use \"\" to clear existing "
        "headers.", kind="star"),
    Arg("status", "--status", "Indicates whether the webhook is enabled.", choices=["disabled", "enabled"]),
    Arg("scope", "--scope", "The scope of repositories where the event can be triggered."),
    Arg("tags", "--tags", "Space-separated tags: key[=value] [key[=value] ...].", kind="star"),
], examples=[("Update headers for a webhook.", "az acr webhook update -n mywebhook -r myregistry --headers "
              "\"Authorization=Basic 000000\""),
             ("Disable a webhook.", "az acr webhook update -n mywebhook -r myregistry --status disabled")],
    table=webhook_table)
def webhook_update(ctx, a):
    body: dict = {"properties": _properties(a)}
    if a.tags is not None:
        body["tags"] = parse_tags(a.tags) or {}
    return _send(ctx, "PATCH", _id(ctx, a), body).resource.to_json()


@command("acr webhook get-config", "Get the service URI and custom headers for the webhook.", [NAME, REG, RG_OPT],
         examples=[("Get the configuration information for a webhook.",
                    "az acr webhook get-config -n mywebhook -r myregistry")],
         table=config_table)
def webhook_get_config(ctx, a):
    return _send(ctx, "POST", _id(ctx, a), action="getCallbackConfig").body


@command("acr webhook ping", "Trigger a ping event for a webhook.", [NAME, REG, RG_OPT],
         examples=[("Trigger a ping event for a webhook.", "az acr webhook ping -n mywebhook -r myregistry")],
         table=lambda r: [{"ID": gv(x, "id")} for x in _rows(r)])
def webhook_ping(ctx, a):
    return _send(ctx, "POST", _id(ctx, a), action="ping").body


@command("acr webhook list-events", "List recent events for a webhook.", [NAME, REG, RG_OPT],
         examples=[("List recent events for a webhook.", "az acr webhook list-events -n mywebhook -r myregistry")],
         table=events_table)
def webhook_list_events(ctx, a):
    return _send(ctx, "POST", _id(ctx, a), action="listEvents").body["value"]
