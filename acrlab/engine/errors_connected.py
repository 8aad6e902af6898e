"""Connected registries' error codes, merged into errors.CATALOGUE. Each entry: code -> (HTTP status, message
template, source[, code on the wire]). The rules are MicrosoftDocs/azure-management-docs
articles/container-registry/intro-connected-registry.md's; the wording is the lab's where the service's is not
published."""

from __future__ import annotations

INTRO = "docs intro-connected-registry.md"

CODES: dict[str, tuple] = {
    "ConnectedRegistryNameInvalid": (
        400, "Connected registry name '{name}' is invalid. Names must be between 5 and 40 characters long, start "
             "with a letter and contain only alphanumeric characters, '_' or '-'.",
        "azure-cli acr/_params.py (acr connected-registry --name help)", "BadRequest"),
    "ConnectedRegistryDataEndpointRequired": (
        400, "The dedicated data endpoint of registry '{registry}' must be enabled to use connected registries. "
             "Enable it with 'dataEndpointEnabled': true.",
        f"lab wording of {INTRO} (Prerequisites: a regional data endpoint) and quickstart-create-connected-"
        "registry.md", "BadRequest"),
    "ConnectedRegistryQuotaExceeded": (
        400, "The registry '{registry}' already has the maximum of {limit} connected registries.",
        f"lab wording of {INTRO} (Limitations)", "QuotaExceeded"),
    "ConnectedRegistryClientTokenQuotaExceeded": (
        400, "A connected registry can have at most {limit} client tokens; {count} were given.",
        f"lab wording of {INTRO} (Limitations)", "BadRequest"),
    "ConnectedRegistryInvalidMode": (
        400, "The mode '{mode}' is not valid. Valid modes are ReadWrite and ReadOnly.",
        f"{INTRO} (Modes); REST API ConnectedRegistryMode", "BadRequest"),
    "ConnectedRegistryModeNotCompatible": (
        400, "The connected registry '{name}' cannot use mode '{mode}' because its parent '{parent}' is in "
             "ReadOnly mode. Children of a ReadOnly connected registry must be ReadOnly.",
        f"lab wording of {INTRO} (Modes)", "BadRequest"),
    "ConnectedRegistryParentNotFound": (
        400, "The parent connected registry '{parent}' was not found in registry '{registry}'.",
        "lab wording (parent.id names a connected registry of the same cloud registry)", "BadRequest"),
    "ConnectedRegistryParentImmutable": (
        400, "The parent of connected registry '{name}' cannot be changed.",
        "lab wording (the REST API's ConnectedRegistryUpdateParameters carry no parent)", "BadRequest"),
    "ConnectedRegistryModeImmutable": (
        400, "The mode of connected registry '{name}' cannot be changed.",
        "lab wording (the REST API's ConnectedRegistryUpdateParameters carry no mode)", "BadRequest"),
    "ConnectedRegistryTokenNotFound": (
        400, "The token '{token}' was not found in registry '{registry}'.",
        "lab wording (tokenId and clientTokenIds name tokens of the same cloud registry)", "BadRequest"),
    "ConnectedRegistryInvalidSchedule": (
        400, "The sync schedule '{schedule}' is not a valid cron expression of 5 fields.",
        "REST API SyncProperties.schedule (cron expression)", "BadRequest"),
    "ConnectedRegistryInvalidDuration": (
        400, "The {field} '{value}' is not valid. It must be an ISO 8601 duration between {low} and {high}.",
        f"{INTRO} (Limitations: messageTtl 1 to 90 days, sync window 1 hour to 7 days)", "BadRequest"),
    "ConnectedRegistrySyncWindowRequired": (
        400, "A sync window is required when the sync schedule '{schedule}' is not continuous.",
        "azure-cli acr/_params.py (--sync-window: required if --sync-schedule is present)", "BadRequest"),
    "ConnectedRegistryInvalidLogLevel": (
        400, "The log level '{level}' is not valid. Valid log levels are Debug, Information, Warning, Error and "
             "None.", "azure-cli acr/_params.py (--log-level help); REST API LogLevel", "BadRequest"),
    "ConnectedRegistryHasChildren": (
        400, "The connected registry '{name}' has child connected registries ({children}). Delete them first.",
        "lab wording (a child's parent.id must name an existing connected registry)", "BadRequest"),
    "CannotDowngradeRegistryWithConnectedRegistries": (
        400, "The registry has connected registries. Please delete all connected registries before downgrading "
             "from Premium SKU.", "docs container-registry-skus.md (Changing tiers)", "BadRequest"),
}
