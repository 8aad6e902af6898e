"""Build-context uploads for ACR Tasks (POST registries/{name}/listBuildSourceUploadUrl, then a Put Blob to the SAS URL
it returns; azure-cli acr/_archive_utils.py upload_source_code). A run whose sourceLocation is the relativePath builds
from the uploaded tar.gz.

The upload store is the ACR service's own storage: `listBuildSourceUploadUrl` reserves a blob (a relativePath
`source/<yyyymmdd>0000/<guid>.tar.gz` and a write-only blob SAS valid for one hour on an ACR-internal storage account);
`put` is what that storage account answers to a PUT of the archive (a front end's HTTP client reaches it through the
web router, az through the blob client of `az acr build|run`); `files` extracts the archive for a run. A reservation
never written and an upload past its SAS expiry are gone for a run, as the service's blob is.

Storage's answers follow the Blob service REST API (Put Blob needs `x-ms-blob-type`; common-rest-api-error-codes:
MissingRequiredHeader 400, AuthenticationFailed 403 with its detail; blob-service-error-codes: ContainerNotFound 404)."""

from __future__ import annotations

import base64
import gzip
import hashlib
import tarfile
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlsplit

from .storage import StorageError, _auth_failed, http_date, parse_time

if TYPE_CHECKING:
    from .cloud import Cloud
    from .registry import Registry

SAS_HOURS = 1
HOST_SUFFIX = ".blob.core.windows.net"
MAX_FILES = 10_000
"""Entries an archive may hold before the lab refuses to extract it (a run's context, not a disk image)."""


@dataclass
class Upload:
    registry_id: str
    relative_path: str
    account: str
    container: str
    expiry: datetime
    signature: str
    data: bytes | None = None

    @property
    def host(self) -> str:
        return f"{self.account}{HOST_SUFFIX}"

    @property
    def url(self) -> str:
        se = self.expiry.strftime("%Y-%m-%dT%H:%M:%SZ")
        return (f"https://{self.host}/{self.container}/{self.relative_path}"
                f"?sv=2021-08-06&se={se}&sr=b&sp=cw&sig={self.signature}")


def _store(cloud: Cloud) -> dict[str, Upload]:
    """relativePath -> Upload (the service keeps them for every registry)."""
    return cloud.state.setdefault("source_uploads", {})


def reserve(cloud: Cloud, reg: Registry) -> Upload:
    """A new upload location for `reg` (the body of listBuildSourceUploadUrl), kept until its SAS expires."""
    now = cloud.clock.now()
    _forget_expired(cloud, now)
    path = f"source/{now:%Y%m%d}0000/{cloud.ids.guid()}.tar.gz"
    up = Upload(registry_id=reg.id, relative_path=path,
                account=f"acrtaskprod{region_code(reg.location)}{cloud.ids.randint(10, 99):03d}",
                container=f"container-{cloud.ids.hex(32)}", expiry=now + timedelta(hours=SAS_HOURS),
                signature=cloud.ids.hex(44))
    _store(cloud)[path] = up
    return up


def region_code(location: str) -> str:
    """The region part of the service's storage account names (Get-AzContainerRegistryBuildSourceUploadUrl.md:
    acrtaskprodeus020 for eastus): a direction's initial and the place's first two letters (eus, weu, cus), or the
    place's first two letters and the direction's initial (uks, brs)."""
    loc = location.lower().replace(" ", "")
    digits = "".join(c for c in loc if c.isdigit())
    loc = loc.rstrip("0123456789")
    for d in ("southeast", "northeast", "southwest", "northwest", "central", "north", "south", "east", "west"):
        if loc.startswith(d) and len(loc) > len(d):
            return d[0] + loc[len(d):][:2] + digits
        if loc.endswith(d) and len(loc) > len(d):
            return loc[:2] + d[0] + digits
    return loc[:3] + digits


def definition(up: Upload) -> dict:
    """SourceUploadDefinition (REST API containerregistry_build.json)."""
    return {"relativePath": up.relative_path, "uploadUrl": up.url}


def _forget_expired(cloud: Cloud, now: datetime) -> None:
    store = _store(cloud)
    for path in [p for p, u in store.items() if u.expiry <= now]:
        del store[path]


def answers(cloud: Cloud, url: str) -> bool:
    """Whether `url` is on one of ACR Tasks' storage accounts (acrtaskprod*, not a learner's account of that name)."""
    from .storage import find_account
    host = (urlsplit(url).hostname or "").lower()
    return host.startswith("acrtaskprod") and host.endswith(HOST_SUFFIX) \
        and find_account(cloud, host.removesuffix(HOST_SUFFIX)) is None


