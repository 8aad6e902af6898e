"""OCI shapes beyond a single-platform image: image indexes (multi-arch manifest lists) and referrers.

- `ImageIndex`: a manifest list / OCI image index. It names one platform manifest per os/architecture; in a
  registry the platform manifests are stored (untagged) in the same repository before the index that refers
  to them (`store_index`). `docker pull` of an index takes the platform of the client (`for_platform`).
- `ArtifactManifest`: an OCI artifact with an `artifactType` and an optional `subject`: the manifest it refers
  to (a Notary Project signature, an SBOM). `referrers()` answers the OCI referrers API; deleting a subject
  deletes the artifacts that refer to it, as ACR does (`install`), which is why `az acr manifest delete` asks
  about "all manifests that refer to it".

Both are `ImageContent` subclasses, so the artifact store keeps, counts and orders them like any manifest.
Sources: opencontainers/image-spec image-index.md and manifest.md (v1.1: artifactType, subject);
opencontainers/distribution-spec spec.md (listing referrers); MicrosoftDocs/azure-management-docs
articles/container-registry/push-multi-architecture-images.md, container-registry-manage-artifact.md.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import cached_property

from pydantic import BaseModel, ConfigDict

from .artifacts import ImageContent, Layer, Manifest, Repository
from .ids import sha256_digest

OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_INDEX = "application/vnd.oci.image.index.v1+json"
DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json"
DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json"
OCI_EMPTY = "application/vnd.oci.empty.v1+json"
EMPTY_DIGEST = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
"""The digest of `{}`, the empty descriptor an artifact without a config uses (image-spec manifest.md)."""
INDEX_TYPES = (OCI_INDEX, DOCKER_MANIFEST_LIST)


class Platform(BaseModel):
    model_config = ConfigDict(frozen=True)

    os: str = "linux"
    architecture: str = "amd64"
    variant: str | None = None
    os_version: str | None = None

    def to_json(self) -> dict:
        out = {"architecture": self.architecture, "os": self.os}
        if self.os_version:
            out["os.version"] = self.os_version
        if self.variant:
            out["variant"] = self.variant
        return out

    def label(self) -> str:
        return "/".join(x for x in (self.os, self.architecture, self.variant) if x)

    def key(self) -> str:
        """Tells apart two images of one os/architecture (Windows ltsc2022 and ltsc2025)."""
        return self.label() + (f"@{self.os_version}" if self.os_version else "")


class ImageIndex(ImageContent):
    """A multi-platform image: `children` are the platform images, in the index's order."""

    children: list[ImageContent]
    platforms: list[Platform]

    def manifest_bytes(self) -> bytes:
        doc = {"schemaVersion": 2, "mediaType": self.media_type,
               "manifests": [{"mediaType": c.media_type, "size": c.manifest_size, "digest": c.digest,
                              "platform": p.to_json()} for c, p in zip(self.children, self.platforms, strict=True)]}
        return json.dumps(doc, indent=3).encode()

    @cached_property
    def size(self) -> int:
        return 0  # an index has no config or layers of its own

    def for_platform(self, os_: str = "linux", architecture: str = "amd64") -> ImageContent | None:
        for child, p in zip(self.children, self.platforms, strict=True):
            if p.os == os_ and p.architecture == architecture:
                return child
        return None

    def default_child(self) -> ImageContent:
        """What a linux/amd64 client gets; a Windows-only index gives its first image (a Windows host's)."""
        return self.for_platform() or self.children[0]


def make_index(children: list[ImageContent], platforms: list[Platform], media_type: str = OCI_INDEX) -> ImageIndex:
    first = children[0]
    return ImageIndex(config_digest="", config_size=0, layers=[], os=first.os, architecture=first.architecture,
                      media_type=media_type, children=children, platforms=platforms)


class AnnotatedBlob(Layer):
    """A blob of an artifact with its descriptor's annotations (a file's name in `org.opencontainers.image.title`)."""

    annotations: dict[str, str] = {}


class ArtifactManifest(ImageContent):
    """An OCI artifact manifest (image-spec v1.1): an artifactType (or a config of its own media type, as a Helm
    chart has), blobs as layers, and maybe a subject."""

    artifact_type: str
    subject: str | None = None
    """Digest of the manifest this artifact refers to."""
    subject_size: int = 0
    subject_media_type: str = DOCKER_MANIFEST
    annotations: dict[str, str] = {}
    config_media_type: str = OCI_EMPTY

    def manifest_bytes(self) -> bytes:
        doc: dict = {"schemaVersion": 2, "mediaType": OCI_MANIFEST, "artifactType": self.artifact_type,
                     "config": {"mediaType": self.config_media_type, "digest": self.config_digest,
                                "size": self.config_size},
                     "layers": [_descriptor(x) for x in self.layers]}
        if not self.artifact_type:
            del doc["artifactType"]
        if self.subject:
            doc["subject"] = {"mediaType": self.subject_media_type, "digest": self.subject,
                              "size": self.subject_size}
        if self.annotations:
            doc["annotations"] = dict(self.annotations)
        return json.dumps(doc, indent=3).encode()


