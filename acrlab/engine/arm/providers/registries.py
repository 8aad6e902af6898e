"""Microsoft.ContainerRegistry/registries: PUT (create or replace), PATCH (merge), GET, list, DELETE and the
listCredentials / regenerateCredential / listUsages actions.

A PUT over an existing registry replaces its properties: what the body leaves out returns to its default, as
`az acr create` over an existing registry does (azure-cli test_acr_export_policy: "create/PUT should default to
enabling export policy"). Top-level `tags` and `identity` left out of a PUT are kept. A PATCH changes only what
its body names. Either way the whole new state is built and checked first; only then is it swapped in."""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

from ...errors import ArmError
from ...registry import IpRule, NetworkRuleSet, Policies, Registry, VirtualNetworkRule
from ...sku import SKUS
from ..manager import Plan, Provider, register
from ..request import ResourceId
from . import registry_body as rb
from .registry_identity import plan_encryption, plan_identity
from .tracked import tracked_location

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...tenant import Principal

CR = "Microsoft.ContainerRegistry/registries"


def by_type(p: Principal) -> str:
    """systemData's createdByType for a principal."""
    return {"User": "User", "ServicePrincipal": "Application", "ManagedIdentity": "ManagedIdentity"}[p.kind]


class RegistryProvider(Provider):
    type = CR
    body_model = rb.Registry
    patch_model = rb.RegistryUpdate
    actions = {"listCredentials": "listCredentials/action", "regenerateCredential": "regenerateCredential/action",
               "listUsages": "listUsages/read", "generateCredentials": "generateCredentials/action",
               "scheduleRun": "scheduleRun/action", "listBuildSourceUploadUrl": "listBuildSourceUploadUrl/action"}

    # -- reads --------------------------------------------------------------------------------------
    def find(self, cloud: Cloud, rid: ResourceId) -> Registry | None:
        reg = cloud.find_registry(rid.names[0])
        if reg is None or (rid.resource_group or "").lower() != reg.resource_group.lower() \
                or rid.subscription.lower() != reg.subscription_id.lower():
            return None
        return reg

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[Registry]:
        rg, sub = (rid.resource_group or "").lower(), rid.subscription.lower()
        return sorted((r for r in cloud.registries.values() if r.subscription_id.lower() == sub
                       and (not rg or r.resource_group.lower() == rg)),
                      key=lambda r: (r.resource_group.lower(), r.name))

    def to_arm(self, resource: Registry) -> dict:
        flat = resource.to_json()
        props = {k: v for k, v in flat.items() if k not in TOP_LEVEL}
        if props.get("networkRuleSet"):
            nrs = props["networkRuleSet"]
            props["networkRuleSet"] = {
                "defaultAction": nrs["defaultAction"],
                "ipRules": [{"action": r["action"], "value": r["ipAddressOrRange"]} for r in nrs["ipRules"]],
                **({"virtualNetworkRules": [{"action": r["action"], "id": r["virtualNetworkResourceId"]}
                                            for r in nrs["virtualNetworkRules"]]} if nrs["virtualNetworkRules"]
                   else {}),
            }
        return {**{k: flat[k] for k in TOP_LEVEL if k in flat and k != "resourceGroup"}, "properties": props}

    # -- writes -------------------------------------------------------------------------------------
    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: rb.Registry,
            existing: Registry | None) -> Plan:
        name = rid.names[0]
        if not NAME_OK(name):
            raise ArmError("RegistryNameInvalid", name=name)
        if body.sku is None:
            raise ArmError("InvalidRequestContent", detail="Required property 'sku' not found in JSON. Path 'sku'")
        if existing is None and name_taken(cloud, name):
            raise ArmError("AlreadyInUse", name=name)
        rg = cloud.group(rid.resource_group or "", rid.subscription)
        location = tracked_location(CR, body.location, existing)
        now = cloud.clock.now()
        if existing is None:
            new = Registry(name=name, subscription_id=rg.subscription_id, resource_group=rg.name,
                           location=location, sku=body.sku.name, created=now, created_by=caller.sign_in_name,
                           created_by_type=by_type(caller), modified=now, modified_by=caller.sign_in_name,
                           modified_by_type=by_type(caller), login_server=f"{name.lower()}.azurecr.io")
        else:
            new = existing.model_copy(update={f: Registry.model_fields[f].get_default(call_default_factory=True)
                                              for f in REPLACED_BY_PUT})
            new.policies = Policies(retention_updated=existing.policies.retention_updated,
                                    retention_enabled_at=existing.policies.retention_enabled_at,
                                    soft_delete_updated=existing.policies.soft_delete_updated)
        return self._plan(cloud, caller, new, existing, body, put=True)

    def patch(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: rb.RegistryUpdate,
              existing: Registry) -> Plan:
        new = existing.model_copy(update={"policies": existing.policies.model_copy()})
        if existing.network_rule_set is not None:
            new.network_rule_set = existing.network_rule_set.model_copy(deep=True)
        return self._plan(cloud, caller, new, existing, body, put=False)

    def _plan(self, cloud: Cloud, caller: Principal, new: Registry, existing: Registry | None,
              body: rb.RegistryUpdate, put: bool) -> Plan:
        now = cloud.clock.now()
        props = body.properties
        if body.sku is not None:
            if body.sku.name == "Classic":
                raise ArmError("SkuNotSupported", sku="Classic")
            new.sku = body.sku.name
        if body.tags is not None:
            new.tags = dict(body.tags)
        _apply_properties(new, props, existing, now)
        effects = plan_identity(cloud, new, body.identity) if body.identity is not None else []
        if props.encryption is not None and existing is None:
            plan_encryption(cloud, new, props.encryption)
        _check(cloud, new, existing, props)
        if existing is None and new.dnl_scope != "Unsecure":
            suffix = cloud.ids.hex(16)
            new.login_server = f"{new.name.lower()}-{suffix}.azurecr.io"
        new.modified, new.modified_by, new.modified_by_type = now, caller.sign_in_name, by_type(caller)
        if new.admin_user_enabled and not new.admin_passwords:
            new.admin_passwords = {"password": cloud.ids.secret(52), "password2": cloud.ids.secret(52)}
        target = existing if existing is not None else new

        def commit() -> None:
            for effect in effects:
                effect()
            if existing is None:
                cloud.registries[new.name.lower()] = new
            else:
                for f in Registry.model_fields:
                    setattr(existing, f, getattr(new, f))
            if new.policies.trust_status == "enabled":
                target.extra["trust_ever_enabled"] = True
        plan = Plan(resource=target, commit=commit, status=201 if existing is None else 200, proposed=new)
        if existing is None:
            plan.after.append(lambda: cloud.emit("registry_created", registry=new, caller=caller))
        else:
            plan.after.append(lambda: cloud.emit("registry_updated", registry=existing, caller=caller))
        _mode_event(cloud, plan, existing, new)
        _trust_effect(plan, existing, new)
        return plan

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: Registry) -> Plan:
        def commit() -> None:
            del cloud.registries[existing.name.lower()]
            prefix = existing.id.lower()
            cloud.role_assignments[:] = [a for a in cloud.role_assignments
                                         if not a.scope.lower().startswith(prefix)]
        plan = Plan(resource=existing, commit=commit, status=200)
        plan.after.append(lambda: cloud.emit("registry_deleted", registry=existing))
        return plan

    def post(self, cloud: Cloud, caller: Principal, rid: ResourceId, action: str, body: dict | None,
             existing: Registry) -> Plan:
        from .registry_actions import ACTIONS

        if action in ("scheduleRun", "listBuildSourceUploadUrl"):  # ACR Tasks (engine/schedule_run.py)
            from ... import schedule_run
            run = schedule_run.schedule if action == "scheduleRun" else schedule_run.upload_url
            return run(cloud, caller, existing, body)
        return ACTIONS[action](cloud, existing, body)


