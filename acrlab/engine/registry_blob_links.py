"""Where a registry's blob bytes are downloaded from: a blob GET on the login server answers 307 Temporary Redirect
with a Location on the registry's storage, and the client (curl -L, Invoke-WebRequest, docker) fetches the bytes
there. Without dedicated data endpoints the Location is an Azure Storage account (`*.blob.core.windows.net`); with
them (`dataEndpointEnabled`, or any private endpoint, which turns them on) it is the serving region's
`<registry>.<region>.data.azurecr.io`, which answers only where the registry's network rules let the client in.

Sources: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-dedicated-data-endpoints.md
("the login server issues a 307 redirect for layer blob downloads" to `*.blob.core.windows.net`, or with dedicated data
endpoints to `[registry].[region].data.azurecr.io` of the serving geo-replica, never cross-region),
container-registry-endpoint-reference.md (dedicated data endpoints for registries with dedicated data endpoints or
private endpoints), container-registry-firewall-rules.md ("A registry with a private link enabled gets the dedicated
data endpoint automatically"). The blob path is distribution's storage layout (`docker/registry/v2/blobs/sha256/<2>/
<hex>/data`). The lab's own reading, no source found: the storage account's name, and a link valid 20 minutes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlsplit

if TYPE_CHECKING:
    from .cloud import Cloud
    from .dataplane import Origin
    from .registry import Registry
    from .web import WebRequest, WebResponse

LINK_LIFETIME = timedelta(minutes=20)
DATA_SUFFIX = ".data.azurecr.io"
_DENIED = "Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly " \
          "including the signature."


@dataclass(frozen=True)
class Link:
    registry_id: str
    digest: str
    expiry: datetime
    signature: str


def dedicated(reg: Registry) -> bool:
    """The registry serves its data from dedicated data endpoints: enabled, or turned on by a private endpoint."""
    return bool(reg.data_endpoint_enabled or reg.private_endpoint_connections)


def _links(cloud: Cloud) -> dict[tuple[str, str], Link]:
    """('host/path', signature) -> the link the registry signed (each GET signs its own; a URL without a live link
    is refused as storage refuses a SAS it cannot verify)."""
    return cloud.state.setdefault("registry_blob_links", {})


def storage_host(cloud: Cloud, reg: Registry, region: str) -> str:
    """The registry's storage account in a region (one per registry and region, named once)."""
    from .source_uploads import HOST_SUFFIX, region_code
    names = reg.extra.setdefault("storage_accounts", {})
    if region not in names:
        names[region] = f"{region_code(region)}acr{cloud.ids.hex(10)}"
        cloud.state.setdefault("registry_storage_hosts", set()).add(names[region] + HOST_SUFFIX)
    return names[region] + HOST_SUFFIX


def redirect(cloud: Cloud, reg: Registry, digest: str, origin: Origin, region: str | None = None) -> str:
    """A new read link for a blob the caller may pull: the URL the 307's Location names (in `region` when the request
    came to that geo-replica's regional endpoint, else in the region serving the client)."""
    from .replication import origin_location, serving_region
    region = region or serving_region(cloud, reg, origin_location(cloud, origin))
    host = f"{reg.name.lower()}.{region}{DATA_SUFFIX}" if dedicated(reg) else storage_host(cloud, reg, region)
    hexd = digest.split(":", 1)[1]
    container = hashlib.sha256(reg.id.lower().encode()).hexdigest()[:32]
    path = f"/{container}/docker/registry/v2/blobs/sha256/{hexd[:2]}/{hexd}/data"
    now = cloud.clock.now()
    link = Link(registry_id=reg.id.lower(), digest=digest, expiry=now + LINK_LIFETIME, signature=cloud.ids.hex(44))
    links = _links(cloud)
    for old in [k for k, v in links.items() if v.expiry <= now]:
        del links[old]
    links[(host + path, link.signature)] = link
    return (f"https://{host}{path}?se={link.expiry.strftime('%Y-%m-%dT%H%%3A%M%%3A%SZ')}&sig={link.signature}"
            "&sp=r&spr=https&sr=b&sv=2018-03-28")


def handle(cloud: Cloud, req: WebRequest, reg: Registry | None = None) -> WebResponse | None:
    """A GET (or HEAD) of a link: the blob's bytes; None when the URL is no registry link (another backend's).
    `reg` is the registry whose data endpoint was addressed (its network rules were checked by the caller)."""
    from .source_uploads import blob_error
    from .storage import StorageError
    from .web import respond
    parts = urlsplit(req.url)
    host = (parts.hostname or "").lower()
    if reg is None and host not in cloud.state.get("registry_storage_hosts", ()):
        return None  # another Blob backend's account
    link = _links(cloud).get((host + parts.path, dict(parse_qsl(parts.query)).get("sig") or ""))
    try:
        if link is None or link.expiry <= cloud.clock.now():
            raise StorageError("AuthenticationFailed", _DENIED, 403)
        if req.method not in ("GET", "HEAD"):
            raise StorageError("AuthorizationPermissionMismatch", "This request is not authorized to perform this "
                                                                  "operation using this permission.", 403)
        owner = next((r for r in cloud.registries.values() if r.id.lower() == link.registry_id), None)
        from .web_registry_v2 import UNPARSABLE, blob_bytes, has_blob
        if owner is None or not has_blob(owner, link.digest):
            raise StorageError("BlobNotFound", "The specified blob does not exist.", 404)
        data = blob_bytes(owner, link.digest)
        if data is None:
            raise StorageError("NotImplemented", UNPARSABLE, 501)
    except StorageError as e:
        return blob_error(cloud, e)
    return respond(200, data, "application/octet-stream", {"x-ms-blob-type": "BlockBlob",
                                                            "x-ms-request-id": cloud.ids.guid()})
