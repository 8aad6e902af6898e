"""The lab's HTTP router: every HTTP client the learner types (curl, `az rest`, Invoke-RestMethod, Invoke-WebRequest,
Invoke-AzRestMethod) sends one request here, and the backend that owns the URL's host answers it.

`request(cloud, method, url, headers, body, origin)` -> `WebResponse(status, headers, body bytes)`. A host nobody
serves raises `WebError("resolve", ...)`, what a DNS failure is to a client; a URL that cannot be parsed raises
`WebError("url", ...)`. Backends are found by host, lazily (a request imports only the backend it reaches):
- `HOSTS`: exact host names -> backend module (e.g. management.azure.com -> the resource manager);
- `SUFFIXES`: host-name suffixes -> backend module (`<registry>.azurecr.io`, `<account>.blob.core.windows.net`);
- the public web (`engine/public_web`): every host named in its URL table, static files by URL.
A backend module exports `handle(cloud, req: WebRequest) -> WebResponse | None` (None: no such host). Credentials
travel in the request's headers (Authorization), as over the wire; `origin` says where the client sits (the
workstation on the internet or a VM in a subnet), which network rules judge.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from .cloud import Cloud
from .dataplane import Origin

MAX_BODY = 64 * 1024 * 1024
"""The largest request body the lab's web accepts (bytes); larger bodies are refused with a 413."""

HOSTS: dict[str, str] = {
    "management.azure.com": "arm.web",
}
"""Exact host name -> the module (under acrlab.engine) that serves it."""

SUFFIXES: dict[str, str] = {
    ".azurecr.io": "web_registry",
    ".blob.core.windows.net": "blob_web",
    ".azurewebsites.net": "web_sites",
}
"""Host-name suffix -> the module (under acrlab.engine) that serves hosts ending with it."""

REASONS = {200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 206: "Partial Content",
           301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified",
           307: "Temporary Redirect", 308: "Permanent Redirect", 400: "Bad Request", 401: "Unauthorized",
           403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 409: "Conflict", 412: "Precondition Failed",
           413: "Payload Too Large", 415: "Unsupported Media Type", 416: "Range Not Satisfiable",
           429: "Too Many Requests", 500: "Internal Server Error", 501: "Not Implemented", 503: "Service Unavailable"}


class WebError(Exception):
    """The request never got an HTTP answer: kind 'url' (malformed URL), 'resolve' (unknown host), 'scheme'
    (a protocol the lab does not speak), 'connect' (a port nobody listens on)."""

    def __init__(self, kind: str, message: str, host: str = ""):
        super().__init__(message)
        self.kind = kind
        self.host = host


class Headers:
    """HTTP headers: names compare case-insensitively and keep the spelling first written."""

    def __init__(self, items: Mapping[str, str] | Iterable[tuple[str, str]] = ()) -> None:
        self._items: dict[str, tuple[str, str]] = {}
        for k, v in (items.items() if isinstance(items, Mapping) else items):
            self[k] = v

    def __setitem__(self, key: str, value: str) -> None:
        old = self._items.get(key.lower())
        self._items[key.lower()] = (old[0] if old else key, str(value))

    def __getitem__(self, key: str) -> str:
        return self._items[key.lower()][1]

    def __delitem__(self, key: str) -> None:
        del self._items[key.lower()]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key.lower() in self._items

    def __iter__(self) -> Iterator[str]:
        return (name for name, _ in self._items.values())

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: str, default: str | None = None) -> str | None:
        item = self._items.get(key.lower())
        return item[1] if item else default

    def items(self) -> list[tuple[str, str]]:
        return list(self._items.values())

    def __repr__(self) -> str:
        return f"Headers({dict(self.items())!r})"


