"""Microsoft.CodeSigning's error codes (Artifact Signing accounts and certificate profiles), merged into
errors.CATALOGUE. Each entry: code -> (HTTP status, message template, source[, code on the wire])."""

from __future__ import annotations

CODES: dict[str, tuple] = {
    "CodeSigningAccountNameTaken": (
        409, "The artifact signing account name '{name}' is already in use.",
        "lab wording of azure-rest-api-specs codesigning models.tsp NameUnavailabilityReason AlreadyExists (account "
        "names are global: CodeSigningAccounts_CheckNameAvailability)", "Conflict"),
    "IdentityValidationNotCompleted": (
        400, "Identity validation '{id}' was not found in account '{account}' or is not completed. Complete an "
             "identity validation in the Azure portal first.",
        "lab wording of the artifact-signing quickstart (a certificate profile needs a completed identity "
        "validation, done in the Azure portal only)", "BadRequest"),
    "IdentityValidationTrustMismatch": (
        400, "Identity validation '{id}' is for {trust} Trust; a {profile_type} certificate profile needs a matching "
             "one.", "lab wording of the artifact-signing quickstart (Public identity validations serve Public Trust "
                     "profiles, Private ones Private Trust profiles)", "BadRequest"),
    "CertificateProfileImmutable": (
        400, "The profile type and identity validation of certificate profile '{name}' cannot be changed.",
        "lab wording (models.tsp: profileType and identityValidationId are set when the profile is created)",
        "BadRequest"),
}