TOP_LEVEL = ("id", "name", "type", "location", "sku", "tags", "identity", "systemData", "resourceGroup")
REPLACED_BY_PUT = ("admin_user_enabled", "anonymous_pull_enabled", "data_endpoint_enabled", "regional_endpoints",
                   "public_network_access",
                   "network_rule_bypass_options", "network_rule_bypass_allowed_for_tasks", "network_rule_set",
                   "role_assignment_mode", "zone_redundancy", "metadata_search", "endpoint_protocol",
                   "writable_cache_repos")
"""The properties a PUT resets when its body leaves them out (login server, DNL scope and encryption are fixed
at creation; the identity and tags are top-level and kept)."""


def NAME_OK(name: str) -> bool:  # noqa: N802 - reads as the rule it is
    from ...registry import NAME_RE

    return bool(NAME_RE.match(name))


def name_taken(cloud: Cloud, name: str) -> bool:
    from ...cloud import RESERVED_REGISTRY_NAMES

    return name.lower() in cloud.registries or name.lower() in RESERVED_REGISTRY_NAMES


def _mode_event(cloud: Cloud, plan: Plan, existing: Registry | None, new: Registry) -> None:
    if existing is not None and existing.role_assignment_mode != new.role_assignment_mode:
        plan.after.append(lambda: cloud.emit("role_assignment_mode_changed", registry=existing))


