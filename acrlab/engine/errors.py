"""Errors the simulated Azure raises: the one catalogue of ARM error codes (code -> HTTP status, message template,
source) with `ArmError`, the data plane's RegistryError, and az's client-side CliError (raised by shell/az only)."""

from __future__ import annotations

from dataclasses import dataclass


class AzureError(Exception):
    """A failure as Azure reports it: an error code, a message and an HTTP status.

    `arm=True` errors come from Resource Manager and az prints them as `(Code) Message`;
    `arm=False` ones are az's own client-side validation and print as the bare message.
    """

    code = "BadRequest"
    status = 400
    arm = True

    def __init__(self, message: str, code: str | None = None, status: int | None = None, arm: bool | None = None):
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        if status is not None:
            self.status = status
        if arm is not None:
            self.arm = arm


@dataclass(frozen=True)
class ErrorSpec:
    status: int
    template: str
    source: str
    """Where the text was taken from (a Microsoft document, an azure-cli recording, or ARM's own wording)."""
    code: str | None = None
    """The code on the wire when it differs from the catalogue key (the service answers several refusals with a
    plain `BadRequest`)."""


PRIVATE_LINK_HELP = "https://aka.ms/acr/private-link"
CHECKNAME_URL = "https://docs.microsoft.com/en-us/rest/api/containerregistry/registries/checknameavailability"

