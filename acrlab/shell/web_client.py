"""What every HTTP client of the shell shares (curl, az rest, Invoke-RestMethod, Invoke-WebRequest,
Invoke-AzRestMethod): sending through the engine's router (engine/web.py) from where the terminal is, and files as
bytes.

The lab's files are text; a file's bytes are its text in UTF-8 with undecodable bytes kept as lone surrogates
(`surrogateescape`), so a binary download written to a file and uploaded again is the same bytes.
"""

from __future__ import annotations

from ..engine import web
from .docker_state import origin_of
from .session import Session


def to_bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def to_text(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def read_bytes(sh: Session, path: str) -> bytes | None:
    text = sh.read_file(path)
    return None if text is None else to_bytes(text)


def write_bytes(sh: Session, path: str, data: bytes) -> None:
    sh.write_file(path, to_text(data))


def send(sh: Session, method: str, url: str, headers=None, body: bytes = b"") -> web.WebResponse:
    """One request from this terminal's host (its network position decides what network rules allow)."""
    sh.cloud.state.setdefault("arm_web_fallback", _unmigrated)
    return web.request(sh.cloud, method, url, headers or {}, body, origin_of(sh))


def _unmigrated(cloud, caller, method: str, rid: str, body: dict | None):
    """Resource Manager over HTTP for the types the resource manager does not serve yet: the template providers'
    reads and writes (iac/providers.py), which authorize in the engine. (status, body), or None for a type no
    provider knows (the resource manager then answers)."""
    from ..engine.errors import ArmResourceNotFound, AzureError
    from ..engine.reads import require_read
    from ..iac import providers
    p = providers.parse_id(rid)
    if not p.get("names") or p["type"].lower() not in providers.HANDLERS:
        return None
    try:
        found = providers.current(cloud, rid)
        if method == "GET":
            if found is None:
                raise ArmResourceNotFound(p["type"] + "/" + p["names"][-1], p.get("rg") or "")
            require_read(cloud, caller, rid)
            return 200, found
        if method == "DELETE":
            if found is not None:
                providers.delete(cloud, caller, rid)
            return (200 if found is not None else 204), None
        if method in ("PUT", "PATCH"):
            merged = _merge(found or {}, body or {}) if method == "PATCH" else (body or {})
            merged = {k: v for k, v in merged.items() if k not in ("id", "name", "type")}
            return (201 if found is None else 200), providers.apply(cloud, caller, rid, merged)
    except providers.ResourceFailure as e:
        from ..engine.errors import CATALOGUE
        spec = CATALOGUE.get(e.code)
        raise AzureError(e.message, code=e.code, status=spec.status if spec else 400) from None
    return None


def _merge(base: dict, patch: dict) -> dict:
    out = dict(base)
    for k, v in patch.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out
