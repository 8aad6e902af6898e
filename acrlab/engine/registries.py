"""Registry operations: create, update, delete, check-name, credentials, usage."""

from __future__ import annotations

from .cloud import RESERVED_REGISTRY_NAMES, Cloud
from .errors import AlreadyInUse, ArmResourceNotFound, AzureError, CliError, CliResourceNotFound
from .locations import normalize_location
from .registry import NAME_RE, NetworkRuleSet, Registry
from .sku import PREMIUM_ONLY, SKU_NAMES, SKUS
from .softdelete import soft_deleted_bytes  # soft-deleted artifacts are billed as storage
from .tenant import Principal

CR = "Microsoft.ContainerRegistry/registries"
CHECKNAME_URL = "https://docs.microsoft.com/en-us/rest/api/containerregistry/registries/checknameavailability"


def registry_scope(cloud: Cloud, rg: str, name: str) -> str:
    return f"{cloud.subscription.id}/resourceGroups/{rg}/providers/{CR}/{name}"


def name_taken(cloud: Cloud, name: str) -> bool:
    return name.lower() in cloud.registries or name.lower() in RESERVED_REGISTRY_NAMES


def check_name(cloud: Cloud, name: str) -> dict:
    if not NAME_RE.match(name):
        return {"message": "The specified resource name must contain only alphanumeric characters and be between "
                "5 and 50 characters in length.", "nameAvailable": False, "reason": "Invalid"}
    if name_taken(cloud, name):
        return {"message": f"The registry {name} is already in use.", "nameAvailable": False, "reason": "AlreadyExists"}
    return {"message": None, "nameAvailable": True, "reason": None}


def validate_new_name(name: str, client_checks: bool = True) -> None:
    """az's own checks (skipped for PowerShell and ARM templates, which send the name as typed), then the
    service's (length and characters; names are case-insensitive and the login server is lower-case)."""
    if client_checks and any(c.isupper() for c in name):
        raise CliError("argument error: Registry name must use only lowercase.")
    if client_checks and "-" in name:
        raise CliError("argument error: Registry name cannot contain dashes.")
    if not NAME_RE.match(name):
        raise AzureError(
            f"Registry name '{name}' is invalid. Registry names may contain only alpha numeric characters "
            "and must be between 5 and 50 characters.", code="RegistryNameInvalid")


def normalize_sku(sku: str) -> str:
    for s in SKU_NAMES:
        if s.lower() == sku.lower():
            return s
    if sku.lower() == "classic":
        raise CliError("Classic SKU is no longer supported. Please select a managed SKU.")
    raise CliError(f"Please specify SKU by '--sku SKU' or '--set sku.name=SKU'. Allowed SKUs: {SKU_NAMES}")


def create_registry(cloud: Cloud, caller: Principal, name: str, resource_group: str, sku: str,
                    location: str | None = None, admin_enabled: bool = False, tags: dict | None = None,
                    public_network_enabled: bool | None = None, default_action: str | None = None,
                    role_assignment_mode: str | None = None, zone_redundancy: str | None = None,
                    allow_trusted_services: bool | None = None, dnl_scope: str | None = None,
                    anonymous_pull_enabled: bool = False, allow_exports: bool | None = None,
                    client_checks: bool = True) -> Registry:
    """Create (or PUT over) a registry. `client_checks=False` skips az's own client-side name checks."""
    if default_action is not None and sku.lower() != "premium":
        raise CliError(PREMIUM_ONLY["network_rules"])
    sku = normalize_sku(sku)
    validate_new_name(name, client_checks)
    rg = cloud.group(resource_group)
    scope = registry_scope(cloud, rg.name, name)
    cloud.require(caller, f"{CR}/write", scope)
    existing = cloud.find_registry(name)
    if existing is not None and existing.id.lower() == scope.lower():
        pass  # PUT on an existing resource updates it (handled below)
    elif name_taken(cloud, name):
        raise AlreadyInUse(
            f"The registry DNS name {name}.azurecr.io is already in use. You can check if the name is already "
            f"claimed using following API: {CHECKNAME_URL}")
    loc = normalize_location(location) if location else rg.location
    if loc is None:
        raise AzureError(
            f"The provided location '{location}' is not available for resource type '{CR}'.",
            code="LocationNotAvailableForResourceType")
    if anonymous_pull_enabled and sku == "Basic":
        raise AzureError("Anonymous pull is not supported for Basic SKU registries.", code="BadRequest")
    now = cloud.clock.now()
    reg = existing or Registry(
        name=name, subscription_id=cloud.subscription.subscription_id, resource_group=rg.name, location=loc,
        sku=sku, created=now, created_by=caller.sign_in_name, created_by_type=_by_type(caller), modified=now,
        modified_by=caller.sign_in_name, modified_by_type=_by_type(caller), login_server=f"{name.lower()}.azurecr.io",
    )
    reg.sku = sku
    reg.admin_user_enabled = admin_enabled
    reg.anonymous_pull_enabled = anonymous_pull_enabled
    if tags is not None:
        reg.tags = tags
    if sku == "Premium" and reg.network_rule_set is None:
        reg.network_rule_set = NetworkRuleSet()
    _apply_network(reg, default_action, public_network_enabled, allow_trusted_services)
    if role_assignment_mode is not None:
        reg.role_assignment_mode = role_assignment_mode
    if zone_redundancy is not None:
        reg.zone_redundancy = zone_redundancy
    if dnl_scope and dnl_scope != "Unsecure":
        reg.dnl_scope = dnl_scope
        reg.login_server = f"{name.lower()}-{cloud.ids.hex(16)}.azurecr.io"
    if allow_exports is not None:
        _set_exports(reg, allow_exports)
    if admin_enabled:
        _ensure_admin_passwords(cloud, reg)
    if existing is None:
        cloud.registries[name.lower()] = reg
        cloud.emit("registry_created", registry=reg, caller=caller)
    return reg


