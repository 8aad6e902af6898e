"""Docker Content Trust (Notary v1) on ACR: the Premium trust policy, signing, and its deprecation timeline.

The dates are `dated_rules.DCT_*`: since 2026-05-31 DCT cannot be enabled on a registry that never had it,
so in today's lab only a registry that had DCT before the cut-off (`enable_legacy`, standing in for a
registry created in the past) can use it; everyone else signs with Notation (`engine/signing.py`).
"""

from __future__ import annotations

from .dated_rules import DCT_NO_NEW_ENABLEMENT, DCT_REMOVED
from .errors import AzureError, RegistryError

DEPRECATION_WARNING = (
    "Content Trust is being deprecated and will be completely removed on March 31, 2028. Refer to "
    "https://aka.ms/acr/dctdeprecation for details and transition guidance")
"""azure-cli's deprecation message for the `acr config content-trust` group (acr/_breaking_change.py)."""


def enable_problem(cloud, registry) -> AzureError | None:
    """Why the trust policy cannot be switched on for `registry` (its planned state) now, or None."""
    now = cloud.clock.now()
    if DCT_REMOVED.in_force(now):
        return AzureError("Docker Content Trust has been removed from Azure Container Registry.",
                          code="ContentTrustRemoved")
    if registry.encryption.get("status") == "enabled":
        return AzureError("Content trust is not supported in a registry encrypted with a customer-managed key.",
                          code="ContentTrustNotSupportedWithCmk")
    if registry.role_assignment_mode == "AbacRepositoryPermissions":
        return AzureError("Content trust is not supported in registries with ABAC repository permissions.",
                          code="ContentTrustNotSupportedWithAbac")
    if not registry.extra.get("trust_ever_enabled", False) and DCT_NO_NEW_ENABLEMENT.in_force(now):
        return AzureError("Docker Content Trust cannot be enabled on new registries or registries that haven't "
                          "enabled it previously (since May 31, 2026). Sign images with Notary Project (Notation) "
                          "instead: https://aka.ms/acr/dctdeprecation", code="ContentTrustDeprecated")
    return None


def drop_signatures(registry) -> None:
    """Disabling the trust policy deletes every signature."""
    for repo in registry.store.repositories.values():
        for tag in repo.tags.values():
            tag.signed = False
        for m in repo.manifests.values():
            m.signed = False


def enable_legacy(cloud, registry) -> None:
    """A registry that enabled DCT before 2026-05-31 (the lab's clock starts later): it keeps DCT until removal."""
    from .arm import send

    registry.extra["trust_ever_enabled"] = True
    send(cloud, cloud.learner, "PATCH", registry.id,
         {"properties": {"policies": {"trustPolicy": {"status": "enabled", "type": "Notary"}}}})


def check_sign(cloud, registry, cred, repository: str) -> None:
    """Whether `cred` may sign in `repository`: the trust policy on, sign rights (AcrImageSigner) plus push rights."""
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


def targets_key(registry, repository: str) -> str | None:
    """The id of the repository key the registry's trust data names for `repository` (None: not initialized)."""
    return registry.extra.get("trust_targets_keys", {}).get(repository)


def sign(cloud, registry, cred, repository: str, tag: str, key_id: str) -> None:
    """`docker trust sign` with the repository key `key_id`: the first signing of a repository initializes its trust
    data with that key; later ones must use it (notary's ErrNoKeys names the key a client lacks)."""
    check_sign(cloud, registry, cred, repository)
    known = targets_key(registry, repository)
    if known is not None and known != key_id:
        raise RegistryError("NO_KEYS", "could not find necessary signing keys, at least one of these keys must be "
                            f"available: {known}", 400)
    r = registry.store.repo(repository)
    t = r.tags.get(tag)
    if t is None:
        raise RegistryError("MANIFEST_UNKNOWN", f'manifest tagged by "{tag}" is not found', 404)
    registry.extra.setdefault("trust_targets_keys", {})[repository] = key_id
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
