"""App Service (Microsoft.Web serverfarms, sites, sourcecontrols) and Event Grid endpoint validation error codes,
merged into errors.CATALOGUE. Each entry: code -> (HTTP status, message template, source[, code on the wire])."""

from __future__ import annotations

_NAME_RULES = "MicrosoftDocs/azure-docs articles/azure-resource-manager/management/resource-name-rules.md (Microsoft.Web)"

CODES: dict[str, tuple] = {
    "WebsiteNameTaken": (
        409, "Website with given name {name} already exists.", "App Service (ExtendedCode 54001, the message "
             "template 'Website with given name {0} already exists.'; web app names are global)", "Conflict"),
    "InvalidSiteName": (
        400, "The site name '{name}' is invalid. It can contain only letters, digits and hyphens, be 2 to 60 "
             "characters long, and cannot start or end with a hyphen.", "lab wording of " + _NAME_RULES,
        "BadRequest"),
    "InvalidServerFarmName": (
        400, "The App Service plan name '{name}' is invalid. It can contain only letters, digits and hyphens and "
             "be 1 to 60 characters long.", "lab wording of " + _NAME_RULES, "BadRequest"),
    "ServerFarmNotFound": (
        404, "Cannot find ServerFarm with name {name}.", "App Service (ExtendedCode 51004, 'Cannot find {0} with "
                                                          "name {1}.')", "NotFound"),
    "ServerFarmHasSites": (
        409, "Server farm '{name}' cannot be deleted because it has web app(s) {sites} assigned to it.",
        "App Service (deleting a plan that hosts web apps)", "Conflict"),
    "InvalidAppServiceSku": (
        400, "The pricing tier '{sku}' is not allowed in this lab. Allowed values: {allowed}.",
        "lab wording (the tiers of AppServicePlans.json's SkuDescription that the lab models)", "BadRequest"),
    "SourceControlRepositoryNotFound": (
        400, "Repository '{url}' branch '{branch}' could not be fetched: the repository or branch does not exist.",
        "lab wording (Kudu's fetch of the repository fails)", "BadRequest"),
    "SourceControlAppNotRunnable": (
        400, "The lab's App Service cannot run the app in '{url}'. It runs: {apps}.",
        "lab limit: App Service runs only the apps the lab models", "BadRequest"),
    "EndpointValidationFailed": (
        400, "Webhook validation handshake failed for {url}. Http POST request failed with response code {status}. "
             "For troubleshooting, visit https://aka.ms/esvalidation.",
        "Event Grid's handshake failure as az prints it, '(Url validation) Webhook validation handshake failed for "
        "<endpoint>... https://aka.ms/esvalidation' (MicrosoftDocs/azure-docs articles/event-grid/"
        "troubleshoot-subscription-validation.md: the validation handshake failed, the subscription is not created)",
        "Url validation"),
}
