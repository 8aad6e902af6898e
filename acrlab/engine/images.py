"""Image operations on a registry through the data plane: push, pull, untag, delete, with events."""

from __future__ import annotations

from .artifacts import ImageContent, Manifest, disallowed
from .cloud import Cloud
from .dataplane import Credential, Origin, require
from .errors import RegistryError
from .registry import Registry


def push_image(cloud: Cloud, registry: Registry, cred: Credential | None, repo: str, tag: str | None,
               content: ImageContent, origin: Origin, built_by_run: str | None = None) -> tuple[Manifest, list[str]]:
    """Push one image; returns (manifest, digests of layers that were new to the registry)."""
    require(cloud, registry, cred, "push", repo, origin)
    cloud.emit("request", registry=registry, kind="write", cred=cred, origin=origin)
    store = registry.store
    new_layers = [layer.digest for layer in content.layers if not store.has_blob(layer.digest)]
    now = cloud.clock.now()
    manifest, left = store.put_manifest(repo, content, now, tag, built_by_run)
    cloud.emit("push", registry=registry, repository=repo, tag=tag, manifest=manifest, cred=cred, origin=origin)
    if left is not None:
        r = store.repositories[repo]
        if not r.tags_of(left):
            cloud.emit("untagged", registry=registry, repository=repo, digest=left)
    return manifest, new_layers


def pull_image(cloud: Cloud, registry: Registry, cred: Credential | None, repo: str, reference: str,
               origin: Origin) -> Manifest:
    require(cloud, registry, cred, "pull", repo, origin)
    cloud.emit("request", registry=registry, kind="read", cred=cred, origin=origin)
    store = registry.store
    if repo not in store.repositories:
        raise RegistryError("NAME_UNKNOWN", f"repository '{repo}' not found", 404)
    try:
        manifest = store.resolve(repo, reference)
    except RegistryError:
        if reference.startswith("sha256:"):
            raise RegistryError("MANIFEST_UNKNOWN", f"manifest sha256:{reference[7:]} is not found", 404) from None
        raise RegistryError("MANIFEST_UNKNOWN", f'manifest tagged by "{reference}" is not found', 404) from None
    r = store.repositories[repo]
    tag = r.tags.get(reference)
    if not r.attributes.read_enabled or not manifest.attributes.read_enabled or (tag and not tag.attributes.read_enabled):
        raise disallowed()
    if manifest.quarantine_state == "Quarantined":
        raise RegistryError("DENIED", "The image is quarantined.", 403)
    cloud.emit("pull", registry=registry, repository=repo, manifest=manifest, cred=cred, origin=origin)
    return manifest


def untag(cloud: Cloud, registry: Registry, cred: Credential | None, repo: str, tag: str, origin: Origin) -> Manifest:
    require(cloud, registry, cred, "delete", repo, origin)
    manifest = registry.store.untag(repo, tag, cloud.clock.now())
    cloud.emit("untag", registry=registry, repository=repo, tag=tag, manifest=manifest)
    if manifest.untagged_at == cloud.clock.now() and not registry.store.repositories[repo].tags_of(manifest.digest):
        cloud.emit("untagged", registry=registry, repository=repo, digest=manifest.digest)
    return manifest


def delete_manifest(cloud: Cloud, registry: Registry, cred: Credential | None, repo: str, digest: str,
                    origin: Origin, reason: str = "user") -> tuple[Manifest, list[str]]:
    require(cloud, registry, cred, "delete", repo, origin)
    return remove_manifest(cloud, registry, repo, digest, reason)


def remove_manifest(cloud: Cloud, registry: Registry, repo: str, digest: str, reason: str = "user",
                    force: bool = False) -> tuple[Manifest, list[str]]:
    """Delete without a data-plane caller (retention policy, purge inside a task)."""
    manifest, tags = registry.store.delete_manifest(repo, digest, cloud.clock.now(), force=force)
    cloud.emit("delete", registry=registry, repository=repo, manifest=manifest, tags=tags, reason=reason)
    return manifest, tags


def delete_repository(cloud: Cloud, registry: Registry, cred: Credential | None, repo: str, origin: Origin):
    require(cloud, registry, cred, "delete", repo, origin)
    r = registry.store.delete_repository(repo)
    cloud.emit("delete_repository", registry=registry, repository=repo, removed=r)
    return r
