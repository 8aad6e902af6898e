"""Microsoft.Authorization's error codes (role assignments and role definitions), merged into errors.CATALOGUE.

Each entry: code -> (HTTP status, message template, source[, code on the wire])."""

from __future__ import annotations

_RECORDINGS = "Microsoft.Authorization (azure-cli role scenario recordings)"

CODES: dict[str, tuple] = {
    "MissingSubscription": (
        400, "The request did not have a subscription or a valid tenant level resource provider.", "ARM"),
    "SubscriptionNotFound": (404, "The subscription '{subscription}' could not be found.", "ARM"),
    "NotSupportedInLab": (
        400, "acrlab keeps {type} resources in the tenant's first subscription ('{default}') only; in another "
             "subscription it serves resource groups, registries, role assignments, locks and App Service.",
        "acrlab: a limit of the lab, said plainly (not an Azure error)"),
    "RoleDefinitionDoesNotExist": (
        400, "The specified role definition with ID '{guid}' does not exist.", _RECORDINGS),
    "PrincipalNotFound": (
        400, "Principal {object_id} does not exist in the directory {tenant}. Check that you have the correct "
             "principal ID. If you are creating this principal and then immediately assigning a role, this error "
             "might be related to a replication delay. In this case, set the role assignment principalType property "
             "to a value, such as ServicePrincipal, User, or Group.  See https://aka.ms/docs-principaltype",
        "docs: role-based-access-control/troubleshooting.md (PrincipalNotFound)"),
    "UnmatchedPrincipalType": (
        400, "The PrincipalId '{object_id}' has type '{actual}' , which is different from specified PrincipalType "
             "'{specified}'.", _RECORDINGS),
    "RoleAssignmentUpdateNotPermitted": (
        400, "Tenant ID, application ID, principal ID, and scope are not allowed to be updated.",
        "docs: role-based-access-control/troubleshooting.md"),
    "RoleAssignmentExists": (409, "The role assignment already exists.",
                             "docs: role-based-access-control/troubleshooting.md"),
    "RoleAssignmentNotFound": (404, "The role assignment '{name}' is not found.", "Microsoft.Authorization"),
    "InvalidRoleDefinition": (400, "{detail}", "Microsoft.Authorization", "InvalidRequestFormat"),
    "RoleDefinitionWithSameNameExists": (
        409, "A custom role with the same name already exists in this directory. Use a different name.",
        "docs: role-based-access-control/troubleshooting.md"),
    "RoleDefinitionUpdateNotAllowed": (
        400, "The role definition cannot be updated because it is a built-in role.", "Microsoft.Authorization"),
    "RoleDefinitionDeleteNotAllowed": (400, "Built-in role definitions cannot be deleted.",
                                       "Microsoft.Authorization"),
    "RoleDefinitionHasAssignments": (
        409, "There are existing role assignments referencing role (code: RoleDefinitionHasAssignments).",
        "docs: role-based-access-control/troubleshooting.md"),
    "InvalidCondition": (400, "{detail}", "Microsoft.Authorization (ABAC condition validation)", "BadRequest"),
}
