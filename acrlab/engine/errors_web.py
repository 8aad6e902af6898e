"""Resource Manager's front door over HTTP (https://management.azure.com): the answers a request gets before any
resource provider sees it (authentication, api-version), merged into errors.CATALOGUE. Each entry: code -> (HTTP
status, message template, source[, code on the wire]). Texts as ARM returns them (quoted in Azure SDK issues and
scripts: Azure/azure-sdk-for-python, Azure/azure-powershell; the audiences list is Azure public cloud's)."""

from __future__ import annotations

_ARM = "ARM front door (az rest / Invoke-AzRestMethod answers)"
AUDIENCES = ("'https://management.core.windows.net/','https://management.core.windows.net',"
             "'https://management.azure.com/','https://management.azure.com'")

CODES: dict[str, tuple] = {
    "AuthenticationFailedMissingHeader": (
        401, "Authentication failed. The 'Authorization' header is missing.", _ARM, "AuthenticationFailed"),
    "AuthenticationFailedInvalidHeader": (
        401, "Authentication failed. The 'Authorization' header is provided in an invalid format.", _ARM,
        "AuthenticationFailed"),
    "InvalidAuthenticationToken": (401, "The access token is invalid.", _ARM),
    "ExpiredAuthenticationToken": (
        401, "The access token expiry UTC time '{expiry}' is earlier than current UTC time '{now}'.", _ARM),
    "InvalidAuthenticationTokenAudience": (
        401, "The access token has been obtained for wrong audience or resource '{audience}'. It should exactly "
             "match with one of the allowed audiences " + AUDIENCES + ".", _ARM),
    "MissingApiVersionParameter": (
        400, "The api-version query parameter (?api-version=) is required for all requests.", _ARM),
    "InvalidRequestUri": (404, "The request URI '{uri}' is not a resource Resource Manager serves.", _ARM,
                          "NotFound"),
}
