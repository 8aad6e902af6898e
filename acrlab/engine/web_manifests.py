"""Manifests a client PUTs over HTTP (PUT /v2/<name>/manifests/<reference>): the JSON body becomes the store's
content model (an image, an OCI artifact with its artifactType and subject, or an image index) that keeps the exact
bytes sent, so the digest is the SHA-256 of those bytes, as in any registry.

Checks as the distribution spec's (opencontainers/distribution-spec spec.md, "Pushing Manifests" and the error
codes table): the body must be JSON of a known manifest media type (MANIFEST_INVALID), the Content-Type must agree
with its mediaType, every blob it names must be in the registry (MANIFEST_BLOB_UNKNOWN), every manifest an index
names must be in the repository (MANIFEST_UNKNOWN), a digest reference must be the body's digest (DIGEST_INVALID).
A subject need not exist (image-spec v1.1 allows pushing a referrer first). Media types: opencontainers/image-spec
manifest.md, image-index.md; Docker's schema 2 (distribution/distribution docs/spec/manifest-v2-2.md)."""

from __future__ import annotations

import json

from . import oci
from .artifacts import DOCKER_CONFIG, ImageContent, Layer
from .errors import RegistryError
from .ids import sha256_digest
from .registry import Registry

OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
IMAGE_TYPES = (oci.DOCKER_MANIFEST, oci.OCI_MANIFEST)
KNOWN = (*IMAGE_TYPES, *oci.INDEX_TYPES)
MAX_MANIFEST = 4 * 1024 * 1024
"""ACR's manifest size limit: 4 MiB on every SKU (shared/reference/acr-facts.md, the SKU limits table)."""


class UploadedImage(ImageContent):
    raw: bytes

    def manifest_bytes(self) -> bytes:
        return self.raw


class UploadedArtifact(oci.ArtifactManifest):
    raw: bytes

    def manifest_bytes(self) -> bytes:
        return self.raw


class UploadedIndex(oci.ImageIndex):
    raw: bytes

    def manifest_bytes(self) -> bytes:
        return self.raw


def invalid(message: str) -> RegistryError:
    return RegistryError("MANIFEST_INVALID", f"manifest invalid: {message}", 400)


def _descriptor(d, what: str) -> tuple[str, int, str]:
    if not isinstance(d, dict):
        raise invalid(f"{what} is not a descriptor object")
    digest, size, media = d.get("digest"), d.get("size"), d.get("mediaType")
    if not isinstance(digest, str) or not digest.startswith("sha256:") or len(digest) != 71:
        raise invalid(f"{what} has no valid sha256 digest")
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise invalid(f"{what} has no valid size")
    if not isinstance(media, str) or not media:
        raise invalid(f"{what} has no mediaType")
    return digest, size, media


def _platform_of(registry: Registry, config_digest: str) -> tuple[str, str, str | None]:
    """os, architecture, variant from the config blob the client uploaded (when it is an image config)."""
    text = registry.extra.get("blob_contents", {}).get(config_digest)
    try:
        doc = json.loads(text) if text else {}
    except ValueError:
        doc = {}
    if not isinstance(doc, dict):
        doc = {}
    os_, arch = doc.get("os"), doc.get("architecture")
    return (os_ if isinstance(os_, str) else "linux", arch if isinstance(arch, str) else "amd64",
            doc.get("variant") if isinstance(doc.get("variant"), str) else None)