CATALOGUE: dict[str, ErrorSpec] = {
    # -- Resource Manager itself ------------------------------------------------------------------
    "InvalidRequestContent": ErrorSpec(
        400, "The request content was invalid and could not be deserialized: '{detail}'.",
        "ARM request validation (azure-quickstart-templates deployment errors)"),
    "LocationRequired": ErrorSpec(400, "The location property is required for this definition.", "ARM"),
    "NoRegisteredProviderFound": ErrorSpec(
        400, "No registered resource provider found for location '{location}' and API version '{api_version}' for "
             "type '{type}'.", "ARM"),
    "InvalidResourceType": ErrorSpec(
        400, "The resource type '{type}' could not be found in the namespace '{namespace}' for api version "
             "'{api_version}'.", "ARM"),
    "ResourceGroupNotFound": ErrorSpec(404, "Resource group '{name}' could not be found.", "ARM"),
    "LocationNotAvailableForResourceGroup": ErrorSpec(
        400, "The provided location '{location}' is not available for resource group. List of available regions is "
             "'eastus,eastus2,westus,westus2,westus3,centralus,northcentralus,southcentralus,westcentralus,"
             "canadacentral,canadaeast,brazilsouth,northeurope,westeurope,uksouth,ukwest,francecentral,"
             "germanywestcentral,swedencentral,switzerlandnorth,norwayeast,eastasia,southeastasia,japaneast,japanwest,"
             "koreacentral,australiaeast,australiasoutheast,centralindia,southindia,southafricanorth,uaenorth'.",
        "ARM (azure-cli issues quoting az group create with an unknown location)"),
    "ProviderOperationsNotAvailable": ErrorSpec(
        400, "The resource provider '{namespace}' is not available in this lab: its operations list holds {available} "
             "only.", "the lab's limit (Get-AzProviderOperation serves Microsoft.ContainerRegistry's operations)"),
    "EncryptionNotEnabled": ErrorSpec(
        400, "Customer-managed key encryption is not enabled for registry '{registry}': it can only be set when the "
             "registry is created.", "lab wording (docs tutorial-enable-customer-managed-keys.md: CMK is set at "
                                     "creation and cannot be disabled)", code="BadRequest"),
    "InvalidResourceGroupLocation": ErrorSpec(
        409, "Invalid resource group location '{location}'. The Resource group already exists in location "
             "'{existing}'.", "ARM (azure-cli issues quoting az group create in another location)"),
    # -- Azure Monitor diagnostic settings (Microsoft.Insights/diagnosticSettings) -------------------------
    "DiagnosticCategoryNotSupported": ErrorSpec(
        400, "Category '{category}' is not supported.", "Azure Monitor (GitHub issues quoting the service)",
        code="BadRequest"),
    "DiagnosticMetricCategoryNotSupported": ErrorSpec(
        400, "Metric category '{category}' is not supported, supported categories are: 'AllMetrics'.",
        "Azure Monitor (GitHub issues quoting the service)", code="BadRequest"),
    "DiagnosticDestinationRequired": ErrorSpec(
        400, "At least one of the following must be specified: storage account, event hub, or Log Analytics "
             "workspace.", "Azure Monitor diagnostic settings (the lab's wording of the rule)", code="BadRequest"),
    "DiagnosticDestinationInvalid": ErrorSpec(
        400, "The destination '{resource}' is not a valid Log Analytics workspace or storage account resource id.",
        "Azure Monitor diagnostic settings (the lab's wording of the rule)", code="BadRequest"),
    "DiagnosticSettingsLimit": ErrorSpec(
        400, "Data sink can't be added because the maximum number of {limit} diagnostic settings for the resource "
             "has been reached.", "Azure Monitor diagnostic settings limits", code="BadRequest"),
    "ResourceNotFound": ErrorSpec(
        404, "The Resource '{resource}' under resource group '{resource_group}' was not found. For more details "
             "please go to https://aka.ms/ARMResourceNotFoundFix", "ARM (azure-cli recordings)"),
    "ParentResourceNotFound": ErrorSpec(
        404, "Can not perform requested operation on nested resource. Parent resource '{name}' not found.", "ARM"),
    "InvalidResourceLocation": ErrorSpec(
        400, "The resource '{name}' already exists in location '{existing}' in resource group '{resource_group}'. "
             "A resource with the same name cannot be created in location '{requested}'. Please select a new "
             "resource name.", "ARM"),
    "LocationNotAvailableForResourceType": ErrorSpec(
        400, "The provided location '{location}' is not available for resource type '{type}'.", "ARM"),
    "AuthorizationFailed": ErrorSpec(
        403, "The client '{client}' with object id '{object_id}' does not have authorization to perform action "
             "'{action}' over scope '{scope}' or the scope is invalid. If access was recently granted, please "
             "refresh your credentials.", "ARM (azure-cli recordings)"),
    "OperationNotAllowed": ErrorSpec(400, "{detail}", "ARM"),
    # -- Microsoft.ContainerRegistry ----------------------------------------------------------------
    "RegistryNameInvalid": ErrorSpec(
        400, "Registry name '{name}' is invalid. Registry names may contain only alpha numeric characters and must "
             "be between 5 and 50 characters.", "ACR resource provider"),
    "AlreadyInUse": ErrorSpec(
        409, "The registry DNS name {name}.azurecr.io is already in use. You can check if the name is already "
             "claimed using following API: " + CHECKNAME_URL, "ACR resource provider"),
    "SkuNotSupported": ErrorSpec(
        400, "The SKU {sku} is not supported.", "ACR resource provider (Azure/bicep-registry-modules#1316)"),
    "DisablingPublicNetworkAccessNotSupported": ErrorSpec(
        400, "Disabling public network access is not supported for the SKU {sku}. For more information, please "
             "visit " + PRIVATE_LINK_HELP + ".", "ACR resource provider (Azure-Samples issue #5)"),
    "ExportPolicyNotAllowed": ErrorSpec(
        400, "Export policy can be disabled only when public network access is disabled.",
        "ACR resource provider (azure-cli test_acr_export_policy)"),
    "CannotDowngradeRegistryWithReplications": ErrorSpec(
        400, "The registry has geo-replications. Please delete all replications before downgrading from Premium "
             "SKU.", "ACR resource provider"),
    "CannotDowngradeRegistryWithPrivateEndpoints": ErrorSpec(
        400, "The registry has private endpoint connections. Please delete them before downgrading from Premium "
             "SKU.", "ACR resource provider"),
    "StorageQuotaExceeded": ErrorSpec(
        400, "The registry storage exceeds the maximum for SKU {sku}.", "ACR resource provider"),
    "AnonymousPullNotSupported": ErrorSpec(
        400, "Anonymous pull is not supported for Basic SKU registries.", "ACR resource provider", code="BadRequest"),
    "IpRuleQuotaExceeded": ErrorSpec(
        400, "The requested feature IP rule exceeds allowed quota {limit} for the SKU {sku}.",
        "ACR resource provider", code="BadRequest"),
    "VNetRuleQuotaExceeded": ErrorSpec(
        400, "The requested feature VNet rule exceeds allowed quota {limit} for the SKU {sku}.",
        "ACR resource provider", code="BadRequest"),
    "DualStackRequiresDataEndpoint": ErrorSpec(
        400, "The requested feature dual stack endpoints is not supported without data endpoint enabled.",
        "ACR resource provider (azure-cli recording test_acr_with_dual_stack_endpoints.yaml)", code="BadRequest"),
    "TasksNotSupportedWithDualStack": ErrorSpec(
        400, "ACR Tasks is not supported on the registry '{registry}' because its endpoint protocol is IPv4AndIPv6. "
             "Set the endpoint protocol to IPv4 to run tasks.",
        "lab wording of docs container-registry-ipv6-dual-stack.md (Interactions with other registry features)",
        code="BadRequest"),
    "InvalidIpAddressOrRange": ErrorSpec(400, "The IP address or range '{value}' is invalid.",
                                         "ACR resource provider"),
    "InvalidVirtualNetworkRule": ErrorSpec(400, "Subnet {id} does not exist.", "ACR resource provider"),
    "AdminUserDisabled": ErrorSpec(
        400, "Cannot perform credential operations for {id} as admin user is disabled. Kindly enable admin user as "
             "per docs: https://docs.microsoft.com/en-us/azure/container-registry/container-registry-authentication"
             "#admin-account", "ACR resource provider (Az.ContainerRegistry)"),
    "WebhookNameInvalid": ErrorSpec(
        400, "The webhook name '{name}' is invalid. Webhook names may contain only alpha numeric characters and must "
             "be between 5 and 50 characters.", "ACR resource provider"),
    "WebhookQuotaExceeded": ErrorSpec(
        400, "Quota exceeded for resource type webhooks for the registry SKU {sku}. Learn more about different SKU "
             "quotas and upgrade process: https://docs.microsoft.com/en-us/azure/container-registry/"
             "container-registry-skus", "ACR resource provider", code="QuotaExceeded"),
    "ReplicationAlreadyExists": ErrorSpec(409, "A replication already exists in location '{location}'.",
                                          "ACR resource provider"),
    "CannotDeleteHomeReplication": ErrorSpec(
        400, "The replication in the home region of the registry cannot be deleted.", "ACR resource provider"),
    "InvalidScopeMapName": ErrorSpec(
        400, "Scope map name '{name}' is invalid: names starting with '_' are reserved for system scope maps.",
        "ACR resource provider"),
    "InvalidScopeMapAction": ErrorSpec(
        400, "The scope map action '{action}' is invalid. Actions look like 'repositories/<repository>/<action>' with "
             "content/read, content/write, content/delete, metadata/read or metadata/write.", "ACR resource provider"),
    "ScopeMapQuotaExceeded": ErrorSpec(
        409, "The registry '{registry}' has reached its limit of {limit} scope maps for the {sku} SKU.",
        "ACR resource provider (docs: container-registry-skus.md limits)", code="QuotaExceeded"),
    "TokenQuotaExceeded": ErrorSpec(
        409, "The registry '{registry}' has reached its limit of {limit} tokens for the {sku} SKU.",
        "ACR resource provider (docs: container-registry-skus.md limits)", code="QuotaExceeded"),
    "CannotUpdateSystemScopeMap": ErrorSpec(400, "System defined scope map '{name}' cannot be updated.",
                                            "ACR resource provider"),
    "CannotDeleteSystemScopeMap": ErrorSpec(400, "System defined scope map '{name}' cannot be deleted.",
                                            "ACR resource provider"),
    "InvalidScopeMapId": ErrorSpec(400, "The scope map '{id}' does not belong to registry '{registry}'.",
                                   "ACR resource provider"),
    "TokenNotFound": ErrorSpec(404, "The token '{token}' could not be found in registry '{registry}'.",
                               "ACR resource provider", code="ResourceNotFound"),
    "PrivateEndpointConnectionCannotBeApproved": ErrorSpec(
        400, "Private endpoint connection in Rejected state cannot be approved. Recreate the private endpoint to "
             "request access again.", "ACR resource provider (docs: container-registry-private-link.md)"),
    "InvalidPolicyValue": ErrorSpec(400, "{detail}", "ACR resource provider", code="BadRequest"),
    "SoftDeleteNotSupportedWithReplications": ErrorSpec(
        400, "Soft delete policy is not supported for geo-replicated registries.", "ACR resource provider (docs: "
        "container-registry-soft-delete-policy.md, preview limitations)", code="BadRequest"),
    "UserAssignedIdentityNotFound": ErrorSpec(
        404, "The user assigned identity '{identity}' could not be found.", "ACR resource provider",
        code="ResourceNotFound"),
    "KeyVaultPurgeProtectionRequired": ErrorSpec(
        400, "The key vault '{vault}' must have soft delete and purge protection enabled to be used for encryption.",
        "ACR resource provider (docs: tutorial-enable-customer-managed-keys.md)"),
    "EncryptionIdentityNotAssigned": ErrorSpec(
        400, "The identity '{identity}' used for encryption is not a user assigned identity of the registry.",
        "ACR resource provider"),
    # -- artifact cache (engine/artifact_cache.py) --------------------------------------------------
    "TargetRepositoryAlreadyPresentInRegistry": ErrorSpec(
        409, "Conflict: Target repository '{repo}' is already present in registry. Cache rules cannot be created for "
             "existing repositories in registry. For more information, please visit https://aka.ms/acr/cache",
        "ACR resource provider (Azure/ARO-HCP pull request 2639)"),
    "TargetRepositoryPrefixMatchesExistingRegistries": ErrorSpec(
        409, "There are one or more target repositories in the registry which match the target repository prefix "
             "'{prefix}'.", "ACR resource provider (Azure/ARO-HCP pull request 5176)"),
    "InvalidCacheRuleRepositoryName": ErrorSpec(
        400, "Repository names should follow the standardized docker repository naming conventions. All characters "
             "should be lowercase. For more information, please visit https://aka.ms/acr/cache.",
        "ACR resource provider (Azure/acr issue 766)", code="BadRequest"),
    "CacheRuleOverlap": ErrorSpec(
        409, "A cache rule with a wildcard for the target repository already exists: '{existing}' (cache rule "
             "'{rule}') overlaps '{target_repo}'. For more information, please visit https://aka.ms/acr/cache",
        "lab wording of the rule in docs wildcards-artifact-cache.md / troubleshoot-artifact-cache.md",
        code="Conflict"),
    "CacheRuleTargetInUse": ErrorSpec(
        409, "The target repository '{target_repo}' is already used by cache rule '{rule}'. For more information, please "
             "visit https://aka.ms/acr/cache", "lab wording of docs wildcards-artifact-cache.md", code="Conflict"),
    "CacheRuleQuotaExceeded": ErrorSpec(
        400, "The registry already has the maximum of {limit} cache rules. Delete cache rules that are no longer "
             "needed.", "lab wording of docs artifact-cache-overview.md (1,000 rules)", code="QuotaExceeded"),
    "UnsupportedUpstreamRegistry": ErrorSpec(
        400, "The source registry '{host}' is not supported by artifact cache. For more information, please visit "
             "https://aka.ms/acr/cache", "lab wording of docs artifact-cache-overview.md (Upstream support)",
        code="BadRequest"),
    "EnforceDockerAuthentication": ErrorSpec(
        400, "Cannot create cache rule pointing to Docker Hub without credentials. Please add a credential set to "
             "cache rule. Learn more: https://aka.ms/acr/cache-auth",
        "ACR's answer to a cache rule PUT, as quoted in hashicorp/terraform-provider-azurerm pull request 27983 "
        "(2024-11); the rule: docs artifact-cache-overview.md (Docker Hub: authenticated pulls only)"),
    "CredentialSetNotFound": ErrorSpec(
        404, "The credential set '{id}' was not found.", "lab wording", code="ResourceNotFound"),
    "CredentialSetLoginServerMismatch": ErrorSpec(
        400, "The credential set '{name}' holds credentials for '{login_server}', not for the source registry "
             "'{host}'.", "lab wording", code="BadRequest"),
    "CredentialSetInUse": ErrorSpec(
        409, "The credential set '{name}' is used by cache rule(s) {rules}. Remove it from those rules first.",
        "lab wording", code="Conflict"),
    # -- management locks (engine/locks.py) ---------------------------------------------------------
    "ScopeLocked": ErrorSpec(
        409, "The scope '{scope}' cannot perform {operation} operation because following scope(s) are locked: "
             "{locked}. Please remove the lock and try again.",
        "ARM (azure-cli issue 20232; Azure/apiops issue 606)"),
    # -- Microsoft.Network virtual network peerings (engine/peering.py) ----------------------------------
    "InvalidResourceReference": ErrorSpec(
        400, "Resource {reference} referenced by resource {resource} was not found. Please make sure that the "
             "referenced resource exists, and that both resources are in the same region.", "ARM (Microsoft.Network)"),
    "CannotPeerVnetToItself": ErrorSpec(
        400, "Cannot create or update peering {peering} because the remote virtual network is the same as the "
             "local virtual network. For more information please refer to https://aka.ms/VnetPeeringInfo",
        "lab wording in Microsoft.Network's style"),
    "VnetAddressSpacesOverlap": ErrorSpec(
        400, "Cannot create or update peering {peering}. Virtual networks {local} and {remote} cannot be peered "
             "because their address spaces overlap. Overlapping address prefixes: {prefixes}. For more information "
             "please refer to https://aka.ms/VnetPeeringInfo",
        "Microsoft.Network's peering refusals (Azure/ResourceModules issue 731, microsoft/AzureTRE issue 3255)"),
    "VnetAlreadyPeeredWithRemoteVnet": ErrorSpec(
        400, "Cannot create or update peering {peering}. Virtual network {local} is already peered with virtual "
             "network {remote} through peering {other}. For more information please refer to "
             "https://aka.ms/VnetPeeringInfo", "lab wording in Microsoft.Network's style"),
    "RemotePeeringIsDisconnected": ErrorSpec(
        400, "Cannot create or update peering {peering} because remote peering {remote_peering} referencing parent "
             "virtual network {local} is in Disconnected state. Update or re-create the remote peering to get it "
             "back to Initiated state. Peering gets Disconnected when remote vnet or remote peering is deleted and "
             "re-created. For more information please refer to https://aka.ms/VnetPeeringInfo",
        "Microsoft.Network's peering refusal text"),
    "MissingSubscriptionRegistration": ErrorSpec(
        409, "The subscription is not registered to use namespace '{namespace}'. See https://aka.ms/rps-not-found "
             "for how to register subscriptions.", "ARM (resource provider not registered)"),
    "InvalidEventSubscriptionDestination": ErrorSpec(
        400, "The attribute 'endpointUrl' has an invalid value: {url}. The endpoint URL of a WebHook destination "
             "must be an absolute HTTPS URL.", "lab wording in Event Grid's style (webhook-event-delivery.md: "
                                               "HTTPS endpoints only)"),
    "InvalidEventType": ErrorSpec(
        400, "The event type '{event_type}' is not supported by the topic type Microsoft.ContainerRegistry."
             "Registries. Supported event types: {supported}.", "lab wording in Event Grid's style"),
    "RequestDisallowedByPolicy": ErrorSpec(
        403, "Resource '{name}' was disallowed by policy. Policy identifiers: '{identifiers}'.",
        "ARM (Azure Policy deny effect; MicrosoftDocs/azure-docs articles/governance/policy/troubleshoot/general.md)"),
    "PolicyDefinitionNotFound": ErrorSpec(
        404, "The policy definition '{name}' could not be found.",
        "Azure Policy REST API, Policy Assignments - Create (policy definition not found)"),
    "InvalidPolicyParameters": ErrorSpec(
        400, "The policy parameter '{name}' has an invalid value. Allowed values: {allowed}.",
        "lab wording in Azure Policy's style (the definition's allowedValues)"),
}

