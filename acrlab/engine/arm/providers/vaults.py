"""Microsoft.KeyVault/vaults: PUT (create, or replace the properties given and the tags), PATCH (merge), GET, list, DELETE (to the
soft-deleted vaults, as soft delete is always on), as the REST API defines them (Azure/azure-rest-api-specs
specification/keyvault/resource-manager/Microsoft.KeyVault/stable/2023-02-01/keyvault.json: Vaults_CreateOrUpdate,
_Update, _Get, _ListByResourceGroup, _ListBySubscription, _Delete; VaultProperties). The rules (global names, soft
delete, the JSON az prints) are engine/keyvault.py's; az keyvault, Get-AzKeyVault, templates and the HTTP front door
all send these requests."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ...errors import ArmError, AzureError
from ...keyvault import Vault, check_name_free, soft_delete, vaults
from ...keyvault_secrets import AccessPolicy, access_policies, vault_body
from ..manager import Plan, Provider, register
from ..request import ResourceId
from .bound import Bound

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...tenant import Principal

TYPE = "Microsoft.KeyVault/vaults"


def _invalid(detail: str) -> ArmError:
    return ArmError("InvalidRequestContent", detail=detail)


def _bad(message: str) -> AzureError:
    return AzureError(message, code="BadRequest", status=400)


def _flag(props: dict, name: str) -> bool | None:
    value = props.get(name)
    if value is not None and not isinstance(value, bool):
        raise _invalid(f"Error converting value {value!r} to type 'System.Nullable`1[System.Boolean]'. "
                       f"Path 'properties.{name}'.")
    return value


def _policies(cloud: Cloud, props: dict) -> list[AccessPolicy] | None:
    items = props.get("accessPolicies")
    if items is None:
        return None
    if not isinstance(items, list):
        raise _invalid("Error converting value to type 'AccessPolicyEntry[]'. Path 'properties.accessPolicies'.")
    out = []
    for i, item in enumerate(items):
        perms = item.get("permissions") if isinstance(item, dict) else None
        if not isinstance(item, dict) or not isinstance(item.get("objectId"), str) or not isinstance(perms, dict):
            raise _invalid(f"Required property 'objectId' and 'permissions' not found in JSON. "
                           f"Path 'properties.accessPolicies[{i}]'.")
        lists = {k: [str(x).lower() for x in perms.get(k) or []] for k in ("keys", "secrets", "certificates")}
        out.append(AccessPolicy(object_id=item["objectId"], tenant_id=str(item.get("tenantId")
                                                                          or cloud.tenant.tenant_id), **lists))
    return out


def _tags(body: dict) -> dict[str, str] | None:
    tags = body.get("tags")
    if tags is not None and (not isinstance(tags, dict)
                             or not all(isinstance(k, str) and isinstance(v, str) for k, v in tags.items())):
        raise _invalid("Error converting value to type 'System.Collections.Generic.IDictionary`2[System.String,"
                       "System.String]'. Path 'tags'.")
    return tags


def _changes(cloud: Cloud, body: dict, existing: Vault | None, whole: bool) -> tuple[dict[str, Any],
                                                                                   list[AccessPolicy] | None]:
    """The vault fields the body sets, validated (nothing changes here). A PUT (`whole`) replaces the tags, so a body
    without them clears them; a PATCH changes only what it names (Vaults_CreateOrUpdate / Vaults_Update)."""
    tags = _tags(body)
    props = body.get("properties") or {}
    if not isinstance(props, dict):
        raise _invalid("Error converting value to type 'VaultProperties'. Path 'properties'.")
    out: dict[str, Any] = {"tags": dict(tags or {})} if whole or tags is not None else {}
    sku = props.get("sku")
    if sku is not None:
        name = sku.get("name") if isinstance(sku, dict) else None
        if not isinstance(name, str) or name.lower() not in ("standard", "premium"):
            raise _invalid(f"Error converting value \"{name}\" to type 'SkuName'. Path 'properties.sku.name'.")
        out["sku"] = name.lower()
    tenant = props.get("tenantId")
    if tenant is not None and str(tenant).lower() != cloud.tenant.tenant_id.lower():
        raise _bad(f"The tenant '{tenant}' is not the tenant of the subscription; a vault's tenantId must be the "
                   "tenant its callers sign in to.")
    for field, name in (("rbac_authorization", "enableRbacAuthorization"), ("soft_delete", "enableSoftDelete")):
        value = _flag(props, name)
        if value is not None:
            out[field] = value
    purge = _flag(props, "enablePurgeProtection")
    if purge is False and existing is not None and existing.purge_protection:
        raise _bad("The property \"enablePurgeProtection\" cannot be set to false. Enabling the purge protection for "
                   "a vault is an irreversible action.")
    if purge:
        out["purge_protection"] = True
    days = props.get("softDeleteRetentionInDays")
    if days is not None:
        if not isinstance(days, int) or isinstance(days, bool) or not 7 <= days <= 90:
            raise _bad(f"The softDeleteRetentionInDays '{days}' is not valid: it must be between 7 and 90.")
        out["soft_delete_retention_days"] = days
    access = props.get("publicNetworkAccess")
    if access is not None:
        if not isinstance(access, str) or access.lower() not in ("enabled", "disabled"):
            raise _invalid(f"Error converting value \"{access}\" to type 'PublicNetworkAccess'. "
                           "Path 'properties.publicNetworkAccess'.")
        out["public_network_access"] = access.capitalize()
    acls = props.get("networkAcls")
    if acls is not None:
        if not isinstance(acls, dict):
            raise _invalid("Error converting value to type 'NetworkRuleSet'. Path 'properties.networkAcls'.")
        out["network_acls"] = {"bypass": acls.get("bypass", "AzureServices"),
                               "defaultAction": acls.get("defaultAction", "Allow"),
                               "ipRules": list(acls.get("ipRules") or []),
                               "virtualNetworkRules": list(acls.get("virtualNetworkRules") or [])}
    return out, _policies(cloud, props)


class VaultProvider(Provider):
    type = TYPE

    def find(self, cloud: Cloud, rid: ResourceId) -> Bound | None:
        found = next((v for v in vaults(cloud).values() if v.id.lower() == rid.id.lower()), None)
        return Bound(found, cloud) if found is not None else None

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[Bound]:
        rg = (rid.resource_group or "").lower()
        return [Bound(v, cloud) for v in vaults(cloud).values() if not rg or v.resource_group.lower() == rg]

    def to_arm(self, resource: Bound) -> dict:
        """The body `az keyvault show` prints (its access policies included)."""
        return vault_body(resource.cloud, resource.item)

    def _apply(self, cloud: Cloud, vault: Vault, fields: dict[str, Any],
               policies: list[AccessPolicy] | None) -> Callable[[], None]:
        def commit() -> None:
            for k, v in fields.items():
                setattr(vault, k, v)
            vaults(cloud)[vault.id] = vault
            if policies is not None:
                access_policies(cloud, vault)[:] = policies
        return commit

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: Any, existing: Bound | None,
            whole: bool = True) -> Plan:
        body = body or {}
        fields, policies = _changes(cloud, body, existing.item if existing is not None else None, whole)
        if existing is not None:
            return Plan(resource=existing, commit=self._apply(cloud, existing.item, fields, policies),
                        proposed=Bound(existing.item.model_copy(update=fields), cloud))
        group = cloud.group(rid.resource_group or "")
        vid = f"{group.id}/providers/{TYPE}/{rid.name}"
        check_name_free(cloud, rid.name, vid)
        location = body.get("location")
        loc = location if isinstance(location, str) and location else group.location
        vault = Vault(name=rid.name, resource_group=group.name, location=loc, id=vid, created=cloud.clock.now(),
                      created_by=caller.sign_in_name)
        return Plan(resource=Bound(vault, cloud), commit=self._apply(cloud, vault, fields, policies), status=200,
                    proposed=Bound(vault.model_copy(update=fields), cloud))

    def patch(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: Any, existing: Bound) -> Plan:
        return self.put(cloud, caller, rid, body, existing, whole=False)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: Bound) -> Plan:
        def commit() -> None:
            soft_delete(cloud, existing.item)
        return Plan(resource=existing, commit=commit, status=200)


register(VaultProvider())
