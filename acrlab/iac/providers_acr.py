"""Microsoft.ContainerRegistry: registries and their children (replications, webhooks, scopeMaps, tokens, tasks),
applied through the engine's own functions so the caller's RBAC and the service's rules hold as for the CLI."""

from __future__ import annotations

from ..engine import registries, replication, retention, tokens, webhooks
from ..engine.cloud import Cloud
from ..engine.tenant import Principal
from .provider_base import Handler, ResourceFailure, arm, registry_in
from .providers_tasks import put_task

CR = "Microsoft.ContainerRegistry/registries"
CHILD_STORES = {"replications": "replications", "webhooks": "webhooks", "scopemaps": "scope_maps",
                "tokens": "tokens", "tasks": "tasks"}


def read_registry(cloud: Cloud, p: dict) -> dict | None:
    reg = registry_in(cloud, p["rg"], p["names"][0])
    return arm(reg.to_json()) if reg else None


def read_child(cloud: Cloud, p: dict) -> dict | None:
    reg = registry_in(cloud, p["rg"], p["names"][0])
    store = CHILD_STORES.get(p["type"].split("/")[-1].lower())
    item = getattr(reg, store).get(p["names"][1]) if reg and store and len(p["names"]) > 1 else None
    if item is None:
        return None
    return arm(item.to_json() if hasattr(item, "to_json") else dict(item))


def parent_registry(cloud: Cloud, p: dict):
    reg = registry_in(cloud, p["rg"], p["names"][0])
    if reg is None:
        raise ResourceFailure("ParentResourceNotFound",
                              f"Can not perform requested operation on nested resource. Parent resource "
                              f"'{p['names'][0]}' not found.")
    return reg


def put_registry(cloud: Cloud, caller: Principal, p: dict, rid: str, body: dict) -> None:
    rg, name = p["rg"], p["names"][0]
    props = body.get("properties") or {}
    sku = (body.get("sku") or {}).get("name")
    if not sku:
        raise ResourceFailure("InvalidRequestContent", "The request content was invalid and could not be "
                              "deserialized: 'Required property 'sku' not found in JSON.'.")
    sku = registries.normalize_sku(sku)
    policies = props.get("policies") or {}
    retention_policy = policies.get("retentionPolicy") or {}
    if sku != "Premium":
        # Premium-only policies are refused by the service, as for quarantine (SkuNotSupported).
        premium_asked = [k for k in ("retentionPolicy", "trustPolicy", "quarantinePolicy")
                         if str((policies.get(k) or {}).get("status", "disabled")).lower() == "enabled"]
        if premium_asked:
            raise ResourceFailure("SkuNotSupported", f"The SKU {sku} is not supported.")
        if str(props.get("publicNetworkAccess", "Enabled")).lower() == "disabled":
            raise ResourceFailure("DisablingPublicNetworkAccessNotSupported",
                                  f"Disabling public network access is not supported for the SKU {sku}. For more "
                                  "information, please visit https://aka.ms/acr/private-link.")
    rule_set = props.get("networkRuleSet") or {}
    public = props.get("publicNetworkAccess")
    admin = bool(props.get("adminUserEnabled", False))
    anonymous = bool(props.get("anonymousPullEnabled", False))
    mode = props.get("roleAssignmentMode")
    reg = registry_in(cloud, rg, name)
    if reg is None:
        reg = registries.create_registry(
            cloud, caller, name, rg, sku, body.get("location"), admin, body.get("tags"),
            None if public is None else str(public).lower() == "enabled", rule_set.get("defaultAction"),
            mode, props.get("zoneRedundancy"), None, None, anonymous, client_checks=False)
    else:
        if body.get("location") and "".join(body["location"].split()).lower() != reg.location:
            raise ResourceFailure("InvalidResourceLocation",
                                  f"The resource '{name}' already exists in location '{reg.location}' in resource "
                                  f"group '{rg}'. A resource with the same name cannot be created in location "
                                  f"'{body['location']}'. Please select a new resource name.")
        changes = {"sku": sku if sku != reg.sku else None,
                   "admin_enabled": admin if admin != reg.admin_user_enabled else None,
                   "tags": body.get("tags") if body.get("tags") is not None and body["tags"] != reg.tags else None,
                   "anonymous_pull_enabled": anonymous if anonymous != reg.anonymous_pull_enabled else None}
        if public is not None and str(public) != reg.public_network_access:
            changes["public_network_enabled"] = str(public).lower() == "enabled"
        if rule_set.get("defaultAction") and reg.network_rule_set is not None and \
                rule_set["defaultAction"] != reg.network_rule_set.default_action:
            changes["default_action"] = rule_set["defaultAction"]
        if mode and mode != reg.role_assignment_mode:
            changes["role_assignment_mode"] = mode
        if any(v is not None for v in changes.values()):
            registries.update_registry(cloud, caller, reg, **changes)
    if retention_policy and sku == "Premium":
        status = str(retention_policy.get("status", reg.policies.retention_status)).lower()
        days = retention_policy.get("days", reg.policies.retention_days)
        if status != reg.policies.retention_status or days != reg.policies.retention_days:
            retention.update_policy(cloud, reg, status, days)


def delete_registry(cloud: Cloud, caller: Principal, p: dict) -> None:
    reg = registry_in(cloud, p["rg"], p["names"][0])
    if reg is not None:
        registries.delete_registry(cloud, caller, reg)


