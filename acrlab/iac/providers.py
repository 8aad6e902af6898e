"""Resource providers: how each ARM resource type is read (GET body) and applied (PUT) through the
engine's own functions, so the caller's RBAC and the service's rules apply exactly as for the CLI."""

from __future__ import annotations

from ..engine import identity, network, registries, replication, retention, tokens
from ..engine.cloud import Cloud
from ..engine.errors import AzureError, CliError
from ..engine.roles import find_role
from ..engine.tenant import Principal

CR = "Microsoft.ContainerRegistry/registries"
RA = "Microsoft.Authorization/roleAssignments"
MI = "Microsoft.ManagedIdentity/userAssignedIdentities"
VNET = "Microsoft.Network/virtualNetworks"
TOP_LEVEL = {"id", "name", "type", "location", "sku", "tags", "identity", "systemData", "resourceGroup"}


class ResourceFailure(Exception):
    """A resource-level failure: becomes one entry of DeploymentFailed's details."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def parse_id(rid: str) -> dict:
    """Split an ARM id into rg, provider type and names ('.../providers/NS/t1/n1/t2/n2')."""
    parts = rid.strip("/").split("/")
    out = {"rg": None, "type": "", "names": []}
    low = [p.lower() for p in parts]
    if "resourcegroups" in low:
        out["rg"] = parts[low.index("resourcegroups") + 1]
    if "providers" in low:
        k = len(low) - 1 - low[::-1].index("providers")
        rest = parts[k + 1:]
        out["type"] = "/".join([rest[0]] + rest[1::2])
        out["names"] = rest[2::2]
        out["scope"] = "/" + "/".join(parts[:k])
    return out


def _registry(cloud: Cloud, rg: str, name: str):
    reg = cloud.find_registry(name)
    if reg is None or reg.resource_group.lower() != rg.lower():
        return None
    return reg


def _arm(flat: dict) -> dict:
    """az prints registries flattened; the ARM GET body nests everything else under `properties`."""
    body = {k: flat[k] for k in ("id", "name", "type", "location", "sku", "tags", "identity", "systemData")
            if k in flat}
    body["properties"] = {k: v for k, v in flat.items() if k not in TOP_LEVEL}
    return body


# -- reading -----------------------------------------------------------------------------------------
def current(cloud: Cloud, rid: str) -> dict | None:
    """The resource's ARM GET body, or None when it does not exist."""
    p = parse_id(rid)
    t, names, rg = p["type"].lower(), p["names"], p["rg"]
    if t == CR.lower() and rg:
        reg = _registry(cloud, rg, names[0])
        return _arm(reg.to_json()) if reg else None
    if t.startswith(CR.lower() + "/") and rg:
        reg = _registry(cloud, rg, names[0])
        child = t.split("/")[-1]
        store = {"replications": "replications", "webhooks": "webhooks", "scopemaps": "scope_maps",
                 "tokens": "tokens", "tasks": "tasks"}.get(child)
        item = getattr(reg, store).get(names[1]) if reg and store else None
        if item is None:
            return None
        flat = item.to_json() if hasattr(item, "to_json") else dict(item)
        return _arm(flat)
    if t == RA.lower():
        for a in cloud.role_assignments:
            if a.name.lower() == names[-1].lower():
                return _assignment_json(a)
        return None
    if t == MI.lower() and rg:
        for mi in identity.identities(cloud).values():
            if mi.resource_group.lower() == rg.lower() and mi.name.lower() == names[0].lower():
                j = mi.to_json()
                return {"id": j["id"], "name": j["name"], "type": MI, "location": j["location"], "tags": j["tags"],
                        "properties": {"clientId": j["clientId"], "principalId": j["principalId"],
                                       "tenantId": j["tenantId"]}}
        return None
    if t == VNET.lower() and rg:
        vnet = network.find_vnet(cloud, rg, names[0])
        return _arm(vnet.to_json(cloud)) if vnet else None
    return None


def _assignment_json(a) -> dict:
    return {"id": a.id, "name": a.name, "type": RA, "properties": {
        "roleDefinitionId": f"/subscriptions/{a.scope.split('/')[2]}/providers/Microsoft.Authorization/"
                            f"roleDefinitions/{a.role_guid}" if a.scope.startswith("/subscriptions/") else
        f"/providers/Microsoft.Authorization/roleDefinitions/{a.role_guid}",
        "principalId": a.principal_id, "principalType": a.principal_type, "scope": a.scope,
        "condition": a.condition, "conditionVersion": a.condition_version, "description": a.description,
        "createdBy": a.created_by, "createdOn": a.created_on.isoformat(), "delegatedManagedIdentityResourceId": None}}


