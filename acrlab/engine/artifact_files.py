"""Files kept in a registry as OCI artifacts: what `oras push|attach|pull|copy|discover` and `helm push|pull` do
through the data plane.

An artifact is an OCI image manifest (image-spec v1.1) with an `artifactType` (or, for a Helm chart, a config of
its own media type), one blob per file or directory and maybe a `subject` (`oras attach`: a signature or SBOM that
refers to an image). The registry keeps each blob's bytes by digest in `registry.extra['blob_contents']` (text: a
file's content; a directory is kept as the JSON of its files), so what is pulled is what was pushed; a blob no
manifest references any more is gone (`BLOB_UNKNOWN`), as after garbage collection.

Every operation goes through `images.push_image|pull_image` (authentication, network rules, RBAC or token scope
maps, locks, events). Descriptor annotations and the default `org.opencontainers.image.created` annotation are
oras-go's (oras-project/oras-go content/file and pack.go); the referrers graph is the OCI referrers API
(opencontainers/distribution-spec spec.md, "Listing Referrers").
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from . import oci
from .cloud import Cloud
from .dataplane import Credential, Origin, require
from .errors import RegistryError
from .images import pull_image, push_image
from .registry import Registry

CONTENTS = "blob_contents"
TITLE = "org.opencontainers.image.title"
CREATED = "org.opencontainers.image.created"
UNPACK = "io.deis.oras.content.unpack"
CONTENT_DIGEST = "io.deis.oras.content.digest"
DIR_MEDIA_TYPE = "application/vnd.oci.image.layer.v1.tar+gzip"
DEFAULT_MEDIA_TYPE = "application/vnd.oci.image.layer.v1.tar"
UNKNOWN_ARTIFACT_TYPE = "application/vnd.unknown.artifact.v1"


@dataclass
class Blob:
    """One blob to push: its descriptor and its bytes (a directory: its files, relative path -> text)."""

    descriptor: oci.AnnotatedBlob
    payload: str
    files: dict[str, str] | None = None


def _digest(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def file_blob(name: str, text: str, media_type: str = DEFAULT_MEDIA_TYPE) -> Blob:
    """A file: its digest and size are those of its bytes, its name the title annotation."""
    return Blob(oci.AnnotatedBlob(digest=_digest(text), size=len(text.encode()), media_type=media_type,
                                  annotations={TITLE: name}), text)


def dir_blob(name: str, files: dict[str, str], media_type: str = DIR_MEDIA_TYPE) -> Blob:
    """A directory, packed as oras packs one (a tarball to unpack on pull, named by its title)."""
    payload = json.dumps(dict(sorted(files.items())), sort_keys=True)
    return Blob(oci.AnnotatedBlob(digest=_digest("gz:" + payload), size=len(payload.encode()), media_type=media_type,
                                  annotations={CONTENT_DIGEST: _digest(payload), UNPACK: "true", TITLE: name}),
                payload, dict(files))


def _contents(registry: Registry) -> dict[str, str]:
    return registry.extra.setdefault(CONTENTS, {})


def push_artifact(cloud: Cloud, registry: Registry, cred: Credential | None, repository: str, tag: str | None,
                  artifact_type: str, blobs: list[Blob], origin: Origin, subject: str | None = None,
                  annotations: dict[str, str] | None = None, config: tuple[str, str] | None = None):
    """Push `blobs` as one artifact (tagged `tag`, or untagged); `subject` is a reference ('tag' or 'sha256:...')
    in the same repository the artifact refers to; `config` is (media type, content) for a config of its own.
    Returns the stored manifest. The manifest carries the created time unless `annotations` names one."""
    subject_manifest = pull_image(cloud, registry, cred, repository, subject, origin) if subject else None
    notes = dict(annotations or {})
    notes.setdefault(CREATED, cloud.clock.now().strftime("%Y-%m-%dT%H:%M:%SZ"))
    content = oci.make_artifact(artifact_type, [b.descriptor for b in blobs], subject_manifest, notes)
    if config is not None:
        content = content.model_copy(update={"config_media_type": config[0], "config_digest": _digest(config[1]),
                                             "config_size": len(config[1].encode())})
    manifest, _ = push_image(cloud, registry, cred, repository, tag, content, origin)
    kept = _contents(registry)
    for b in blobs:
        kept[b.descriptor.digest] = b.payload
    if config is not None:
        kept[content.config_digest] = config[1]
    return manifest


def blob_text(registry: Registry, digest: str) -> str:
    """The bytes of a blob the registry holds (pull rights are checked on the manifest that names it)."""
    text = registry.extra.get(CONTENTS, {}).get(digest)
    if text is None or not registry.store.has_blob(digest):
        raise RegistryError("BLOB_UNKNOWN", "blob unknown to registry", 404)
    return text


def pull_files(cloud: Cloud, registry: Registry, cred: Credential | None, repository: str, reference: str,
               origin: Origin):
    """(manifest, [(descriptor, text or None)]) of an artifact: the bytes of each titled blob (None: untitled)."""
    manifest = pull_image(cloud, registry, cred, repository, reference, origin)
    out = []
    for layer in manifest.content.layers:
        titled = TITLE in (getattr(layer, "annotations", None) or {})
        out.append((layer, blob_text(registry, layer.digest) if titled else None))
    return manifest, out


def config_text(registry: Registry, manifest) -> str:
    return blob_text(registry, manifest.content.config_digest)


@dataclass
class Referrer:
    """A node of the referrers graph: an artifact and the artifacts that refer to it."""

    manifest: object
    referrers: list[Referrer] = field(default_factory=list)


def discover(cloud: Cloud, registry: Registry, cred: Credential | None, repository: str, reference: str,
             origin: Origin, artifact_type: str | None = None, depth: int = 0):
    """(subject manifest, its referrers as a tree): every level, or `depth` levels (0: all). `artifact_type`
    filters the direct referrers, as the referrers API's filter does."""
    subject = pull_image(cloud, registry, cred, repository, reference, origin)
    repo = registry.store.repositories[repository]

    def walk(digest: str, level: int, kind: str | None) -> list[Referrer]:
        if depth and level > depth:
            return []
        return [Referrer(m, walk(m.digest, level + 1, None)) for m in oci.referrers(repo, digest, kind)]
    return subject, walk(subject.digest, 1, artifact_type)


