"""ACR's artifact streaming API under /acr/v1/ (the requests azure-cli acr/artifact_streaming.py sends; the headers
of recordings/test_acr_artifact_streaming.yaml: Location and Operation-Id name the operation):

  GET  /acr/v1/<repo>/_streaming                  repository settings                          pull
  POST /acr/v1/<repo>/_streaming                  {"convertPushedImages", "conversionFormat", "conversionVersion"}  push
  GET  /acr/v1/<repo>/_streaming/<digest>         the image's last operation {"id", "status"}  pull
  POST /acr/v1/<repo>/_streaming/<digest>         start a conversion: 202 {"id", "status"}     push
  GET  /acr/v1/<repo>/_operations/<id>            the operation                                 pull
  POST /acr/v1/<repo>/_operations/<id>:cancel     cancel it                                     push

Every rule is engine/artifact_streaming.py's; this module reads the path and the body and shapes the answer.
"""

from __future__ import annotations

import re

from . import artifact_streaming as streaming
from .cloud import Cloud
from .registry import Registry
from .web import WebRequest, WebResponse
from .web_registry import authorize, fail, json_body, repo_scope, respond
from .web_registry_v2 import NAME

STREAMING = re.compile(rf"^/acr/v1/(?P<name>{NAME})/_streaming(?:/(?P<digest>sha256:[0-9a-f]{{64}}))?$")
OPERATION = re.compile(rf"^/acr/v1/(?P<name>{NAME})/_operations/(?P<id>[0-9A-Za-z-]+)(?P<cancel>:cancel)?$")


def serves(path: str) -> bool:
    return bool(STREAMING.match(path) or OPERATION.match(path))


def _operation_headers(reg: Registry, name: str, op_id: str) -> dict:
    return {"Location": f"https://{reg.login_server}/acr/v1/{name}/_operations/{op_id}", "Operation-Id": op_id}


def _settings_body(req: WebRequest) -> bool:
    body = json_body(req)
    enabled = body.get("convertPushedImages")
    if not isinstance(enabled, bool):
        raise fail("BAD_REQUEST", "'convertPushedImages' must be true or false", 400)
    if (body.get("conversionFormat", streaming.FORMAT), body.get("conversionVersion", streaming.VERSION)) != \
            (streaming.FORMAT, streaming.VERSION):
        raise fail("BAD_REQUEST", f"the conversion format must be '{streaming.FORMAT}' version "
                   f"'{streaming.VERSION}'", 400)
    return enabled


def handle(cloud: Cloud, reg: Registry, req: WebRequest, slot: list) -> WebResponse:
    write = req.method == "POST"
    if req.method not in ("GET", "HEAD", "POST"):
        raise fail("UNSUPPORTED", "The operation is unsupported.", 405)
    match = STREAMING.match(req.path)
    name = (match or OPERATION.match(req.path))["name"]  # type: ignore[index]
    caller = authorize(cloud, reg, req, repo_scope(name, "pull", "push") if write else repo_scope(name, "pull"), slot)
    if match is not None and match["digest"] is None:
        if write:
            enabled = _settings_body(req)
            return respond(200, streaming.update_repository(cloud, reg, caller.cred, name, enabled, req.origin))
        return respond(200, streaming.show_repository(cloud, reg, caller.cred, name, req.origin))
    if match is not None:
        digest = match["digest"]
        if write:
            status, body = streaming.start_conversion(cloud, reg, caller.cred, name, digest, req.origin)
        else:
            status, body = 200, streaming.latest_operation(cloud, reg, caller.cred, name, digest, req.origin)
        return respond(status, body, headers=_operation_headers(reg, name, body["id"]))
    op = OPERATION.match(req.path)
    assert op is not None
    if op["cancel"]:
        if not write:
            raise fail("UNSUPPORTED", "The operation is unsupported: cancel with POST.", 405)
        return respond(200, streaming.cancel_operation(cloud, reg, caller.cred, name, op["id"], req.origin))
    if write:
        raise fail("UNSUPPORTED", "The operation is unsupported.", 405)
    return respond(200, streaming.show_operation(cloud, reg, caller.cred, name, op["id"], req.origin))
