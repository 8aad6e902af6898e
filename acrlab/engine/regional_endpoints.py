"""Regional endpoints of a geo-replicated registry (preview, 2026): with `regionalEndpoints: Enabled` (Premium only)
each geo-replica, the home region's included, gets a login server of its own, `<login server label>.<region>.geo.azurecr.io`
(`regionalEndpointHostNames`, read-only, sorted by region). A regional host is the same registry as the global login
server: same content, same authentication (Entra ID, admin user, tokens), same network rules; only the serving
geo-replica is pinned (blob downloads redirect to that region's storage or dedicated data endpoint).

Sources: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-geo-replication.md
("Regional endpoints of a geo-replicated registry (Preview)"), container-registry-endpoint-reference.md; Azure/azure-cli
src/azure-cli/azure/cli/command_modules/acr/tests/latest/recordings/test_acr_create_with_regional_endpoints_enabled.yaml
(api-version 2026-03-01-preview: `regionalEndpoints`, `regionalEndpointHostNames`) and test_regional_endpoint_utils.py
(host names keep the login server's first label, a domain name label's hash included)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .cloud import Cloud
    from .registry import Registry

GEO_SUFFIX = ".geo.azurecr.io"
ENABLED = "Enabled"


def regions(reg: Registry) -> list[str]:
    """The registry's geo-replica regions, sorted (the home region is always one)."""
    return sorted({reg.location} | {r.location for r in reg.replications.values() if getattr(r, "location", None)})


def host_names(reg: Registry) -> list[str]:
    """`regionalEndpointHostNames`: one login server per geo-replica while the feature is on, else none."""
    if reg.regional_endpoints != ENABLED:
        return []
    label = reg.login_server.split(".", 1)[0]
    return [f"{label}.{region}{GEO_SUFFIX}" for region in regions(reg)]


def host_for(reg: Registry, region: str) -> str | None:
    """The regional endpoint serving `region`, or None (feature off, or no geo-replica there)."""
    prefix = f"{reg.login_server.split('.', 1)[0]}.{region.strip().lower()}."
    return next((h for h in host_names(reg) if h.startswith(prefix)), None)


def split_host(host: str) -> tuple[str, str] | None:
    """`label.region.geo.azurecr.io` -> (label, region); None for any other host name."""
    host = host.lower().rstrip(".")
    if not host.endswith(GEO_SUFFIX):
        return None
    parts = host[: -len(GEO_SUFFIX)].split(".")
    if len(parts) != 2 or not all(parts):
        return None
    return parts[0], parts[1]


def registry_for(cloud: Cloud, host: str) -> tuple[Registry | None, str | None]:
    """(registry, region) a regional endpoint host name serves, or (None, None) when it serves nothing (the feature
    is off, or the registry has no geo-replica in that region)."""
    split = split_host(host)
    if split is None:
        return None, None
    label, region = split
    reg = cloud.registries.get(label.split("-", 1)[0])
    if reg is None or f"{label}.{region}{GEO_SUFFIX}" not in host_names(reg):
        return None, None
    return reg, region


def serving_region(cloud: Cloud, reg: Registry, host: str | None) -> str | None:
    """The geo-replica a request to `host` is pinned to: its region for a regional endpoint, else None (the global
    endpoint routes by the client's location)."""
    if not host:
        return None
    found, region = registry_for(cloud, host)
    return region if found is reg else None