def _trust_effect(plan: Plan, existing: Registry | None, new: Registry) -> None:
    if existing is not None and existing.policies.trust_status == "enabled" and new.policies.trust_status != "enabled":
        from ...trust import drop_signatures

        previous = plan.commit

        def commit() -> None:
            previous()
            drop_signatures(existing)
        plan.commit = commit


def _apply_properties(new: Registry, props: rb.RegistryProperties, existing: Registry | None, now) -> None:
    """Lay the body's properties over `new` (defaults for a PUT, the current state for a PATCH)."""
    simple = {"admin_user_enabled": props.admin_user_enabled, "anonymous_pull_enabled": props.anonymous_pull_enabled,
              "data_endpoint_enabled": props.data_endpoint_enabled, "regional_endpoints": props.regional_endpoints,
              "public_network_access": props.public_network_access,
              "network_rule_bypass_options": props.network_rule_bypass_options,
              "network_rule_bypass_allowed_for_tasks": props.network_rule_bypass_allowed_for_tasks,
              "zone_redundancy": props.zone_redundancy, "metadata_search": props.metadata_search,
              "role_assignment_mode": props.role_assignment_mode, "endpoint_protocol": props.endpoint_protocol,
              "writable_cache_repos": props.writable_cache_repos}
    for field, value in simple.items():
        if value is not None:
            setattr(new, field, value)
    if existing is None and props.auto_generated_domain_name_label_scope is not None:
        new.dnl_scope = props.auto_generated_domain_name_label_scope
    if props.network_rule_set is not None:
        nrs = props.network_rule_set
        current = new.network_rule_set or NetworkRuleSet()
        new.network_rule_set = NetworkRuleSet(
            default_action=nrs.default_action,
            ip_rules=[IpRule(ip_address_or_range=r.value, action=r.action) for r in nrs.ip_rules]
            if nrs.ip_rules is not None else list(current.ip_rules),
            virtual_network_rules=[VirtualNetworkRule(subnet_id=r.id, action=r.action)
                                   for r in nrs.virtual_network_rules]
            if nrs.virtual_network_rules is not None else list(current.virtual_network_rules))
    if new.sku == "Premium" and new.network_rule_set is None:
        new.network_rule_set = NetworkRuleSet()
    if new.sku != "Premium" and new.network_rule_set is not None and not _restrictive(new.network_rule_set):
        new.network_rule_set = None  # an allow-all rule set on Basic/Standard is no rule set (quickstart templates)
    if new.public_network_access == "Disabled" and props.public_network_access == "Disabled" \
            and new.network_rule_set is not None and (props.network_rule_set is None):
        new.network_rule_set.default_action = "Deny"
    if props.policies is not None:
        _apply_policies(new.policies, props.policies, now)
    if new.sku != "Premium" and (existing is None or existing.sku == "Premium" or new.sku != existing.sku):
        _drop_premium_state(new, props)


def _restrictive(nrs: NetworkRuleSet) -> bool:
    """A rule set that restricts anything: only Premium may have one. `networkRuleSet: {}` (default Allow, no
    rules), as the container-registry-with-policies-and-diagnostics quickstart sends on Basic, restricts nothing."""
    return nrs.default_action == "Deny" or bool(nrs.ip_rules) or bool(nrs.virtual_network_rules)


def _apply_policies(pol: Policies, body: rb.Policies, now) -> None:
    if body.retention_policy is not None:
        r = body.retention_policy
        if r.status == "enabled" and pol.retention_status != "enabled":
            pol.retention_enabled_at = now
        if r.status is not None:
            pol.retention_status = r.status
        if r.days is not None:
            pol.retention_days = r.days
        pol.retention_updated = now
    if body.soft_delete_policy is not None:
        s = body.soft_delete_policy
        if s.status is not None:
            pol.soft_delete_status = s.status
        if s.retention_days is not None:
            pol.soft_delete_days = s.retention_days
        pol.soft_delete_updated = now
    for attr, part in (("trust_status", body.trust_policy), ("quarantine_status", body.quarantine_policy),
                       ("export_status", body.export_policy),
                       ("aad_as_arm_status", body.azure_ad_authentication_as_arm_policy)):
        if part is not None and part.status is not None:
            setattr(pol, attr, part.status)


def _drop_premium_state(new: Registry, props: rb.RegistryProperties) -> None:
    """Moving off Premium ends what only Premium has, unless the same request asks for it (then it is refused)."""
    if props.network_rule_set is None:
        new.network_rule_set = None
    asked = props.policies or rb.Policies()
    if asked.retention_policy is None or asked.retention_policy.status is None:
        new.policies.retention_status = "disabled"
    if asked.trust_policy is None or asked.trust_policy.status is None:
        new.policies.trust_status = "disabled"
    if props.data_endpoint_enabled is None:
        new.data_endpoint_enabled = False
    if props.endpoint_protocol is None:
        new.endpoint_protocol = "IPv4"
    if props.regional_endpoints is None:
        new.regional_endpoints = "Disabled"
    if new.sku == "Basic" and props.anonymous_pull_enabled is None:
        new.anonymous_pull_enabled = False


