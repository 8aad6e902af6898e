"""Request bodies for Microsoft.ContainerRegistry/registries (PUT: Registry, PATCH: RegistryUpdateParameters), as
azure-rest-api-specs defines them (stable/2025-04-01; Azure/bicep-types-az generated/containerregistry).

Fields left out are `None`: a PUT gives them their defaults, a PATCH leaves them as they are. Enum values are
matched case-insensitively, as the service does, and stored in the spelling the service returns."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AliasChoices, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic.alias_generators import to_camel


def _canonical(*values: str):
    table = {v.lower(): v for v in values}

    def fix(v: Any) -> Any:
        return table.get(v.lower(), v) if isinstance(v, str) else v
    return BeforeValidator(fix)


def _lower(v: Any) -> Any:
    return v.lower() if isinstance(v, str) else v


class Body(BaseModel):
    """A JSON body: camelCase on the wire, snake_case in Python; unknown and read-only properties are ignored,
    as the service ignores them."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="ignore", frozen=True)


SkuName = Annotated[Literal["Basic", "Standard", "Premium", "Classic"],
                    _canonical("Basic", "Standard", "Premium", "Classic")]
PolicyStatus = Annotated[Literal["enabled", "disabled"], BeforeValidator(_lower)]
EnabledDisabled = Annotated[Literal["Enabled", "Disabled"], _canonical("Enabled", "Disabled")]
Action = Annotated[Literal["Allow", "Deny"], _canonical("Allow", "Deny")]
IdentityType = Annotated[
    Literal["None", "SystemAssigned", "UserAssigned", "SystemAssigned, UserAssigned"],
    _canonical("None", "SystemAssigned", "UserAssigned", "SystemAssigned, UserAssigned", "SystemAssigned,UserAssigned")]
DnlScope = Annotated[
    Literal["Unsecure", "TenantReuse", "SubscriptionReuse", "ResourceGroupReuse", "NoReuse"],
    _canonical("Unsecure", "TenantReuse", "SubscriptionReuse", "ResourceGroupReuse", "NoReuse")]
EndpointProtocol = Annotated[Literal["IPv4", "IPv4AndIPv6"], _canonical("IPv4", "IPv4AndIPv6")]
"""2026-09-01-preview (azure-cli recordings test_acr_create_with_dual_stack_endpoints.yaml)."""
RoleAssignmentMode = Annotated[Literal["LegacyRegistryPermissions", "AbacRepositoryPermissions"],
                               _canonical("LegacyRegistryPermissions", "AbacRepositoryPermissions")]


class Sku(Body):
    name: SkuName


class IpRule(Body):
    action: Annotated[Literal["Allow"], _canonical("Allow")] = "Allow"
    value: str = Field(validation_alias=AliasChoices("value", "ipAddressOrRange", "ip_address_or_range"))


class VirtualNetworkRule(Body):
    action: Annotated[Literal["Allow"], _canonical("Allow")] = "Allow"
    id: str = Field(validation_alias=AliasChoices("id", "virtualNetworkResourceId", "virtual_network_resource_id"))


class NetworkRuleSet(Body):
    default_action: Action = "Allow"
    ip_rules: list[IpRule] | None = None
    virtual_network_rules: list[VirtualNetworkRule] | None = None


class StatusPolicy(Body):
    status: PolicyStatus | None = None


class RetentionPolicy(StatusPolicy):
    days: int | None = None


class SoftDeletePolicy(StatusPolicy):
    retention_days: int | None = None


class TrustPolicy(StatusPolicy):
    type: Annotated[Literal["Notary"], _canonical("Notary")] | None = None


class Policies(Body):
    quarantine_policy: StatusPolicy | None = None
    trust_policy: TrustPolicy | None = None
    retention_policy: RetentionPolicy | None = None
    export_policy: StatusPolicy | None = None
    azure_ad_authentication_as_arm_policy: StatusPolicy | None = Field(
        default=None, validation_alias=AliasChoices("azureADAuthenticationAsArmPolicy",
                                                    "azureAdAuthenticationAsArmPolicy",
                                                    "azure_ad_authentication_as_arm_policy"))
    soft_delete_policy: SoftDeletePolicy | None = None


class KeyVaultProperties(Body):
    key_identifier: str | None = None
    identity: str | None = None
    """The client id of the user-assigned identity that reads the key."""


class Encryption(Body):
    status: PolicyStatus | None = None
    key_vault_properties: KeyVaultProperties | None = None


class Identity(Body):
    type: IdentityType
    user_assigned_identities: dict[str, Any] | None = None


class RegistryProperties(Body):
    admin_user_enabled: bool | None = None
    network_rule_set: NetworkRuleSet | None = None
    policies: Policies | None = None
    encryption: Encryption | None = None
    data_endpoint_enabled: bool | None = None
    regional_endpoints: EnabledDisabled | None = None
    public_network_access: EnabledDisabled | None = None
    network_rule_bypass_options: Annotated[Literal["AzureServices", "None"],
                                           _canonical("AzureServices", "None")] | None = None
    network_rule_bypass_allowed_for_tasks: bool | None = None
    zone_redundancy: EnabledDisabled | None = None
    anonymous_pull_enabled: bool | None = None
    metadata_search: EnabledDisabled | None = None
    auto_generated_domain_name_label_scope: DnlScope | None = None
    role_assignment_mode: RoleAssignmentMode | None = None
    endpoint_protocol: EndpointProtocol | None = None
    writable_cache_repos: EnabledDisabled | None = None


class RegistryUpdate(Body):
    """PATCH: every part optional, and what is left out stays as it is."""

    sku: Sku | None = None
    tags: dict[str, str] | None = None
    identity: Identity | None = None
    properties: RegistryProperties = Field(default_factory=RegistryProperties)


class Registry(RegistryUpdate):
    """PUT: `sku` and `location` are required by the service (checked by the provider, so the error is ARM's)."""

    location: str | None = None


class RegeneratePassword(Body):
    name: Annotated[Literal["password", "password2"], BeforeValidator(_lower)]
