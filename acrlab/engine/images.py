"""Image operations on a registry through the data plane: push, pull, untag, delete, with events; and the
server-side import (`import_image`) that az, PowerShell and templates share."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from . import catalog, docker_hub, oci
from .artifacts import ImageContent, Manifest, disallowed
from .cloud import Cloud
from .dataplane import Credential, Origin, authenticate, require
from .errors import ACR_UNAUTHORIZED, AzureError, RegistryError
from .registry import Registry
from .tenant import Principal


def push_image(cloud: Cloud, registry: Registry, cred: Credential | None, repo: str, tag: str | None,
               content: ImageContent, origin: Origin, built_by_run: str | None = None) -> tuple[Manifest, list[str]]:
    """Push one image; returns (manifest, digests of layers that were new to the registry)."""
    require(cloud, registry, cred, "push", repo, origin)
    cloud.emit("request", registry=registry, kind="write", cred=cred, origin=origin)
    store = registry.store
    held = store.blob_refs  # (store.has_blob, for every layer)
    new_layers = [layer.digest for layer in content.layers if layer.digest not in held]
    now = cloud.clock.now()
    manifest, left = store.put_manifest(repo, content, now, tag, built_by_run)
    cloud.emit("push", registry=registry, repository=repo, tag=tag, manifest=manifest, cred=cred, origin=origin)
    if left is not None:
        if not store.repositories[repo].is_tagged(left):
            cloud.emit("untagged", registry=registry, repository=repo, digest=left)
    return manifest, new_layers


def pull_image(cloud: Cloud, registry: Registry, cred: Credential | None, repo: str, reference: str,
               origin: Origin) -> Manifest:
    require(cloud, registry, cred, "pull", repo, origin)
    cloud.emit("request", registry=registry, kind="read", cred=cred, origin=origin)
    store = registry.store
    held = store.repositories.get(repo)
    if held is None or (reference not in held.manifests if reference.startswith("sha256:") else
                        reference not in held.tags):  # artifact cache (engine/artifact_cache.py) may fetch it
        for hook in cloud.state.get("pull_miss_hooks", ()):
            if hook(cloud, registry, repo, reference) is not None:
                break
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
    if manifest.untagged_at == cloud.clock.now() and not registry.store.repositories[repo].is_tagged(manifest.digest):
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


# -- import (az acr import, Import-AzContainerRegistryImage, the importImage ARM action) -------------

CR = "Microsoft.ContainerRegistry/registries"


@dataclass
class ImportedImage:
    """One write an import made in the target registry (tag None: a manifest-only copy)."""

    repository: str
    tag: str | None
    manifest: Manifest
    source: str


def find_source_registry(cloud: Cloud, ref: str) -> Registry | None:
    """A registry by name, login server or resource id (what `--registry` / `-SourceResourceId` accept)."""
    ref = ref.strip()
    if ref.lower().startswith("/subscriptions/"):
        return next((r for r in cloud.registries.values() if r.id.lower() == ref.lower().rstrip("/")), None)
    return cloud.find_registry(ref.removesuffix(".azurecr.io")) or cloud.registry_by_login_server(ref)


def split_target(target: str) -> tuple[str, str]:
    """'repo[:tag]' -> (repo, tag), the tag defaulting to latest (a ':' in a registry host is not a tag)."""
    last = target.rsplit("/", 1)[-1]
    if ":" in last:
        repo, tag = target.rsplit(":", 1)
        return repo, tag
    return target, "latest"


def _failure(cloud: Cloud, reg: Registry, detail: str, code: str) -> AzureError:
    return AzureError(f"Operation registries-{cloud.ids.guid()} failed. Resource {reg.id} {detail}", code=code)


def _from_registry(cloud: Cloud, caller: Principal, target: Registry, src: Registry, image: str,
                   username: str | None, password: str | None, anonymous: bool = False) -> ImageContent:
    repo, ref = image.split("@", 1) if "@" in image else split_target(image)
    if anonymous:
        if not src.anonymous_pull_enabled:
            detail = json.dumps({"errors": [{"code": "UNAUTHORIZED", "message": ACR_UNAUTHORIZED, "detail": [
                {"Type": "repository", "Name": repo, "Action": "pull"}]}]}, separators=(",", ":"))
            raise _failure(cloud, target, f"Invalid message Unauthorized Unauthorized {detail}", "InvalidParameters")
    elif password and not username:
        # a password alone is a Microsoft Entra access token (az account get-access-token): the import reads the
        # source as the token's principal (container-registry-import-images.md, access token section)
        from .entra_tokens import verify
        reader, _ = verify(cloud, password)
        if reader is None:
            raise _failure(cloud, target, f"Authentication to the source registry {src.login_server} failed.",
                           "InvalidParameters")
        cloud.require(reader, f"{CR}/pull/read", src.id)
    elif username:
        try:
            authenticate(cloud, src, username, password)
        except RegistryError:
            raise _failure(cloud, target, f"Authentication to the source registry {src.login_server} failed.",
                           "InvalidParameters") from None
    else:
        cloud.require(caller, f"{CR}/pull/read", src.id)
    if src.policies.export_status == "disabled":
        # Export policy (Premium): a registry with exports disabled cannot be the source of an import.
        raise _failure(cloud, target, f"Image {image} cannot be imported from the source registry "
                       f"{src.login_server} because its export policy is disabled.", "InvalidParameters")
    r = src.store.repositories.get(repo)
    m = None
    if r is not None:
        digest = ref if ref.startswith("sha256:") else (r.tags[ref].digest if ref in r.tags else None)
        m = r.manifests.get(digest) if digest else None
    if m is None:
        raise _failure(cloud, target, f"Image {image} not found in source registry {src.login_server}.",
                       "InvalidParameters")
    if r is None or not r.attributes.read_enabled or not m.attributes.read_enabled:
        raise _failure(cloud, target, f"Image {image} cannot be read from the source registry {src.login_server}.",
                       "InvalidParameters")
    return m.content


def resolve_import_source(cloud: Cloud, caller: Principal, target: Registry, source: str,
                          source_registry: str | None = None, username: str | None = None,
                          password: str | None = None,
                          warn: Callable[[str], None] | None = None) -> tuple[ImageContent, str, str]:
    """(content, the source image as the service saw it, 'host/image' describing the source)."""
    image = source
    if source_registry:
        src = find_source_registry(cloud, source_registry)
        if src is None:
            raise _failure(cloud, target, f"The source registry '{source_registry}' could not be found.",
                           "InvalidParameters")
        prefix = src.login_server + "/"
        if image.lower().startswith(prefix):
            if warn is not None:
                warn(f'The login server name of "{src.login_server}" in the "--source" argument will be ignored as '
                     '"--registry" already supplies the same information')
            image = image[len(prefix):]
        return (_from_registry(cloud, caller, target, src, image, username, password), image,
                f"{src.login_server}/{image}")
    slash = image.find("/")
    if slash <= 0 or "." not in image[:slash]:
        raise _failure(cloud, target, f"The source '{source}' names no registry: give a source registry or a fully "
                       "qualified source image.", "InvalidParameters")
    uri, image = image[:slash].lower(), image[slash + 1:]
    src = cloud.registry_by_login_server(uri)
    if src is not None:
        # a registry by its URI is read with the request's credentials, never as the caller: without them the
        # service pulls anonymously (azure-cli issue 15089: "by design"; az sends the resource id instead when it
        # finds the registry in the current subscription)
        return (_from_registry(cloud, caller, target, src, image, username, password, anonymous=not password),
                image, f"{src.login_server}/{image}")
    content = _from_docker_hub(cloud, target, uri, image, username, password)
    # a multi-arch tag is copied whole: the index and every platform image (container-registry-import-images.md)
    content = content or catalog.find_public_index(f"{uri}/{image}") or \
        catalog.find_public(f"{uri}/{image}", cloud.state.get("catalog_overrides"))
    if content is None:
        if uri not in catalog.PUBLIC_REGISTRIES and uri not in ("registry-1.docker.io", "index.docker.io"):
            raise _failure(cloud, target, f"Unable to reach the source registry {uri}.", "InvalidParameters")
        raise _failure(cloud, target, f"Image {image} not found in source registry {uri}.", "InvalidParameters")
    cloud.emit("public_pull", reference=f"{uri}/{image}", origin=Origin(kind="azure-service"))
    return content, image, f"{uri}/{image}"


def _from_docker_hub(cloud: Cloud, target: Registry, uri: str, image: str, username: str | None,
                     password: str | None) -> ImageContent | None:
    """A lab Docker Hub account's image, read with the import's credentials (engine/docker_hub.py); None when the
    catalogue answers. Docker Hub's refusal reaches the caller as ACR reports it (Azure/acr issues 181, 457)."""
    if uri not in docker_hub.HOSTS:
        return None
    _, repo, ref = catalog.normalize_reference(f"docker.io/{image}")
    try:
        return docker_hub.pull_with(cloud, username, password, repo, ref)
    except RegistryError as e:
        if e.code == "MANIFEST_UNKNOWN":
            raise _failure(cloud, target, f"Image {image} not found in source registry {uri}.",
                           "InvalidParameters") from None
        raise _failure(cloud, target, "Invalid message Unauthorized Unauthorized " + docker_hub.unauthorized_detail(
            repo), "InvalidParameters") from None


