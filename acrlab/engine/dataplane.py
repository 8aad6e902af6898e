"""Registry data plane: who is calling (credentials) and whether they may pull, push, delete or list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from .cloud import Cloud
from .errors import RegistryError, denied, unauthorized
from .rbac import Decision
from .registry import Registry
from .tenant import Principal

AAD_TOKEN_LIFETIME = timedelta(hours=3)
ACR_LOGIN_USERNAME = "00000000-0000-0000-0000-000000000000"

# Data-plane operations and the legacy (RBAC Registry Permissions) actions behind them.
CR = "Microsoft.ContainerRegistry/registries"
LEGACY_ACTIONS = {
    "pull": f"{CR}/pull/read",
    "metadata_read": f"{CR}/pull/read",
    "catalog": f"{CR}/pull/read",
    "push": f"{CR}/push/write",
    "metadata_write": f"{CR}/push/write",
    "delete": f"{CR}/artifacts/delete",
    "sign": f"{CR}/sign/write",
}
# ABAC (repository permissions) dataActions behind the same operations.
ABAC_DATA_ACTIONS = {
    "pull": f"{CR}/repositories/content/read",
    "metadata_read": f"{CR}/repositories/metadata/read",
    "catalog": f"{CR}/catalog/read",
    "push": f"{CR}/repositories/content/write",
    "metadata_write": f"{CR}/repositories/metadata/write",
    "delete": f"{CR}/repositories/content/delete",
    "sign": f"{CR}/trustedCollections/write",
}


@dataclass
class Origin:
    """Where a request comes from: the internet (a workstation) or a VM inside a subnet."""

    kind: str = "internet"  # internet | vm | azure-service | task (an ACR Tasks agent; subnet_id: its agent pool's)
    ip: str = "203.0.113.10"
    subnet_id: str | None = None
    resource_id: str | None = None


@dataclass
class Credential:
    """An authenticated caller of the registry data plane."""

    kind: str  # aad | admin | token | anonymous
    registry: str
    principal_id: str | None = None
    token_name: str | None = None
    password_name: str | None = None
    secret: str | None = None
    issued: datetime | None = None
    expires: datetime | None = None
    mode_at_issue: str | None = None
    source_identity: bool = False
    """A task run that logs in as an identity (--source-acr-auth-id): that identity's roles decide, in both modes."""

    def describe(self) -> str:
        return {"aad": f"Entra ID principal {self.principal_id}", "admin": f"admin user ({self.password_name})",
                "token": f"token '{self.token_name}'", "anonymous": "anonymous",
                "task": f"ACR task run {self.token_name}"}.get(self.kind, self.kind)


def tokens(cloud: Cloud) -> dict[str, Credential]:
    return cloud.state.setdefault("acr_refresh_tokens", {})


def _drop_expired(cloud: Cloud, issued: dict[str, Credential], now: datetime) -> None:
    """Forget refresh tokens past their expiry (a sign-in with one fails either way), oldest first: every token
    lives AAD_TOKEN_LIFETIME, so issue order is expiry order and this costs what it removes."""
    while issued:
        token = next(iter(issued))
        cred = issued[token]
        if cred.kind != "aad" or cred.expires is None or cred.expires > now:
            break
        del issued[token]


def issue_aad_token(cloud: Cloud, registry: Registry, principal: Principal) -> str:
    """What `az acr login` / the /oauth2/exchange endpoint hands out: an ACR refresh token valid 3 hours."""
    now = cloud.clock.now()
    token = cloud.ids.jwt({
        "jti": cloud.ids.guid(), "sub": principal.sign_in_name, "nbf": int(now.timestamp()),
        "exp": int((now + AAD_TOKEN_LIFETIME).timestamp()), "iat": int(now.timestamp()),
        "iss": "Azure Container Registry", "aud": registry.login_server, "version": "1.0",
        "rid": cloud.ids.hex(32), "grant_type": "refresh_token", "tenant": cloud.tenant.tenant_id,
        "permissions": {"actions": ["read", "write", "delete"], "notActions": None}, "roles": [],
    })
    issued = tokens(cloud)
    _drop_expired(cloud, issued, now)
    issued[token] = Credential(
        kind="aad", registry=registry.name, principal_id=principal.object_id, secret=token, issued=now,
        expires=now + AAD_TOKEN_LIFETIME, mode_at_issue=registry.role_assignment_mode)
    return token


def authenticate(cloud: Cloud, registry: Registry, username: str | None, password: str | None) -> Credential:
    """`docker login`: check a username/password pair against everything ACR accepts."""
    now = cloud.clock.now()
    if not username and not password:
        return Credential(kind="anonymous", registry=registry.name)
    if username == ACR_LOGIN_USERNAME:
        cred = tokens(cloud).get(password or "")
        if cred is None or cred.registry != registry.name:
            raise unauthorized()
        if cred.expires and now >= cred.expires:
            raise unauthorized()
        return cred
    if username and username.lower() == registry.name.lower():
        if not registry.admin_user_enabled:
            raise unauthorized()
        for name, value in registry.admin_passwords.items():
            if value == password:
                return Credential(kind="admin", registry=registry.name, password_name=name, secret=password,
                                  issued=now)
        raise unauthorized()
    for hook in cloud.state.get("authenticate_hooks", ()):
        cred = hook(cloud, registry, username, password)
        if cred is not None:
            return cred
    raise unauthorized()