# Codes the lab raises with the service's text but whose HTTP status differs from 400.
BAD_REQUEST = "BadRequest"


def _merge(codes: dict[str, tuple]) -> None:
    """Add a family's codes (kept in their own module: errors_<family>.py) to the one catalogue."""
    for key, (status, template, source, *wire) in codes.items():
        assert key not in CATALOGUE, f"error code {key} is catalogued twice"
        CATALOGUE[key] = ErrorSpec(status, template, source, wire[0] if wire else None)


from . import (  # noqa: E402  (family catalogues import nothing)
    errors_aks,
    errors_appservice,
    errors_authorization,
    errors_codesigning,
    errors_connected,
    errors_identity,
    errors_network,
    errors_security,
    errors_storage,
    errors_tasks,
    errors_web,
)

for _family in (errors_aks, errors_appservice, errors_authorization, errors_codesigning, errors_connected,
                errors_identity, errors_network, errors_security, errors_storage, errors_tasks, errors_web):
    _merge(_family.CODES)


class ArmError(AzureError):
    """An error Resource Manager (or a resource provider behind it) returns: code, message, HTTP status, target.

    Build it from the catalogue: `ArmError("SkuNotSupported", sku="Basic")`. `message=` overrides the template
    for codes whose text the provider composes (InvalidRequestContent details, OperationNotAllowed)."""

    def __init__(self, code: str, *, message: str | None = None, target: str | None = None, **fields: object):
        spec = CATALOGUE.get(code)
        if spec is None:
            raise KeyError(f"error code {code!r} is not in the ARM error catalogue")
        super().__init__(message if message is not None else spec.template.format(**fields), code=spec.code or code,
                         status=spec.status, arm=True)
        self.key = code
        self.target = target

    def to_json(self) -> dict:
        """ARM's error body: `{"error": {"code", "message", "target"?}}`."""
        body: dict[str, object] = {"code": self.code, "message": self.message}
        if self.target:
            body["target"] = self.target
        return {"error": body}


