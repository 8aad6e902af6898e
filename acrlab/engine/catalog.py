"""Public images (Docker Hub, MCR) that `docker pull`, `FROM` and `az acr import` can reach.

The images themselves are in `catalog_data.py`. A multi-arch tag is an image index (`oci.ImageIndex`):
`find_public` gives what a linux/amd64 client pulls (the platform image), `find_public_index` the index that
`az acr import` copies whole ("images for all architectures and platforms specified in the manifest list get
copied", container-registry-import-images.md). Either accepts a tag or a digest (of the index or of any of
its platform images).

A missing image is answered as the public registries answer (`missing_message`): Docker Hub says "pull access
denied ... repository does not exist" for a repository it does not have and "manifest unknown" for a tag it
does not have; MCR (an ACR) answers "manifest tagged by ... is not found" for both.
"""

from __future__ import annotations

import functools
import hashlib

from .artifacts import ImageConfig, ImageContent, Layer
from .catalog_data import CONFIGS, HELLO, IMAGES, MCR_HELLO, layers_for_platform, platforms_of
from .oci import DOCKER_MANIFEST_LIST, ImageIndex, Platform, make_index

__all__ = ["HELLO", "IMAGES", "MCR_HELLO", "PUBLIC_REGISTRIES", "config_for", "content_for", "find_public",
           "find_public_index", "missing_message", "normalize_reference", "repository_exists"]

PUBLIC_REGISTRIES = {"docker.io", "mcr.microsoft.com"}


def config_for(layers: list[Layer]) -> ImageConfig | None:
    for known, cfg in CONFIGS:
        if known is layers:
            return cfg.model_copy(deep=True)
    return None


def normalize_reference(ref: str) -> tuple[str, str, str]:
    """`nginx` -> ('docker.io', 'library/nginx', 'latest'); `mcr.microsoft.com/dotnet/sdk:8.0` -> (...).

    Digest references keep the digest as the tag part (`sha256:...`), also in the `name:tag@digest` form."""
    registry = "docker.io"
    rest = ref
    first = ref.split("/", 1)[0]
    if "/" in ref and ("." in first or ":" in first or first == "localhost"):
        registry, rest = ref.split("/", 1)
    if registry in ("index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"):
        registry = "docker.io"
    if "@" in rest:
        repo, tag = rest.split("@", 1)
        if ":" in repo.rsplit("/", 1)[-1]:  # name:tag@digest: the digest decides, the tag is ignored
            repo = repo.rsplit(":", 1)[0]
    elif ":" in rest.rsplit("/", 1)[-1]:
        repo, tag = rest.rsplit(":", 1)
    else:
        repo, tag = rest, "latest"
    if registry == "docker.io" and "/" not in repo:
        repo = f"library/{repo}"
    return registry.lower(), repo, tag


def content_for(layers: list[Layer], key: str, platform: Platform | None = None) -> ImageContent:
    salt = "" if platform is None else f"@{platform.key()}"
    config = hashlib.sha256(f"acrlab-config:{key}{salt}".encode()).hexdigest()
    p = platform or Platform()
    return ImageContent(config_digest=f"sha256:{config}", config_size=1_500 + len(layers) * 120, layers=layers,
                        config=config_for(layers), os=p.os, architecture=p.architecture, variant=p.variant)


def find_public(ref: str, overrides: dict[str, ImageContent] | None = None) -> ImageContent | None:
    """The image a linux/amd64 client gets for `ref` (tag or digest), or None. `overrides` holds newer
    base-image versions (`lab publish-base`)."""
    registry, repo, tag = normalize_reference(ref)
    key = f"{registry}/{repo}:{tag}"
    if overrides and key in overrides:
        return overrides[key]
    if tag.startswith("sha256:"):
        for k in _keys_of(registry, repo):
            c = overrides.get(k) if overrides and k in overrides else _catalog_content(k)
            if c is not None and c.digest == tag:
                return c
            index = _catalog_index(k)
            if index is not None and (index.digest == tag or any(ch.digest == tag for ch in index.children)):
                return next(ch for ch in index.children if ch.digest == tag) if index.digest != tag \
                    else index.default_child()
        return None
    return _catalog_content(key)


def find_public_index(ref: str) -> ImageIndex | None:
    """The image index behind a multi-arch tag (or index digest), or None for a single-platform image."""
    registry, repo, tag = normalize_reference(ref)
    if tag.startswith("sha256:"):
        return next((ix for k in _keys_of(registry, repo) if (ix := _catalog_index(k)) and ix.digest == tag), None)
    return _catalog_index(f"{registry}/{repo}:{tag}")


def repository_exists(registry: str, repo: str) -> bool:
    return bool(_keys_of(registry, repo))


def missing_message(ref: str) -> str:
    """What the public registry says about an image it does not have (after docker's 'Error response from
    daemon: ')."""
    registry, repo, tag = normalize_reference(ref)
    shown = ref if (":" in ref.rsplit("/", 1)[-1] or "@" in ref) else f"{ref}:latest"
    if registry == "docker.io" and not repository_exists(registry, repo):
        short = ref.split("@")[0].rsplit(":", 1)[0] if (":" in ref.rsplit("/", 1)[-1] or "@" in ref) else ref
        return (f"pull access denied for {short}, repository does not exist or may require 'docker login': denied: "
                "requested access to the resource is denied")
    if registry == "docker.io":
        return f"manifest for {shown} not found: manifest unknown: manifest unknown"
    if tag.startswith("sha256:"):
        return f"manifest for {shown} not found: manifest unknown: manifest {tag} is not found"
    return f'manifest for {shown} not found: manifest unknown: manifest tagged by "{tag}" is not found'


# -- the catalogue's content, built once per tag ------------------------------------------------------
@functools.cache
def _keys_of(registry: str, repo: str) -> tuple[str, ...]:
    prefix = f"{registry}/{repo}:"
    return tuple(k for k in IMAGES if k.startswith(prefix))


@functools.cache
def _catalog_content(key: str) -> ImageContent | None:
    """One shared ImageContent per catalogue tag (callers copy before changing anything)."""
    layers = IMAGES.get(key)
    if layers is None:
        return None
    platforms = platforms_of(layers)
    first = platforms[0] if platforms and platforms[0].os != "linux" else None
    return content_for(layers, _canonical(key), first)


@functools.cache
def _catalog_index(key: str) -> ImageIndex | None:
    layers = IMAGES.get(key)
    first = _catalog_content(key)
    platforms = platforms_of(layers) if layers is not None else None
    if layers is None or first is None or not platforms:
        return None
    canonical = _canonical(key)
    children = [first] + [content_for(layers_for_platform(layers, p), canonical, p) for p in platforms[1:]]
    # Docker manifest lists: the media type ACR's retention policy handles (an OCI index it leaves alone,
    # container-registry-retention-policy.md), as the lab's images have docker manifests.
    return make_index(children, platforms, DOCKER_MANIFEST_LIST)


def _canonical(key: str) -> str:
    """Aliases (nginx:latest and nginx:1.27) share one config, so they share one digest."""
    target = IMAGES[key]
    for k, v in IMAGES.items():
        if v is target:
            return k
    return key
