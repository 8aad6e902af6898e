"""ACR's own API under /acr/v1/ (the endpoints `az acr repository|manifest` call, as azure-cli's acr/repository.py
and acr/manifest.py build them):

  GET    /acr/v1/_catalog                              {"repositories": [...]}         registry:catalog:*
  GET    /acr/v1/<repo>                                repository attributes           metadata_read
  PATCH  /acr/v1/<repo>                                {"writeEnabled": false, ...}    metadata_write
  DELETE /acr/v1/<repo>                                {"manifestsDeleted","tagsDeleted"}  delete
  GET    /acr/v1/<repo>/_tags[?n&last&orderby]         {"registry","imageName","tags"} metadata_read
  GET|PATCH|DELETE /acr/v1/<repo>/_tags/<tag>          {"registry","imageName","tag"}  metadata_read|write, delete
  GET    /acr/v1/<repo>/_manifests[?n&last&orderby]    {"registry","imageName","manifests"}
  GET|PATCH /acr/v1/<repo>/_manifests/<digest>         {"registry","imageName","manifest"}
  GET    /acr/v1/_deleted/_catalog                     soft-deleted repositories       registry:deleted_catalog:*
  GET    /acr/v1/_deleted/<repo>/_manifests|_tags      soft-deleted manifests / tags   deleted_read
  POST   /acr/v1/_deleted/<repo>/_manifests/<digest>?force=   {"tag": "<tag>"} -> {"digest","tag"}  deleted_restore
  /acr/v1/<repo>/_streaming[/<digest>] and /acr/v1/<repo>/_operations/<id>[:cancel]: web_registry_streaming.py

Attribute changes go through attributes.update_attributes, deletes through images.untag|delete_repository, soft
delete through softdelete.* (which judge the caller's Entra principal: registries/deleted/read and
deleted/restore/action), so the rules are the ones az meets. Shapes: engine/acr_metadata.py; soft-delete rows as in
azure-cli's mock tests (acr/tests/latest/test_acr_commands_mock.py: deletedAt, digest, tag).
"""

from __future__ import annotations

import re

from . import images, softdelete
from .acr_metadata import manifest_json, repository_json, tag_json
from .attributes import update_attributes
from .clock import iso_z
from .cloud import Cloud
from .dataplane import require
from .errors import AzureError, RegistryError, unauthorized
from .registry import Registry
from .web import WebRequest, WebResponse
from .web_registry import (
    CATALOG,
    DELETED_CATALOG,
    Caller,
    authorize,
    fail,
    json_body,
    page,
    repo_scope,
    respond,
)
from .web_registry_v2 import NAME

ORDERBY = {"timedesc": "time_desc", "timeasc": "time_asc"}
FIELDS = {"deleteEnabled": "delete_enabled", "writeEnabled": "write_enabled", "readEnabled": "read_enabled",
          "listEnabled": "list_enabled"}
DELETED = re.compile(rf"^/acr/v1/_deleted/(?P<name>{NAME})/(?P<kind>_manifests|_tags)(?:/(?P<ref>[^/]+))?$")
ITEM = re.compile(rf"^/acr/v1/(?P<name>{NAME})(?:/(?P<kind>_tags|_manifests)(?:/(?P<ref>[^/]+))?)?$")


def _patch(req: WebRequest) -> dict:
    body = json_body(req)
    changes = {}
    for key, value in body.items():
        if key not in FIELDS:
            raise fail("BAD_REQUEST", f"unknown attribute '{key}': the changeable attributes are "
                       f"{', '.join(FIELDS)}", 400)
        if isinstance(value, str) and value.lower() in ("true", "false"):
            value = value.lower() == "true"  # azure-cli sends the strings 'true' / 'false'
        if not isinstance(value, bool):
            raise fail("BAD_REQUEST", f"'{key}' must be true or false", 400)
        changes[FIELDS[key]] = value
    return changes


def _repo(reg: Registry, name: str):
    r = reg.store.repositories.get(name)
    if r is None:
        raise fail("NAME_UNKNOWN", "repository name not known to registry", 404, {"name": name})
    return r


