"""The OCI distribution API of a registry (/v2/...): catalog, tags list, manifests (GET/HEAD/PUT/DELETE by tag or
digest), blobs (GET/HEAD), blob uploads (POST, PATCH, PUT; monolithic POST with ?digest=, cross-repository mount
with ?mount=&from=) and referrers.

Each endpoint calls the data plane's functions (images.pull_image|push_image|untag|delete_manifest,
dataplane.require), so every rule docker and oras meet applies. Status codes, headers (Docker-Content-Digest,
Location, Docker-Upload-UUID, Range, OCI-Subject, OCI-Filters-Applied) and error codes follow
opencontainers/distribution-spec spec.md. Blob bytes: the registry keeps the bytes of blobs pushed over HTTP and of
files pushed by oras and helm (`registry.extra['blob_contents']`); layers of images built or pulled inside the lab
have a digest and a size but no bytes, and a download of one says so (NotImplemented) instead of inventing content.
A blob GET answers 307 with the Location of the bytes on the registry's storage (registry_blob_links.py), as ACR does.
"""

from __future__ import annotations

import re

from . import images, oci, regional_endpoints, registry_blob_links, web, web_manifests
from .cloud import Cloud
from .dataplane import require
from .errors import RegistryError
from .ids import sha256_digest
from .registry import Registry
from .web import WebRequest, WebResponse
from .web_registry import CATALOG, Caller, authorize, fail, page, repo_scope, respond

NAME = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*"
ROUTES = [
    ("tags", re.compile(rf"^/v2/(?P<name>{NAME})/tags/list$")),
    ("manifest", re.compile(rf"^/v2/(?P<name>{NAME})/manifests/(?P<ref>[^/]+)$")),
    ("uploads", re.compile(rf"^/v2/(?P<name>{NAME})/blobs/uploads/?$")),
    ("upload", re.compile(rf"^/v2/(?P<name>{NAME})/blobs/uploads/(?P<uuid>[^/]+)$")),
    ("blob", re.compile(rf"^/v2/(?P<name>{NAME})/blobs/(?P<digest>[^/]+)$")),
    ("referrers", re.compile(rf"^/v2/(?P<name>{NAME})/referrers/(?P<digest>[^/]+)$")),
]
DIGEST = re.compile(r"^sha256:[a-f0-9]{64}$")
TAG = re.compile(r"^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$")
UNPARSABLE = "the lab holds this blob's digest and size only: layers of images built or pulled in the lab have no bytes"


def _kept(reg: Registry) -> dict[str, str]:
    return reg.extra.setdefault("blob_contents", {})


def _uploaded(reg: Registry) -> dict[str, int]:
    return reg.extra.setdefault("uploaded_blobs", {})


def has_blob(reg: Registry, digest: str) -> bool:
    return reg.store.has_blob(digest) or digest in _uploaded(reg)


def blob_bytes(reg: Registry, digest: str) -> bytes | None:
    """The bytes the registry keeps for a blob, or None for a layer the lab knows by digest and size only."""
    text = _kept(reg).get(digest)
    return None if text is None else text.encode("utf-8", "surrogateescape")


def _size(reg: Registry, digest: str) -> int:
    return reg.store.blob_sizes.get(digest, _uploaded(reg).get(digest, 0))


def _cred(cloud: Cloud, reg: Registry, req: WebRequest, slot: list, repo: str, *actions: str) -> Caller:
    return authorize(cloud, reg, req, repo_scope(repo, *actions), slot)


def catalog(cloud: Cloud, reg: Registry, req: WebRequest, slot: list) -> WebResponse:
    caller = authorize(cloud, reg, req, CATALOG, slot)
    require(cloud, reg, caller.cred, "catalog", None, req.origin)
    cloud.emit("request", registry=reg, kind="read", cred=caller.cred, origin=req.origin)
    names = sorted(n for n, r in reg.store.repositories.items() if r.attributes.list_enabled)
    kept, link = page(names, req, "/v2/_catalog")
    return respond(200, {"repositories": kept}, headers=link)


def tags_list(cloud: Cloud, reg: Registry, req: WebRequest, slot: list, name: str) -> WebResponse:
    caller = _cred(cloud, reg, req, slot, name, "pull")
    require(cloud, reg, caller.cred, "metadata_read", name, req.origin)
    cloud.emit("request", registry=reg, kind="read", cred=caller.cred, origin=req.origin)
    held = reg.store.repositories.get(name)
    if held is None:
        raise fail("NAME_UNKNOWN", "repository name not known to registry", 404, {"name": name})
    tags, link = page(sorted(t for t, v in held.tags.items() if v.attributes.list_enabled), req,
                      f"/v2/{name}/tags/list")
    return respond(200, {"name": name, "tags": tags}, headers=link)


