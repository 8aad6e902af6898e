"""Content-addressed artifacts inside one registry: blobs, manifests, repositories and tags."""

from __future__ import annotations

from datetime import datetime
from functools import cached_property, lru_cache
from json.encoder import encode_basestring_ascii as _quote
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .artifact_indexes import RepositoryIndexes
from .errors import RegistryError
from .ids import sha256_digest

DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json"
DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json"
DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip"
OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"


DISALLOWED = ("The operation is disallowed on this registry, repository or image. View troubleshooting steps at "  # MS
              "https://aka.ms/acr/faq/#why-does-my-pull-or-push-request-fail-with-disallowed-operation")  # push TSG


def disallowed() -> RegistryError:
    return RegistryError("DENIED", DISALLOWED, 405)


class Layer(BaseModel):
    """A layer blob reference. Immutable, so builds and catalogue images share one object per layer."""

    model_config = ConfigDict(frozen=True)

    digest: str
    size: int
    media_type: str = DOCKER_LAYER
    created_by: str = ""
    """The Dockerfile instruction that produced it (shown by `docker history`-like views)."""


class ImageConfig(BaseModel):
    """The runtime part of an image config blob (what `docker inspect` shows under Config). Immutable: a build
    works on its own copy (`build.py`) and makes the final one at the end."""

    model_config = ConfigDict(frozen=True)

    env: list[str] = Field(default_factory=lambda: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"])
    cmd: list[str] | None = None
    entrypoint: list[str] | None = None
    working_dir: str = ""
    exposed_ports: list[str] = Field(default_factory=list)
    user: str = ""
    volumes: list[str] = Field(default_factory=list)
    shell: list[str] | None = None
    stop_signal: str | None = None
    healthcheck: list[str] | None = None
    onbuild: list[str] = Field(default_factory=list)

    def to_docker(self, labels: dict[str, str]) -> dict:
        """The `Config` object of `docker inspect`."""
        return {
            "Hostname": "", "Domainname": "", "User": self.user, "AttachStdin": False, "AttachStdout": False,
            "AttachStderr": False,
            "ExposedPorts": {p: {} for p in self.exposed_ports} or None,
            "Tty": False, "OpenStdin": False, "StdinOnce": False, "Env": list(self.env), "Cmd": self.cmd,
            "Healthcheck": {"Test": self.healthcheck} if self.healthcheck else None,
            "Image": "", "Volumes": {v: {} for v in self.volumes} or None, "WorkingDir": self.working_dir,
            "Entrypoint": self.entrypoint, "OnBuild": self.onbuild or None, "Labels": dict(labels) or None,
            **({"StopSignal": self.stop_signal} if self.stop_signal else {}),
            **({"Shell": self.shell} if self.shell else {}),
        }


def diff_ids(layers: list[Layer]) -> list[str]:
    """The uncompressed layer ids an image config lists under rootfs (`docker inspect` RootFS.Layers)."""
    return [_diff_id(x.digest) for x in layers]


@lru_cache(maxsize=4096)
def _diff_id(digest: str) -> str:
    return sha256_digest(f"diff\x1f{digest}".encode())


_CACHED = ("digest", "manifest_size", "size")


@lru_cache(maxsize=4096)
def _layer_json(media_type: str, size: int, digest: str) -> str:
    """One layer's entry in a manifest (json.dumps(indent=3) layout); base-image layers repeat in every build."""
    return (f'      {{\n         "mediaType": {_quote(media_type)},\n         "size": {size},\n'
            f'         "digest": {_quote(digest)}\n      }}')


class ImageContent(BaseModel):
    """What an image is, independent of where it is stored: a config blob and its layers.

    Immutable (frozen), so its digest, manifest size and image size are computed once and cached."""

    model_config = ConfigDict(frozen=True)

    config_digest: str
    config_size: int
    layers: list[Layer]
    os: str = "linux"
    architecture: str = "amd64"
    variant: str | None = None
    media_type: str = DOCKER_MANIFEST
    labels: dict[str, str] = Field(default_factory=dict)
    config: ImageConfig | None = None
    """Runtime settings (None for catalogue images that do not declare them)."""

    def manifest_bytes(self) -> bytes:
        """The manifest as the registry stores it (json.dumps(indent=3) layout, as `docker manifest inspect` shows).

        Written out by hand because the pure-Python indenting encoder dominated push-heavy workloads. Not kept:
        only the digest and size are cached (a year of builds would otherwise hold every manifest body)."""
        j = _quote  # what json.dumps does with a str, without the encoder set-up
        layers = ",\n".join([_layer_json(x.media_type, x.size, x.digest) for x in self.layers])
        layers = f"[\n{layers}\n   ]" if self.layers else "[]"
        return (f'{{\n   "schemaVersion": 2,\n   "mediaType": {j(self.media_type)},\n   "config": {{\n'
                f'      "mediaType": {j(DOCKER_CONFIG)},\n      "size": {self.config_size},\n'
                f'      "digest": {j(self.config_digest)}\n   }},\n   "layers": {layers}\n}}').encode()

    @cached_property
    def digest(self) -> str:
        body = self.manifest_bytes()
        self.__dict__["manifest_size"] = len(body)
        return sha256_digest(body)

    @cached_property
    def manifest_size(self) -> int:
        """Length of the manifest body in bytes."""
        return len(self.manifest_bytes())

    def diff_ids(self) -> list[str]:
        """The uncompressed layer ids the config lists under rootfs (`docker inspect` RootFS.Layers)."""
        return diff_ids(self.layers)

    @cached_property
    def size(self) -> int:
        """Compressed image size: config plus layers (what `imageSize` reports)."""
        return self.config_size + sum(layer.size for layer in self.layers)

    def model_copy(self, *, update=None, deep: bool = False):
        """A copy; cached values are dropped when `update` changes fields (they would be stale)."""
        copy = super().model_copy(update=update, deep=deep)
        if update:
            for name in _CACHED:
                copy.__dict__.pop(name, None)
        return copy


class Attributes(BaseModel):
    """Changeable attributes (locks) of a repository, tag or manifest."""

    delete_enabled: bool = True
    write_enabled: bool = True
    read_enabled: bool = True
    list_enabled: bool = True

    def to_json(self) -> dict:
        return {
            "deleteEnabled": self.delete_enabled,
            "listEnabled": self.list_enabled,
            "readEnabled": self.read_enabled,
            "writeEnabled": self.write_enabled,
        }


class Manifest(BaseModel):
    digest: str
    content: ImageContent
    manifest_size: int
    created: datetime
    last_update: datetime
    attributes: Attributes = Field(default_factory=Attributes)
    untagged_at: datetime | None = None
    """When it lost its last tag (retention counts from here)."""
    built_by_run: str | None = None
    """Run id of the ACR task that produced it, if any."""
    signed: bool = False
    quarantine_state: str | None = None


class Tag(BaseModel):
    name: str
    digest: str
    created: datetime
    last_update: datetime
    attributes: Attributes = Field(default_factory=Attributes)
    signed: bool = False


class Repository(RepositoryIndexes, BaseModel):
    name: str
    created: datetime
    last_update: datetime
    attributes: Attributes = Field(default_factory=Attributes)
    manifests: dict[str, Manifest] = Field(default_factory=dict)
    tags: dict[str, Tag] = Field(default_factory=dict)

    # Indexes kept by ArtifactStore's writes and built lazily (see artifact_indexes.py). Plain excluded fields
    # rather than private attributes: private attributes go through pydantic's __getattr__ fallback on every
    # read, and these are read on every push.
    by_digest: dict[str, set[str]] | None = Field(default=None, exclude=True, repr=False)
    """digest -> tag names."""
    subjects: dict[str, set[str]] | None = Field(default=None, exclude=True, repr=False)
    """subject digest -> digests of the artifacts that refer to it (signatures, SBOMs)."""
    orders: dict[str, Any] | None = Field(default=None, exclude=True, repr=False)
    """'tags' / 'manifests' -> their ListingOrder (typed Any for pydantic)."""


class ArtifactStore(BaseModel):
    """All repositories of one registry, with blobs stored once (deduplicated across repositories)."""

    repositories: dict[str, Repository] = Field(default_factory=dict)
    blob_sizes: dict[str, int] = Field(default_factory=dict)
    blob_refs: dict[str, int] = Field(default_factory=dict)
    used_bytes: int = 0

    # -- blob accounting ---------------------------------------------------------------------
    def _count(self, m: Manifest, delta: int) -> None:
        """Add (+1) or drop (-1) a manifest's references to its blobs (config, layers, the manifest itself); a
        blob's size counts while anything references it. One pydantic attribute write per call, not per blob."""
        refs, sizes, change = self.blob_refs, self.blob_sizes, 0
        c = m.content
        if c.config_digest:  # an image index has no config
            blobs, blob_sizes = [m.digest, c.config_digest], [m.manifest_size, c.config_size]
        else:
            blobs, blob_sizes = [m.digest], [m.manifest_size]
        for x in c.layers:
            blobs.append(x.digest)
            blob_sizes.append(x.size)
        for digest, size in zip(blobs, blob_sizes, strict=True):
            n = refs.get(digest, 0) + delta
            if n == 1 and delta > 0:
                sizes[digest] = size
                change += size
            if n <= 0:
                refs.pop(digest, None)
                change -= sizes.pop(digest, 0)
            else:
                refs[digest] = n
        if change:
            self.used_bytes += change

    def _blobs_of(self, m: Manifest):
        yield m.digest, m.manifest_size
        if m.content.config_digest:  # an image index has no config
            yield m.content.config_digest, m.content.config_size
        for layer in m.content.layers:
            yield layer.digest, layer.size

    def storage_bytes(self) -> int:
        """Bytes held: every blob (layers, configs, manifests) counted once."""
        return self.used_bytes

    def has_blob(self, digest: str) -> bool:
        return digest in self.blob_refs

    # -- reads -------------------------------------------------------------------------------
    def repo(self, name: str) -> Repository:
        r = self.repositories.get(name)
        if r is None:
            raise RegistryError("NAME_UNKNOWN", f'repository "{name}" is not found.', 404)
        return r

    def resolve(self, repo: str, reference: str) -> Manifest:
        """A tag or digest to its manifest."""
        r = self.repo(repo)
        if reference.startswith("sha256:"):
            m = r.manifests.get(reference)
        else:
            t = r.tags.get(reference)
            m = r.manifests.get(t.digest) if t else None
        if m is None:
            raise RegistryError("MANIFEST_UNKNOWN", "manifest unknown", 404,
                                detail={"Tag": reference} if not reference.startswith("sha256:") else None)
        return m

    # -- writes ------------------------------------------------------------------------------
    def put_manifest(self, repo: str, content: ImageContent, now: datetime, tag: str | None = None,
                     built_by_run: str | None = None) -> tuple[Manifest, str | None]:
        """Store a manifest (and its blobs) and point `tag` at it. Returns (manifest, digest the tag left)."""
        r = self.repositories.get(repo)
        if r is None:
            r = self.repositories[repo] = Repository(name=repo, created=now, last_update=now)
        elif not r.attributes.write_enabled:
            raise disallowed()
        digest = content.digest
        old = r.tags.get(tag) if tag else None
        if old is not None and old.digest != digest and not old.attributes.write_enabled:
            raise disallowed()
        m = r.manifests.get(digest)
        if m is None:
            m = Manifest(digest=digest, content=content, manifest_size=content.manifest_size, created=now, last_update=now,
                         built_by_run=built_by_run)
            r.manifests[digest] = m
            r._order_add("manifests", digest, now)
            r._subject_changed(m, True)
            self._count(m, 1)
        else:
            if not m.attributes.write_enabled and tag and (old is None or old.digest != digest):
                raise disallowed()
            r._order_touch("manifests", digest, m.last_update, now)
            m.last_update = now
            if built_by_run:
                m.built_by_run = built_by_run
        left = None
        if tag:
            if old is not None and old.digest != digest:
                left = old.digest
                r._point(tag, old.digest, digest)
                old.digest = digest
                r._order_touch("tags", tag, old.last_update, now)
                old.last_update = now
            elif old is None:
                r.tags[tag] = Tag(name=tag, digest=digest, created=now, last_update=now)
                r._point(tag, None, digest)
                r._order_add("tags", tag, now)
            else:
                r._order_touch("tags", tag, old.last_update, now)
                old.last_update = now
            m.untagged_at = None
            if left is not None and not r.is_tagged(left):
                r.manifests[left].untagged_at = now
        elif m.untagged_at is None and not r.is_tagged(digest):
            m.untagged_at = now
        r.last_update = now
        return m, left

    def untag(self, repo: str, tag: str, now: datetime) -> Manifest:
        r = self.repo(repo)
        t = r.tags.get(tag)
        if t is None:
            raise RegistryError("TAG_UNKNOWN", f'tag "{tag}" is not found.', 404)
        if not t.attributes.delete_enabled or not t.attributes.write_enabled:
            raise disallowed()
        del r.tags[tag]
        r._point(tag, t.digest, None)
        r._order_remove("tags", tag, t.last_update)
        m = r.manifests[t.digest]
        if not r.is_tagged(m.digest):
            m.untagged_at = now
        r.last_update = now
        return m

    def delete_manifest(self, repo: str, digest: str, now: datetime | None = None, force: bool = False) -> tuple[Manifest, list[str]]:
        """Delete a manifest and every tag on it. Returns (manifest, tags removed)."""
        r = self.repo(repo)
        m = r.manifests.get(digest)
        if m is None:
            raise RegistryError("MANIFEST_UNKNOWN", "manifest unknown", 404)
        tags = r.tags_of(digest)
        if not force:
            if not m.attributes.delete_enabled or not m.attributes.write_enabled:
                raise disallowed()
            for t in tags:
                a = r.tags[t].attributes
                if not a.delete_enabled or not a.write_enabled:
                    raise disallowed()
        for t in tags:
            r._order_remove("tags", t, r.tags.pop(t).last_update)
            r._point(t, digest, None)
        del r.manifests[digest]
        r._order_remove("manifests", digest, m.last_update)
        r._subject_changed(m, False)
        self._count(m, -1)
        if now is not None:
            r.last_update = now
        if not r.manifests:
            del self.repositories[repo]
        return m, tags

    def delete_repository(self, repo: str) -> Repository:
        r = self.repo(repo)
        if not r.attributes.delete_enabled or not r.attributes.write_enabled:
            raise disallowed()
        for m in r.manifests.values():
            if not m.attributes.delete_enabled or not m.attributes.write_enabled:
                raise disallowed()
        for m in list(r.manifests.values()):
            self._count(m, -1)
        del self.repositories[repo]
        return r

    def check_invariants(self) -> None:
        """Storage equals the unique blobs referenced; every tag resolves; digests match content."""
        seen: dict[str, int] = {}
        for r in self.repositories.values():
            assert r.manifests, f"empty repository {r.name} kept"
            for t in r.tags.values():
                assert t.digest in r.manifests, f"dangling tag {r.name}:{t.name}"
                assert t.name in r.tags_of(t.digest), f"tag index out of date for {r.name}:{t.name}"
            r.check_indexes()
            for d, m in r.manifests.items():
                assert d == m.digest == m.content.digest == sha256_digest(m.content.manifest_bytes()), \
                    "digest does not match content"
                assert m.manifest_size == m.content.manifest_size, "manifest size does not match content"
                for bd, size in self._blobs_of(m):
                    seen[bd] = size
        assert sum(seen.values()) == self.used_bytes, (sum(seen.values()), self.used_bytes)
        assert set(seen) == set(self.blob_refs)