def put(cloud: Cloud, url: str, data: bytes, headers: dict[str, str] | None = None) -> int:
    """A Put Blob of the archive to an upload URL: 201 when stored; else raises the Blob service's StorageError."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    container, _, blob = parts.path.lstrip("/").partition("/")
    up = _store(cloud).get(blob)
    if up is None or up.host != host or up.container != container:
        raise StorageError("ContainerNotFound", "The specified container does not exist.", 404)
    fields = dict(parse_qsl(parts.query, keep_blank_values=True))
    if fields.get("sig") != up.signature:
        raise _auth_failed("Signature did not match.")
    now = cloud.clock.now()
    expiry = parse_time(fields.get("se", ""))
    if expiry is None or expiry <= now or up.expiry <= now:
        raise _auth_failed(f"Signed expiry time [{http_date(up.expiry)}] must be after signed start time "
                           f"[{http_date(now)}]")
    blob_type = next((v for k, v in (headers or {}).items() if k.lower() == "x-ms-blob-type"), None)
    if blob_type is None:
        missing = StorageError("MissingRequiredHeader", "An HTTP header that's mandatory for this request is not "
                                                        "specified.", 400)
        missing.xml_detail = "<HeaderName>x-ms-blob-type</HeaderName>"  # type: ignore[attr-defined]
        raise missing
    if blob_type.lower() != "blockblob":
        raise StorageError("InvalidHeaderValue", "The value for one of the HTTP headers is not in the correct "
                                                 "format.", 400)
    up.data = bytes(data)
    return 201


def archive(cloud: Cloud, reg: Registry, relative_path: str) -> bytes | None:
    """The uploaded archive a run of `reg` names by its relativePath; None when there is none (never uploaded,
    expired, or another registry's)."""
    up = _store(cloud).get(relative_path)
    if up is None or up.data is None or up.registry_id.lower() != reg.id.lower() \
            or up.expiry <= cloud.clock.now():
        return None
    return up.data


def is_relative_path(location: str | None) -> bool:
    return bool(location) and str(location).startswith("source/") and "://" not in str(location)


# -- tar.gz --------------------------------------------------------------------------------------------------------
class ArchiveError(ValueError):
    """An archive the agent cannot extract (not gzip, not tar, or past the lab's size)."""


def as_text(content: bytes) -> str:
    """A file's bytes as the lab's file systems keep them: UTF-8, any other byte kept by surrogate escape (so
    `text.encode('utf-8', 'surrogateescape')` gives the same bytes back)."""
    return content.decode("utf-8", "surrogateescape")


def as_bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def pack(files: dict[str, str], mtime: int = 0) -> bytes:
    """A gzip-compressed ustar archive of `files` (path -> text), in path order (gzip's default level, as tar -z)."""
    from .tar_format import write
    body = write([(path, as_bytes(files[path])) for path in sorted(files)], mtime)
    return gzip.compress(body, compresslevel=6, mtime=mtime)


def unpack(data: bytes) -> dict[str, str]:
    """The regular files of a tar.gz (or plain tar) archive, path -> text; directories are implied."""
    from .tar_format import read
    try:
        raw = gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
    except (OSError, EOFError, zlib.error) as e:
        raise ArchiveError(f"gzip: invalid compressed data ({e})") from None
    try:
        members = read(raw, MAX_FILES)
    except tarfile.TarError as e:
        raise ArchiveError(f"tar: this does not look like a tar archive ({e})") from None
    out: dict[str, str] = {}
    for m in members:
        name = m.name.removeprefix("./").lstrip("/")
        if m.isfile() and name and not any(part == ".." for part in name.split("/")):
            out[name] = as_text(m.data or b"")
    return out


# -- the lab's HTTP router (engine/web.py): a Put Blob over the wire ----------------------------------------------
def handle(cloud: Cloud, req) -> object | None:
    """The upload store's answer to an HTTP request on one of its blob hosts (None for any other host): PUT stores
    the archive (201 Created, as Put Blob answers); another method is refused as the write-only SAS refuses it.
    Errors are the Blob service's XML error document with its x-ms-error-code header."""
    from .web import respond
    if not answers(cloud, req.url):
        return None
    now = cloud.clock.now()
    try:
        if req.method != "PUT":
            raise StorageError("AuthorizationPermissionMismatch", "This request is not authorized to perform this "
                                                                  "operation using this permission.", 403)
        status = put(cloud, req.url, req.body, dict(req.headers.items()))
    except StorageError as e:
        return blob_error(cloud, e)
    md5 = base64.b64encode(hashlib.md5(req.body).digest()).decode()
    base = _base_headers(cloud)
    return respond(status, b"", None, {**base, "ETag": f'"0x8DD{cloud.ids.hex(12).upper()}"',
                                       "Last-Modified": http_date(now), "Content-MD5": md5,
                                       "x-ms-request-server-encrypted": "true"})


def _base_headers(cloud: Cloud) -> dict[str, str]:
    return {"x-ms-request-id": cloud.ids.guid(), "x-ms-version": "2021-08-06", "Date": http_date(cloud.clock.now())}


def blob_error(cloud: Cloud, e: StorageError):
    """The Blob service's error answer: an XML Error document (Code, Message with RequestId and Time) and the
    x-ms-error-code header."""
    from .web import respond
    base = _base_headers(cloud)
    message = str(e).split("\nErrorCode:", 1)[0]
    time = cloud.clock.now().strftime("%Y-%m-%dT%H:%M:%S.0000000Z")
    xml = (f'<?xml version="1.0" encoding="utf-8"?><Error><Code>{e.code}</Code><Message>{message}\n'
           f'RequestId:{base["x-ms-request-id"]}\nTime:{time}</Message>{getattr(e, "xml_detail", "")}</Error>')
    return respond(e.status or 400, xml, "application/xml", {**base, "x-ms-error-code": e.code})
