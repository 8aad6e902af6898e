"""Run logs as the blobs Runs_GetLogSasUrl points at (POST registries/{name}/runs/{runId}/listLogSasUrl ->
{logLink}): a read-only SAS, valid one hour, on the ACR Tasks storage account; a GET through the lab's HTTP router
(curl, Invoke-RestMethod) reads the run's log as text. A log the 30-day retention deleted (engine/run_logs.py) is a
blob that is no longer there (BlobNotFound), as azure-cli finds when it polls for it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlsplit

from .source_uploads import HOST_SUFFIX, blob_error, region_code
from .storage import StorageError

if TYPE_CHECKING:
    from .cloud import Cloud
    from .tasks_runs import Run


@dataclass(frozen=True)
class Link:
    registry: str
    run_id: str
    expiry: datetime
    signature: str


def _links(cloud: Cloud) -> dict[str, Link]:
    """'host/path' -> the link (the service keeps the SAS it signed)."""
    return cloud.state.setdefault("run_log_links", {})


def issue(cloud: Cloud, run: Run, location: str) -> tuple[str, Link, str]:
    """A new log link for `run`: (url, link, key). Nothing is kept until `keep` (a POST's commit)."""
    expiry = cloud.clock.now() + timedelta(hours=1)
    host = f"acrtaskprod{region_code(location)}{int(cloud.ids.hex(4), 16) % 90 + 10:03d}{HOST_SUFFIX}"
    path = f"/{run.registry.lower()}-{cloud.ids.hex(8)}/logs/{run.run_id}/rawtext.log"
    link = Link(registry=run.registry.lower(), run_id=run.run_id, expiry=expiry, signature=cloud.ids.hex(44))
    url = (f"https://{host}{path}?sv=2021-08-06&se={expiry.strftime('%Y-%m-%dT%H:%M:%SZ')}&sr=b&sp=r"
           f"&sig={link.signature}")
    return url, link, host + path


def keep(cloud: Cloud, key: str, link: Link) -> None:
    now = cloud.clock.now()
    links = _links(cloud)
    for old in [k for k, v in links.items() if v.expiry <= now]:
        del links[old]
    links[key] = link


def handle(cloud: Cloud, req) -> object | None:
    """GET (or HEAD) of a log link: the log text; None when the URL is no log link (another blob backend's)."""
    from .web import respond
    parts = urlsplit(req.url)
    link = _links(cloud).get((parts.hostname or "").lower() + parts.path)
    if link is None:
        return None
    now = cloud.clock.now()
    try:
        if dict(parse_qsl(parts.query)).get("sig") != link.signature:
            raise StorageError("AuthenticationFailed", "Server failed to authenticate the request. Make sure the "
                               "value of Authorization header is formed correctly including the signature.", 403)
        if link.expiry <= now:
            raise StorageError("AuthenticationFailed", "Server failed to authenticate the request. Make sure the "
                               "value of Authorization header is formed correctly including the signature.", 403)
        if req.method not in ("GET", "HEAD"):
            raise StorageError("AuthorizationPermissionMismatch", "This request is not authorized to perform this "
                                                                  "operation using this permission.", 403)
        reg = cloud.find_registry(link.registry)
        run = reg.runs.get(link.run_id) if reg is not None else None
        if run is None or run.log_purged_at is not None:
            raise StorageError("BlobNotFound", "The specified blob does not exist.", 404)
    except StorageError as e:
        return blob_error(cloud, e)
    return respond(200, run.log, "text/plain; charset=utf-8", {"x-ms-blob-type": "AppendBlob"})