def _descriptor(blob: Layer) -> dict:
    out: dict = {"mediaType": blob.media_type, "digest": blob.digest, "size": blob.size}
    notes = getattr(blob, "annotations", None)
    if notes:
        out["annotations"] = dict(notes)
    return out


def make_artifact(artifact_type: str, blobs: list, subject: Manifest | None = None,
                  annotations: dict[str, str] | None = None) -> ArtifactManifest:
    return ArtifactManifest(config_digest=EMPTY_DIGEST, config_size=2, layers=blobs, media_type=OCI_MANIFEST,
                            artifact_type=artifact_type, subject=subject.digest if subject else None,
                            subject_size=subject.manifest_size if subject else 0,
                            subject_media_type=subject.content.media_type if subject else DOCKER_MANIFEST,
                            annotations=annotations or {}, os="", architecture="")


def blob_digest(data: bytes) -> str:
    return sha256_digest(data)


# -- in a repository -----------------------------------------------------------------------------
def is_index(content: ImageContent) -> bool:
    return isinstance(content, ImageIndex)


def referrers(repo: Repository, digest: str, artifact_type: str | None = None) -> list[Manifest]:
    """Manifests in `repo` whose subject is `digest` (oldest first), optionally of one artifactType."""
    out = [m for m in (repo.manifests[d] for d in repo.referrer_digests(digest))
           if isinstance(m.content, ArtifactManifest) and (artifact_type is None or m.content.artifact_type == artifact_type)]
    return sorted(out, key=lambda m: (m.created, m.digest))


def referenced_by_index(repo: Repository) -> set[str]:
    """Digests that an index in `repo` names (they are part of a multi-arch image, not loose untagged manifests)."""
    out: set[str] = set()
    for m in repo.manifests.values():
        if isinstance(m.content, ImageIndex):
            out.update(c.digest for c in m.content.children)
    return out


def store_index(store, repo: str, index: ImageIndex, now: datetime, tag: str | None,
                built_by_run: str | None = None) -> tuple[Manifest, str | None]:
    """Put the platform manifests (untagged), then the index itself (tagged): what a registry receives."""
    for child in index.children:
        store.put_manifest(repo, child, now, None, built_by_run)
    return store.put_manifest(repo, index, now, tag, built_by_run)


def _cascade(cloud, registry, repository: str, manifest: Manifest, reason: str = "user", **_) -> None:
    """Deleting a subject deletes its referrers (signatures, SBOMs) too, recursively; deleting an index deletes
    the platform manifests no other index or tag still holds (soft delete keeps them, and restoring the index
    "doesn't recursively restore any underlying soft-deleted manifests": container-registry-soft-delete-policy.md)."""
    r = registry.store.repositories.get(repository)
    if r is None:
        return
    doomed = [ref.digest for ref in referrers(r, manifest.digest)]
    if isinstance(manifest.content, ImageIndex):
        held = referenced_by_index(r)
        doomed += [c.digest for c in manifest.content.children
                   if c.digest in r.manifests and c.digest not in held and not r.is_tagged(c.digest)]
    if not doomed:  # every CI delete: an image with no signature or SBOM
        return
    from .images import remove_manifest

    for digest in dict.fromkeys(doomed):
        r = registry.store.repositories.get(repository)
        if r is None:
            return
        if digest in r.manifests:
            remove_manifest(cloud, registry, repository, digest, reason="referrer" if digest != manifest.digest
                            else reason, force=True)


def install(cloud) -> None:
    cloud.on("delete", _cascade)


def metadata_fields(content: ImageContent, out: dict) -> dict:
    """How the registry's manifest metadata (`az acr manifest list-metadata`) differs for an index or an artifact:
    an index has no platform or config of its own and lists the manifests it references (`references`); an
    artifact's config is the empty descriptor and it carries its artifactType."""
    if isinstance(content, ImageIndex):
        for key in ("architecture", "os", "configMediaType"):
            out.pop(key, None)
        out["references"] = [{"architecture": p.architecture, "digest": c.digest, "os": p.os}
                             for c, p in zip(content.children, content.platforms, strict=True)]
    elif isinstance(content, ArtifactManifest):
        for key in ("architecture", "os"):
            out.pop(key, None)
        out["configMediaType"] = content.config_media_type
        if content.artifact_type:  # a Helm chart has none: its config media type says what it is
            out["artifactType"] = content.artifact_type
    return out


def platform_image(content: ImageContent, os_: str = "linux", architecture: str = "amd64") -> ImageContent:
    """What a client on `os_/architecture` runs for `content`: the matching platform image of an index (a
    Windows-only index gives its first image), the content itself otherwise."""
    if isinstance(content, ImageIndex):
        return content.for_platform(os_, architecture) or content.children[0]
    return content
