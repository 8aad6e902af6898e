"""Changeable attributes (deleteEnabled, writeEnabled, readEnabled, listEnabled) of a repository, tag or manifest:
the one data-plane rule every front end (az acr repository|manifest update, Update-AzContainerRegistryRepository|
Tag|Manifest) uses. Needs metadata_write (AcrPush, or a token whose scope map grants content/metadata write)."""

from __future__ import annotations

from .artifacts import Attributes
from .dataplane import Credential, Origin, require
from .errors import RegistryError

FIELDS = ("delete_enabled", "write_enabled", "read_enabled", "list_enabled")


def update_attributes(cloud, registry, cred: Credential | None, repo: str, origin: Origin,
                      tag: str | None = None, reference: str | None = None, **changes) -> Attributes:
    """Set the given attributes (None leaves one as it is) of the repository, or of one tag, or of one manifest
    (a digest or a tag naming it); returns the new attributes."""
    patch = {k: v for k, v in changes.items() if k in FIELDS and v is not None}
    require(cloud, registry, cred, "metadata_write" if patch else "metadata_read", repo, origin)
    r = registry.store.repo(repo)
    if tag is not None:
        target = r.tags.get(tag)
        if target is None:
            raise RegistryError("TAG_UNKNOWN", f'tag "{tag}" is not found.', 404)
        attrs = target.attributes
    elif reference is not None:
        attrs = registry.store.resolve(repo, reference).attributes
    else:
        attrs = r.attributes
    for k, v in patch.items():
        setattr(attrs, k, bool(v))
    return attrs