def _manifest_headers(m) -> dict:
    return {"Docker-Content-Digest": m.digest, "ETag": f'"{m.digest}"'}


def manifest(cloud: Cloud, reg: Registry, req: WebRequest, slot: list, name: str, ref: str) -> WebResponse:
    if not (DIGEST.match(ref) or TAG.match(ref)):
        raise fail("MANIFEST_INVALID" if req.method == "PUT" else "MANIFEST_UNKNOWN",
                   f"invalid reference '{ref}': a tag or a sha256 digest", 400)
    if req.method in ("GET", "HEAD"):
        caller = _cred(cloud, reg, req, slot, name, "pull")
        m = images.pull_image(cloud, reg, caller.cred, name, ref, req.origin)
        return respond(200, m.content.manifest_bytes(), m.content.media_type, _manifest_headers(m))
    if req.method == "PUT":
        caller = _cred(cloud, reg, req, slot, name, "pull", "push")
        require(cloud, reg, caller.cred, "push", name, req.origin)  # who may push is known before the body is read
        content = web_manifests.parse(reg, name, req.body, req.headers.get("Content-Type"),
                                      lambda d: has_blob(reg, d))
        if ref.startswith("sha256:") and ref != content.digest:
            raise fail("DIGEST_INVALID", "provided digest did not match uploaded content", 400,
                       {"expected": ref, "actual": content.digest})
        m, _ = images.push_image(cloud, reg, caller.cred, name, None if ref.startswith("sha256:") else ref, content,
                                 req.origin)
        headers = {**_manifest_headers(m), "Location": f"/v2/{name}/manifests/{m.digest}"}
        subject = getattr(content, "subject", None)
        if subject:
            headers["OCI-Subject"] = subject
        return respond(201, b"", None, headers)
    if req.method == "DELETE":
        caller = _cred(cloud, reg, req, slot, name, "delete")
        if ref.startswith("sha256:"):
            require(cloud, reg, caller.cred, "delete", name, req.origin)
            held = reg.store.repositories.get(name)
            if held is None or ref not in held.manifests:
                raise fail("MANIFEST_UNKNOWN", "manifest unknown", 404, {"digest": ref})
            images.delete_manifest(cloud, reg, caller.cred, name, ref, req.origin)
        else:
            images.untag(cloud, reg, caller.cred, name, ref, req.origin)
        return respond(202)
    raise unsupported()


def unsupported() -> RegistryError:
    return fail("UNSUPPORTED", "The operation is unsupported.", 405)


def _reader(cloud: Cloud, reg: Registry, req: WebRequest, slot: list, name: str, digest: str) -> Caller:
    """A GET/HEAD by digest: the pull scope, the data plane's pull decision, a well-formed digest."""
    if req.method not in ("GET", "HEAD"):
        raise unsupported()
    caller = _cred(cloud, reg, req, slot, name, "pull")
    require(cloud, reg, caller.cred, "pull", name, req.origin)
    if not DIGEST.match(digest):
        raise fail("DIGEST_INVALID", "invalid digest", 400, {"digest": digest})
    return caller


def blob(cloud: Cloud, reg: Registry, req: WebRequest, slot: list, name: str, digest: str) -> WebResponse:
    caller = _reader(cloud, reg, req, slot, name, digest)
    if not has_blob(reg, digest):
        raise fail("BLOB_UNKNOWN", "blob unknown to registry", 404, {"digest": digest})
    cloud.emit("request", registry=reg, kind="read", cred=caller.cred, origin=req.origin)
    headers = {"Docker-Content-Digest": digest, "ETag": f'"{digest}"', "Accept-Ranges": "bytes"}
    if req.method == "HEAD":
        size = _size(reg, digest)
        r = respond(200, b"", "application/octet-stream", headers)
        r.headers["Content-Length"] = str(size)
        return r
    # the bytes are downloaded from the registry's storage or dedicated data endpoint (registry_blob_links.py)
    location = registry_blob_links.redirect(cloud, reg, digest, req.origin,
                                            regional_endpoints.serving_region(cloud, reg, req.host))
    return respond(307, b"", None, {"Docker-Content-Digest": digest, "Location": location})


def _sessions(cloud: Cloud) -> dict[str, dict]:
    return cloud.state.setdefault("blob_uploads", {})


def _store_blob(reg: Registry, data: bytes, digest: str | None) -> str:
    actual = sha256_digest(data)
    if digest is None or not DIGEST.match(digest) or digest != actual:
        raise fail("DIGEST_INVALID", "provided digest did not match uploaded content", 400,
                   {"expected": digest, "actual": actual})
    _kept(reg)[actual] = data.decode("utf-8", "surrogateescape")
    _uploaded(reg)[actual] = len(data)
    return actual