def delete_artifact(cloud: Cloud, registry: Registry, cred: Credential | None, repository: str, reference: str,
                    origin: Origin):
    """Delete a manifest by tag or digest (its referrers go with it, as ACR does); returns the manifest."""
    from .images import delete_manifest

    require(cloud, registry, cred, "delete", repository, origin)
    manifest = registry.store.resolve(repository, reference)
    delete_manifest(cloud, registry, cred, repository, manifest.digest, origin)
    return manifest


def copy(cloud: Cloud, source: Registry, source_cred: Credential | None, source_repo: str, reference: str,
         target: Registry, target_cred: Credential | None, target_repo: str, tag: str | None, origin: Origin,
         recursive: bool = False):
    """Copy an artifact (and with `recursive` its whole referrers graph) to another repository or registry.
    The copies have the same digests. Returns (the copied root manifest, the copied referrers, blobs copied)."""
    root = pull_image(cloud, source, source_cred, source_repo, reference, origin)
    graph: list = []
    if recursive:
        _, tree = discover(cloud, source, source_cred, source_repo, root.digest, origin)
        stack = list(tree)
        while stack:
            node = stack.pop(0)
            graph.append(node.manifest)
            stack.extend(node.referrers)
    kept, copied = _contents(target), []
    for m in [root, *graph]:
        for digest in [m.content.config_digest, *(x.digest for x in m.content.layers)]:
            text = source.extra.get(CONTENTS, {}).get(digest)
            if text is not None:
                kept[digest] = text
        if isinstance(m.content, oci.ImageIndex):
            for child in m.content.children:
                push_image(cloud, target, target_cred, target_repo, None, child, origin)
        push_image(cloud, target, target_cred, target_repo, tag if m is root else None, m.content, origin)
        copied.append(m)
    return root, graph, copied