def _by_type(p: Principal) -> str:
    return {"User": "User", "ServicePrincipal": "Application", "ManagedIdentity": "ManagedIdentity"}[p.kind]


def _ensure_admin_passwords(cloud: Cloud, reg: Registry) -> None:
    """The admin user's two passwords, generated the first time it is enabled and kept while it is off."""
    if not reg.admin_passwords:
        reg.admin_passwords = {"password": cloud.ids.secret(52), "password2": cloud.ids.secret(52)}


def _apply_network(reg: Registry, default_action: str | None, public_network_enabled: bool | None,
                   allow_trusted_services: bool | None) -> None:
    if default_action is not None:
        reg.network_rule_set.default_action = default_action
    if public_network_enabled is not None:
        _set_public_network(reg, public_network_enabled)
    if allow_trusted_services is not None:
        reg.network_rule_bypass_options = "AzureServices" if allow_trusted_services else "None"


def _set_public_network(reg: Registry, enabled: bool) -> None:
    if not enabled and reg.sku != "Premium":
        raise AzureError(f"Disabling public network access is not supported for the SKU {reg.sku}. For more "
                         "information, please visit https://aka.ms/acr/private-link.",
                         code="DisablingPublicNetworkAccessNotSupported")
    reg.public_network_access = "Enabled" if enabled else "Disabled"
    if not enabled and reg.network_rule_set is not None:
        reg.network_rule_set.default_action = "Deny"


def _set_exports(reg: Registry, allow: bool) -> None:
    if reg.sku != "Premium":
        raise CliError(PREMIUM_ONLY["generic"])
    if not allow and reg.public_network_access == "Enabled":
        raise AzureError("Export policy can be disabled only when public network access is disabled.",
                         code="ExportPolicyNotAllowed")
    reg.policies.export_status = "enabled" if allow else "disabled"


def get_registry(cloud: Cloud, caller: Principal | None, name: str, resource_group: str | None = None,
                 action: str = f"{CR}/read") -> Registry:
    """Find a registry as az does: in the group if given, else anywhere in the subscription."""
    reg = cloud.find_registry(name.removesuffix(".azurecr.io"))
    sub = cloud.subscription
    if reg is None or (resource_group and reg.resource_group.lower() != resource_group.lower()):
        if resource_group:
            cloud.group(resource_group)
            raise ArmResourceNotFound(f"{CR}/{name}", resource_group)
        raise CliResourceNotFound(
            f"The resource with name '{name}' and type '{CR}' could not be found in subscription "
            f"'{sub.name} ({sub.subscription_id})'.")
    if caller is not None:
        cloud.require(caller, action, reg.id)
    return reg


