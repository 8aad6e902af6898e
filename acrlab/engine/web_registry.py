"""A registry's HTTP API at https://<login server>/ (the lab's web router sends `*.azurecr.io` here): the OCI
distribution API under /v2/ (web_registry_v2.py), ACR's token service under /oauth2/ (web_registry_auth.py) and
ACR's own API under /acr/v1/ (web_registry_acr.py).

Every request is one caller: no Authorization header (anonymous), `Basic` (admin user, an ACR token, or the null
GUID with an ACR refresh token) or `Bearer` (an ACR access token from /oauth2/token, good for the scopes it was
issued for). The handlers call the data plane's own functions (images.py, dataplane.require, attributes.py,
softdelete.py, ...), so network rules, RBAC or ABAC, token scope maps, locks and soft delete decide exactly as for
docker and oras; a refusal is the registry's JSON error (`{"errors":[{"code","message","detail"}]}`), and a 401
carries the challenge (`Www-Authenticate: Bearer realm=...,service=...,scope=...`) clients follow.
Sources: Azure/acr docs/AAD-OAuth.md (challenge, /oauth2/exchange, /oauth2/token, catalog and tag listing with
pagination), opencontainers/distribution-spec spec.md (endpoints, status codes, error codes).
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass

from . import budget
from .cloud import Cloud
from .dataplane import Credential, authenticate, check_network
from .errors import RegistryError, unauthorized
from .registry import Registry
from .web import Headers, WebRequest, WebResponse

API_VERSION = "registry/2.0"


@dataclass(frozen=True)
class Scope:
    """What a request needs (a token scope): ('repository', 'hello-world', ('pull',)), ('registry', 'catalog',
    ('*',))."""

    type: str
    name: str
    actions: tuple[str, ...]

    def text(self) -> str:
        return f"{self.type}:{self.name}:{','.join(self.actions)}"


def repo_scope(repo: str, *actions: str) -> Scope:
    return Scope("repository", repo, actions)


CATALOG = Scope("registry", "catalog", ("*",))
DELETED_CATALOG = Scope("registry", "deleted_catalog", ("*",))


def respond(status: int, body=b"", content_type: str | None = None, headers: dict | None = None) -> WebResponse:
    """A registry response: HTTP/1.1 (Go's canonical header names), the distribution API version header."""
    h = Headers({"Docker-Distribution-Api-Version": API_VERSION})
    for k, v in (headers or {}).items():
        h[k] = v
    if isinstance(body, (dict, list)):
        body = json.dumps(body, separators=(",", ":")).encode()
        content_type = content_type or "application/json; charset=utf-8"
    if content_type:
        h["Content-Type"] = content_type
    h["Content-Length"] = str(len(body))
    return WebResponse(status, h, body, http_version="1.1")


def challenge(reg: Registry, scope: Scope | None) -> str:
    text = f'Bearer realm="https://{reg.login_server}/oauth2/token",service="{reg.login_server}"'
    return text + (f',scope="{scope.text()}"' if scope else "")


def error(reg: Registry, e: RegistryError, scope: Scope | None = None) -> WebResponse:
    detail = e.detail
    if e.status == 401 and detail is None and scope is not None:
        detail = [{"Type": scope.type, "Name": scope.name, "Action": a} for a in scope.actions]
    headers = {"Www-Authenticate": challenge(reg, scope)} if e.status == 401 else {}
    if e.status == 429:
        headers["Retry-After"] = "1"
    return respond(e.status, {"errors": [{"code": e.code, "message": e.message, "detail": detail}]},
                   headers=headers)


def fail(code: str, message: str, status: int, detail=None) -> RegistryError:
    return RegistryError(code, message, status, detail=detail)


@dataclass
class Caller:
    """Who sent a request: the credential the data plane judges, and (Bearer) the scopes its token covers."""

    cred: Credential
    granted: dict[tuple[str, str], set[str]] | None = None
    """(type, name) -> actions, for an ACR access token; None for Basic (the credential's own rights)."""

    def covers(self, scope: Scope) -> bool:
        if self.granted is None:
            return True
        have = self.granted.get((scope.type, scope.name), set())
        return "*" in have or all(a in have for a in scope.actions)


def basic_pair(value: str) -> tuple[str, str]:
    try:
        user, sep, password = base64.b64decode(value.strip(), validate=True).decode("utf-8").partition(":")
    except (ValueError, UnicodeDecodeError):
        raise unauthorized() from None
    if not sep:
        raise unauthorized()
    return user, password


def caller_of(cloud: Cloud, reg: Registry, req: WebRequest, scope: Scope | None) -> Caller:
    """Authenticate the request's Authorization header for `scope` (401 with the challenge when it cannot)."""
    from .web_registry_auth import grant_of
    header = (req.headers.get("Authorization") or "").strip()
    kind, _, value = header.partition(" ")
    if not header:
        return Caller(Credential(kind="anonymous", registry=reg.name))
    if kind.lower() == "basic":
        user, password = basic_pair(value)
        return Caller(authenticate(cloud, reg, user, password))
    if kind.lower() == "bearer":
        caller = grant_of(cloud, reg, value.strip())
        if scope is not None and not caller.covers(scope):
            raise unauthorized()
        return caller
    raise unauthorized()


def handle(cloud: Cloud, req: WebRequest) -> WebResponse | None:
    reg = cloud.registry_by_login_server(req.host)
    if reg is None:
        return _data_endpoint(cloud, req)
    from . import web_registry_acr, web_registry_auth, web_registry_v2
    budget.checkpoint()
    scope: list[Scope | None] = [None]
    try:
        check_network(cloud, reg, req.origin)
        path = req.path
        if path.startswith("/oauth2/"):
            return web_registry_auth.handle(cloud, reg, req)
        if path in ("/v2", "/v2/"):
            caller = caller_of(cloud, reg, req, None)
            if caller.cred.kind == "anonymous":
                raise unauthorized()
            return respond(200, {})
        if path.startswith("/v2/"):
            return web_registry_v2.handle(cloud, reg, req, scope)
        if path.startswith("/acr/v1/"):
            return web_registry_acr.handle(cloud, reg, req, scope)
        raise fail("NOT_FOUND", f"the registry has no API at '{path}'", 404)
    except RegistryError as e:
        return error(reg, e, scope[0])


def _data_endpoint(cloud: Cloud, req: WebRequest) -> WebResponse | None:
    """`<registry>.<region>.data.azurecr.io`: a dedicated data endpoint, behind the registry's network rules; a name
    that is no registry's data endpoint does not resolve (None)."""
    from . import registry_blob_links
    from .dns_names import registry_for
    reg, region = registry_for(cloud, req.host)
    if reg is None or region is None:
        return None
    try:
        check_network(cloud, reg, req.origin)
    except RegistryError as e:
        return error(reg, e)
    return registry_blob_links.handle(cloud, req, reg)


def authorize(cloud: Cloud, reg: Registry, req: WebRequest, scope: Scope, slot: list) -> Caller:
    """The caller of a request that needs `scope` (remembered in `slot` for the challenge of a 401)."""
    slot[0] = scope
    return caller_of(cloud, reg, req, scope)


def page(names: list[str], req: WebRequest, path: str) -> tuple[list[str], dict]:
    """`n` and `last` pagination with the Link header of the next page (Azure/acr docs/AAD-OAuth.md)."""
    last = req.arg("last")
    if last:
        names = [n for n in names if n > last]
    n = req.arg("n")
    if n is None or not n.strip():
        return names, {}
    if not n.isdigit():
        raise fail("PAGINATION_NUMBER_INVALID", "invalid number of results requested", 400, {"n": n})
    size = int(n)
    if len(names) <= size or size == 0:
        return names[:size] if size else names, {}
    kept = names[:size]
    return kept, {"Link": f'<{path}?last={kept[-1]}&n={size}&orderby={req.arg("orderby") or ""}>; rel="next"'}


def json_body(req: WebRequest) -> dict:
    try:
        data = req.json()
    except (ValueError, UnicodeDecodeError):
        raise fail("BAD_REQUEST", "the request body is not valid JSON", 400) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise fail("BAD_REQUEST", "the request body must be a JSON object", 400)
    return data
