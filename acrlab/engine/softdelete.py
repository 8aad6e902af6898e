"""Soft delete (preview, all SKUs): deleted manifests and tags wait in a recycle bin for N days.

Microsoft docs (container-registry-soft-delete-policy.md): retention 1-90 days (default 7); an
auto-purge job runs every 24 hours using the *current* retention days; items can be listed and
restored; pushing an image whose digest is in the bin takes it out of the bin. The docs say it cannot be
enabled together with the retention policy, but no refusal exists (azure-cli's scenario test enables both
and expects success; MicrosoftDocs/azure-docs#107655 shows a registry with both on), so acrlab accepts both
and retention deletes go to the bin. Soft-deleted data is
billed as storage: `soft_deleted_bytes()` reports it (show-usage's Size counts live blobs only).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import BaseModel, Field

from . import tasks_timeline
from .artifact_streaming import ARTIFACT_TYPE as STREAMING_ARTIFACT
from .artifacts import ImageContent
from .clock import iso
from .cloud import Cloud
from .errors import RegistryError
from .registry import Registry
from .tenant import Principal

PURGE_HOUR_UTC = 0


class DeletedManifest(BaseModel):
    repository: str
    digest: str
    content: ImageContent
    manifest_size: int
    tags: list[str] = Field(default_factory=list)
    deleted_at: datetime


class DeletedTag(BaseModel):
    repository: str
    tag: str
    digest: str
    deleted_at: datetime


class RecycleBin(BaseModel):
    manifests: list[DeletedManifest] = Field(default_factory=list)
    tags: list[DeletedTag] = Field(default_factory=list)


def bin_of(reg: Registry) -> RecycleBin:
    b = reg.extra.get("recycle_bin")
    if b is None:
        b = reg.extra["recycle_bin"] = RecycleBin()
    return b


def enabled(reg: Registry) -> bool:
    return reg.policies.soft_delete_status == "enabled"


def policy_json(reg: Registry) -> dict:
    return reg.policies.to_json()["softDeletePolicy"]


# -- recording deletions ---------------------------------------------------------------------------
def _on_delete(cloud: Cloud, registry: Registry, repository: str, manifest, tags, reason: str = "user", **_):
    if not enabled(registry) or reason == "softdelete-purge":
        return
    if getattr(manifest.content, "artifact_type", "") == STREAMING_ARTIFACT:
        return  # "only the original version can be viewed or restored" (container-registry-artifact-streaming.md)
    now = cloud.clock.now()
    b = bin_of(registry)
    b.manifests.append(DeletedManifest(repository=repository, digest=manifest.digest, content=manifest.content,
                                       manifest_size=manifest.manifest_size, tags=list(tags), deleted_at=now))
    for t in tags:
        b.tags.append(DeletedTag(repository=repository, tag=t, digest=manifest.digest, deleted_at=now))
    _arm(cloud)


def _on_untag(cloud: Cloud, registry: Registry, repository: str, tag: str, manifest, **_):
    if enabled(registry):
        bin_of(registry).tags.append(DeletedTag(repository=repository, tag=tag, digest=manifest.digest,
                                                deleted_at=cloud.clock.now()))
        _arm(cloud)


def _on_delete_repository(cloud: Cloud, registry: Registry, repository: str, removed, **_):
    if not enabled(registry):
        return
    for m in removed.manifests.values():
        _on_delete(cloud, registry, repository, m, removed.tags_of(m.digest))


def _on_push(cloud: Cloud, registry: Registry, repository: str, tag, manifest, **_):
    """A push of a digest (or tag) that sits in the bin takes it out of the bin."""
    b = registry.extra.get("recycle_bin")
    if not b or not (b.manifests or b.tags):
        return
    b.manifests = [m for m in b.manifests if not (m.repository == repository and m.digest == manifest.digest)]
    # a deleted tag stays restorable when its name is pushed again: `manifest restore -f` overwrites the live tag
    # (container-registry-soft-delete-policy.md, "Force restore")
    b.tags = [t for t in b.tags if not (t.repository == repository and t.digest == manifest.digest)]


# -- listing and restoring -------------------------------------------------------------------------
READ = "Microsoft.ContainerRegistry/registries/deleted/read"
RESTORE = "Microsoft.ContainerRegistry/registries/deleted/restore/action"


def deleted_repositories(cloud: Cloud, caller: Principal, reg: Registry) -> list[str]:
    """The repositories only the recycle bin still holds (needs registries/deleted/read)."""
    cloud.require(caller, READ, reg.id)
    b = bin_of(reg)
    names = {m.repository for m in b.manifests} | {t.repository for t in b.tags}
    return sorted(n for n in names if n not in reg.store.repositories)


def _expiry(reg: Registry, deleted_at: datetime) -> datetime:
    return deleted_at + timedelta(days=reg.policies.soft_delete_days)


def list_manifests(cloud: Cloud, caller: Principal, reg: Registry, repository: str) -> list[dict]:
    cloud.require(caller, READ, reg.id)
    out = []
    for m in sorted(bin_of(reg).manifests, key=lambda m: m.deleted_at, reverse=True):
        if m.repository == repository:
            out.append({"digest": m.digest, "deletedTime": iso(m.deleted_at),
                        "expiryTime": iso(_expiry(reg, m.deleted_at)), "imageSize": m.content.size,
                        "mediaType": m.content.media_type, "tags": list(m.tags)})
    return out


def list_tags(cloud: Cloud, caller: Principal, reg: Registry, repository: str, tag: str | None = None) -> list[dict]:
    """The soft-deleted tags of a repository, newest first (only `tag`'s when given; none is an empty list)."""
    cloud.require(caller, READ, reg.id)
    rows = [t for t in sorted(bin_of(reg).tags, key=lambda t: t.deleted_at, reverse=True)
            if t.repository == repository and (tag is None or t.tag == tag)]
    return [{"deletedTime": iso(t.deleted_at), "digest": t.digest, "expiryTime": iso(_expiry(reg, t.deleted_at)),
             "name": t.tag} for t in rows]


def restore(cloud: Cloud, caller: Principal, reg: Registry, repository: str, tag: str, digest: str | None,
            force: bool) -> dict:
    """Put a soft-deleted tag (and its manifest, if that was deleted too) back into the live repository (needs
    registries/deleted/restore/action). Every refusal comes before the first change."""
    cloud.require(caller, RESTORE, reg.id)
    b = bin_of(reg)
    candidates = [t for t in b.tags if t.repository == repository and t.tag == tag
                  and (digest is None or t.digest == digest)]
    if not candidates:
        raise RegistryError("NOT_FOUND", f"soft-deleted artifact was not found; tagName: {tag}"
                            + (f", digest: {digest}" if digest else ""), 404)
    entry = max(candidates, key=lambda t: t.deleted_at)
    store = reg.store
    live = store.repositories.get(repository)
    existing = live.tags.get(tag) if live else None
    if existing is not None and existing.digest != entry.digest and not force:
        raise RegistryError("METADATA_CONFLICT", f"Tag '{tag}' already exists linked to a different digest; "
                            "try force restore instead", 409)
    deleted = next((m for m in b.manifests if m.repository == repository and m.digest == entry.digest), None)
    if live is not None and entry.digest in live.manifests:
        content = live.manifests[entry.digest].content
    elif deleted is not None:
        content = deleted.content
    else:
        raise RegistryError("NOT_FOUND", f"soft-deleted artifact was not found; tagName: {tag}, digest: "
                            f"{entry.digest}", 404)
    now = cloud.clock.now()
    if existing is not None and existing.digest != entry.digest:
        _on_untag(cloud, reg, repository, tag, store.repositories[repository].manifests[existing.digest])
    manifest, _ = store.put_manifest(repository, content, now, tag)
    b.tags.remove(entry)
    if deleted is not None:
        b.manifests.remove(deleted)
    cloud.emit("restore", registry=reg, repository=repository, tag=tag, manifest=manifest)
    return {"digest": manifest.digest, "tags": [tag]}


def soft_deleted_bytes(reg: Registry) -> int:
    seen: dict[str, int] = {}
    for m in bin_of(reg).manifests:
        seen[m.digest] = m.manifest_size
        seen[m.content.config_digest] = m.content.config_size
        for layer in m.content.layers:
            if not reg.store.has_blob(layer.digest):
                seen[layer.digest] = layer.size
    return sum(seen.values())


# -- the 24-hourly auto-purge ----------------------------------------------------------------------
def _next_run(after: datetime) -> datetime:
    day = after.replace(hour=PURGE_HOUR_UTC, minute=0, second=0, microsecond=0)
    return day if day > after else day + timedelta(days=1)


def _arm(cloud: Cloud) -> None:
    """Something entered a bin: make sure the next daily purge is queued (one job at a time)."""
    if not cloud.state.get("softdelete_purge_armed"):
        cloud.state["softdelete_purge_armed"] = True
        tasks_timeline.schedule(cloud, "softdelete", _next_run(tasks_timeline.last_processed(cloud)))


def _fire(cloud: Cloud, when: datetime, _key=None) -> None:
    cloud.state["softdelete_purge_armed"] = False
    left = False
    for reg in cloud.registries.values():
        b = reg.extra.get("recycle_bin")
        if not b:
            continue
        b.manifests = [m for m in b.manifests if _expiry(reg, m.deleted_at) > when]
        b.tags = [t for t in b.tags if _expiry(reg, t.deleted_at) > when]
        left = left or bool(b.manifests or b.tags)
    if left:
        _arm(cloud)


def install(cloud: Cloud) -> None:
    cloud.on("delete", _on_delete)
    cloud.on("untag", _on_untag)
    cloud.on("delete_repository", _on_delete_repository)
    cloud.on("push", _on_push)
    tasks_timeline.register(cloud, "softdelete", _fire)
