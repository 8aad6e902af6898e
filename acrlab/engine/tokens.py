"""Repository-scoped tokens and scope maps: resources, credentials, and the data-plane hooks that judge them."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, Field

from .clock import iso
from .cloud import Cloud
from .dataplane import Credential
from .errors import AzureError, unauthorized
from .rbac import Decision
from .registry import Registry

CR = "Microsoft.ContainerRegistry/registries"
REPO_ACTIONS = ["content/delete", "content/read", "content/write", "metadata/read", "metadata/write"]
SYSTEM_MAPS = {
    "_repositories_admin": ("Can perform all read, write and delete operations on the registry",
                            ["metadata/read", "metadata/write", "content/read", "content/write", "content/delete"]),
    "_repositories_pull": ("Can pull any repository of the registry", ["content/read"]),
    "_repositories_pull_metadata_read": ("Can perform all read operations on the registry",
                                         ["content/read", "metadata/read"]),
    "_repositories_push": ("Can push to any repository of the registry", ["content/read", "content/write"]),
    "_repositories_push_metadata_write": ("Can perform all read and write operations on the registry",
                                          ["metadata/read", "metadata/write", "content/read", "content/write"]),
}
# What each data-plane operation needs from a token's scope map.
TOKEN_NEEDS = {
    "pull": ["content/read"], "push": ["content/read", "content/write"], "delete": ["content/delete"],
    "metadata_read": ["metadata/read"], "metadata_write": ["metadata/write"],
}


class ScopeMap(BaseModel):
    name: str
    registry_id: str
    resource_group: str
    actions: list[str]
    description: str | None = None
    type: str = "UserDefined"
    created: datetime

    @property
    def id(self) -> str:
        return f"{self.registry_id}/scopeMaps/{self.name}"

    def to_json(self) -> dict:
        return {"actions": list(self.actions), "creationDate": iso(self.created), "description": self.description,
                "id": self.id, "name": self.name, "provisioningState": "Succeeded",
                "resourceGroup": self.resource_group, "scopeMapType": self.type,
                "type": f"{CR}/scopeMaps"}


class TokenPassword(BaseModel):
    name: str
    value: str
    created: datetime
    expiry: datetime | None = None

    def to_json(self, reveal: bool) -> dict:
        # az prints the expiry ARM echoes back with isoformat(): no fraction when it has none (azure-cli
        # test_acr_token.py test_repository_token_create: --expiration 2100-12-31T12:59:59Z -> ...59+00:00)
        expiry = self.expiry.astimezone(UTC).isoformat() if self.expiry else None
        return {"creationTime": iso(self.created), "expiry": expiry, "name": self.name,
                "value": self.value if reveal else None}


class Token(BaseModel):
    name: str
    registry_id: str
    resource_group: str
    scope_map_id: str | None
    status: str = "enabled"
    passwords: dict[str, TokenPassword] = Field(default_factory=dict)
    created: datetime

    @property
    def id(self) -> str:
        return f"{self.registry_id}/tokens/{self.name}"

    def to_json(self, reveal: set[str] | None = None) -> dict:
        reveal = reveal or set()
        return {
            "creationDate": iso(self.created),
            "credentials": {"certificates": [], "passwords": [self.passwords[k].to_json(k in reveal)
                                                              for k in sorted(self.passwords)],
                            "username": self.name},
            "id": self.id, "name": self.name, "objectId": None, "provisioningState": "Succeeded",
            "resourceGroup": self.resource_group, "scopeMapId": self.scope_map_id, "status": self.status,
            "type": f"{CR}/tokens",
        }


# -- scope maps ------------------------------------------------------------------------------------

def ensure_system_maps(reg: Registry) -> None:
    for name, (desc, acts) in SYSTEM_MAPS.items():
        if name not in reg.scope_maps:
            reg.scope_maps[name] = ScopeMap(name=name, registry_id=reg.id, resource_group=reg.resource_group,
                                            actions=[f"repositories/*/{a}" for a in acts], description=desc,
                                            type="SystemDefined", created=reg.created)


def validate_repository(repo: str) -> None:
    """Only a trailing `/*` (or `*` alone) may be a wildcard: `samples/*` yes, `sample/*/teamA`, `sample/teamA*` no."""
    body = repo[:-2] if repo.endswith("/*") else repo
    if repo != "*" and ("*" in body or not body or body.startswith("/") or "//" in body):
        raise AzureError(f"The repository name '{repo}' is invalid. A wildcard '*' is only allowed at the end of a "
                         "repository name after a '/' (e.g. 'samples/*'), or alone ('*') for all repositories.",
                         code="InvalidScopeMapAction")


# -- data-plane hooks ------------------------------------------------------------------------------

def scope_allows(actions: list[str], repository: str, needed: str) -> bool:
    """Rules are additive: exact names, `prefix/*` (any depth below), or `*` (every repository)."""
    repo = repository.lower()
    suffix = "/" + needed
    for a in (x.lower() for x in actions):
        if not a.startswith("repositories/") or not a.endswith(suffix):
            continue
        pat = a[len("repositories/"): -len(suffix)]
        if pat == "*" or pat == repo or (pat.endswith("/*") and repo.startswith(pat[:-1])):
            return True
    return False


def authenticate_hook(cloud: Cloud, reg: Registry, username: str | None, password: str | None) -> Credential | None:
    t = reg.tokens.get(username or "")
    if t is None:
        return None
    now = cloud.clock.now()
    for p in t.passwords.values():
        if p.value == password and t.status == "enabled" and (p.expiry is None or now < p.expiry):
            return Credential(kind="token", registry=reg.name, token_name=t.name, password_name=p.name,
                              secret=p.value, issued=now, expires=p.expiry)
    raise unauthorized()


def credential_valid_hook(cloud: Cloud, reg: Registry, cred: Credential) -> bool | None:
    if cred.kind != "token":
        return None
    t = reg.tokens.get(cred.token_name or "")
    if t is None or t.status != "enabled":
        return False
    p = t.passwords.get(cred.password_name or "")
    return p is not None and p.value == cred.secret and (p.expiry is None or cloud.clock.now() < p.expiry)


def data_decision_hook(cloud: Cloud, reg: Registry, cred: Credential, operation: str,
                       repository: str | None) -> Decision | None:
    if cred.kind != "token":
        return None
    t = reg.tokens.get(cred.token_name or "")
    who = f"token '{cred.token_name}'"
    if operation not in TOKEN_NEEDS:
        return Decision(False, who, operation, reg.id, True, principal_name=who, repository=repository,
                        note=f"tokens cannot perform '{operation}' (catalog listing and signing are not supported)")
    sm = next((m for m in reg.scope_maps.values() if t is not None and m.id == t.scope_map_id), None)
    actions = sm.actions if sm else []
    missing = [n for n in TOKEN_NEEDS[operation] if repository is None or not scope_allows(actions, repository, n)]
    note = (f"scope map '{sm.name}' grants {', '.join(actions) or 'nothing'}" if sm else "the token has no scope map")
    if missing:
        note += f"; '{operation}' on '{repository}' needs {', '.join(missing)}"
    return Decision(not missing, who, operation, reg.id, True, principal_name=who, repository=repository, note=note)


def on_registry_created(cloud: Cloud, registry: Registry, **_) -> None:
    ensure_system_maps(registry)


def install(cloud: Cloud) -> None:
    cloud.state.setdefault("authenticate_hooks", []).append(authenticate_hook)
    cloud.state.setdefault("credential_valid_hooks", []).append(credential_valid_hook)
    cloud.state.setdefault("data_decision_hooks", []).append(data_decision_hook)
    cloud.on("registry_created", on_registry_created)
