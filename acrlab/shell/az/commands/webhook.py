"""az acr webhook create|list|show|update|delete|get-config|ping|list-events."""

from __future__ import annotations

from ....engine import webhooks
from ....engine.errors import ArmResourceNotFound, UsageError
from ..framework import Arg, command, group
from .account import parse_tags
from .acr import RG_OPT, load_registry, registry_arg
from .task import _dt, _rows, gv

group("acr webhook", "Manage webhooks for Azure Container Registries.")

CR = "Microsoft.ContainerRegistry/registries"
REG = registry_arg(options="--registry -r")
NAME = Arg("webhook_name", "--name -n", "The name of the webhook.", required=True)


def _reg(ctx, a, action: str):
    reg = load_registry(ctx, a)
    ctx.cloud.require(ctx.principal, f"{CR}/webhooks/{action}", reg.id)
    return reg


def _hook(reg, name: str) -> webhooks.Webhook:
    h = reg.webhooks.get(name)
    if not isinstance(h, webhooks.Webhook):
        raise ArmResourceNotFound(f"{CR}/{reg.name}/webhooks/{name}", reg.resource_group)
    return h


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
    reg = _reg(ctx, a, "write")
    hook = webhooks.create(ctx.cloud, reg, a.webhook_name, a.uri, _actions(a.actions), _headers(a.headers), a.status,
                           a.scope, a.location, parse_tags(a.tags))
    return hook.to_json()


@command("acr webhook list", "List all of the webhooks for an Azure Container Registry.", [REG, RG_OPT],
         examples=[("List webhooks and show the results in a table.", "az acr webhook list -r myregistry -o table")],
         table=webhook_table)
def webhook_list(ctx, a):
    reg = _reg(ctx, a, "read")
    return [h.to_json() for h in sorted(reg.webhooks.values(), key=lambda h: h.name)
            if isinstance(h, webhooks.Webhook)]


@command("acr webhook show", "Get the details of a webhook.", [NAME, REG, RG_OPT],
         examples=[("Get the details of a webhook.", "az acr webhook show -n mywebhook -r myregistry")],
         table=webhook_table)
def webhook_show(ctx, a):
    return _hook(_reg(ctx, a, "read"), a.webhook_name).to_json()


@command("acr webhook delete", "Delete a webhook from an Azure Container Registry.", [NAME, REG, RG_OPT],
         examples=[("Delete a webhook from an Azure Container Registry.",
                    "az acr webhook delete -n mywebhook -r myregistry")])
def webhook_delete(ctx, a):
    reg = _reg(ctx, a, "delete")
    reg.webhooks.pop(a.webhook_name, None)
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
    reg = _reg(ctx, a, "write")
    hook = _hook(reg, a.webhook_name)
    if a.uri is not None:
        hook.service_uri = a.uri
    if a.actions is not None:
        hook.actions = sorted(set(_actions(a.actions)))
    if a.headers is not None:
        hook.custom_headers = _headers(a.headers)
    if a.status is not None:
        hook.status = a.status
    if a.scope is not None:
        hook.scope = a.scope
    if a.tags is not None:
        hook.tags = parse_tags(a.tags) or {}
    return hook.to_json()


@command("acr webhook get-config", "Get the service URI and custom headers for the webhook.", [NAME, REG, RG_OPT],
         examples=[("Get the configuration information for a webhook.",
                    "az acr webhook get-config -n mywebhook -r myregistry")],
         table=config_table)
def webhook_get_config(ctx, a):
    reg = _reg(ctx, a, "getCallbackConfig/action")
    return _hook(reg, a.webhook_name).config()


@command("acr webhook ping", "Trigger a ping event for a webhook.", [NAME, REG, RG_OPT],
         examples=[("Trigger a ping event for a webhook.", "az acr webhook ping -n mywebhook -r myregistry")],
         table=lambda r: [{"ID": gv(x, "id")} for x in _rows(r)])
def webhook_ping(ctx, a):
    reg = _reg(ctx, a, "ping/action")
    return webhooks.ping(ctx.cloud, reg, _hook(reg, a.webhook_name))


@command("acr webhook list-events", "List recent events for a webhook.", [NAME, REG, RG_OPT],
         examples=[("List recent events for a webhook.", "az acr webhook list-events -n mywebhook -r myregistry")],
         table=events_table)
def webhook_list_events(ctx, a):
    reg = _reg(ctx, a, "listEvents/action")
    return list(reversed(_hook(reg, a.webhook_name).events))