def _check(cloud: Cloud, new: Registry, existing: Registry | None, props: rb.RegistryProperties) -> None:
    """Every rule the service enforces on a registry's complete new state."""
    sku = new.sku
    if existing is not None and existing.sku != sku:
        _check_sku_change(existing, sku)
    premium = sku == "Premium"
    if not premium:
        if new.public_network_access == "Disabled":
            raise ArmError("DisablingPublicNetworkAccessNotSupported", sku=sku)
        pol = new.policies
        if new.network_rule_set is not None or pol.retention_status == "enabled" or pol.trust_status == "enabled" \
                or pol.quarantine_status == "enabled" or pol.export_status == "disabled" \
                or new.data_endpoint_enabled or new.encryption.get("status") == "enabled" \
                or new.endpoint_protocol != "IPv4" or new.regional_endpoints == "Enabled":
            raise ArmError("SkuNotSupported", sku=sku)
    if new.endpoint_protocol == "IPv4AndIPv6" and not new.data_endpoint_enabled:
        raise ArmError("DualStackRequiresDataEndpoint")
    if new.anonymous_pull_enabled and sku == "Basic":
        raise ArmError("AnonymousPullNotSupported")
    if new.policies.export_status == "disabled" and new.public_network_access == "Enabled":
        raise ArmError("ExportPolicyNotAllowed")
    if new.network_rule_set is not None:
        known = {r.subnet_id.lower() for r in (existing.network_rule_set.virtual_network_rules
                                               if existing is not None and existing.network_rule_set else [])}
        _check_network_rules(cloud, new.network_rule_set, sku, known)
    pol = new.policies
    if not 0 <= pol.retention_days <= 365:
        raise ArmError("InvalidPolicyValue", detail="Invalid value for days: should be from 0 to 365")
    if not 1 <= pol.soft_delete_days <= 90:
        raise ArmError("InvalidPolicyValue", detail="Invalid value for retentionDays: should be from 1 to 90")
    if pol.soft_delete_status == "enabled" and any(getattr(r, "location", new.location) != new.location
                                                   for r in new.replications.values()):
        raise ArmError("SoftDeleteNotSupportedWithReplications")
    if pol.trust_status == "enabled" and (existing is None or existing.policies.trust_status != "enabled"):
        from ...trust import enable_problem

        problem = enable_problem(cloud, new)
        if problem is not None:
            raise problem


def _check_network_rules(cloud: Cloud, rules: NetworkRuleSet, sku: str, known: set[str]) -> None:
    """IP rules must parse and fit the SKU's quota; a new VNet rule must name an existing subnet."""
    for rule in rules.ip_rules:
        try:
            ipaddress.ip_network(rule.ip_address_or_range, strict=False)
        except ValueError:
            raise ArmError("InvalidIpAddressOrRange", value=rule.ip_address_or_range) from None
    if len(rules.ip_rules) > SKUS[sku].ip_rules:
        raise ArmError("IpRuleQuotaExceeded", limit=SKUS[sku].ip_rules, sku=sku)
    if rules.virtual_network_rules:
        from ...network import find_subnet

        for vnet_rule in rules.virtual_network_rules:
            if vnet_rule.subnet_id.lower() not in known and find_subnet(cloud, vnet_rule.subnet_id) is None:
                raise ArmError("InvalidVirtualNetworkRule", id=vnet_rule.subnet_id)
        if len(rules.virtual_network_rules) > SKUS[sku].vnet_rules:
            raise ArmError("VNetRuleQuotaExceeded", limit=SKUS[sku].vnet_rules, sku=sku)


def _check_sku_change(reg: Registry, sku: str) -> None:
    if reg.sku == "Premium":
        if any(getattr(r, "location", None) != reg.location for r in reg.replications.values()):
            raise ArmError("CannotDowngradeRegistryWithReplications")
        if reg.private_endpoint_connections:
            raise ArmError("CannotDowngradeRegistryWithPrivateEndpoints")
        if reg.extra.get("connected_registries"):
            raise ArmError("CannotDowngradeRegistryWithConnectedRegistries")
    if reg.store.storage_bytes() > SKUS[sku].storage_limit_bytes:
        raise ArmError("StorageQuotaExceeded", sku=sku)


PROVIDER = register(RegistryProvider())
__all__ = ["CR", "PROVIDER", "RegistryProvider", "by_type", "name_taken"]
