"""The registry resource: properties, policies and the JSON az prints for it."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from .artifacts import ArtifactStore
from .clock import iso

NAME_RE = re.compile(r"^[a-zA-Z0-9]{5,50}$")


class IpRule(BaseModel):
    ip_address_or_range: str
    action: str = "Allow"

    def to_json(self) -> dict:
        return {"action": self.action, "ipAddressOrRange": self.ip_address_or_range}


class VirtualNetworkRule(BaseModel):
    subnet_id: str
    action: str = "Allow"

    def to_json(self) -> dict:
        return {"action": self.action, "virtualNetworkResourceId": self.subnet_id}


class NetworkRuleSet(BaseModel):
    default_action: str = "Allow"
    ip_rules: list[IpRule] = Field(default_factory=list)
    virtual_network_rules: list[VirtualNetworkRule] = Field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "defaultAction": self.default_action,
            "ipRules": [r.to_json() for r in self.ip_rules],
            "virtualNetworkRules": [r.to_json() for r in self.virtual_network_rules],
        }


class Policies(BaseModel):
    retention_status: str = "disabled"
    retention_days: int = 7
    retention_updated: datetime | None = None
    retention_enabled_at: datetime | None = None
    """When the retention policy was last switched on: only later untags are covered."""
    soft_delete_status: str = "disabled"
    soft_delete_days: int = 7
    soft_delete_updated: datetime | None = None
    trust_status: str = "disabled"
    quarantine_status: str = "disabled"
    export_status: str = "enabled"
    aad_as_arm_status: str = "enabled"

    def to_json(self) -> dict:
        return {
            "azureAdAuthenticationAsArmPolicy": {"status": self.aad_as_arm_status},
            "exportPolicy": {"status": self.export_status},
            "quarantinePolicy": {"status": self.quarantine_status},
            "retentionPolicy": {
                "days": self.retention_days,
                "lastUpdatedTime": iso(self.retention_updated),
                "status": self.retention_status,
            },
            "softDeletePolicy": {
                "lastUpdatedTime": iso(self.soft_delete_updated),
                "retentionDays": self.soft_delete_days,
                "status": self.soft_delete_status,
            },
            "trustPolicy": {"status": self.trust_status, "type": "Notary"},
        }


class Registry(BaseModel):
    """A `Microsoft.ContainerRegistry/registries` resource and everything stored in it."""

    name: str
    subscription_id: str
    resource_group: str
    location: str
    sku: str
    created: datetime
    created_by: str
    created_by_type: str = "User"
    modified: datetime
    modified_by: str
    modified_by_type: str = "User"
    admin_user_enabled: bool = False
    admin_passwords: dict[str, str] = Field(default_factory=dict)
    """`password` and `password2`, generated once and kept while the admin user is off."""
    anonymous_pull_enabled: bool = False
    data_endpoint_enabled: bool = False
    regional_endpoints: str = "Disabled"
    """`Enabled`: a login server per geo-replica (engine/regional_endpoints.py; Premium only)."""
    public_network_access: str = "Enabled"
    network_rule_bypass_options: str = "AzureServices"
    network_rule_bypass_allowed_for_tasks: bool = False
    network_rule_set: NetworkRuleSet | None = None
    policies: Policies = Field(default_factory=Policies)
    role_assignment_mode: str = "LegacyRegistryPermissions"
    tags: dict[str, str] = Field(default_factory=dict)
    zone_redundancy: str = "Disabled"
    metadata_search: str = "Disabled"
    dnl_scope: str = "Unsecure"
    endpoint_protocol: str = "IPv4"
    """IPv4, or IPv4AndIPv6: the public endpoints (login server, data endpoints) also answer over IPv6 (preview)."""
    writable_cache_repos: str = "Disabled"
    """Enabled: repositories backed by cache rules accept pushes and imports (preview; engine/artifact_cache.py)."""
    login_server: str
    identity: dict[str, Any] | None = None
    encryption: dict[str, Any] = Field(default_factory=lambda: {"keyVaultProperties": None, "status": "disabled"})
    store: ArtifactStore = Field(default_factory=ArtifactStore)
    # Sub-resources, keyed by name; each family module owns its model.
    replications: dict[str, Any] = Field(default_factory=dict)
    webhooks: dict[str, Any] = Field(default_factory=dict)
    scope_maps: dict[str, Any] = Field(default_factory=dict)
    tokens: dict[str, Any] = Field(default_factory=dict)
    tasks: dict[str, Any] = Field(default_factory=dict)
    runs: dict[str, Any] = Field(default_factory=dict)
    private_endpoint_connections: dict[str, Any] = Field(default_factory=dict)
    extra: dict[str, Any] = Field(default_factory=dict)
    """Per-family state that is not a resource of its own (run counters, throttling windows...)."""

    @property
    def id(self) -> str:
        return (
            f"/subscriptions/{self.subscription_id}/resourceGroups/{self.resource_group}"
            f"/providers/Microsoft.ContainerRegistry/registries/{self.name}"
        )

    def system_data(self) -> dict:
        return {
            "createdAt": iso(self.created),
            "createdBy": self.created_by,
            "createdByType": self.created_by_type,
            "lastModifiedAt": iso(self.modified),
            "lastModifiedBy": self.modified_by,
            "lastModifiedByType": self.modified_by_type,
        }

    def data_endpoint_host_names(self) -> list[str]:
        if not self.data_endpoint_enabled:
            return []
        regions = {self.location} | {r.location for r in self.replications.values() if getattr(r, "location", None)}
        # sorted by region, as the service lists them (azure-cli test_acr_with_dedicated_data_endpoints)
        return [f"{self.name}.{region}.data.azurecr.io" for region in sorted(regions)]

    def regional_endpoint_host_names(self) -> list[str]:
        from .regional_endpoints import host_names

        return host_names(self)

    def to_json(self) -> dict:
        """The registry as `az acr show` prints it (ARM properties flattened, resourceGroup added)."""
        return {
            "adminUserEnabled": self.admin_user_enabled,
            "anonymousPullEnabled": self.anonymous_pull_enabled,
            "autoGeneratedDomainNameLabelScope": self.dnl_scope,
            "creationDate": iso(self.created),
            "dataEndpointEnabled": self.data_endpoint_enabled,
            "dataEndpointHostNames": self.data_endpoint_host_names(),
            "encryption": self.encryption,
            "endpointProtocol": self.endpoint_protocol,
            "id": self.id,
            "identity": self.identity,
            "location": self.location,
            "loginServer": self.login_server,
            "metadataSearch": self.metadata_search,
            "name": self.name,
            "networkRuleBypassAllowedForTasks": self.network_rule_bypass_allowed_for_tasks,
            "networkRuleBypassOptions": self.network_rule_bypass_options,
            "networkRuleSet": self.network_rule_set.to_json() if self.network_rule_set else None,
            "policies": self.policies.to_json(),
            "privateEndpointConnections": [c.to_json() if hasattr(c, "to_json") else c
                                           for c in self.private_endpoint_connections.values()],
            "provisioningState": "Succeeded",
            "publicNetworkAccess": self.public_network_access,
            "regionalEndpointHostNames": self.regional_endpoint_host_names(),
            "regionalEndpoints": self.regional_endpoints,
            "resourceGroup": self.resource_group,
            "roleAssignmentMode": self.role_assignment_mode,
            "sku": {"name": self.sku, "tier": self.sku},
            "status": None,
            "systemData": self.system_data(),
            "tags": dict(self.tags),
            "type": "Microsoft.ContainerRegistry/registries",
            "writableCacheRepos": self.writable_cache_repos,
            "zoneRedundancy": self.zone_redundancy,
        }