def _created(name: str, digest: str) -> WebResponse:
    return respond(201, b"", None, {"Location": f"/v2/{name}/blobs/{digest}", "Docker-Content-Digest": digest})


def uploads(cloud: Cloud, reg: Registry, req: WebRequest, slot: list, name: str) -> WebResponse:
    if req.method != "POST":
        raise unsupported()
    caller = _cred(cloud, reg, req, slot, name, "pull", "push")
    require(cloud, reg, caller.cred, "push", name, req.origin)
    cloud.emit("request", registry=reg, kind="write", cred=caller.cred, origin=req.origin)
    mount, source = req.arg("mount"), req.arg("from")
    if mount and has_blob(reg, mount):
        if source:
            require(cloud, reg, caller.cred, "pull", source, req.origin)
        return _created(name, mount)
    digest = req.arg("digest")
    if digest is not None:
        return _created(name, _store_blob(reg, req.body, digest))
    uuid = cloud.ids.guid()
    _sessions(cloud)[uuid] = {"registry": reg.name, "repository": name, "data": bytearray(req.body)}
    return _open(name, uuid, len(req.body))


def _open(name: str, uuid: str, size: int) -> WebResponse:
    return respond(202, b"", None, {"Location": f"/v2/{name}/blobs/uploads/{uuid}?_nouploadcache=false",
                                    "Docker-Upload-UUID": uuid, "Range": f"0-{max(0, size - 1)}"})


def upload(cloud: Cloud, reg: Registry, req: WebRequest, slot: list, name: str, uuid: str) -> WebResponse:
    caller = _cred(cloud, reg, req, slot, name, "pull", "push")
    require(cloud, reg, caller.cred, "push", name, req.origin)
    session = _sessions(cloud).get(uuid)
    if session is None or session["registry"] != reg.name or session["repository"] != name:
        raise fail("BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry", 404, {"uuid": uuid})
    data: bytearray = session["data"]
    if req.method == "GET":
        return respond(204, b"", None, {"Docker-Upload-UUID": uuid, "Range": f"0-{max(0, len(data) - 1)}"})
    if req.method == "DELETE":
        del _sessions(cloud)[uuid]
        return respond(204)
    if req.method in ("PATCH", "PUT") and len(data) + len(req.body) > web.MAX_BODY:
        raise fail("SIZE_INVALID", f"the upload would exceed the lab's {web.MAX_BODY // 2**20} MB limit for one blob",
                   413, {"uuid": uuid})
    if req.method == "PATCH":
        data.extend(req.body)
        return _open(name, uuid, len(data))
    if req.method == "PUT":
        digest = _store_blob(reg, bytes(data) + req.body, req.arg("digest"))
        del _sessions(cloud)[uuid]
        return _created(name, digest)
    raise unsupported()


def referrers(cloud: Cloud, reg: Registry, req: WebRequest, slot: list, name: str, digest: str) -> WebResponse:
    _reader(cloud, reg, req, slot, name, digest)
    held = reg.store.repositories.get(name)
    if held is None:
        raise fail("NAME_UNKNOWN", "repository name not known to registry", 404, {"name": name})
    kind = req.arg("artifactType")
    found = oci.referrers(held, digest, kind or None)
    manifests = []
    for m in found:
        c = m.content
        d = {"mediaType": c.media_type, "digest": m.digest, "size": m.manifest_size,
             "artifactType": getattr(c, "artifact_type", "") or getattr(c, "config_media_type", "")}
        notes = getattr(c, "annotations", None)
        if notes:
            d["annotations"] = dict(notes)
        manifests.append(d)
    headers = {"OCI-Filters-Applied": "artifactType"} if kind else {}
    return respond(200, {"schemaVersion": 2, "mediaType": oci.OCI_INDEX, "manifests": manifests},
                   oci.OCI_INDEX, headers)


def handle(cloud: Cloud, reg: Registry, req: WebRequest, slot: list) -> WebResponse:
    if req.path == "/v2/_catalog":
        if req.method not in ("GET", "HEAD"):
            raise unsupported()
        return catalog(cloud, reg, req, slot)
    for kind, pattern in ROUTES:
        match = pattern.match(req.path)
        if match is None:
            continue
        g = match.groupdict()
        if kind == "tags":
            return tags_list(cloud, reg, req, slot, g["name"])
        if kind == "manifest":
            return manifest(cloud, reg, req, slot, g["name"], g["ref"])
        if kind == "uploads":
            return uploads(cloud, reg, req, slot, g["name"])
        if kind == "upload":
            return upload(cloud, reg, req, slot, g["name"], g["uuid"])
        if kind == "blob":
            return blob(cloud, reg, req, slot, g["name"], g["digest"])
        return referrers(cloud, reg, req, slot, g["name"], g["digest"])
    raise RegistryError("NAME_INVALID", "invalid repository name", 404, {"path": req.path})
