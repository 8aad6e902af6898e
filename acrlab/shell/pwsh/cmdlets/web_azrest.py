"""Az.Accounts' Invoke-AzRestMethod over the lab's web router: a request to Resource Manager (-Path, or the parts
-ResourceGroupName/-ResourceProviderName/-ResourceType/-Name/-ApiVersion) or to any -Uri (the token's audience
from -ResourceId or the URI's host), signed with the signed-in account's Entra token, as Azure PowerShell sends it
(Azure/azure-powershell src/Accounts/Accounts/help/Invoke-AzRestMethod.md, in MicrosoftDocs/azure-docs-powershell
azps-16.2.0/Az.Accounts/Invoke-AzRestMethod.md: parameter sets ByPath, ByParameters, ByURI). It returns PSHttpResponse (Headers, Version, StatusCode, Method, Content: the body as
text) whatever the status; only a failure to reach the host is an error."""

from __future__ import annotations

import json

from ....engine import web
from ....engine.entra_tokens import issue_access_token
from ... import web_client
from .. import views
from ..values import Hashtable, PSError, PSObject
from .base import Param, cmdlet
from .resources import PROFILE
from .web import _network_error

HTTP = "Microsoft.Azure.Commands.Profile.Models.PSHttpResponse"
ARM = "https://management.azure.com"
ARM_RESOURCE = "https://management.core.windows.net/"
views.register(HTTP, "list", "Headers", "Version", "StatusCode", "Method", "Content")


def _path(ctx, a) -> str:
    if a.Path:
        return a.Path
    sub = a.SubscriptionId or ctx.subscription.subscription_id
    base = f"/subscriptions/{sub}" + (f"/resourceGroups/{a.ResourceGroupName}" if a.ResourceGroupName else "")
    types, names = list(a.ResourceType or []), list(a.Name or [])
    if not a.ResourceProviderName:
        return f"{base}?api-version={a.ApiVersion}"
    path = a.ResourceProviderName + "".join(f"/{t}/{n}" for t, n in zip(types, names, strict=False))
    return f"{base}/providers/{path}?api-version={a.ApiVersion}"


def _audience(url: str) -> str:
    """The token's resource for a URL: Resource Manager's, or the URL's own origin (https://graph.microsoft.com)."""
    if url.lower().startswith(ARM):
        return ARM_RESOURCE
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}" if rest else ARM_RESOURCE


@cmdlet("Invoke-AzRestMethod", [
    Param("Path", "string", "Target path (/subscriptions/.../providers/...?api-version=...) under the management "
          "endpoint.", sets=("ByPath",), mandatory=True),
    Param("Uri", "string", "Uniform Resource Identifier of the Azure resources; the target resource needs to support "
          "Azure AD authentication and the access token is derived according to resource id.", sets=("ByURI",),
          mandatory=True, position=0),
    Param("ResourceId", "string", "The resource id (audience) of the token for -Uri, e.g. "
          "https://management.azure.com/.", sets=("ByURI",)),
    Param("Method", "string", "Http Method.", values=("GET", "POST", "PUT", "PATCH", "DELETE")),
    Param("Payload", "string", "JSON format payload."),
    Param("ResourceGroupName", "string", "Target resource group name.", sets=("ByParameters",)),
    Param("ResourceProviderName", "string", "Target resource provider name.", sets=("ByParameters",)),
    Param("ResourceType", "strings", "List of target resource types.", sets=("ByParameters",)),
    Param("Name", "strings", "List of target resource names.", sets=("ByParameters",)),
    Param("ApiVersion", "string", "Api version.", sets=("ByParameters",), mandatory=True),
    Param("SubscriptionId", "string", "Target subscription id.", sets=("ByParameters",)),
    Param("AsJob", "switch", "Run cmdlet in the background (the lab's requests finish at once)."),
    Param("WaitForCompletion", "switch", "Waits for the long-running operation (the lab's finish at once)."),
    PROFILE,
], "Construct and perform HTTP request to Azure resource management endpoint only.", module="Az.Accounts",
    sets=["ByPath", "ByParameters", "ByURI"], default_set="ByPath", outputs=HTTP)
def invoke_az_rest(ctx, a, items):
    method = (a.Method or "GET").upper()
    url = a.Uri if a.Uri else ARM + _path(ctx, a)
    resource = a.ResourceId or _audience(url)
    token, _ = issue_access_token(ctx.cloud, ctx.principal, resource)
    headers = {"Authorization": f"Bearer {token}", "User-Agent": "AzurePowershell/Az4.0.0"}
    body = b""
    if a.Payload:
        try:
            json.loads(a.Payload)
        except ValueError as e:
            raise PSError(f"The payload is not valid JSON: {e}") from None
        body = a.Payload.encode()
        headers["Content-Type"] = "application/json"
    try:
        resp = web_client.send(ctx.sh, method, url, headers, body)
    except web.WebError as e:
        error = _network_error(ctx, e, url)
        error.stmt = True  # the cmdlet's terminating error: a try block catches it
        raise error from None
    return PSObject(HTTP, {"Headers": Hashtable({k: [v] for k, v in resp.headers.items()}), "Version": "1.1",
                           "StatusCode": resp.status, "Method": method, "Content": web_client.to_text(resp.body)})
