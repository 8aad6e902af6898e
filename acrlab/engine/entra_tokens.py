"""Microsoft Entra ID access tokens (what Get-AzAccessToken and `az account get-access-token` return): a JWT for
one resource (audience), issued to the signed-in principal for 60 to 90 minutes.

Every token issued is remembered (`cloud.state['entra_access_tokens']`), so the services it is presented to
(Resource Manager over HTTP, a registry's /oauth2/exchange) can tell who holds it: `verify(cloud, token,
audiences)`. The lab's JWT signature is an opaque hash, so an unknown or edited token is never accepted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from .cloud import Cloud
from .tenant import Principal

RESOURCES = {"arm": "https://management.azure.com/", "keyvault": "https://vault.azure.net",
             "storage": "https://storage.azure.com", "msgraph": "https://graph.microsoft.com/",
             "synapse": "https://dev.azuresynapse.net", "operationalinsights": "https://api.loganalytics.io",
             "resourcemanager": "https://management.azure.com/"}
LIFETIME = timedelta(minutes=75)
ARM_AUDIENCES = ("https://management.azure.com/", "https://management.core.windows.net/",
                 "https://management.azure.com", "https://management.core.windows.net")
"""The audiences Resource Manager accepts (az's default resource is management.core.windows.net)."""


@dataclass
class Issued:
    principal_id: str
    audience: str
    expires: datetime


def _issued(cloud: Cloud) -> dict[str, Issued]:
    return cloud.state.setdefault("entra_access_tokens", {})


def _forget_expired(cloud: Cloud, issued: dict[str, Issued]) -> None:
    """Tokens are issued in time order with one lifetime, so the oldest expire first; drop those past expiry."""
    now = cloud.clock.now()
    while issued:
        token = next(iter(issued))
        if issued[token].expires > now:
            break
        del issued[token]


def issue_access_token(cloud: Cloud, principal: Principal, resource: str) -> tuple[str, datetime]:
    """(token, expiry) for `resource` (an audience URL); the claims name the principal and the tenant."""
    now = cloud.clock.now()
    expires = now + LIFETIME
    tenant = cloud.tenant.tenant_id
    claims = {"aud": resource, "iss": f"https://sts.windows.net/{tenant}/", "iat": int(now.timestamp()),
              "nbf": int(now.timestamp()), "exp": int(expires.timestamp()), "oid": principal.object_id,
              "tid": tenant, "ver": "1.0"}
    if principal.kind == "User":
        claims["upn"] = principal.user_principal_name
    else:
        claims["appid"] = principal.app_id or principal.object_id
    token = cloud.ids.jwt(claims)
    issued = _issued(cloud)
    _forget_expired(cloud, issued)
    issued[token] = Issued(principal.object_id, resource, expires)
    return token, expires


def lookup(cloud: Cloud, token: str) -> Issued | None:
    """What the tenant knows of a token it issued (None: it never issued it, or forgot it after expiry)."""
    return _issued(cloud).get(token.strip())


def verify(cloud: Cloud, token: str, audiences: tuple[str, ...] | None = None) -> tuple[Principal | None, str]:
    """(principal, '') for a token this tenant issued that is unexpired, for one of `audiences` (any when None),
    to a principal that still exists; (None, why) otherwise."""
    entry = lookup(cloud, token)
    if entry is None:
        return None, "the access token is not valid: it was not issued by this tenant"
    if cloud.clock.now() >= entry.expires:
        return None, "the access token has expired"
    if audiences is not None and not audience_matches(entry.audience, audiences):
        return None, f"the access token is for the audience '{entry.audience}', not for this service"
    principal = cloud.tenant.principals.get(entry.principal_id)
    if principal is None:
        return None, "the principal the access token was issued to no longer exists"
    return principal, ""


def audience_matches(audience: str, audiences: tuple[str, ...]) -> bool:
    return audience.rstrip("/").lower() in {a.rstrip("/").lower() for a in audiences}
