"""az rest: a custom request through the lab's web router (engine/web.py), signed with the logged-in account's
Entra token as azure-cli does.

As azure-cli's util module and core `send_raw_request` (Azure/azure-cli src/azure-cli/azure/cli/command_modules/
util/_params.py and _help.py, src/azure-cli-core/azure/cli/core/util.py): a URL without a host is a resource id
under https://management.azure.com; `{subscriptionId}` is replaced by the current subscription; unless
--skip-authorization-header or an Authorization header is given, an https URL under Resource Manager gets a bearer
token for https://management.core.windows.net/ (or for --resource), and any other URL a warning that no resource
could be derived; --headers and --uri-parameters take KEY=VALUE words or JSON objects (@file loads one); a body
that parses as JSON gets Content-Type application/json; a non-2xx answer is `ERROR: <reason>(<body>)`; a JSON
answer is the command's output (--query, -o apply), any other text is printed with azure-cli's warning.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from ....engine import web
from ....engine.entra_tokens import issue_access_token
from ....engine.errors import CliError
from ... import web_client
from ..framework import Arg, command

ARM = "https://management.azure.com"
ARM_RESOURCE = "https://management.core.windows.net/"
ENDPOINTS = {"https://graph.microsoft.com": "https://graph.microsoft.com/",
             "https://management.core.windows.net": ARM_RESOURCE}
"""The cloud endpoints (`az cloud show --query endpoints`) other than Resource Manager a URL can start with."""
USER_AGENT = "python/3.11.7 (Linux-6.8.0-x86_64-with-glibc2.39) AZURECLI/2.80.0"
METHODS = ["head", "get", "put", "post", "delete", "options", "patch"]


def _load(ctx, value: str) -> str:
    """knack's @FILE expansion."""
    if not value.startswith("@"):
        return value
    content = ctx.sh.read_file(value[1:])
    if content is None:
        raise CliError(f"[Errno 2] No such file or directory: '{value[1:]}'")
    return content


def _pairs(ctx, words: list[str] | None, option: str) -> dict[str, str]:
    """KEY=VALUE words or JSON objects (shell_safe_json_parse first, then split at the first '=')."""
    out: dict[str, str] = {}
    for word in words or []:
        text = _load(ctx, word)
        try:
            parsed = json.loads(text)
        except ValueError:
            parsed = None
        if isinstance(parsed, dict):
            out.update({str(k): str(v) for k, v in parsed.items()})
            continue
        key, sep, value = text.partition("=")
        if not sep:
            raise CliError(f"{option} expects KEY=VALUE pairs or a JSON object, not '{word}'")
        out[key] = value
    return out


def _resource_for(url: str) -> str | None:
    low = url.lower()
    if low.startswith(ARM):
        return ARM_RESOURCE
    return next((r for e, r in ENDPOINTS.items() if low.startswith(e)), None)


def _connection_error(e: web.WebError, url: str) -> CliError:
    """What requests raises (azure-cli wraps it in CLIError) when the host does not answer."""
    host = e.host or url.split("://", 1)[-1].split("/", 1)[0]
    path = "/" + url.split("://", 1)[-1].partition("/")[2]
    if e.kind in ("url", "scheme"):
        return CliError(f"Invalid URL '{url}': {e}")
    return CliError(f"HTTPSConnectionPool(host='{host}', port=443): Max retries exceeded with url: {path} (Caused by "
                    f"NameResolutionError(\"<urllib3.connection.HTTPSConnection object>: Failed to resolve '{host}' "
                    "([Errno -2] Name or service not known)\"))")


