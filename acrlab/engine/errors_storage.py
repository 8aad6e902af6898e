"""Azure Storage (Microsoft.Storage/storageAccounts and containers) and ACR Transfer (exportPipelines,
importPipelines, pipelineRuns) error codes, merged into errors.CATALOGUE. Each entry: code -> (HTTP status, message
template, source[, code on the wire])."""

from __future__ import annotations

TRANSFER_DOCS = "docs container-registry-transfer-prerequisites.md"

CODES: dict[str, tuple] = {
    # -- Microsoft.Storage --------------------------------------------------------------------------------------
    "AccountNameInvalid": (
        400, "{name} is not a valid storage account name. Storage account name must be between 3 and 24 characters "
             "in length and use numbers and lower-case letters only.", "Microsoft.Storage (az storage account create)"),
    "StorageAccountAlreadyTaken": (
        409, "The storage account named {name} is already taken.", "Microsoft.Storage (az storage account create)"),
    "StorageAccountNotFound": (
        404, "The storage account {name} was not found.", "Microsoft.Storage", "ResourceNotFound"),
    "ContainerNameInvalid": (
        400, "The specified resource name contains invalid characters.", "Microsoft.Storage blob containers",
        "InvalidResourceName"),
    "StorageKeyNameInvalid": (
        400, "The key name '{name}' is not valid. Valid key names are key1 and key2.", "lab wording of "
             "Microsoft.Storage regenerateKey (keyName key1|key2)", "InvalidValuesForRequestParameters"),
    "ContainerNotEmptyDeleted": (
        409, "The container '{name}' is being deleted.", "lab wording", "ContainerBeingDeleted"),
    "PublicAccessNotPermitted": (
        409, "Public access is not permitted on this storage account.", "Microsoft.Storage (allowBlobPublicAccess "
                                                                         "false)"),
    # -- ACR Transfer ---------------------------------------------------------------------------------------------
    "TransferStorageAccessModeRequired": (
        400, "The storageAccessMode of the pipeline's {side} is required. Allowed values: ManagedIdentity, SasToken.",
        "REST API 2025-06-01-preview (storageAccessMode; docs container-registry-transfer-arm-template.md: 'You "
        "must specify which mode to use via the storageAccessMode property')", "BadRequest"),
    "TransferKeyVaultUriRequired": (
        400, "The keyVaultUri of the pipeline's {side} is required when storageAccessMode is SasToken.",
        "lab wording of the acrtransfer extension's rule (--secret-uri is required when --storage-access-mode is "
        "SasToken)", "BadRequest"),
    "TransferKeyVaultUriNotAllowed": (
        400, "The keyVaultUri of the pipeline's {side} cannot be set when storageAccessMode is ManagedIdentity.",
        "lab wording of the acrtransfer extension's rule (recording "
        "test_acr_export_pipeline_entra_mi_auth_with_secret_uri_fails)", "BadRequest"),
    "PipelineNameInvalid": (
        400, "The name '{name}' is invalid. Pipeline and pipeline run names may contain only letters and digits, "
             "at most 50 characters.", "REST API path parameters exportPipelineName, importPipelineName, "
             "pipelineRunName (^[a-zA-Z0-9]*$, maxLength 50; the Az.ContainerRegistry help creates a pipeline named "
             "'Exam') in lab wording", "InvalidResourceName"),
    "TransferExportPolicyDisabled": (
        400, "Export pipelines cannot be created or run on registry '{name}': its export policy is disabled.",
        "lab wording of docs data-loss-prevention.md (exportPolicy disabled blocks export pipelines)", "BadRequest"),
    "TransferUriInvalid": (
        400, "The uri '{uri}' is not a storage blob container URI of the form "
             "https://<account>.blob.core.windows.net/<container>.", "lab wording", "BadRequest"),
    "TransferIdentityNotFound": (
        400, "The user-assigned identity '{id}' was not found.", "lab wording", "InvalidIdentity"),
    "PipelineResourceNotFound": (
        400, "The pipeline resource '{id}' was not found on registry '{registry}'.", "lab wording", "BadRequest"),
    "PipelineRunArtifactsRequired": (
        400, "An export pipeline run needs at least one artifact and a target blob name.", "lab wording of "
             "the acrtransfer extension ('artifacts cannot be null for Export PipelineRuns')", "BadRequest"),
    "PipelineRunSourceRequired": (
        400, "An import pipeline run needs the name of the source blob.", "lab wording", "BadRequest"),
    "PipelineRunTooManyArtifacts": (
        400, "A pipeline run can transfer at most 50 artifacts; the request names {count}.",
        f"{TRANSFER_DOCS} ('Currently a maximum of 50 artifacts can be transferred with each PipelineRun')",
        "BadRequest"),
    "PipelineRunArtifactInvalid": (
        400, "The artifact '{artifact}' is not of the form repository:tag or repository@digest.", "lab wording of "
             "the acrtransfer extension's --artifacts help", "BadRequest"),
}