def list_registries(cloud: Cloud, rg: str) -> list[str]:
    return [r.id for r in cloud.registries.values() if r.resource_group.lower() == rg.lower()]


def put_replication(cloud: Cloud, caller: Principal, p: dict, rid: str, body: dict) -> None:
    reg = parent_registry(cloud, p)
    props = body.get("properties") or {}
    name = p["names"][1]
    existing = reg.replications.get(name)
    if existing is None:
        replication.create_replication(cloud, caller, reg, body.get("location") or "", name,
                                       props.get("regionEndpointEnabled"), props.get("zoneRedundancy"),
                                       body.get("tags"))
        return
    if body.get("location") and "".join(body["location"].split()).lower() != existing.location:
        raise ResourceFailure("InvalidResourceLocation",
                              f"The resource '{reg.name}/{name}' already exists in location '{existing.location}' in "
                              f"resource group '{reg.resource_group}'. A resource with the same name cannot be "
                              f"created in location '{body['location']}'. Please select a new resource name.")
    endpoint = props.get("regionEndpointEnabled")
    tags = body.get("tags")
    if (endpoint is not None and endpoint != existing.region_endpoint_enabled) or \
            (tags is not None and tags != existing.tags):
        replication.update_replication(cloud, caller, reg, name, endpoint, tags)


def put_webhook(cloud: Cloud, caller: Principal, p: dict, rid: str, body: dict) -> None:
    reg = parent_registry(cloud, p)
    name = p["names"][1]
    cloud.require(caller, f"{CR}/webhooks/write", rid)
    props = body.get("properties") or {}
    actions = props.get("actions")
    if not isinstance(actions, list) or not actions:
        raise ResourceFailure("InvalidRequestContent", "The request content was invalid and could not be "
                              "deserialized: 'Required property 'actions' not found in JSON.'.")
    bad = [a for a in actions if a not in webhooks.ACTIONS]
    if bad:
        raise ResourceFailure("InvalidRequestContent", f"The request content was invalid and could not be "
                              f"deserialized: 'Error converting value \"{bad[0]}\" to type 'WebhookAction'.'.")
    status = str(props.get("status", "enabled")).lower()
    headers = props.get("customHeaders")
    hook = reg.webhooks.get(name)
    if hook is None:
        if not props.get("serviceUri"):
            raise ResourceFailure("InvalidRequestContent", "The request content was invalid and could not be "
                                  "deserialized: 'Required property 'serviceUri' not found in JSON.'.")
        webhooks.create(cloud, reg, name, props["serviceUri"], list(actions), headers, status, props.get("scope"),
                        "".join(str(body.get("location") or reg.location).split()).lower(), body.get("tags"))
        return
    # PUT of an existing webhook: update in place (its delivery history stays), as `az acr webhook update` does.
    hook.actions = sorted(set(actions))
    hook.status = status
    if props.get("serviceUri"):
        hook.service_uri = props["serviceUri"]
    if headers is not None:
        hook.custom_headers = dict(headers)
    if "scope" in props:
        hook.scope = props.get("scope") or ""
    if body.get("tags") is not None:
        hook.tags = dict(body["tags"])


def put_scope_map(cloud: Cloud, caller: Principal, p: dict, rid: str, body: dict) -> None:
    reg = parent_registry(cloud, p)
    cloud.require(caller, f"{CR}/scopeMaps/write", rid)
    props = body.get("properties", {})
    tokens.create_scope_map(cloud, reg, p["names"][1], list(props.get("actions", [])), props.get("description"))


def put_token(cloud: Cloud, caller: Principal, p: dict, rid: str, body: dict) -> None:
    reg = parent_registry(cloud, p)
    cloud.require(caller, f"{CR}/tokens/write", rid)
    props = body.get("properties", {})
    map_name = str(props.get("scopeMapId", "")).rstrip("/").rsplit("/", 1)[-1]
    tokens.create_token(cloud, reg, p["names"][1], tokens.get_scope_map(reg, map_name), props.get("status"))


def delete_scope_map(cloud: Cloud, caller: Principal, p: dict) -> None:
    reg = parent_registry(cloud, p)
    m = reg.scope_maps.get(p["names"][1])
    if m is not None:
        cloud.require(caller, f"{CR}/scopeMaps/delete", m.id)
        tokens.delete_scope_map(reg, m.name)


def delete_token(cloud: Cloud, caller: Principal, p: dict) -> None:
    reg = parent_registry(cloud, p)
    if p["names"][1] in reg.tokens:
        tokens.delete_token(cloud, caller, reg, p["names"][1])


def _put_task(cloud: Cloud, caller: Principal, p: dict, rid: str, body: dict) -> None:
    put_task(cloud, caller, parent_registry(cloud, p), p, rid, body)


HANDLERS = [
    Handler(CR, read_registry, put_registry, delete_registry, list_registries),
    Handler(f"{CR}/replications", read_child, put_replication),
    Handler(f"{CR}/webhooks", read_child, put_webhook),
    Handler(f"{CR}/scopeMaps", read_child, put_scope_map, delete_scope_map),
    Handler(f"{CR}/tokens", read_child, put_token, delete_token),
    Handler(f"{CR}/tasks", read_child, _put_task),
]

__all__ = ["HANDLERS"]
