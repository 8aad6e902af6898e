"""The request-body parameters New- and Update-AzContainerRegistry share beyond the basics: policies (retention,
soft delete, quarantine, trust, export, Entra authentication-as-ARM), identities, customer-managed key
encryption and IP rules, each mapped to the registries API body as the autorest cmdlets send it (the registries
provider checks every rule: Premium-only policies, soft delete with replications, CMK identities...)."""

from __future__ import annotations

import json

from ..values import Hashtable, PSError, to_str
from .base import Param

STATUS = ("enabled", "disabled")
POLICY_PARAMS = [
    Param("RetentionPolicyStatus", "string", "The value that indicates whether the policy is enabled or not.",
          values=STATUS),
    Param("RetentionPolicyDay", "int", "The number of days to retain an untagged manifest after which it gets "
                                       "purged."),
    Param("SoftDeletePolicyStatus", "string", "The value that indicates whether the policy is enabled or not.",
          values=STATUS),
    Param("SoftDeletePolicyRetentionDay", "int", "The number of days after which a soft-deleted item is "
                                                 "permanently deleted."),
    Param("QuarantinePolicyStatus", "string", "The value that indicates whether the policy is enabled or not.",
          values=STATUS),
    Param("TrustPolicyStatus", "string", "The value that indicates whether the policy is enabled or not.",
          values=STATUS),
    Param("TrustPolicyType", "string", "The type of trust policy.", values=("Notary",)),
    Param("AzureAdAuthenticationAsArmPolicyStatus", "string", "The value that indicates whether the policy is "
                                                              "enabled or not.", values=STATUS),
    Param("EnableSystemAssignedIdentity", "switch", "Decides if enable a system assigned identity for the "
                                                    "resource."),
    Param("UserAssignedIdentity", "strings", "The array of user assigned identities associated with the resource."),
    Param("EncryptionStatus", "string", "Indicates whether or not the encryption is enabled for container "
                                        "registry.", values=STATUS),
    Param("KeyVaultPropertyIdentity", "string", "The client id of the identity which will be used to access key "
                                                "vault."),
    Param("KeyVaultPropertyKeyIdentifier", "string", "Key vault uri to access the encryption key."),
]
POLICIES = {"RetentionPolicy": ("retentionPolicy", {"RetentionPolicyStatus": "status", "RetentionPolicyDay": "days"}),
            "SoftDeletePolicy": ("softDeletePolicy", {"SoftDeletePolicyStatus": "status",
                                                      "SoftDeletePolicyRetentionDay": "retentionDays"}),
            "QuarantinePolicy": ("quarantinePolicy", {"QuarantinePolicyStatus": "status"}),
            "TrustPolicy": ("trustPolicy", {"TrustPolicyStatus": "status", "TrustPolicyType": "type"}),
            "AadAsArm": ("azureADAuthenticationAsArmPolicy", {"AzureAdAuthenticationAsArmPolicyStatus": "status"})}


def add_body_parts(a, body: dict) -> dict:
    """Policies, identity and encryption from the parameters the call gave (others stay as they are)."""
    props = body.setdefault("properties", {})
    policies: dict = dict(props.get("policies") or {})
    for key, fields in POLICIES.values():
        given = {field: a.get(param) for param, field in fields.items() if a.has(param)}
        if given:
            policies[key] = {**policies.get(key, {}), **given}
    if policies:
        props["policies"] = policies
    identity = _identity(a)
    if identity is not None:
        body["identity"] = identity
    if a.has("EncryptionStatus") or a.has("KeyVaultPropertyKeyIdentifier"):
        enc: dict = {"status": a.EncryptionStatus or "enabled"}
        if a.KeyVaultPropertyKeyIdentifier or a.KeyVaultPropertyIdentity:
            enc["keyVaultProperties"] = {k: v for k, v in (("keyIdentifier", a.KeyVaultPropertyKeyIdentifier),
                                                           ("identity", a.KeyVaultPropertyIdentity)) if v}
        props["encryption"] = enc
    return body


def _identity(a) -> dict | None:
    system = bool(a.EnableSystemAssignedIdentity)
    users = [to_str(u) for u in (a.UserAssignedIdentity or [])]
    if not system and not users:
        return None
    kind = "SystemAssigned, UserAssigned" if system and users else "SystemAssigned" if system else "UserAssigned"
    out: dict = {"type": kind}
    if users:
        out["userAssignedIdentities"] = {u: {} for u in users}
    return out


def tags(h) -> dict | None:
    return None if h is None else {to_str(k): to_str(v) for k, v in (h.items() if isinstance(h, Hashtable) else h)}


def json_body(ctx, a, verb: str, model: str) -> dict | None:
    """The request body from -JsonString or -JsonFilePath, the parameter sets Az.ContainerRegistry's generated cmdlets
    share (None: neither was given, the expanded parameters build it). `model` names the body's type in errors."""
    if a.JsonString is None and a.JsonFilePath is None:
        return None
    text = a.JsonString if a.JsonString is not None else ctx.sh.read_file(a.JsonFilePath)
    if text is None:
        raise PSError(f"Cannot find path '{ctx.sh.abspath(a.JsonFilePath)}' because it does not exist.")
    try:
        body = json.loads(text)
    except ValueError as e:
        raise PSError(f"Cannot parse the JSON supplied to the {verb} operation: {e}") from None
    if not isinstance(body, dict):
        raise PSError(f"The JSON supplied to the {verb} operation must be an object ({model}).")
    return body