def still_valid(cloud: Cloud, registry: Registry, cred: Credential) -> bool:
    """A stored credential keeps working only while its source does (expiry, renewed admin password, ...)."""
    now = cloud.clock.now()
    if cred.kind == "anonymous":
        return True
    if cred.expires and now >= cred.expires:
        return False
    if cred.kind == "aad":
        if cred.mode_at_issue and cred.mode_at_issue != registry.role_assignment_mode:
            return False
        return cred.principal_id in cloud.tenant.principals
    if cred.kind == "admin":
        return registry.admin_user_enabled and registry.admin_passwords.get(cred.password_name or "") == cred.secret
    for hook in cloud.state.get("credential_valid_hooks", ()):
        verdict = hook(cloud, registry, cred)
        if verdict is not None:
            return verdict
    return False


def decide(cloud: Cloud, registry: Registry, cred: Credential, operation: str, repository: str | None) -> Decision:
    """May this credential perform `operation` (pull, push, delete, metadata_read, metadata_write, catalog, sign)?"""
    scope = registry.id
    if cred.kind == "admin":
        return Decision(True, "admin", operation, scope, note="the admin user has push and pull on every repository")
    if cred.kind == "aad":
        principal = cloud.tenant.principals.get(cred.principal_id or "")
        if principal is None:
            return Decision(False, cred.principal_id or "", operation, scope, note="principal no longer exists")
        if registry.role_assignment_mode == "AbacRepositoryPermissions":
            # a repository is a scope of its own there: a role assigned at <registry>/repositories/<name> covers it
            # (MicrosoftDocs/azure-management-docs articles/container-registry/artifact-cache-acr-to-acr-cli.md)
            d = cloud.authorize(principal, ABAC_DATA_ACTIONS[operation],
                                f"{scope}/repositories/{repository}" if repository else scope, data=True,
                                registry=registry, repository=repository)
            if not d.allowed:
                d.note = ("the registry is in 'RBAC Registry + ABAC Repository Permissions' mode: AcrPull/AcrPush/"
                          "AcrDelete are not honoured and Owner/Contributor/Reader grant control-plane access only; "
                          "use the Container Registry Repository Reader/Writer/Contributor roles (+ Catalog Lister "
                          "to list repositories)")
            return d
        d = cloud.authorize(principal, LEGACY_ACTIONS[operation], scope, registry=registry, repository=repository)
        if not d.allowed and any(a.role().data_actions for a in d.considered):
            d.note = ("the registry is in 'RBAC Registry Permissions' mode: the Container Registry Repository roles "
                      "are honoured only in 'RBAC Registry + ABAC Repository Permissions' mode")
        return d
    for hook in cloud.state.get("data_decision_hooks", ()):
        d = hook(cloud, registry, cred, operation, repository)
        if d is not None:
            return d
    return Decision(False, cred.describe(), operation, scope, note="no permission for this credential")


def record_denial(cloud: Cloud, cred: Credential, d: Decision) -> None:
    """Keep the evidence for `lab why-denied` (control-plane denials are kept by Cloud.require)."""
    who = cloud.tenant.principals.get(cred.principal_id or "") if cred.kind == "aad" else None
    cloud.state["last_denial"] = (who or cred, d)


def check_network(cloud: Cloud, registry: Registry, origin: Origin) -> None:
    """Raise the 403 a blocked client sees; family modules register the rules in state['network_checks']."""
    for check in cloud.state.get("network_checks", ()):
        check(cloud, registry, origin)


def require(cloud: Cloud, registry: Registry, cred: Credential | None, operation: str, repository: str | None,
            origin: Origin) -> Credential:
    """Authenticate (anonymous if no credential), check the network, then authorize; raise as the registry does."""
    check_network(cloud, registry, origin)
    if cred is None:
        cred = Credential(kind="anonymous", registry=registry.name)
    if cred.kind != "anonymous" and not still_valid(cloud, registry, cred):
        raise unauthorized()
    if cred.kind == "anonymous":
        if registry.anonymous_pull_enabled and operation in ("pull",):
            return cred
        raise unauthorized()
    d = decide(cloud, registry, cred, operation, repository)
    if not d.allowed:
        record_denial(cloud, cred, d)
        if operation in ("pull", "metadata_read", "catalog"):
            raise RegistryError("DENIED", "requested access to the resource is denied", 403, decision=d)
        raise denied(decision=d)
    if operation == "push" and registry.extra.get("cache_rules"):
        from .artifact_cache import check_write

        check_write(registry, repository)
    return cred