def parse(registry: Registry, repository: str, body: bytes, content_type: str | None,
          has_blob) -> ImageContent:
    """The content model of an uploaded manifest; `has_blob(digest)` says whether the registry holds a blob."""
    if len(body) > MAX_MANIFEST:
        raise RegistryError("SIZE_INVALID", "manifest invalid: the manifest is larger than 4 MiB", 400)
    try:
        doc = json.loads(body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise invalid("the body is not JSON") from None
    if not isinstance(doc, dict) or doc.get("schemaVersion") != 2:
        raise invalid("schemaVersion must be 2")
    media = doc.get("mediaType") or (content_type or "").split(";")[0].strip()
    declared = (content_type or "").split(";")[0].strip()
    if media not in KNOWN:
        raise invalid(f"unsupported manifest media type '{media}'")
    if declared and declared in KNOWN and declared != media:
        raise invalid(f"the Content-Type '{declared}' does not match the manifest's mediaType '{media}'")
    if media in oci.INDEX_TYPES:
        return _index(registry, repository, doc, media, body)
    return _image(registry, doc, media, body, has_blob)


def _image(registry: Registry, doc: dict, media: str, body: bytes, has_blob) -> ImageContent:
    config = doc.get("config")
    c_digest, c_size, c_media = _descriptor(config, "config")
    layers_doc = doc.get("layers")
    if not isinstance(layers_doc, list):
        raise invalid("layers must be a list")
    layers: list[Layer] = []
    for n, d in enumerate(layers_doc):
        digest, size, lmedia = _descriptor(d, f"layers[{n}]")
        notes = d.get("annotations") if isinstance(d.get("annotations"), dict) else {}
        layers.append(oci.AnnotatedBlob(digest=digest, size=size, media_type=lmedia,
                                        annotations={str(k): str(v) for k, v in notes.items()}))
    for digest in [c_digest, *(x.digest for x in layers)]:
        if digest != oci.EMPTY_DIGEST and not has_blob(digest):
            raise RegistryError("MANIFEST_BLOB_UNKNOWN", "blob unknown to registry", 400, detail={"digest": digest})
    subject = doc.get("subject")
    artifact_type = doc.get("artifactType")
    notes_doc = doc.get("annotations")
    annotations: dict = notes_doc if isinstance(notes_doc, dict) else {}
    if subject is not None or artifact_type is not None or c_media not in (DOCKER_CONFIG, OCI_CONFIG):
        s_digest, s_size, s_media = _descriptor(subject, "subject") if subject is not None else (None, 0, "")
        return UploadedArtifact(
            raw=body, config_digest=c_digest, config_size=c_size, layers=layers, media_type=media,
            artifact_type=artifact_type if isinstance(artifact_type, str) else "", subject=s_digest,
            subject_size=s_size, subject_media_type=s_media or oci.DOCKER_MANIFEST, config_media_type=c_media,
            annotations={str(k): str(v) for k, v in annotations.items()}, os="", architecture="")
    os_, arch, variant = _platform_of(registry, c_digest)
    plain = [Layer(digest=x.digest, size=x.size, media_type=x.media_type) for x in layers]
    return UploadedImage(raw=body, config_digest=c_digest, config_size=c_size, layers=plain, media_type=media,
                         os=os_, architecture=arch, variant=variant)


def _index(registry: Registry, repository: str, doc: dict, media: str, body: bytes) -> ImageContent:
    entries = doc.get("manifests")
    if not isinstance(entries, list) or not entries:
        raise invalid("an index needs a non-empty manifests list")
    repo = registry.store.repositories.get(repository)
    children, platforms = [], []
    for n, d in enumerate(entries):
        digest, _, _ = _descriptor(d, f"manifests[{n}]")
        held = repo.manifests.get(digest) if repo is not None else None
        if held is None:
            raise RegistryError("MANIFEST_UNKNOWN", f"manifest {digest} named by the index is not in the repository",
                                400, detail={"digest": digest})
        p = d.get("platform") if isinstance(d.get("platform"), dict) else {}
        children.append(held.content)
        platforms.append(oci.Platform(os=str(p.get("os", held.content.os or "linux")),
                                      architecture=str(p.get("architecture", held.content.architecture or "amd64")),
                                      variant=p.get("variant"), os_version=p.get("os.version")))
    first = children[0]
    return UploadedIndex(raw=body, config_digest="", config_size=0, layers=[], os=first.os,
                         architecture=first.architecture, media_type=media, children=children, platforms=platforms)


def digest_of(body: bytes) -> str:
    return sha256_digest(body)
