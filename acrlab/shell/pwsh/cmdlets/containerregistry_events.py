"""Az.ContainerRegistry: Test-AzContainerRegistryWebhook (ping), Get-AzContainerRegistryWebhookEvent, and
New-AzContainerRegistryIPRuleObject (the in-memory IP rule for Update-AzContainerRegistry -NetworkRuleSetIPRule)."""

from __future__ import annotations

import ipaddress

from ....engine.arm import send
from ..values import PSError, PSObject, to_str
from .base import Param, cmdlet
from .containerregistry import MOD, PROFILE, SUB, T, engine_call, load

CR = "Microsoft.ContainerRegistry/registries"


def _webhook_id(ctx, a, name_param: str = "Name") -> str:
    obj = a.get("Webhook")
    if isinstance(obj, PSObject) and obj.has("Id"):
        parts = to_str(obj.get("Id")).split("/")
        if len(parts) < 11:
            raise PSError("Webhook has null value for Webhook.Id")
        reg = load(ctx, parts[8], parts[4])
        name = parts[10]
    elif a.has("Webhook"):
        raise PSError("Cannot bind parameter 'Webhook'. Cannot convert the value to type \"IWebhook\".")
    else:
        reg = load(ctx, a.RegistryName, a.ResourceGroupName)
        name = a.get(name_param)
    return f"{reg.id}/webhooks/{name}"


def event_obj(e: dict) -> PSObject:
    req, resp = e["eventRequestMessage"], e["eventResponseMessage"]
    c = req["content"]
    t = c.get("target") or {}
    return PSObject(f"{T}.Event", {
        "Id": e["id"], "ContentAction": c.get("action"), "ContentTimestamp": c.get("timestamp"),
        "TargetRepository": t.get("repository"), "TargetTag": t.get("tag"), "TargetDigest": t.get("digest"),
        "RequestHost": (c.get("request") or {}).get("host"), "EventRequestMessageMethod": req["method"],
        "EventRequestMessageRequestUri": req["requestUri"], "EventRequestMessageHeader": dict(req["headers"]),
        "EventResponseMessageStatusCode": resp["statusCode"], "EventResponseMessageReasonPhrase":
            resp["reasonPhrase"]}, view="table",
        columns=["Id", "ContentAction", "TargetRepository", "TargetTag", "EventResponseMessageStatusCode"])


@cmdlet("Test-AzContainerRegistryWebhook", [
    Param("Name", "string", "The name of the webhook.", aliases=("WebhookName", "ResourceName"), sets=("Ping",),
          mandatory=True),
    Param("RegistryName", "string", "The name of the container registry.", sets=("Ping",), mandatory=True),
    Param("ResourceGroupName", "string", "The name of the resource group.", sets=("Ping",), mandatory=True),
    Param("Webhook", "object", "The Webhook Object.", sets=("PingByWebhook",), mandatory=True, pipeline=True),
    SUB, PROFILE,
], "Triggers a ping event to be sent to the webhook.", module=MOD, should_process=True,
    sets=["Ping", "PingByWebhook"], default_set="Ping", outputs=f"{T}.IEventInfo",
    examples=[("Triggers a webhook ping event.", 'Test-AzContainerRegistryWebhook -ResourceGroupName '
                                                 '"MyResourceGroup" -RegistryName "RegistryExample" -Name "webhook001"')])
def test_webhook(ctx, a, items):
    rid = _webhook_id(ctx, a)
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Ping" on target "{rid.rsplit("/", 1)[-1]}".')
        return None
    info = engine_call(send, ctx.cloud, ctx.principal, "POST", rid, action="ping").body
    return PSObject(f"{T}.EventInfo", {"Id": info["id"]}, view="table", columns=["Id"])


@cmdlet("Get-AzContainerRegistryWebhookEvent", [
    Param("WebhookName", "string", "The name of the webhook.", sets=("List",), mandatory=True),
    Param("RegistryName", "string", "The name of the container registry.", sets=("List",), mandatory=True),
    Param("ResourceGroupName", "string", "The name of the resource group.", sets=("List",), mandatory=True),
    Param("Webhook", "object", "The Webhook Object.", sets=("ListByWebhook",), mandatory=True, pipeline=True),
    SUB, PROFILE,
], "Lists recent events for the specified webhook.", module=MOD, sets=["List", "ListByWebhook"],
    default_set="List", outputs=f"{T}.IEvent",
    examples=[("List the events of a webhook", "Get-AzContainerRegistryWebhookEvent -ResourceGroupName lnxtest "
                                               "-RegistryName lnxcr -WebhookName webhook001")])
def get_webhook_events(ctx, a, items):
    rid = _webhook_id(ctx, a, "WebhookName")
    return [event_obj(e) for e in engine_call(send, ctx.cloud, ctx.principal, "POST", rid, action="listEvents")
            .body["value"]]


@cmdlet("New-AzContainerRegistryIPRuleObject", [
    Param("IPAddressOrRange", "string", "Specifies the IP or IP range in CIDR format. Only IPV4 address is allowed.",
          mandatory=True),
    Param("Action", "string", "The action of IP ACL rule.", values=("Allow",)),
], "Create an in-memory object for IPRule.", module=MOD, outputs=f"{T}.IPRule",
    examples=[("Create a IP network rule.", "New-AzContainerRegistryIPRuleObject -IPAddressOrRange 0.0.0.0 -Action "
                                            "'Allow'")])
def new_ip_rule(ctx, a, items):
    return ip_rule_obj(a.IPAddressOrRange, a.Action)


def ip_rule_obj(value: str, action: str | None = "Allow") -> PSObject:
    return PSObject(f"{T}.IPRule", {"Action": action, "IPAddressOrRange": value}, view="table",
                    columns=["Action", "IPAddressOrRange"])


def ip_rules_from(objs) -> list[str]:
    """The values of IPRule objects (or hashtables) for -NetworkRuleSetIPRule, validated as the service does."""
    out = []
    for o in objs:
        v = to_str(o.get("IPAddressOrRange") if isinstance(o, PSObject) else o.get_ci("IPAddressOrRange")
                   if hasattr(o, "get_ci") else o)
        try:
            net = ipaddress.ip_network(v, strict=False)
        except ValueError:
            raise PSError(f"The IP address or range '{v}' is invalid.") from None
        if net.version != 4:
            raise PSError(f"The IP address or range '{v}' is invalid. Only IPv4 addresses are allowed.")
        out.append(v)
    return out