def invalid_content(detail: str) -> ArmError:
    return ArmError("InvalidRequestContent", detail=detail)


class CliError(AzureError):
    """az's own validation (InvalidArgumentValueError, RequiredArgumentMissingError, ...)."""

    code = "InvalidArgumentValue"
    arm = False


class UsageError(CliError):
    """A usage error: az exits with 2 for these."""

    code = "UsageError"


class ResourceNotFound(AzureError):
    code = "ResourceNotFound"
    status = 404

    def __init__(self, message: str, code: str | None = None):
        super().__init__(message, code=code)


def arm_not_found_message(resource: str, resource_group: str) -> str:
    """ARM's 404 for a resource in a group: `resource` is `Provider/type/name[/childType/childName...]`."""
    return CATALOGUE["ResourceNotFound"].template.format(resource=resource, resource_group=resource_group)


class ArmResourceNotFound(ResourceNotFound):
    def __init__(self, resource: str, resource_group: str):
        super().__init__(arm_not_found_message(resource, resource_group))


class ResourceGroupNotFound(ResourceNotFound):
    code = "ResourceGroupNotFound"

    def __init__(self, name: str):
        super().__init__(CATALOGUE["ResourceGroupNotFound"].template.format(name=name))


class CliResourceNotFound(CliError):
    """az's ResourceNotFoundError raised by the CLI itself (printed without a code)."""

    code = "ResourceNotFound"
    status = 404


