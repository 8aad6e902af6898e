"""POST actions on a registry: listCredentials, regenerateCredential, listUsages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from pydantic import ValidationError

from ...errors import ArmError
from ...sku import SKUS
from ...tokens import TokenPassword
from ..manager import Plan
from . import registry_body as rb

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...registry import Registry


def credentials_json(reg: Registry) -> dict:
    return {"passwords": [{"name": k, "value": v} for k, v in reg.admin_passwords.items()], "username": reg.name}


def list_credentials(cloud: Cloud, reg: Registry, body: dict | None) -> Plan:
    if not reg.admin_user_enabled:
        raise ArmError("AdminUserDisabled", id=reg.id)
    return Plan(resource=reg, body=credentials_json(reg))


def regenerate_credential(cloud: Cloud, reg: Registry, body: dict | None) -> Plan:
    try:
        which = rb.RegeneratePassword.model_validate(body or {}).name
    except ValidationError:
        raise ArmError("InvalidRequestContent", detail="Required property 'name' not found in JSON. Path 'name'") \
            from None
    if not reg.admin_user_enabled:
        raise ArmError("AdminUserDisabled", id=reg.id)
    secret = cloud.ids.secret(52)
    passwords = {**reg.admin_passwords, which: secret}

    def commit() -> None:
        reg.admin_passwords = passwords
    plan = Plan(resource=reg, commit=commit, body=None)
    plan.after.append(lambda: cloud.emit("admin_password_renewed", registry=reg, name=which))
    plan.after.append(lambda: setattr(plan, "body", credentials_json(reg)))
    return plan


def list_usages(cloud: Cloud, reg: Registry, body: dict | None) -> Plan:
    from ...softdelete import soft_deleted_bytes  # soft-deleted artifacts are billed as storage

    lim = SKUS[reg.sku]
    rows = [
        {"currentValue": reg.store.storage_bytes() + soft_deleted_bytes(reg), "limit": lim.included_storage_bytes,
         "name": "Size", "unit": "Bytes"},
        {"currentValue": len(reg.webhooks), "limit": lim.webhooks, "name": "Webhooks", "unit": "Count"},
    ]
    if reg.sku == "Premium":
        nrs = reg.network_rule_set
        rows += [
            {"currentValue": 1 + sum(1 for r in reg.replications.values()
                                     if getattr(r, "location", None) != reg.location),
             "limit": -1, "name": "Geo-replications", "unit": "Count"},
            {"currentValue": len(nrs.ip_rules) if nrs else 0, "limit": lim.ip_rules, "name": "IPRules",
             "unit": "Count"},
            {"currentValue": len(nrs.virtual_network_rules) if nrs else 0, "limit": lim.vnet_rules,
             "name": "VNetRules", "unit": "Count"},
            {"currentValue": len(reg.private_endpoint_connections), "limit": lim.private_endpoints,
             "name": "PrivateEndpointConnections", "unit": "Count"},
        ]
    user_maps = sum(1 for m in reg.scope_maps.values() if getattr(m, "type", "UserDefined") == "UserDefined")
    rows += [
        {"currentValue": user_maps, "limit": lim.scope_maps, "name": "ScopeMaps", "unit": "Count"},
        {"currentValue": len(reg.tokens), "limit": lim.tokens, "name": "Tokens", "unit": "Count"},
    ]
    return Plan(resource=reg, body={"value": rows})


class GenerateCredentials(rb.Body):
    token_id: str
    name: Literal["password1", "password2"] | None = None
    expiry: datetime | None = None


def generate_credentials(cloud: Cloud, reg: Registry, body: dict | None) -> Plan:
    """POST registries/generateCredentials: new password1/password2 (or the one named) for a token."""
    try:
        req = GenerateCredentials.model_validate(body or {})
    except ValidationError:
        raise ArmError("InvalidRequestContent", detail="Required property 'tokenId' not found in JSON.") from None
    name = req.token_id.rstrip("/").rsplit("/", 1)[-1]
    token = reg.tokens.get(name)
    if token is None or not req.token_id.lower().startswith(reg.id.lower() + "/tokens/"):
        raise ArmError("TokenNotFound", token=req.token_id, registry=reg.name)
    now = cloud.clock.now()
    names = [req.name] if req.name else ["password1", "password2"]
    fresh = {n: TokenPassword(name=n, value=cloud.ids.secret(44), created=now, expiry=req.expiry) for n in names}
    plan = Plan(resource=token, body={"passwords": [fresh[n].to_json(True) for n in names], "username": token.name})
    plan.commit = lambda: token.passwords.update(fresh)
    return plan


ACTIONS: dict[str, Callable[[Cloud, Registry, dict | None], Plan]] = {
    "generateCredentials": generate_credentials,
    "listCredentials": list_credentials,
    "regenerateCredential": regenerate_credential,
    "listUsages": list_usages,
}
