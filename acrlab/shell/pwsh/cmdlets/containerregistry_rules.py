"""Az.ContainerRegistry in-session objects for network rules: New-AzContainerRegistryNetworkRule (IP or virtual
network rule) and Set-AzContainerRegistryNetworkRuleSet (a rule set for Update-AzContainerRegistry
-NetworkRuleSet), plus Get-AzContainerRegistryWebhookCallbackConfig. Source: Azure/azure-powershell
src/ContainerRegistry/ContainerRegistry/help/{New-AzContainerRegistryNetworkRule,
Set-AzContainerRegistryNetworkRuleSet,Get-AzContainerRegistryWebhookCallbackConfig}.md."""

from __future__ import annotations

from ....engine.arm import send
from .. import views
from ..values import PSError, PSObject, to_str
from .base import Param, cmdlet
from .containerregistry import MOD, PROFILE, SUB, T, engine_call
from .containerregistry_events import _webhook_id, ip_rules_from

M = "Microsoft.Azure.Commands.ContainerRegistry.Models"
views.register(f"{M}.PSNetworkRuleSet", "list", "DefaultAction", "VirtualNetworkRules", "IpRules")
views.register(f"{T}.CallbackConfig", "table", "ServiceUri", ("CustomHeader", "CustomHeaders"))


@cmdlet("New-AzContainerRegistryNetworkRule", [
    Param("Action", "string", "The action of network rule."),
    Param("VirtualNetworkRule", "switch", "Indicate to create VirtualNetworkRule.", sets=("ByVirtualNetworkRule",),
          mandatory=True),
    Param("VirtualNetworkResourceId", "string", "Resource ID of a subnet.", sets=("ByVirtualNetworkRule",),
          mandatory=True),
    Param("IPRule", "switch", "Indicate to create IPRule.", sets=("ByIPRule",), mandatory=True),
    Param("IPAddressOrRange", "string", "Specifies the IP or IP range in CIDR format. Only IPV4 address is allowed.",
          sets=("ByIPRule",), mandatory=True), PROFILE,
], "Create a network rule.", module=MOD, sets=["ByVirtualNetworkRule", "ByIPRule"],
    default_set="ByVirtualNetworkRule", outputs=f"{M}.IPSNetworkRule",
    examples=[("Create a virtual network rule", "$rule = New-AzContainerRegistryNetworkRule -VirtualNetworkRule "
                                                "-VirtualNetworkResourceId $vnet.Subnets[0].Id")])
def new_network_rule(ctx, a, items):
    if a.set_name == "ByIPRule":
        ip_rules_from([a.IPAddressOrRange])
        return PSObject(f"{M}.PSIPRule", {"Action": a.Action or "Allow", "IPAddressOrRange": a.IPAddressOrRange})
    return PSObject(f"{M}.PSVirtualNetworkRule", {"Action": a.Action or "Allow",
                                                  "VirtualNetworkResourceId": a.VirtualNetworkResourceId})


@cmdlet("Set-AzContainerRegistryNetworkRuleSet", [
    Param("DefaultAction", "string", "Default action, could be 'Allow' or 'Deny'", values=("Allow", "Deny"),
          mandatory=("AddAddNetworkRuleWithoutInputObject",)),
    Param("NetworkRule", "objects", "List of Network rules"),
    Param("InputObject", "object", "Input PSNetworkRuleSet", sets=("AddNetworkRuleWithInputObject",),
          mandatory=True), PROFILE,
], "Create or update a network rule set. Rule set can only be applied to \"Premium\" registry.", module=MOD,
    sets=["AddAddNetworkRuleWithoutInputObject", "AddNetworkRuleWithInputObject"],
    default_set="AddAddNetworkRuleWithoutInputObject", outputs=f"{M}.PSNetworkRuleSet",
    examples=[("Create a new network rule set", '$set = Set-AzContainerRegistryNetworkRuleSet -DefaultAction "Allow" '
                                                '-NetworkRule $rule')])
def set_rule_set(ctx, a, items):
    base = a.InputObject if isinstance(a.InputObject, PSObject) else None
    vnet = list(base.get("VirtualNetworkRules") or []) if base else []
    ips = list(base.get("IpRules") or []) if base else []
    for r in a.NetworkRule or []:
        if not isinstance(r, PSObject) or r.type_name not in (f"{M}.PSIPRule", f"{M}.PSVirtualNetworkRule"):
            raise PSError("Cannot bind parameter 'NetworkRule'. Use New-AzContainerRegistryNetworkRule to create "
                          "the rules.")
        (ips if r.type_name.endswith("PSIPRule") else vnet).append(r)
    return PSObject(f"{M}.PSNetworkRuleSet", {
        "DefaultAction": a.DefaultAction or (base.get("DefaultAction") if base else "Allow"),
        "VirtualNetworkRules": vnet, "IpRules": ips})


def rule_set_body(rule_set) -> dict:
    """A PSNetworkRuleSet as the registries API's networkRuleSet."""
    if not isinstance(rule_set, PSObject) or not rule_set.has("DefaultAction"):
        raise PSError("Cannot bind parameter 'NetworkRuleSet'. Use Set-AzContainerRegistryNetworkRuleSet to create "
                      "it.")
    return {"defaultAction": to_str(rule_set.get("DefaultAction")),
            "ipRules": [{"action": to_str(r.get("Action") or "Allow"), "value": to_str(r.get("IPAddressOrRange"))}
                        for r in rule_set.get("IpRules") or []],
            "virtualNetworkRules": [{"action": to_str(r.get("Action") or "Allow"),
                                     "id": to_str(r.get("VirtualNetworkResourceId"))}
                                    for r in rule_set.get("VirtualNetworkRules") or []]}


@cmdlet("Get-AzContainerRegistryWebhookCallbackConfig", [
    Param("RegistryName", "string", "The name of the container registry.", mandatory=True),
    Param("ResourceGroupName", "string", "The name of the resource group.", mandatory=True),
    Param("WebhookName", "string", "The name of the webhook.", mandatory=True), SUB, PROFILE,
], "Gets the configuration of service URI and custom headers for the webhook.", module=MOD, should_process=True,
    outputs=f"{T}.ICallbackConfig",
    examples=[("Get the callback configuration of a webhook", "Get-AzContainerRegistryWebhookCallbackConfig "
                                                              "-ResourceGroupName rg -RegistryName reg -WebhookName "
                                                              "webhook001")])
def get_callback_config(ctx, a, items):
    rid = _webhook_id(ctx, a, "WebhookName")
    config = engine_call(send, ctx.cloud, ctx.principal, "POST", rid, action="getCallbackConfig").body
    return PSObject(f"{T}.CallbackConfig", {"ServiceUri": config["serviceUri"],
                                            "CustomHeaders": dict(config["customHeaders"] or {})})
