"""Artifact streaming (preview): per-repository auto-conversion and conversion operations that make a streaming
artifact (an overlaybd copy of an image, stored as a referrer of it) on the simulated clock.

Sources: azure-cli acr/artifact_streaming.py (the /acr/v1/<repo>/_streaming, _streaming/<digest> and
_operations/<id>[:cancel] requests, statuses NotStarted|Running|Succeeded|Failed|Canceled, conversionFormat
overlaybd v1, referrers of artifactType application/vnd.azure.artifact.streaming.v1) and its recording
test_acr_artifact_streaming.yaml (an operation's JSON: name ArtifactStreamingConversion, resource repo@digest,
status, startTime, progress, details); MicrosoftDocs/azure-management-docs articles/container-registry/
container-registry-artifact-streaming.md (Premium only, repositories inactive by default, enabling does not convert
existing images, CMK registries unsupported, linux/amd64 only) and troubleshoot-artifact-streaming.md (the codes
and messages of a failed conversion). The registry itself writes the streaming artifact (no caller's push).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from . import oci
from .artifacts import Layer
from .cloud import Cloud
from .dataplane import Credential, Origin, require
from .errors import RegistryError
from .ids import sha256_digest

ARTIFACT_TYPE = "application/vnd.azure.artifact.streaming.v1"
FORMAT, VERSION = "overlaybd", "v1"
OPERATION_NAME = "ArtifactStreamingConversion"
ONGOING = ("NotStarted", "Running")
STREAMING_LAYER = "application/vnd.oci.image.layer.v1.tar"
KEY = "artifact_streaming"
SOURCE = "artifact_streaming"
RUNNABLE_MEDIA_TYPES = ("application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json",
                        "application/vnd.docker.distribution.manifest.v2+json",
                        "application/vnd.docker.distribution.manifest.list.v2+json")
# troubleshoot-artifact-streaming.md, "Conversion operation failed"
FAILURES = {
    "RESOURCE_NOT_FOUND": "Conversion operation failed because target resource isn't found.",
    "UNSUPPORTED_PLATFORM": "Conversion isn't currently supported for image platform.",
    "NO_SUPPORTED_PLATFORM_FOUND": "Conversion isn't currently supported for any of the image platforms in the index.",
    "UNSUPPORTED_MEDIATYPE": "Conversion isn't supported for the image MediaType.",
    "UNSUPPORTED_ARTIFACT_TYPE": "Conversion isn't supported for the image ArtifactType.",
    "IMAGE_NOT_RUNNABLE": "Conversion isn't supported for nonrunnable images.",
}
MIN_SECONDS, BYTES_PER_SECOND = 20, 50 * 1024 * 1024
"""A conversion takes 20 s plus 1 s per 50 MiB of layers (the lab's pace; the service publishes none)."""


_EMPTY: dict = {"repositories": {}, "operations": {}, "latest": {}}


def _state(registry, write: bool = False) -> dict:
    """The registry's streaming state; a read of a registry that never used the feature changes nothing."""
    if write:
        return registry.extra.setdefault(KEY, {"repositories": {}, "operations": {}, "latest": {}})
    return registry.extra.get(KEY, _EMPTY)


def _check_registry(registry) -> None:
    if registry.sku != "Premium":
        raise RegistryError("UNSUPPORTED", "Artifact streaming is available only for the Premium service tier "
                            f"(SKU); registry '{registry.name}' is {registry.sku}.", 400)
    if str(registry.encryption.get("status", "")).lower() == "enabled":
        raise RegistryError("UNSUPPORTED", "Artifact streaming doesn't support registries encrypted with a "
                            "customer-managed key.", 400)


def _repository(registry, name: str):
    r = registry.store.repositories.get(name)
    if r is None:
        raise RegistryError("NAME_UNKNOWN", f'repository "{name}" is not found.', 404)
    return r


def _settings(registry, repository: str) -> dict:
    enabled = bool(_state(registry)["repositories"].get(repository, False))
    return {"conversionFormat": FORMAT, "conversionVersion": VERSION, "convertPushedImages": enabled,
            "status": "Succeeded"}


def show_repository(cloud: Cloud, registry, cred: Credential | None, repository: str, origin: Origin) -> dict:
    """GET /acr/v1/<repo>/_streaming: whether pushed images of the repository are converted."""
    require(cloud, registry, cred, "pull", repository, origin)
    _check_registry(registry)
    _repository(registry, repository)
    return _settings(registry, repository)


def update_repository(cloud: Cloud, registry, cred: Credential | None, repository: str, enabled: bool,
                      origin: Origin) -> dict:
    """POST /acr/v1/<repo>/_streaming: turn auto-conversion of newly pushed images on or off (existing images
    are not converted)."""
    require(cloud, registry, cred, "push", repository, origin)
    _check_registry(registry)
    _repository(registry, repository)
    _state(registry, write=True)["repositories"][repository] = bool(enabled)
    return _settings(registry, repository)


def streaming_artifacts(registry, repository: str, digest: str) -> list:
    r = registry.store.repositories.get(repository)
    return oci.referrers(r, digest, ARTIFACT_TYPE) if r is not None else []


def _failure(content) -> str | None:
    """The troubleshooting code a conversion of `content` fails with, or None when it can be converted."""
    if isinstance(content, oci.ArtifactManifest):
        return "UNSUPPORTED_ARTIFACT_TYPE" if content.artifact_type == ARTIFACT_TYPE else "IMAGE_NOT_RUNNABLE"
    if content.media_type not in RUNNABLE_MEDIA_TYPES:
        return "UNSUPPORTED_MEDIATYPE"
    if oci.is_index(content):
        return None if content.for_platform("linux", "amd64") is not None else "NO_SUPPORTED_PLATFORM_FOUND"
    return None if (content.os, content.architecture) == ("linux", "amd64") else "UNSUPPORTED_PLATFORM"


def _duration(content) -> timedelta:
    image = content.for_platform("linux", "amd64") if oci.is_index(content) else content
    size = sum(layer.size for layer in image.layers)
    return timedelta(seconds=MIN_SECONDS + size // BYTES_PER_SECOND)


def _begin(cloud: Cloud, registry, repository: str, manifest) -> dict:
    """Record a new conversion operation for one manifest (failed at once when it cannot be converted)."""
    st = _state(registry, write=True)
    now = cloud.clock.now()
    op_id = cloud.ids.guid()
    resource = f"{repository}@{manifest.digest}"
    code = _failure(manifest.content)
    op = {"id": op_id, "repository": repository, "digest": manifest.digest, "status": "Running",
          "startTime": now.strftime("%Y-%m-%dT%H:%M:%SZ"), "details": f"Conversion started for resource {resource}"}
    if code is not None:
        op.update(status="Failed", code=code, details=FAILURES[code], ends=now.isoformat())
    else:
        ends = now + _duration(manifest.content)
        op["ends"] = ends.isoformat()
        from . import tasks_timeline

        tasks_timeline.schedule(cloud, SOURCE, ends, (registry.name, op_id))
    st["operations"][op_id] = op
    st["latest"][resource] = op_id
    return op


def _progress(cloud: Cloud, op: dict) -> str:
    if op["status"] == "Succeeded":
        return "100%"
    if op["status"] != "Running":
        return op.get("progress", "0%")
    start = datetime.fromisoformat(op["startTime"].replace("Z", "+00:00"))
    ends = datetime.fromisoformat(op["ends"])
    total = (ends - start).total_seconds() or 1
    return f"{min(99, int((cloud.clock.now() - start).total_seconds() * 100 // total))}%"


def operation_json(cloud: Cloud, op: dict) -> dict:
    return {"name": OPERATION_NAME, "resource": f"{op['repository']}@{op['digest']}", "status": op["status"],
            "startTime": op["startTime"], "progress": _progress(cloud, op), "details": op["details"]}


def start_conversion(cloud: Cloud, registry, cred: Credential | None, repository: str, digest: str,
                     origin: Origin) -> tuple[int, dict]:
    """POST /acr/v1/<repo>/_streaming/<digest>: 202 with the operation's id and status (an operation already
    under way for the image is answered again)."""
    require(cloud, registry, cred, "push", repository, origin)
    _check_registry(registry)
    r = _repository(registry, repository)
    manifest = r.manifests.get(digest)
    if manifest is None:
        raise RegistryError("MANIFEST_UNKNOWN", "manifest unknown", 404)
    current = _latest(registry, repository, digest)
    if current is not None and current["status"] in ONGOING:
        return 202, {"id": current["id"], "status": current["status"]}
    op = _begin(cloud, registry, repository, manifest)
    return 202, {"id": op["id"], "status": op["status"]}


def _latest(registry, repository: str, digest: str) -> dict | None:
    st = _state(registry)
    op_id = st["latest"].get(f"{repository}@{digest}")
    return st["operations"].get(op_id) if op_id else None


def latest_operation(cloud: Cloud, registry, cred: Credential | None, repository: str, digest: str,
                     origin: Origin) -> dict:
    """GET /acr/v1/<repo>/_streaming/<digest>: the image's last conversion operation ({id, status}), else 404."""
    require(cloud, registry, cred, "pull", repository, origin)
    _check_registry(registry)
    op = _latest(registry, repository, digest)
    if op is None:
        raise RegistryError("NOT_FOUND", f"no artifact streaming operation found for {repository}@{digest}", 404)
    return {"id": op["id"], "status": op["status"]}


def _operation(registry, repository: str, op_id: str) -> dict:
    op = _state(registry)["operations"].get(op_id)
    if op is None or op["repository"] != repository:
        raise RegistryError("NOT_FOUND", f"operation '{op_id}' is not found in repository '{repository}'.", 404)
    return op


def show_operation(cloud: Cloud, registry, cred: Credential | None, repository: str, op_id: str,
                   origin: Origin) -> dict:
    """GET /acr/v1/<repo>/_operations/<id>."""
    require(cloud, registry, cred, "pull", repository, origin)
    _check_registry(registry)
    return operation_json(cloud, _operation(registry, repository, op_id))


def cancel_operation(cloud: Cloud, registry, cred: Credential | None, repository: str, op_id: str,
                     origin: Origin) -> dict:
    """POST /acr/v1/<repo>/_operations/<id>:cancel: an operation under way stops, Canceled, with no artifact."""
    require(cloud, registry, cred, "push", repository, origin)
    _check_registry(registry)
    op = _operation(registry, repository, op_id)
    if op["status"] not in ONGOING:
        raise RegistryError("OPERATION_NOT_CANCELABLE",
                            f"operation '{op_id}' has already finished with status '{op['status']}'.", 409)
    op.update(progress=_progress(cloud, op), status="Canceled")
    return operation_json(cloud, op)


def _streaming_artifact(content, subject) -> oci.ArtifactManifest:
    image = content.for_platform("linux", "amd64") if oci.is_index(content) else content
    layers = [Layer(digest=sha256_digest(f"{FORMAT}/{VERSION}:{x.digest}".encode()), size=x.size,
                    media_type=STREAMING_LAYER) for x in image.layers]
    return oci.make_artifact(ARTIFACT_TYPE, layers, subject)


def _finish(cloud: Cloud, when: datetime, key) -> None:
    """Timeline job: a conversion still running completes; its streaming artifact becomes a referrer."""
    name, op_id = key
    registry = cloud.registries.get(name)
    if registry is None:
        return
    op = _state(registry)["operations"].get(op_id)
    if op is None or op["status"] not in ONGOING:
        return
    r = registry.store.repositories.get(op["repository"])
    subject = r.manifests.get(op["digest"]) if r is not None else None
    if subject is None:
        op.update(status="Failed", code="RESOURCE_NOT_FOUND", details=FAILURES["RESOURCE_NOT_FOUND"])
        return
    registry.store.put_manifest(op["repository"], _streaming_artifact(subject.content, subject), when)
    op["status"] = "Succeeded"


def _on_push(cloud: Cloud, registry=None, repository=None, manifest=None, **_) -> None:
    """A repository with convertPushedImages converts each image pushed or imported into it."""
    if registry is None or manifest is None or not _state(registry)["repositories"].get(repository):
        return
    content = manifest.content
    if isinstance(content, oci.ArtifactManifest) and content.artifact_type:
        return  # signatures, SBOMs and streaming artifacts themselves are not images to convert
    if registry.sku != "Premium" or streaming_artifacts(registry, repository, manifest.digest):
        return
    current = _latest(registry, repository, manifest.digest)
    if current is None or current["status"] not in ONGOING:
        _begin(cloud, registry, repository, manifest)


def install(cloud: Cloud) -> None:
    from . import tasks_timeline

    cloud.on("push", _on_push)
    tasks_timeline.register(cloud, SOURCE, _finish)