def import_image(cloud: Cloud, caller: Principal, target_registry: Registry, source: str,
                 target_images: list[str] | None, source_registry: str | None = None, username: str | None = None,
                 password: str | None = None, force: bool = False, origin: Origin | None = None,
                 untagged_repositories: list[str] | None = None,
                 warn: Callable[[str], None] | None = None) -> list[ImportedImage]:
    """Copy an image server-side into `target_registry` (the registries/importImage action).

    `source` is 'host/repo:tag' (public catalogue or a registry's login server) or, with `source_registry`
    (name, login server or resource id), 'repo:tag' / 'repo@digest'. The caller needs importImage/action on the
    target (Contributor, Container Registry Data Importer and Data Reader, ...) and, without `username`, pull/read
    on a source registry; a source registry whose export policy is disabled refuses. Existing target tags fail
    the whole import (Conflict) unless `force`. Emits push, import (and untagged / public_pull) events."""
    cloud.require(caller, f"{CR}/importImage/action", target_registry.id)
    content, image, described = resolve_import_source(cloud, caller, target_registry, source, source_registry,
                                                      username, password, warn)
    targets = list(target_images or [])
    if not targets and not untagged_repositories:
        targets = [image.split("@", 1)[0]]
    pairs = [split_target(t) for t in targets]
    store = target_registry.store
    if target_registry.extra.get("cache_rules"):
        from .artifact_cache import check_write

        for repo in [r for r, _ in pairs] + list(untagged_repositories or []):
            try:
                check_write(target_registry, repo)
            except RegistryError as e:
                raise _failure(cloud, target_registry, e.message, "Forbidden") from None
    for repo, tag in pairs:
        existing = store.repositories.get(repo)
        if existing is not None and tag in existing.tags and not force:
            raise _failure(cloud, target_registry, f"{repo}:{tag} Tag {repo}:{tag} already exists in target "
                           "registry.", "Conflict")
    now = cloud.clock.now()
    origin = origin or Origin(kind="azure-service")
    out: list[ImportedImage] = []
    writes: list[tuple[str, str | None]] = [*pairs, *((repo, None) for repo in untagged_repositories or [])]
    for repo, write_tag in writes:
        try:
            if isinstance(content, oci.ImageIndex):
                manifest, left = oci.store_index(store, repo, content, now, write_tag)
            else:
                manifest, left = store.put_manifest(repo, content, now, write_tag)
        except RegistryError as e:
            raise _failure(cloud, target_registry, f"{repo}{':' + write_tag if write_tag else ''} {e.message}",
                           "Conflict") from None
        cloud.emit("push", registry=target_registry, repository=repo, tag=write_tag, manifest=manifest, cred=None,
                   origin=origin)
        cloud.emit("import", registry=target_registry, repository=repo, tag=write_tag, manifest=manifest,
                   source=described, caller=caller)
        if left is not None and not store.repositories[repo].is_tagged(left):
            cloud.emit("untagged", registry=target_registry, repository=repo, digest=left)
        out.append(ImportedImage(repository=repo, tag=write_tag, manifest=manifest, source=described))
    return out
