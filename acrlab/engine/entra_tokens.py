"""Microsoft Entra ID access tokens (what Get-AzAccessToken and `az account get-access-token` return): a JWT for
one resource (audience), issued to the signed-in principal for 60 to 90 minutes."""

from __future__ import annotations

from datetime import timedelta

from .cloud import Cloud
from .tenant import Principal

RESOURCES = {"arm": "https://management.azure.com/", "keyvault": "https://vault.azure.net",
             "storage": "https://storage.azure.com", "msgraph": "https://graph.microsoft.com/",
             "synapse": "https://dev.azuresynapse.net", "operationalinsights": "https://api.loganalytics.io",
             "resourcemanager": "https://management.azure.com/"}
LIFETIME = timedelta(minutes=75)


def issue_access_token(cloud: Cloud, principal: Principal, resource: str) -> tuple[str, object]:
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
    return cloud.ids.jwt(claims), expires
