"""Storage accounts' Blob service over the lab's web router: https://<account>.blob.core.windows.net/<container>/<blob>
for the accounts in `engine/storage.py` (the ones ACR Transfer's pipelines use). Get Blob, Get Blob Properties
(HEAD), Put Blob (`x-ms-blob-type: BlockBlob` required), Delete Blob, List Blobs (`?restype=container&comp=list`).

A request authenticates with a SAS in its query string (checked by storage.check_sas: signature, expiry,
permissions) or `Authorization: Bearer` with an Entra token for https://storage.azure.com (the principal's Storage
Blob Data roles decide); with neither, only a blob in a container with public access can be read. Errors are the
Blob service's XML error document with its x-ms-error-code header. Source: MicrosoftDocs/azure-docs
articles/storage/blobs (REST API: Put Blob, Get Blob, List Blobs, Authorize with Microsoft Entra ID / SAS).
"""

from __future__ import annotations

from urllib.parse import unquote
from xml.sax.saxutils import escape

from . import entra_tokens, storage
from .cloud import Cloud
from .storage import Credential, StorageError
from .web import WebRequest, WebResponse, respond

SUFFIX = ".blob.core.windows.net"
STORAGE_AUDIENCES = ("https://storage.azure.com", "https://storage.azure.com/")
VERSION = "2022-11-02"


def _credential(cloud: Cloud, req: WebRequest) -> Credential | None:
    if "sig" in req.query:
        return Credential(kind="sas", secret=req.url.split("?", 1)[1])
    kind, _, token = (req.headers.get("Authorization") or "").strip().partition(" ")
    if kind.lower() == "bearer":
        principal, why = entra_tokens.verify(cloud, token, STORAGE_AUDIENCES)
        if principal is None:
            raise StorageError("InvalidAuthenticationInfo", f"Authentication information is not given in the correct "
                               f"format. Check the value of Authorization header. ({why})", 401)
        return Credential(kind="login", principal=principal)
    if kind:
        raise StorageError("AuthenticationFailed", "Server failed to authenticate the request. The lab's Blob "
                           "service accepts a SAS or a Microsoft Entra bearer token, not Shared Key signing.", 403)
    return None


def _error(cloud: Cloud, e: StorageError) -> WebResponse:
    now = cloud.clock.now()
    message = escape(str(e).split("\nErrorCode:", 1)[0])
    xml = (f'<?xml version="1.0" encoding="utf-8"?><Error><Code>{e.code}</Code><Message>{message}\n'
           f'Time:{now.strftime("%Y-%m-%dT%H:%M:%S.0000000Z")}</Message></Error>')
    return respond(e.status or 400, xml, "application/xml", {"x-ms-error-code": e.code, "x-ms-version": VERSION})


def _blob_headers(blob) -> dict:
    return {"ETag": f'"{blob.etag}"', "Last-Modified": storage.http_date(blob.last_modified),
            "Content-MD5": blob.md5, "x-ms-blob-type": "BlockBlob", "x-ms-version": VERSION}


def _list(cloud: Cloud, account, container: str, cred: Credential | None, req: WebRequest) -> WebResponse:
    if cred is None:
        raise StorageError("ResourceNotFound", "The specified resource does not exist.", 404)
    blobs = storage.list_blobs(cloud, account, container, cred, req.arg("prefix"))
    items = "".join(f"<Blob><Name>{escape(b.name)}</Name><Properties><Last-Modified>"
                    f"{storage.http_date(b.last_modified)}</Last-Modified><Etag>{b.etag}</Etag><Content-Length>"
                    f"{len(b.content)}</Content-Length><Content-Type>{escape(b.content_type)}</Content-Type>"
                    f"<BlobType>BlockBlob</BlobType></Properties></Blob>" for b in blobs)
    xml = (f'<?xml version="1.0" encoding="utf-8"?><EnumerationResults ServiceEndpoint="{account.blob_endpoint}" '
           f'ContainerName="{escape(container)}"><Blobs>{items}</Blobs><NextMarker /></EnumerationResults>')
    return respond(200, xml, "application/xml", {"x-ms-version": VERSION})


def _public_read(account, container: str) -> bool:
    c = account.containers.get(container)
    return c is not None and account.allow_blob_public_access and c.public_access in ("blob", "container")


def _blob(cloud: Cloud, account, container: str, name: str, cred: Credential | None, req: WebRequest) -> WebResponse:
    if req.method in ("GET", "HEAD"):
        if cred is None:
            if not _public_read(account, container):
                raise StorageError("ResourceNotFound", "The specified resource does not exist.", 404)
            blob = storage.container_of(account, container).blobs.get(name)
            if blob is None:
                raise StorageError("BlobNotFound", "The specified blob does not exist.", 404)
        else:
            blob = storage.get_blob(cloud, account, container, name, cred)
        return respond(200, blob.content, blob.content_type, _blob_headers(blob))
    if cred is None:
        raise StorageError("ResourceNotFound", "The specified resource does not exist.", 404)
    if req.method == "PUT":
        if (req.headers.get("x-ms-blob-type") or "").lower() != "blockblob":
            raise StorageError("MissingRequiredHeader", "An HTTP header that's mandatory for this request is not "
                               "specified.\nHeaderName:x-ms-blob-type", 400)
        blob = storage.put_blob(cloud, account, container, name, req.body, cred,
                                content_type=req.headers.get("Content-Type") or "application/octet-stream")
        return respond(201, b"", None, _blob_headers(blob))
    if req.method == "DELETE":
        storage.delete_blob(cloud, account, container, name, cred)
        return respond(202, b"", None, {"x-ms-version": VERSION})
    raise StorageError("UnsupportedHttpVerb", "The resource doesn't support specified Http Verb.", 405)


def handle(cloud: Cloud, req: WebRequest) -> WebResponse | None:
    if not req.host.endswith(SUFFIX):
        return None
    account = storage.find_account(cloud, req.host[: -len(SUFFIX)])
    if account is None:
        return None
    try:
        container, _, name = unquote(req.path.lstrip("/")).partition("/")
        cred = _credential(cloud, req)
        if not container:
            raise StorageError("InvalidUri", "The requested URI does not represent any resource on the server.", 400)
        if not name:
            if req.method == "GET" and req.arg("comp") == "list":
                return _list(cloud, account, container, cred, req)
            raise StorageError("UnsupportedHttpVerb", "The lab's Blob service answers List Blobs "
                               "(?restype=container&comp=list) on a container; manage containers with az storage "
                               "container or Resource Manager.", 405)
        return _blob(cloud, account, container, name, cred, req)
    except StorageError as e:
        return _error(cloud, e)
