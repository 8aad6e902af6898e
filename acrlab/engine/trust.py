"""Docker Content Trust (Notary v1) on ACR: the Premium trust policy, signing, and its deprecation timeline."""

from __future__ import annotations

from datetime import UTC, datetime

from .errors import AzureError, RegistryError

DEPRECATION_STARTED = datetime(2025, 3, 31, tzinfo=UTC)
NEW_ENABLEMENT_ENDS = datetime(2026, 5, 31, tzinfo=UTC)
REMOVED = datetime(2028, 3, 31, tzinfo=UTC)
DEPRECATION_WARNING = (
    "Docker Content Trust (DCT) is deprecated: it can be enabled on registries that never used it only until "
    "May 31, 2026, and will be removed from Azure Container Registry on March 31, 2028. Use Notary Project "
    "signatures (Notation) instead. See https://aka.ms/acr/dctdeprecation")


def enable_problem(cloud, registry) -> AzureError | None:
    """Why the trust policy cannot be switched on for `registry` (its planned state) now, or None."""
    now = cloud.clock.now()
    if now >= REMOVED:
        return AzureError("Docker Content Trust has been removed from Azure Container Registry.",
                          code="ContentTrustRemoved")
    if registry.encryption.get("status") == "enabled":
        return AzureError("Content trust is not supported in a registry encrypted with a customer-managed key.",
                          code="ContentTrustNotSupportedWithCmk")
    if registry.role_assignment_mode == "AbacRepositoryPermissions":
        return AzureError("Content trust is not supported in registries with ABAC repository permissions.",
                          code="ContentTrustNotSupportedWithAbac")
    if not registry.extra.get("trust_ever_enabled", False) and now >= NEW_ENABLEMENT_ENDS:
        return AzureError("Docker Content Trust can no longer be enabled on a registry that never had it enabled "
                          "(deprecated since March 31, 2025). Use Notary Project signing instead.",
                          code="ContentTrustDeprecated")
    return None


def drop_signatures(registry) -> None:
    """Disabling the trust policy deletes every signature."""
    for repo in registry.store.repositories.values():
        for tag in repo.tags.values():
            tag.signed = False
        for m in repo.manifests.values():
            m.signed = False


def sign(cloud, registry, cred, repository: str, tag: str) -> None:
    """`docker trust sign`: needs the trust policy on and sign rights (AcrImageSigner) plus push rights."""
    from .dataplane import decide

    if registry.policies.trust_status != "enabled":
        raise RegistryError("DENIED", f"trust data unavailable: content trust is not enabled on registry "
                            f"{registry.login_server}", 403)
    if cred is None or cred.kind == "anonymous":
        raise RegistryError("UNAUTHORIZED", "authentication required", 401)
    for op in ("push", "sign"):
        d = decide(cloud, registry, cred, op, repository)
        if not d.allowed:
            cloud.state["last_denial"] = (cred, d)
            raise RegistryError("DENIED", "requested access to the resource is denied", 403, decision=d)
    r = registry.store.repo(repository)
    t = r.tags.get(tag)
    if t is None:
        raise RegistryError("MANIFEST_UNKNOWN", f'manifest tagged by "{tag}" is not found', 404)
    t.signed = True
    r.manifests[t.digest].signed = True


def is_signed(registry, repository: str, reference: str) -> bool:
    r = registry.store.repositories.get(repository)
    if r is None:
        return False
    t = r.tags.get(reference)
    if t is not None:
        return t.signed
    m = r.manifests.get(reference)
    return bool(m and m.signed)
