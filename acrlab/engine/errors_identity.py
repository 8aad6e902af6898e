"""Microsoft.ManagedIdentity's error codes (user-assigned identities and their federated identity credentials),
merged into errors.CATALOGUE. Each entry: code -> (HTTP status, message template, source[, code on the wire])."""

from __future__ import annotations

CODES: dict[str, tuple] = {
    "FederatedIdentityCredentialAlreadyExists": (
        400, "FederatedIdentityCredential with the same issuer '{issuer}' and subject '{subject}' already exists: "
             "'{other}'.", "lab wording of docs workload-identity-federation-considerations.md (issuer and subject "
             "unique per identity)", "BadRequest"),
    "FederatedIdentityCredentialQuotaExceeded": (
        400, "Too many Federated Identity Credentials are written to Managed Identity '{identity}'. Maximum is "
             "{limit}.", "docs workload-identity-federation-considerations.md (20 per managed identity); wording in "
             "the style of Microsoft.ManagedIdentity's concurrency refusal (Azure/bicep-registry-modules issue 1447)",
        "BadRequest"),
    "FederatedIdentityCredentialIncomplete": (
        400, "The request format was unexpected. Federated Identity Credential must specify 'issuer', 'subject' and "
             "'audience'.", "the service's answer quoted in zioproto/istio-aks-example issue 6; audiences are required "
                            "by azure-rest-api-specs msi stable/2024-11-30 FederatedIdentityCredentialProperties",
        "BadRequest"),
}
