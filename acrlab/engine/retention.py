"""Retention policy for untagged manifests (Premium): delete N days after a manifest lost its last tag.

Rules (Microsoft docs, container-registry-retention-policy.md): only manifests untagged while the
policy is enabled are covered; the delete is scheduled at untag time + days (0 = at once);
disabling the policy before then cancels it; `deleteEnabled=false` manifests are never deleted;
only Docker manifest media types are covered (OCI manifests are not: use acr purge).
With soft delete also enabled (the docs say the two cannot be combined, but neither the CLI nor the service
refuses it: azure-cli test_acr_commands.py enables both; MicrosoftDocs/azure-docs#107655 shows both on), a
manifest the policy deletes lands in the soft-delete bin like any other delete.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from . import tasks_timeline
from .artifacts import DOCKER_MANIFEST
from .cloud import Cloud
from .errors import RegistryError
from .images import remove_manifest
from .registry import Registry

COVERED_MEDIA_TYPES = {DOCKER_MANIFEST, "application/vnd.docker.distribution.manifest.list.v2+json"}


@dataclass(frozen=True, slots=True)
class ScheduledDelete:
    """One delete the policy queued (a plain record: one is made for every manifest a push leaves untagged)."""

    registry: str
    repository: str
    digest: str
    untagged_at: datetime
    due: datetime


def policy_json(reg: Registry) -> dict:
    p = reg.policies.to_json()["retentionPolicy"]
    return {"days": p["days"], "lastUpdatedTime": p["lastUpdatedTime"], "status": p["status"]}


def _covered(reg: Registry, at: datetime) -> bool:
    p = reg.policies
    return (reg.sku == "Premium" and p.retention_status == "enabled" and p.retention_enabled_at is not None
            and p.retention_enabled_at <= at)


def _on_untagged(cloud: Cloud, registry: Registry, repository: str, digest: str, **_) -> None:
    r = registry.store.repositories.get(repository)
    m = r.manifests.get(digest) if r else None
    if m is None or m.untagged_at is None or not _covered(registry, m.untagged_at):
        return
    if m.content.media_type not in COVERED_MEDIA_TYPES:
        return
    item = ScheduledDelete(registry=registry.name.lower(), repository=repository, digest=digest,
                           untagged_at=m.untagged_at,
                           due=m.untagged_at + timedelta(days=registry.policies.retention_days))
    if registry.policies.retention_days == 0:
        _execute(cloud, item)
        return
    tasks_timeline.schedule(cloud, "retention", item.due, item)


def _execute(cloud: Cloud, item: ScheduledDelete) -> bool:
    reg = cloud.registries.get(item.registry)
    if reg is None or not _covered(reg, item.untagged_at):
        return False  # registry gone, policy disabled (or re-enabled) since: cancelled
    r = reg.store.repositories.get(item.repository)
    m = r.manifests.get(item.digest) if r else None
    if r is None or m is None or m.untagged_at != item.untagged_at or r.tags_of(item.digest):
        return False  # re-tagged or already deleted
    if not m.attributes.delete_enabled:
        return False  # locked manifests are never deleted by the policy
    try:
        remove_manifest(cloud, reg, item.repository, item.digest, reason="retention")
    except RegistryError:
        return False
    return True


def _fire(cloud: Cloud, when: datetime, item: ScheduledDelete) -> None:
    _execute(cloud, item)


def pending(cloud: Cloud, registry: Registry) -> list[ScheduledDelete]:
    """Deletes still queued for this registry (some may be cancelled when they come due)."""
    return [i for _, i in tasks_timeline.pending(cloud, "retention") if i.registry == registry.name.lower()]


def install(cloud: Cloud) -> None:
    cloud.on("untagged", _on_untagged)
    tasks_timeline.register(cloud, "retention", _fire)
