"""Who may use `acrlab serve` (no aiohttp here): the classroom token, the websocket Origin rule, the Host rule
that stops DNS rebinding on loopback, and a brake on guessing the token."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
import time
from collections import deque
from urllib.parse import urlsplit

MIN_TOKEN = 8
"""A token (or password) given with --token must be at least this long."""


def new_token() -> str:
    """A fresh random token (printed once when the server starts, as Jupyter does)."""
    return secrets.token_urlsafe(24)


def token_problem(token: str) -> str | None:
    """Why a teacher's token cannot be used, or None."""
    if len(token) < MIN_TOKEN:
        return f"the token must be at least {MIN_TOKEN} characters long"
    if any(ord(c) < 33 or ord(c) == 127 for c in token):
        return "the token must not contain spaces or control characters"
    return None


def token_matches(given: str | None, token: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), token.encode())


def auth_cookie(token: str) -> str:
    """What the browser keeps once it has shown the token: a keyed hash, never the token itself."""
    return hmac.new(token.encode(), b"acrlab serve: signed in", hashlib.sha256).hexdigest()


def auth_cookie_valid(value: str | None, token: str) -> bool:
    return value is not None and hmac.compare_digest(value.encode(), auth_cookie(token).encode())


def is_loopback(host: str) -> bool:
    """True for an address or name that only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    name = host.strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _netloc(scheme: str, host: str, port: int | None) -> str:
    default = {"http": 80, "https": 443, "ws": 80, "wss": 443}.get(scheme)
    host = host.lower()
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return host if port in (None, default) else f"{host}:{port}"


def origin_netloc(origin: str) -> str | None:
    """`http://Host:80` -> `host`; None for `null` or anything that is not an http(s) origin."""
    try:
        parts = urlsplit(origin.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return None
        return _netloc(parts.scheme, parts.hostname, parts.port)
    except ValueError:
        return None


def host_netloc(host_header: str, scheme: str = "http") -> str | None:
    """A Host header (`Example.org:80`) as `example.org`; None when malformed."""
    try:
        parts = urlsplit(f"//{host_header.strip()}")
        if not parts.hostname:
            return None
        return _netloc(scheme, parts.hostname, parts.port)
    except ValueError:
        return None


def origin_allowed(origin: str | None, host_header: str | None, allowed: frozenset[str] = frozenset(),
                   scheme: str = "http") -> bool:
    """A browser's websocket (or form) may come only from a page this server served: its Origin must name the
    host the browser asked for (the Host header, which a proxy such as jupyter-server-proxy passes on), or one
    of the origins the teacher allowed. A request without Origin is not from a browser page (browsers always
    send it on websockets and cross-site posts) and is left to the token."""
    if origin is None:
        return True
    seen = origin_netloc(origin)
    if seen is None:
        return False
    if seen in {n for n in (origin_netloc(a) for a in allowed) if n}:
        return True
    return host_header is not None and seen in {host_netloc(host_header, "http"), host_netloc(host_header, "https")}


def host_is_local_name(host_header: str | None, allowed: frozenset[str] = frozenset()) -> bool:
    """On loopback without a token, the browser must have asked for a loopback name (or an allowed origin's
    host): a page on another site whose name resolves to 127.0.0.1 (DNS rebinding) is refused."""
    if host_header is None:
        return False
    try:
        hostname = urlsplit(f"//{host_header.strip()}").hostname
    except ValueError:
        return False
    if not hostname:
        return False
    extra = {urlsplit(a).hostname for a in allowed}
    return is_loopback(hostname) or hostname in extra


class Attempts:
    """Wrong tokens per client address: after `limit` within `window` seconds, that address waits."""

    def __init__(self, limit: int = 10, window: float = 60.0, clock=time.monotonic) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._failed: dict[str, deque[float]] = {}

    def _recent(self, who: str) -> deque[float]:
        q = self._failed.setdefault(who, deque())
        now = self.clock()
        while q and now - q[0] > self.window:
            q.popleft()
        if not q:
            del self._failed[who]
            return deque()
        return q

    def blocked(self, who: str) -> bool:
        return len(self._recent(who)) >= self.limit

    def failed(self, who: str) -> None:
        self._recent(who)
        self._failed.setdefault(who, deque()).append(self.clock())
        if len(self._failed) > 10_000:  # a flood of addresses: forget the oldest
            self._failed.pop(next(iter(self._failed)))
