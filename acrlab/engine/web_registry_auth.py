"""ACR's token service: POST /oauth2/exchange (a Microsoft Entra access token -> an ACR refresh token) and
GET|POST /oauth2/token (an ACR refresh token, a username/password or Basic credentials -> an ACR access token for
the scopes asked, e.g. `repository:hello-world:pull,push`, `registry:catalog:*`).

Forms as Azure/acr docs/AAD-OAuth.md and azure-cli's acr/_docker_utils.py send them: exchange
`grant_type=access_token&service=<login server>&tenant=<tenant>&access_token=<Entra token>` (the Entra token is
one this tenant issued, for Resource Manager or https://containerregistry.azure.net); token
`grant_type=refresh_token&service=...&scope=...&refresh_token=...` or `grant_type=password&username=...&
password=...`, or a GET with `Authorization: Basic` (docker's flow). Actions as azure-cli asks for them: pull, push,
delete, metadata_read, metadata_write, deleted_read, deleted_restore, `*`.

The access token's `access` claim lists, of the actions asked, those the caller is granted when it is issued (the
intersection of requested and granted actions, docker/distribution docs/spec/auth/jwt.md; an action the caller lacks is
left out, not an error); a request the token does not cover is a 401 with the challenge. What the caller may do is
decided again when the token is used, by the data plane (RBAC/ABAC, token scope maps, network rules), as for docker,
so a role removed after issue still refuses. Both tokens are JWTs with ACR's claim set (AAD-OAuth.md
"token claim sets"); an access token lives as long as the credential it came from (3 hours for Entra callers).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import parse_qs

from . import entra_tokens
from .cloud import Cloud
from .dataplane import (
    AAD_TOKEN_LIFETIME,
    ACR_LOGIN_USERNAME,
    Credential,
    authenticate,
    decide,
    issue_aad_token,
)
from .errors import RegistryError, unauthorized
from .registry import Registry
from .web import WebRequest, WebResponse
from .web_registry import Caller, Scope, basic_pair, fail, respond

ACTIONS = {"pull", "push", "delete", "metadata_read", "metadata_write", "deleted_read", "deleted_restore", "*"}
ALIASES = {"metadataRead": "metadata_read", "metadataWrite": "metadata_write"}
"""azure-cli's older spellings of the metadata actions."""
ACR_AUDIENCES = (*entra_tokens.ARM_AUDIENCES, "https://containerregistry.azure.net",
                 "https://containerregistry.azure.net/")


@dataclass
class Grant:
    cred: Credential
    granted: dict[tuple[str, str], set[str]]
    expires: datetime


def _grants(cloud: Cloud) -> dict[str, Grant]:
    return cloud.state.setdefault("acr_access_tokens", {})


def _form(req: WebRequest) -> dict[str, list[str]]:
    """Form fields from the body (application/x-www-form-urlencoded) and the query string."""
    fields: dict[str, list[str]] = {k: list(v) for k, v in req.query.items()}
    if req.body:
        try:
            text = req.body.decode("utf-8")
        except UnicodeDecodeError:
            raise fail("BAD_REQUEST", "the request body is not a URL-encoded form", 400) from None
        for k, v in parse_qs(text, keep_blank_values=True).items():
            fields.setdefault(k, []).extend(v)
    return fields


def _one(fields: dict[str, list[str]], name: str) -> str:
    values = fields.get(name) or [""]
    return values[-1].strip()


def parse_scopes(values: list[str]) -> list[Scope]:
    out = []
    for value in values:
        for text in value.split():
            head, sep, actions = text.rpartition(":")
            kind, sep2, name = head.partition(":")
            if not (sep and sep2 and kind and name):
                raise fail("INVALID_SCOPE", f"invalid scope '{text}': expected type:name:actions, e.g. "
                            "repository:hello-world:pull or registry:catalog:*", 400)
            acts = tuple(dict.fromkeys(ALIASES.get(a, a) for a in actions.split(",") if a))
            unknown = [a for a in acts if a not in ACTIONS]
            if unknown:
                raise fail("INVALID_SCOPE", f"invalid scope '{text}': unknown action '{unknown[0]}' (ACR's actions: "
                            f"{', '.join(sorted(ACTIONS))})", 400)
            out.append(Scope(kind, name, acts))
    return out


def _check_service(reg: Registry, fields: dict[str, list[str]]) -> None:
    service = _one(fields, "service")
    if service and service.lower() != reg.login_server \
            and service.lower() not in reg.regional_endpoint_host_names():  # ACR tokens serve every endpoint
        raise fail("UNAUTHORIZED", f"the service '{service}' is not this registry ({reg.login_server})", 401)


def exchange(cloud: Cloud, reg: Registry, req: WebRequest) -> WebResponse:
    if req.method != "POST":
        raise fail("UNSUPPORTED", "The operation is unsupported: use POST /oauth2/exchange", 405)
    fields = _form(req)
    grant = _one(fields, "grant_type")
    if grant not in ("access_token", "access_token_refresh_token"):
        raise fail("UNSUPPORTED", f"grant_type '{grant}' is not supported: exchange a Microsoft Entra access token "
                   "with grant_type=access_token", 400)
    _check_service(reg, fields)
    tenant = _one(fields, "tenant")
    if tenant and tenant.lower() != cloud.tenant.tenant_id.lower():
        raise fail("UNAUTHORIZED", f"the tenant '{tenant}' is not the registry's tenant", 401)
    token = _one(fields, "access_token")
    if not token:
        raise fail("UNAUTHORIZED", "access_token is required with grant_type=access_token", 401)
    principal, why = entra_tokens.verify(cloud, token, ACR_AUDIENCES)
    if principal is None:
        raise fail("UNAUTHORIZED", why, 401)
    return respond(200, {"refresh_token": issue_aad_token(cloud, reg, principal)})