@command("rest", "Invoke a custom request.", [
    Arg("method", "--method -m", "HTTP request method.", choices=METHODS, default="get"),
    Arg("url", "--url --uri -u", "Request URL. If it doesn't start with a host, CLI assumes it as an Azure resource ID "
        "and prefixes it with the ARM endpoint of the current cloud shown by `az cloud show --query "
        "endpoints.resourceManager`. Common token {subscriptionId} will be replaced with the current subscription ID "
        "specified by `az account set`.", required=True),
    Arg("headers", "--headers", "Space-separated headers in KEY=VALUE format or JSON string. Use @{file} to load "
        "from a file.", kind="list"),
    Arg("uri_parameters", "--uri-parameters --url-parameters", "Query parameters in the URL. Space-separated queries "
        "in KEY=VALUE format or JSON string. Use @{file} to load from a file.", kind="list"),
    Arg("skip_authorization_header", "--skip-authorization-header", "Do not auto-append Authorization header.",
        kind="flag"),
    Arg("body", "--body -b", "Request body. Use @{file} to load from a file. For quoting issues in different "
        "terminals, see https://github.com/Azure/azure-cli/blob/dev/doc/use_cli_effectively.md#quoting-issues"),
    Arg("output_file", "--output-file", "Save response payload to a file."),
    Arg("resource", "--resource", "Resource url for which CLI should acquire a token from AAD in order to access the "
        "service. The token will be placed in the Authorization header. By default, CLI can figure this out based on "
        "--url argument, unless you use ones not in the list of \"az cloud show --query endpoints\"."),
], examples=[
    ("Get a virtual machine", "az rest --method get --uri /subscriptions/{subscriptionId}/resourceGroups/"
     "{resourceGroupName}/providers/Microsoft.Compute/virtualMachines/{vmName}?api-version=2019-03-01"),
    ("Create a public IP address from body.json file", "az rest --method put --url https://management.azure.com/"
     "subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/"
     "publicIPAddresses/{publicIpAddressName}?api-version=2019-09-01 --body @body.json"),
], long_summary="This command automatically authenticates using the logged-in credential: If Authorization header "
   "is not set, it attaches header `Authorization: Bearer <token>`, where `<token>` is retrieved from AAD. If "
   "Content-Type header is not set and --body is a valid JSON string, Content-Type header will default to "
   "application/json.")
def rest(ctx, a):
    headers = _pairs(ctx, a.headers, "--headers")
    params = _pairs(ctx, a.uri_parameters, "--uri-parameters")
    body = _load(ctx, a.body) if a.body is not None else None
    headers["User-Agent"] = " ".join(x for x in (USER_AGENT, headers.get("User-Agent")) if x)
    if body:
        try:
            json.loads(body)
            headers.setdefault("Content-Type", "application/json")
        except ValueError:
            pass
    url = a.url if "://" in a.url else ARM + a.url
    if "{subscriptionId}" in url:
        url = url.replace("{subscriptionId}", ctx.subscription.subscription_id)
    if params:
        url += ("&" if "?" in url else "?") + urlencode(params)
    has_auth = any(k.lower() == "authorization" for k in headers)
    if not a.skip_authorization_header and not has_auth and url.lower().startswith("https://"):
        resource = a.resource or _resource_for(url)
        if resource:
            token, _ = issue_access_token(ctx.cloud, ctx.principal, resource)
            headers["Authorization"] = f"Bearer {token}"
        else:
            ctx.warn("Can't derive appropriate Azure AD resource from --url to acquire an access token. If access "
                     "token is required, use --resource to specify the resource")
    data = web_client.to_bytes(body) if body else b""
    try:
        r = web_client.send(ctx.sh, a.method.upper(), url, headers, data)
    except web.WebError as e:
        raise _connection_error(e, url) from None
    if r.status >= 400:
        text = r.body.decode("utf-8", "replace")
        raise CliError(r.reason + (f"({text})" if text else ""))
    if a.output_file:
        web_client.write_bytes(ctx.sh, a.output_file, r.body)
        return None
    if not r.body:
        return None
    try:
        return json.loads(r.body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        ctx.warn('Not a json response, outputting to stdout. For binary data suggest use "--output-file" to write '
                 "to a file")
        ctx.io.out(web_client.to_text(r.body))
        return None