def _listing(reg: Registry, req: WebRequest, name: str, kind: str) -> WebResponse:
    r = _repo(reg, name)
    orderby = req.arg("orderby") or None
    if orderby and orderby not in ORDERBY:
        raise fail("BAD_REQUEST", f"orderby must be timedesc or timeasc, not '{orderby}'", 400)
    items = r.ordered("tags" if kind == "_tags" else "manifests", ORDERBY.get(orderby or ""), None)
    keys = [t.name if kind == "_tags" else t.digest for t in items]
    if orderby:  # a time order pages by position: `last` names the item the previous page ended with
        last = req.arg("last")
        if last in keys:
            items, keys = items[keys.index(last) + 1:], keys[keys.index(last) + 1:]
        kept_keys, link = page(keys, _without_last(req), f"/acr/v1/{name}/{kind}")
    else:
        kept_keys, link = page(keys, req, f"/acr/v1/{name}/{kind}")
    chosen = set(kept_keys)
    rows = [tag_json(t) if kind == "_tags" else manifest_json(r, t) for t in items
            if (t.name if kind == "_tags" else t.digest) in chosen]
    key = "tags" if kind == "_tags" else "manifests"
    return respond(200, {"registry": reg.login_server, "imageName": name, key: rows}, headers=link)


def _without_last(req: WebRequest) -> WebRequest:
    from dataclasses import replace
    return replace(req, query={k: v for k, v in req.query.items() if k != "last"})


def item(cloud: Cloud, reg: Registry, req: WebRequest, slot: list, name: str, kind: str | None,
         ref: str | None) -> WebResponse:
    m = req.method
    if m == "DELETE":
        caller = authorize(cloud, reg, req, repo_scope(name, "delete"), slot)
        if kind == "_tags" and ref:
            _repo(reg, name)
            images.untag(cloud, reg, caller.cred, name, ref, req.origin)
            return respond(202)
        if kind is None:
            _repo(reg, name)
            removed = images.delete_repository(cloud, reg, caller.cred, name, req.origin)
            return respond(202, {"manifestsDeleted": sorted(removed.manifests), "tagsDeleted": sorted(removed.tags)})
        raise fail("UNSUPPORTED", "The operation is unsupported: delete a manifest with DELETE /v2/<name>/manifests/"
                   "<digest>", 405)
    if m == "PATCH" and (kind is None or ref):
        caller = authorize(cloud, reg, req, repo_scope(name, "metadata_write"), slot)
        require(cloud, reg, caller.cred, "metadata_write", name, req.origin)  # who may write, before the body
        changes = _patch(req)
        update_attributes(cloud, reg, caller.cred, name, req.origin, tag=ref if kind == "_tags" else None,
                          reference=ref if kind == "_manifests" else None, **changes)
        return _show(reg, name, kind, ref)
    if m not in ("GET", "HEAD"):
        raise fail("UNSUPPORTED", "The operation is unsupported.", 405)
    caller = authorize(cloud, reg, req, repo_scope(name, "metadata_read"), slot)
    require(cloud, reg, caller.cred, "metadata_read", name, req.origin)
    cloud.emit("request", registry=reg, kind="read", cred=caller.cred, origin=req.origin)
    if kind is not None and not ref:
        return _listing(reg, req, name, kind)
    return _show(reg, name, kind, ref)


def _show(reg: Registry, name: str, kind: str | None, ref: str | None) -> WebResponse:
    r = _repo(reg, name)
    if kind is None:
        return respond(200, repository_json(reg, r))
    head = {"registry": reg.login_server, "imageName": name}
    if kind == "_tags":
        t = r.tags.get(ref or "")
        if t is None:
            raise fail("TAG_UNKNOWN", "the specified tag does not exist", 404, {"tag": ref})
        return respond(200, {**head, "tag": tag_json(t)})
    held = r.manifests.get(ref or "")
    if held is None:
        raise fail("MANIFEST_UNKNOWN", "manifest unknown", 404, {"digest": ref})
    return respond(200, {**head, "manifest": manifest_json(r, held)})