def update_registry(cloud: Cloud, caller: Principal, reg: Registry, sku: str | None = None,
                    admin_enabled: bool | None = None, tags: dict | None = None,
                    public_network_enabled: bool | None = None, default_action: str | None = None,
                    allow_trusted_services: bool | None = None, anonymous_pull_enabled: bool | None = None,
                    data_endpoint_enabled: bool | None = None, role_assignment_mode: str | None = None,
                    allow_exports: bool | None = None, allow_metadata_search: bool | None = None) -> Registry:
    cloud.require(caller, f"{CR}/write", reg.id)
    if sku and sku.lower() == "classic":  # azure-cli acr/_utils.validate_sku_update
        raise CliError("Managed registries could not be downgraded to Classic SKU.")
    new_sku = normalize_sku(sku) if sku else reg.sku
    if default_action is not None and new_sku != "Premium":
        raise CliError(PREMIUM_ONLY["network_rules"])
    if new_sku != reg.sku:
        if reg.sku == "Premium":
            extra_replicas = [r for r in reg.replications.values() if getattr(r, "location", None) != reg.location]
            if extra_replicas:
                raise AzureError(
                    "The registry has geo-replications. Please delete all replications before downgrading "
                    "from Premium SKU.", code="CannotDowngradeRegistryWithReplications")
            if reg.private_endpoint_connections:
                raise AzureError("The registry has private endpoint connections. Please delete them before "
                                 "downgrading from Premium SKU.", code="CannotDowngradeRegistryWithPrivateEndpoints")
        if reg.store.storage_bytes() > SKUS[new_sku].storage_limit_bytes:
            raise AzureError(f"The registry storage exceeds the maximum for SKU {new_sku}.", code="StorageQuotaExceeded")
        reg.sku = new_sku
        if new_sku == "Premium" and reg.network_rule_set is None:
            reg.network_rule_set = NetworkRuleSet()
        if new_sku != "Premium":
            reg.network_rule_set = None
            reg.policies.retention_status = "disabled"
            reg.policies.trust_status = "disabled"
            if new_sku == "Basic":
                reg.anonymous_pull_enabled = False
    if admin_enabled is not None:
        reg.admin_user_enabled = admin_enabled
        if admin_enabled:
            _ensure_admin_passwords(cloud, reg)
    if tags is not None:
        reg.tags = tags
    _apply_network(reg, default_action, public_network_enabled, allow_trusted_services)
    if anonymous_pull_enabled is not None:
        if anonymous_pull_enabled and reg.sku == "Basic":
            raise AzureError("Anonymous pull is not supported for Basic SKU registries.", code="BadRequest")
        reg.anonymous_pull_enabled = anonymous_pull_enabled
    if data_endpoint_enabled is not None:
        if data_endpoint_enabled and reg.sku != "Premium":
            raise CliError(PREMIUM_ONLY["generic"])
        reg.data_endpoint_enabled = data_endpoint_enabled
    if role_assignment_mode is not None and role_assignment_mode != reg.role_assignment_mode:
        reg.role_assignment_mode = role_assignment_mode
        cloud.emit("role_assignment_mode_changed", registry=reg)
    if allow_exports is not None:
        _set_exports(reg, allow_exports)
    if allow_metadata_search is not None:
        reg.metadata_search = "Enabled" if allow_metadata_search else "Disabled"
    reg.modified = cloud.clock.now()
    reg.modified_by = caller.sign_in_name
    cloud.emit("registry_updated", registry=reg, caller=caller)
    return reg


def delete_registry(cloud: Cloud, caller: Principal, reg: Registry) -> None:
    cloud.require(caller, f"{CR}/delete", reg.id)
    del cloud.registries[reg.name.lower()]
    cloud.role_assignments[:] = [a for a in cloud.role_assignments if not a.scope.lower().startswith(reg.id.lower())]
    cloud.emit("registry_deleted", registry=reg)


def admin_credentials(cloud: Cloud, caller: Principal, reg: Registry) -> dict:
    cloud.require(caller, f"{CR}/listCredentials/action", reg.id)
    if not reg.admin_user_enabled:
        raise CliError(f"Run 'az acr update -n {reg.name} --admin-enabled true' to enable admin first.")
    return {
        "passwords": [{"name": k, "value": v} for k, v in reg.admin_passwords.items()],
        "username": reg.name,
    }


def renew_admin_password(cloud: Cloud, caller: Principal, reg: Registry, password_name: str) -> dict:
    cloud.require(caller, f"{CR}/regenerateCredential/action", reg.id)
    if not reg.admin_user_enabled:
        raise CliError(f"Run 'az acr update -n {reg.name} --admin-enabled true' to enable admin first.")
    reg.admin_passwords[password_name] = cloud.ids.secret(52)
    cloud.emit("admin_password_renewed", registry=reg, name=password_name)
    return admin_credentials(cloud, caller, reg)


def usage(cloud: Cloud, caller: Principal, reg: Registry) -> dict:
    cloud.require(caller, f"{CR}/listUsages/read", reg.id)
    lim = SKUS[reg.sku]
    rows = [
        {"currentValue": reg.store.storage_bytes() + soft_deleted_bytes(reg), "limit": lim.included_storage_bytes,
         "name": "Size", "unit": "Bytes"},
        {"currentValue": len(reg.webhooks), "limit": lim.webhooks, "name": "Webhooks", "unit": "Count"},
    ]
    if reg.sku == "Premium":
        rows += [
            {"currentValue": 1 + sum(1 for r in reg.replications.values()
                                     if getattr(r, "location", None) != reg.location),
             "limit": -1, "name": "Geo-replications", "unit": "Count"},
            {"currentValue": len(reg.network_rule_set.ip_rules) if reg.network_rule_set else 0,
             "limit": lim.ip_rules, "name": "IPRules", "unit": "Count"},
            {"currentValue": len(reg.network_rule_set.virtual_network_rules) if reg.network_rule_set else 0,
             "limit": lim.vnet_rules, "name": "VNetRules", "unit": "Count"},
            {"currentValue": len(reg.private_endpoint_connections), "limit": lim.private_endpoints,
             "name": "PrivateEndpointConnections", "unit": "Count"},
        ]
    user_maps = sum(1 for m in reg.scope_maps.values() if getattr(m, "type", "UserDefined") == "UserDefined")
    rows += [
        {"currentValue": user_maps, "limit": lim.scope_maps, "name": "ScopeMaps", "unit": "Count"},
        {"currentValue": len(reg.tokens), "limit": lim.tokens, "name": "Tokens", "unit": "Count"},
    ]
    return {"value": rows}