class AlreadyInUse(AzureError):
    code = "AlreadyInUse"
    status = 409


class Conflict(AzureError):
    code = "Conflict"
    status = 409


class AuthorizationFailed(AzureError):
    code = "AuthorizationFailed"
    status = 403

    def __init__(self, client: str, object_id: str, action: str, scope: str, decision=None):
        super().__init__(CATALOGUE["AuthorizationFailed"].template.format(
            client=client, object_id=object_id, action=action, scope=scope))
        self.decision = decision


class RegistryError(Exception):
    """A data-plane (Docker Registry HTTP API v2) error: `{"errors":[{"code","message"}]}` with a status."""

    def __init__(self, code: str, message: str, status: int = 400, detail=None, decision=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
        self.detail = detail
        self.decision = decision


ACR_UNAUTHORIZED = "authentication required, visit https://aka.ms/acr/authorization for more information."
"""ACR's 401 text (Azure/acr issues #506, #841): Docker prints it after `unauthorized: `."""


def unauthorized(message: str = ACR_UNAUTHORIZED) -> RegistryError:
    return RegistryError("UNAUTHORIZED", message, 401)


def denied(message: str = "requested access to the resource is denied", decision=None) -> RegistryError:
    return RegistryError("DENIED", message, 403, decision=decision)