def _credential(cloud: Cloud, reg: Registry, req: WebRequest, fields: dict[str, list[str]]) -> Credential:
    grant = _one(fields, "grant_type")
    if grant == "refresh_token":
        if not _one(fields, "refresh_token"):
            raise unauthorized()
        return authenticate(cloud, reg, ACR_LOGIN_USERNAME, _one(fields, "refresh_token"))
    if grant == "password":
        if not (_one(fields, "username") and _one(fields, "password")):
            raise unauthorized()
        return authenticate(cloud, reg, _one(fields, "username"), _one(fields, "password"))
    if grant:
        raise fail("UNSUPPORTED", f"grant_type '{grant}' is not supported: use refresh_token or password", 400)
    header = (req.headers.get("Authorization") or "").strip()
    kind, _, value = header.partition(" ")
    if kind.lower() == "basic":
        user, password = basic_pair(value)
        return authenticate(cloud, reg, user, password)
    if header:
        raise unauthorized()
    if not reg.anonymous_pull_enabled:
        raise unauthorized()
    return Credential(kind="anonymous", registry=reg.name)


def token(cloud: Cloud, reg: Registry, req: WebRequest) -> WebResponse:
    if req.method not in ("GET", "POST"):
        raise fail("UNSUPPORTED", "The operation is unsupported: use GET or POST /oauth2/token", 405)
    fields = _form(req)
    _check_service(reg, fields)
    scopes = parse_scopes(fields.get("scope", []))
    cred = _credential(cloud, reg, req, fields)
    if cred.kind == "anonymous" and any(a != "pull" for s in scopes for a in s.actions):
        raise unauthorized()
    now = cloud.clock.now()
    expires = cred.expires or now + AAD_TOKEN_LIFETIME
    granted: dict[tuple[str, str], set[str]] = {}
    for s in scopes:
        granted.setdefault((s.type, s.name), set()).update(_granted(cloud, reg, cred, s))
    access = [{"type": t, "name": n, "actions": sorted(a)} for (t, n), a in granted.items()]
    subject = cred.describe() if cred.kind != "aad" else _subject(cloud, cred)
    jwt = cloud.ids.jwt({"jti": cloud.ids.guid(), "sub": subject, "nbf": int(now.timestamp()),
                         "exp": int(expires.timestamp()), "iat": int(now.timestamp()), "iss": "Azure Container Registry",
                         "aud": reg.login_server, "version": "1.0", "access": access, "roles": [],
                         "grant_type": "access_token"})
    grants = _grants(cloud)
    for old in [t for t, g in grants.items() if g.expires <= now]:
        del grants[old]
    grants[jwt] = Grant(cred, granted, expires)
    return respond(200, {"access_token": jwt})


REPOSITORY_ACTIONS = ("pull", "push", "delete", "metadata_read", "metadata_write")
"""The repository actions the data plane decides (dataplane.decide's operations)."""


def _granted(cloud: Cloud, reg: Registry, cred: Credential, scope: Scope) -> set[str]:
    """The actions of `scope` the credential holds now (the token service's intersection)."""
    def may(action: str) -> bool:
        if cred.kind == "anonymous":
            return action == "pull" and reg.anonymous_pull_enabled
        if action in ("deleted_read", "deleted_restore", "deleted_catalog"):  # soft delete: Azure RBAC actions
            from .softdelete import READ, RESTORE
            who = cloud.tenant.principals.get(cred.principal_id or "") if cred.kind == "aad" else None
            return who is not None and cloud.authorize(who, RESTORE if action == "deleted_restore" else READ,
                                                       reg.id).allowed
        return decide(cloud, reg, cred, action, scope.name if scope.type == "repository" else None).allowed

    if scope.type == "registry":
        wanted = {"catalog": "catalog", "deleted_catalog": "deleted_catalog"}.get(scope.name)
        return set(scope.actions) if wanted is not None and may(wanted) else set()
    if scope.type != "repository":
        return set()
    out = {a for a in scope.actions if a != "*" and may(a)}
    if "*" in scope.actions:
        held = {a for a in REPOSITORY_ACTIONS if may(a)}
        out |= {"*"} if held == set(REPOSITORY_ACTIONS) else held
    return out


def _subject(cloud: Cloud, cred: Credential) -> str:
    p = cloud.tenant.principals.get(cred.principal_id or "")
    return p.sign_in_name if p is not None else (cred.principal_id or "")


def grant_of(cloud: Cloud, reg: Registry, jwt: str) -> Caller:
    """The caller behind an ACR access token sent as `Authorization: Bearer` (401 when it is not one)."""
    g = _grants(cloud).get(jwt)
    if g is None or g.cred.registry != reg.name or cloud.clock.now() >= g.expires:
        raise unauthorized()
    return Caller(g.cred, g.granted)


def handle(cloud: Cloud, reg: Registry, req: WebRequest) -> WebResponse:
    if req.path == "/oauth2/exchange":
        return exchange(cloud, reg, req)
    if req.path == "/oauth2/token":
        return token(cloud, reg, req)
    raise RegistryError("NOT_FOUND", f"the token service has no endpoint '{req.path}'", 404)
