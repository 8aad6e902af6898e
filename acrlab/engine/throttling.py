"""Request-rate limits per SKU (Microsoft docs, 2026): bursts beyond them get 429 TOOMANYREQUESTS.

Each data-plane image operation counts as one request of its category (read or write) against the
registry-wide and the per-identity per-minute limits. Anonymous callers count as one identity, and so do
both admin passwords (as in ACR)."""

from __future__ import annotations

from .errors import RegistryError
from .sku import SKUS


def _identity_key(cred) -> str:
    if cred is None or cred.kind == "anonymous":
        return "anonymous"
    if cred.kind == "admin":
        return "admin"
    if cred.kind == "aad":
        return f"aad:{cred.principal_id}"
    return f"{cred.kind}:{cred.token_name or cred.principal_id}"


def on_request(cloud, registry, kind: str, cred=None, origin=None) -> None:
    lim = SKUS[registry.sku]
    minute = int(cloud.clock.now().timestamp() // 60)
    window = registry.extra.setdefault("throttle", {})
    if window.get("minute") != minute:
        window.clear()
        window["minute"] = minute
    if kind == "read":
        per_registry, per_identity = lim.read_rpm, lim.read_rpm_identity
    elif kind == "write":
        per_registry, per_identity = lim.write_rpm, lim.write_rpm_identity
    elif kind == "delete":
        per_registry, per_identity = lim.delete_rpm, lim.delete_rpm_identity
    else:
        return
    rkey, ikey = f"{kind}:registry", f"{kind}:{_identity_key(cred)}"
    n_reg, n_id = window.get(rkey, 0) + 1, window.get(ikey, 0) + 1
    if n_reg > per_registry or n_id > per_identity:
        retry = 60 - int(cloud.clock.now().timestamp()) % 60
        raise RegistryError("TOOMANYREQUESTS", f"Too Many Requests (retry after {retry}s)", 429,
                            detail={"Retry-After": retry})
    window[rkey], window[ikey] = n_reg, n_id


def install(cloud) -> None:
    cloud.on("request", on_request)
