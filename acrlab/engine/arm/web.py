"""Resource Manager over HTTP: https://management.azure.com/<resource id>?api-version=... (what `az rest`,
Invoke-AzRestMethod, Invoke-RestMethod and curl send). The front door authenticates the bearer token (an Entra
access token this tenant issued for Resource Manager: `az account get-access-token`, Get-AzAccessToken), requires
the api-version, then hands the request to the resource manager (`send`): GET reads or lists (`$filter` passed
on), PUT/PATCH/DELETE change, POST `<resource id>/<action>` runs an action. Answers are ARM's JSON bodies and
`{"error": {"code", "message"}}` with the status of the error catalogue. Types the resource manager does not serve
yet (Key Vault keys and secrets, Graph objects) are answered by `cloud.state['arm_web_fallback']` when a higher
layer installs one (the shell's HTTP clients install the template providers' reads and writes), so every client
reaches the same resources a template deploys.
Source: MicrosoftDocs/azure-docs-cli (az rest), Azure/azure-rest-api-specs (resource ids, api-version query)."""

from __future__ import annotations

import json
from datetime import datetime

from .. import entra_tokens
from ..cloud import Cloud
from ..errors import ArmError, AzureError
from ..web import WebRequest, WebResponse, respond
from .manager import provider_for, send
from .request import parse_resource_id

HOST = "management.azure.com"


def _us_time(d: datetime) -> str:
    """ARM's token-expiry wording: '12/1/2026 10:15:00 AM'."""
    hour = d.hour % 12 or 12
    return f"{d.month}/{d.day}/{d.year} {hour}:{d.minute:02d}:{d.second:02d} {'AM' if d.hour < 12 else 'PM'}"


def caller_of(cloud: Cloud, req: WebRequest):
    header = (req.headers.get("Authorization") or "").strip()
    if not header:
        raise ArmError("AuthenticationFailedMissingHeader")
    kind, _, token = header.partition(" ")
    if kind.lower() != "bearer" or not token.strip():
        raise ArmError("AuthenticationFailedInvalidHeader")
    issued = entra_tokens.lookup(cloud, token)
    if issued is None:
        raise ArmError("InvalidAuthenticationToken")
    now = cloud.clock.now()
    if now >= issued.expires:
        raise ArmError("ExpiredAuthenticationToken", expiry=_us_time(issued.expires), now=_us_time(now))
    if not entra_tokens.audience_matches(issued.audience, entra_tokens.ARM_AUDIENCES):
        raise ArmError("InvalidAuthenticationTokenAudience", audience=issued.audience)
    principal = cloud.tenant.principals.get(issued.principal_id)
    if principal is None:
        raise ArmError("InvalidAuthenticationToken")
    return principal


def _served(path: str) -> bool:
    try:
        return provider_for(parse_resource_id(path).type) is not None
    except ValueError:
        return False


def _error(e: AzureError) -> WebResponse:
    body = e.to_json() if isinstance(e, ArmError) else {"error": {"code": e.code, "message": e.message}}
    return respond(e.status, body)


def handle(cloud: Cloud, req: WebRequest) -> WebResponse | None:
    try:
        caller = caller_of(cloud, req)
        api_version = req.arg("api-version")
        if not api_version:
            raise ArmError("MissingApiVersionParameter")
        body = None
        if req.method in ("PUT", "PATCH", "POST") and req.body.strip():
            try:
                body = json.loads(req.body.decode("utf-8"))
            except (ValueError, UnicodeDecodeError) as e:
                raise ArmError("InvalidRequestContent", detail=str(e)) from None
            if not isinstance(body, dict):
                raise ArmError("InvalidRequestContent", detail="the body must be a JSON object")
        path = req.path.rstrip("/")
        action = None
        if req.method == "POST":
            path, _, action = path.rpartition("/")
        if req.method not in ("GET", "PUT", "PATCH", "DELETE", "POST") or not path.lower().startswith("/subscriptions/"):
            raise ArmError("InvalidRequestUri", uri=req.url)
        fallback = cloud.state.get("arm_web_fallback")
        if fallback is not None and not _served(path):  # types the resource manager does not serve yet
            answer = fallback(cloud, caller, req.method, path, body)
            if answer is not None:
                return respond(answer[0], answer[1] if answer[1] is not None else b"")
        try:
            response = send(cloud, caller, req.method, path, body, action=action, api_version=api_version,
                            filter=req.arg("$filter"), if_none_match=(req.headers.get("If-None-Match") == "*"))
        except ValueError:
            raise ArmError("InvalidRequestUri", uri=req.url) from None
    except AzureError as e:
        return _error(e)
    payload = response.body
    if response.status == 204 or payload is None:
        return respond(response.status, b"")
    return respond(response.status, payload)