def _principal(cloud: Cloud, caller: Caller):
    if caller.cred.kind == "anonymous":
        raise unauthorized()
    p = cloud.tenant.principals.get(caller.cred.principal_id or "") if caller.cred.kind == "aad" else None
    if p is None:
        raise fail("DENIED", "soft-deleted artifacts are listed and restored by Microsoft Entra identities with "
                   "registries/deleted/read and deleted/restore/action (an admin user or a token cannot)", 403)
    return p


def deleted(cloud: Cloud, reg: Registry, req: WebRequest, slot: list) -> WebResponse:
    if req.path == "/acr/v1/_deleted/_catalog":
        caller = authorize(cloud, reg, req, DELETED_CATALOG, slot)
        names = softdelete.deleted_repositories(cloud, _principal(cloud, caller), reg)
        return respond(200, {"repositories": [{"repository": n} for n in names]})
    match = DELETED.match(req.path)
    if match is None:
        raise fail("NAME_INVALID", "invalid repository name", 404, {"path": req.path})
    name, kind, ref = match["name"], match["kind"], match["ref"]
    bin_ = softdelete.bin_of(reg)
    if req.method == "POST" and kind == "_manifests" and ref:
        caller = authorize(cloud, reg, req, repo_scope(name, "deleted_restore"), slot)
        principal = _principal(cloud, caller)
        tag = json_body(req).get("tag")
        if not isinstance(tag, str) or not tag:
            raise fail("BAD_REQUEST", 'the body must name the tag to restore: {"tag": "<tag>"}', 400)
        force = (req.arg("force") or "false").lower() == "true"
        out = softdelete.restore(cloud, principal, reg, name, tag, ref, force)
        return respond(200, {"digest": out["digest"], "tag": tag})
    if req.method not in ("GET", "HEAD") or ref:
        raise fail("UNSUPPORTED", "The operation is unsupported.", 405)
    caller = authorize(cloud, reg, req, repo_scope(name, "deleted_read"), slot)
    principal = _principal(cloud, caller)
    if kind == "_tags":
        cloud.require(principal, softdelete.READ, reg.id)
        rows = [{"tag": t.tag, "digest": t.digest, "deletedAt": iso_z(t.deleted_at)}
                for t in sorted(bin_.tags, key=lambda t: t.deleted_at) if t.repository == name]
        return respond(200, {"tags": rows})
    cloud.require(principal, softdelete.READ, reg.id)
    manifests = [{"digest": d.digest, "deletedAt": iso_z(d.deleted_at), "tags": list(d.tags)}
                 for d in sorted(bin_.manifests, key=lambda d: d.deleted_at) if d.repository == name]
    return respond(200, {"manifests": manifests})


def handle(cloud: Cloud, reg: Registry, req: WebRequest, slot: list) -> WebResponse:
    try:
        if req.path.startswith("/acr/v1/_deleted/"):
            return deleted(cloud, reg, req, slot)
        if req.path == "/acr/v1/_catalog":
            caller = authorize(cloud, reg, req, CATALOG, slot)
            require(cloud, reg, caller.cred, "catalog", None, req.origin)
            names = sorted(n for n, r in reg.store.repositories.items() if r.attributes.list_enabled)
            kept, link = page(names, req, "/acr/v1/_catalog")
            return respond(200, {"repositories": kept}, headers=link)
        if "/_streaming" in req.path or "/_operations/" in req.path:
            from . import web_registry_streaming

            if web_registry_streaming.serves(req.path):
                return web_registry_streaming.handle(cloud, reg, req, slot)
        match = ITEM.match(req.path)
        if match is None:
            raise fail("NAME_INVALID", "invalid repository name", 404, {"path": req.path})
        return item(cloud, reg, req, slot, match["name"], match["kind"], match["ref"])
    except AzureError as e:  # the soft-delete rules answer with Azure RBAC's refusal
        raise RegistryError("DENIED", str(e), 403) from None