@dataclass
class WebRequest:
    method: str
    url: str
    scheme: str
    host: str
    path: str
    query: dict[str, list[str]]
    headers: Headers
    body: bytes
    origin: Origin

    def arg(self, name: str, default: str | None = None) -> str | None:
        values = self.query.get(name)
        return values[-1] if values else default

    def json(self):
        """The body as JSON (ValueError when it is not)."""
        return json.loads(self.body.decode("utf-8")) if self.body.strip() else None


@dataclass
class WebResponse:
    status: int
    headers: Headers = field(default_factory=Headers)
    body: bytes = b""
    http_version: str = "2"
    """'2' (header names in lower case on the wire) or '1.1' (names as the server writes them)."""

    @property
    def reason(self) -> str:
        return REASONS.get(self.status, "")

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.body.decode("utf-8")) if self.body.strip() else None


def respond(status: int, body=b"", content_type: str | None = None, headers: dict | None = None) -> WebResponse:
    """A response; a dict or list body is sent as JSON."""
    h = Headers(headers or {})
    if isinstance(body, (dict, list)):
        body = json.dumps(body, separators=(",", ":")).encode()
        content_type = content_type or "application/json; charset=utf-8"
    elif isinstance(body, str):
        body = body.encode()
    if content_type and "Content-Type" not in h:
        h["Content-Type"] = content_type
    if "Content-Length" not in h:
        h["Content-Length"] = str(len(body))
    return WebResponse(status, h, body)


def parse_url(url: str) -> tuple[str, str, str, dict[str, list[str]]]:
    """(scheme, host, path, query) of an absolute http(s) URL; WebError('url'|'scheme') otherwise."""
    text = url.strip()
    if not text or any(c in text for c in " \t\r\n\x00"):
        raise WebError("url", f"malformed URL '{url}'")
    if "://" not in text:
        text = "http://" + text  # curl's default
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise WebError("url", f"malformed URL '{url}'") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise WebError("scheme", f"Protocol \"{parts.scheme}\" not supported", parts.hostname or "")
    host = (parts.hostname or "").lower()
    if not host:
        raise WebError("url", f"no host in URL '{url}'")
    if port not in (None, 80, 443):
        raise WebError("connect", f"the lab's web answers on ports 80 and 443 only, not {port}", host)
    return scheme, host, parts.path or "/", parse_qs(parts.query, keep_blank_values=True)


def _backend(host: str):
    name = HOSTS.get(host)
    if name is None:
        name = next((m for suffix, m in SUFFIXES.items() if host.endswith(suffix) and host != suffix[1:]), None)
    if name is not None:
        return importlib.import_module(f"{__package__}.{name}")
    from . import public_web
    return public_web if public_web.serves(host) else None


def request(cloud: Cloud, method: str, url: str, headers=None, body: bytes = b"",
            origin: Origin | None = None) -> WebResponse:
    """Send one HTTP request into the lab's world and return the answer (raises WebError when there is none)."""
    scheme, host, path, query = parse_url(url)
    req = WebRequest(method=method.upper(), url=url, scheme=scheme, host=host, path=path, query=query,
                     headers=Headers(headers or {}), body=body or b"", origin=origin or Origin())
    backend = _backend(host)
    if backend is None:
        raise WebError("resolve", f"Could not resolve host: {host}", host)
    if len(req.body) > MAX_BODY:
        return respond(413, {"error": {"code": "RequestEntityTooLarge",
                                       "message": f"The request body exceeds {MAX_BODY // (1024 * 1024)} MB."}})
    plain = getattr(backend, "serves_http", None)  # a backend may answer plain HTTP itself (PKI downloads)
    if scheme == "http" and not (plain is not None and plain(url)):
        # Azure's and GitHub's front doors answer plain HTTP with a redirect to HTTPS
        return respond(301, b"", "text/html", {"Location": "https://" + url.strip().split("://", 1)[-1]})
    response = backend.handle(cloud, req)
    if response is None:
        raise WebError("resolve", f"Could not resolve host: {host}", host)
    if req.method == "HEAD":  # the headers of a GET (Content-Length included), no body
        response.body = b""
    return response
