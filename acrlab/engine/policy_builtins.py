"""Azure Policy built-in definitions for Azure Container Registry (audit/deny family), as data: id, display name,
version, mode, the effect parameter and the policy rule, transcribed from Azure/azure-policy
built-in-policies/policyDefinitions/Container Registry/ (ACR_NetworkRulesExist_AuditDeny.json,
ACR_CMKEncryptionEnabled_Audit.json, ACR_AdminAccountDisabled_AuditDeny.json, ACR_AnonymousPullDisabled_AuditDeny.json,
ACR_PublicNetworkAccess_AuditDeny.json). The descriptions (prose) are not carried."""

from __future__ import annotations

REGISTRY = "Microsoft.ContainerRegistry/registries"


def _is_registry() -> dict:
    return {"field": "type", "equals": REGISTRY}


def _effect(allowed: tuple[str, ...] = ("Audit", "Deny", "Disabled")) -> dict:
    return {"effect": {"type": "String", "defaultValue": "Audit", "allowedValues": list(allowed),
                       "metadata": {"displayName": "Effect",
                                    "description": "Enable or disable the execution of the policy"}}}


def _field(alias: str) -> str:
    return f"{REGISTRY}/{alias}"


BUILTINS: list[dict] = [
    {"name": "d0793b48-0edc-4296-a390-4c75d1bdfd71", "version": "2.0.0",
     "displayName": "Container registries should not allow unrestricted network access",
     "rule": {"allOf": [_is_registry(), {"allOf": [
         {"anyof": [{"field": _field("networkRuleSet.defaultAction"), "exists": "false"},
                    {"field": _field("networkRuleSet.defaultAction"), "equals": "Allow"}]},
         {"anyof": [{"field": _field("publicNetworkAccess"), "exists": "false"},
                    {"field": _field("publicNetworkAccess"), "equals": "Enabled"}]}]}]}},
    {"name": "5b9159ae-1701-4a6f-9a7a-aa9c8ddd0580", "version": "1.1.2",
     "displayName": "Container registries should be encrypted with a customer-managed key",
     "rule": {"allOf": [_is_registry(), {"field": _field("encryption.status"), "notEquals": "enabled"}]}},
    {"name": "dc921057-6b28-4fbe-9b83-f7bec05db6c2", "version": "1.0.1",
     "displayName": "Container registries should have local admin account disabled.",
     "rule": {"allOf": [_is_registry(), {"field": _field("adminUserEnabled"), "equals": True}]}},
    {"name": "9f2dea28-e834-476c-99c5-3507b4728395", "version": "1.0.0",
     "displayName": "Container registries should have anonymous authentication disabled.",
     "rule": {"allOf": [_is_registry(), {"field": _field("anonymousPullEnabled"), "equals": True}]}},
    {"name": "0fdf0491-d080-4575-b627-ad0e843cba0f", "version": "1.0.0",
     "displayName": "Public network access should be disabled for Container registries",
     "rule": {"allOf": [_is_registry(), {"field": _field("publicNetworkAccess"), "notEquals": "Disabled"}]}},
]


def definition_json(d: dict) -> dict:
    """A built-in definition as ARM returns it (GET /providers/Microsoft.Authorization/policyDefinitions/{name})."""
    return {"description": None, "displayName": d["displayName"],
            "id": f"/providers/Microsoft.Authorization/policyDefinitions/{d['name']}",
            "metadata": {"category": "Container Registry", "version": d["version"]}, "mode": "Indexed",
            "name": d["name"], "parameters": _effect(),
            "policyRule": {"if": d["rule"], "then": {"effect": "[parameters('effect')]"}},
            "policyType": "BuiltIn", "systemData": None, "type": "Microsoft.Authorization/policyDefinitions",
            "version": d["version"]}