# -- applying ---------------------------------------------------------------------------------------
def apply(cloud: Cloud, caller: Principal, rid: str, body: dict) -> dict:
    """PUT one resource (engine functions do the RBAC checks); returns its new GET body."""
    p = parse_id(rid)
    t = p["type"].lower()
    try:
        if t == CR.lower():
            put_registry(cloud, caller, p["rg"], p["names"][0], body)
        elif t == f"{CR}/replications".lower():
            reg = _parent_registry(cloud, caller, p)
            replication.create_replication(cloud, caller, reg, body.get("location") or "", p["names"][1],
                                           body.get("properties", {}).get("regionEndpointEnabled"),
                                           body.get("properties", {}).get("zoneRedundancy"), body.get("tags"))
        elif t == f"{CR}/scopemaps".lower():
            reg = _parent_registry(cloud, caller, p)
            cloud.require(caller, f"{CR}/scopeMaps/write", rid)
            props = body.get("properties", {})
            tokens.create_scope_map(cloud, reg, p["names"][1], list(props.get("actions", [])), props.get("description"))
        elif t == f"{CR}/tokens".lower():
            reg = _parent_registry(cloud, caller, p)
            cloud.require(caller, f"{CR}/tokens/write", rid)
            props = body.get("properties", {})
            map_name = str(props.get("scopeMapId", "")).rstrip("/").rsplit("/", 1)[-1]
            tokens.create_token(cloud, reg, p["names"][1], tokens.get_scope_map(reg, map_name), props.get("status"))
        elif t == RA.lower():
            put_role_assignment(cloud, caller, p, rid, body)
        elif t == MI.lower():
            cloud.require(caller, f"{MI}/write", rid)
            identity.create_user_assigned_identity(cloud, p["rg"], p["names"][0], body.get("location"),
                                                   body.get("tags"))
        elif t == VNET.lower():
            put_vnet(cloud, caller, p, body)
        else:
            raise ResourceFailure("NoRegisteredProviderFound",
                                  f"The resource type '{p['type']}' is not available in this lab yet. Supported "
                                  f"types: {CR} (and replications, scopeMaps, tokens), {RA}, {MI}, {VNET}.")
    except CliError as e:
        raise ResourceFailure("BadRequest", e.message) from None
    except AzureError as e:
        raise ResourceFailure(e.code, e.message) from None
    return current(cloud, rid) or {"id": rid}


def _parent_registry(cloud: Cloud, caller: Principal, p: dict):
    reg = _registry(cloud, p["rg"], p["names"][0])
    if reg is None:
        raise ResourceFailure("ParentResourceNotFound",
                              f"Can not perform requested operation on nested resource. Parent resource "
                              f"'{p['names'][0]}' not found.")
    return reg


def put_registry(cloud: Cloud, caller: Principal, rg: str, name: str, body: dict) -> None:
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
    reg = _registry(cloud, rg, name)
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


def put_role_assignment(cloud: Cloud, caller: Principal, p: dict, rid: str, body: dict) -> None:
    props = body.get("properties") or {}
    scope = p.get("scope") or ""
    name = p["names"][-1]
    cloud.require(caller, f"{RA}/write", rid)
    role_guid = str(props.get("roleDefinitionId", "")).rstrip("/").rsplit("/", 1)[-1]
    role = find_role(role_guid)
    if role is None:
        raise ResourceFailure("RoleDefinitionDoesNotExist",
                              f"The specified role definition with ID '{role_guid}' does not exist.")
    pid = str(props.get("principalId", ""))
    principal = cloud.tenant.principals.get(pid)
    if principal is None:
        raise ResourceFailure("PrincipalNotFound",
                              f"Principal {pid.replace('-', '')} does not exist in the directory "
                              f"{cloud.tenant.tenant_id}. Check that you have the correct principal ID. If you are "
                              "creating this principal and then immediately assigning a role, this error might be "
                              "related to a replication delay. In this case, set the role assignment principalType "
                              "property to a value, such as ServicePrincipal, User, or Group.  See "
                              "https://aka.ms/docs-principaltype")
    ptype = props.get("principalType")
    if ptype and ptype != principal.principal_type:
        raise ResourceFailure("UnmatchedPrincipalType",
                              f"The PrincipalId '{pid.replace('-', '')}' has type '{principal.principal_type}' , "
                              f"which is different from specified PrincipalType '{ptype}'.")
    for a in cloud.role_assignments:
        same_target = a.principal_id == pid and a.role_guid == role.guid and a.scope.lower() == scope.lower()
        if a.name.lower() == name.lower():
            if not same_target:
                raise ResourceFailure("RoleAssignmentUpdateNotPermitted", "Tenant ID, application ID, principal "
                                      "ID, and scope are not allowed to be updated.")
            return
        if same_target and a.condition == props.get("condition"):
            raise ResourceFailure("RoleAssignmentExists", "The role assignment already exists.")
    cloud.assign_role(principal, role.guid, scope, created_by=caller.object_id, condition=props.get("condition"),
                      name=name, description=props.get("description"))


def put_vnet(cloud: Cloud, caller: Principal, p: dict, body: dict) -> None:
    props = body.get("properties") or {}
    prefixes = (props.get("addressSpace") or {}).get("addressPrefixes")
    vnet = network.create_vnet(cloud, caller, p["names"][0], p["rg"], body.get("location"), prefixes,
                               tags=body.get("tags"))
    for s in props.get("subnets") or []:
        sp = s.get("properties") or {}
        network.create_subnet(cloud, caller, vnet, s["name"], sp.get("addressPrefix", ""))
