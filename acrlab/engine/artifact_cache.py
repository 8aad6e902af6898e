"""Artifact cache (Basic, Standard and Premium): cache rules map a registry repository (or a `prefix/*` wildcard) to
an upstream repository; credential sets hold the Key Vault secret ids of the upstream username and password and
read them with their own system-assigned identity. A pull of a tag the registry does not hold yet fetches it from
the upstream once and stores it (the cache does not refresh a tag it already holds).

Sources: MicrosoftDocs/azure-management-docs articles/container-registry/artifact-cache-overview.md (limits,
upstream support table), wildcards-artifact-cache.md (overlap rules), troubleshoot-artifact-cache.md; error texts
as the service returns them (Azure/acr issues 789, 599; Azure/ARO-HCP 2639, 5176); JSON shapes from azure-cli
recordings test_acr_cache.yaml and test_acr_cache_managed_identity.yaml."""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from .clock import iso
from .errors import RegistryError

if TYPE_CHECKING:
    from .cloud import Cloud
    from .registry import Registry

MAX_RULES = 1000
AUTHENTICATED_ONLY = {"docker.io", "dhi.io", "registry.redhat.io"}
UNAUTHENTICATED_ONLY = {"mcr.microsoft.com", "public.ecr.aws", "registry.access.redhat.com"}
SUPPORTED = AUTHENTICATED_ONLY | UNAUTHENTICATED_ONLY | {"ghcr.io", "quay.io", "registry.k8s.io", "gcr.io", "nvcr.io"}
"""Upstream registries artifact cache supports (artifact-cache-overview.md, Upstream support); also *.azurecr.io
(authenticated only) and *.pkg.dev (Google Artifact Registry, authenticated only)."""
REPO_NAME = re.compile(r"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?:/\*)?$")
HELP = "For more information, please visit https://aka.ms/acr/cache"


class RegistryChild(BaseModel):
    """A registry sub-resource with ARM's systemData."""

    name: str
    registry_id: str
    created: datetime
    created_by: str
    created_by_type: str
    modified: datetime | None = None
    kind: str = ""

    @property
    def id(self) -> str:
        return f"{self.registry_id}/{self.kind}/{self.name}"


class CacheRule(RegistryChild):
    kind: str = "cacheRules"
    source_repository: str
    target_repository: str
    credential_set_id: str | None = None
    identity: dict | None = None
    """A user-assigned identity that authenticates to an upstream Azure container registry."""

    @property
    def wildcard(self) -> bool:
        return self.target_repository.endswith("*")

    def to_json(self) -> dict:
        """`az acr cache show` (CacheRule with its properties flattened, as az prints it)."""
        out = {
            "creationDate": iso(self.created), "credentialSetResourceId": self.credential_set_id, "id": self.id,
            "name": self.name, "provisioningState": "Succeeded", "resourceGroup": self.registry_id.split("/")[4],
            "sourceRepository": self.source_repository, "systemData": _system_data(self),
            "targetRepository": self.target_repository, "type": "Microsoft.ContainerRegistry/registries/cacheRules",
        }
        if self.identity is not None:
            out["identity"] = self.identity
        return out


class AuthCredential(BaseModel):
    name: str = "Credential1"
    username_secret_identifier: str
    password_secret_identifier: str
    last_health: dict = Field(default_factory=dict)


class CredentialSet(RegistryChild):
    kind: str = "credentialSets"
    login_server: str
    auth_credentials: list[AuthCredential] = Field(default_factory=list)
    principal_id: str
    """The credential set's own system-assigned identity, which reads the secrets."""

    tenant_id: str = ""

    def to_json(self, cloud: Cloud | None) -> dict:
        """`az acr credential-set show`: credentialHealth is what the identity can read right now (without a cloud,
        as ARM last evaluated it)."""
        creds = []
        for c in self.auth_credentials:
            health = credential_health(cloud, self, c) if cloud is not None else c.last_health
            creds.append({"credentialHealth": health, "name": c.name,
                          "passwordSecretIdentifier": c.password_secret_identifier,
                          "usernameSecretIdentifier": c.username_secret_identifier})
        return {
            "authCredentials": creds, "creationDate": iso(self.created), "id": self.id,
            "identity": {"principalId": self.principal_id, "tenantId": self.tenant_id, "type": "systemAssigned",
                         "userAssignedIdentities": None},
            "loginServer": self.login_server, "name": self.name, "provisioningState": "Succeeded",
            "resourceGroup": self.registry_id.split("/")[4], "systemData": _system_data(self),
            "type": "Microsoft.ContainerRegistry/registries/credentialSets",
        }


def _system_data(obj) -> dict:
    at = iso(obj.modified or obj.created)
    return {"createdAt": iso(obj.created), "createdBy": obj.created_by, "createdByType": obj.created_by_type,
            "lastModifiedAt": at, "lastModifiedBy": obj.created_by, "lastModifiedByType": obj.created_by_type}


def rules(reg: Registry) -> dict[str, CacheRule]:
    return reg.extra.setdefault("cache_rules", {})


def credential_sets(reg: Registry) -> dict[str, CredentialSet]:
    return reg.extra.setdefault("credential_sets", {})


# -- credentials ------------------------------------------------------------------------------------------

def read_credentials(cloud: Cloud, cs: CredentialSet, cred: AuthCredential) -> tuple[str, str]:
    """The upstream username and password, read from Key Vault by the credential set's identity."""
    from .keyvault_secrets import read_secret_value

    principal = cloud.tenant.principals.get(cs.principal_id)
    if principal is None:
        raise PermissionError("The credential set's identity no longer exists.")
    return (read_secret_value(cloud, principal, cred.username_secret_identifier),
            read_secret_value(cloud, principal, cred.password_secret_identifier))


def credential_health(cloud: Cloud, cs: CredentialSet, cred: AuthCredential) -> dict:
    from .errors import AzureError

    try:
        read_credentials(cloud, cs, cred)
    except AzureError as e:
        return {"errorCode": e.code, "errorMessage": e.message, "status": "Unhealthy"}
    except PermissionError as e:
        return {"errorCode": "Forbidden", "errorMessage": str(e), "status": "Unhealthy"}
    return {"errorCode": None, "errorMessage": None, "status": "Healthy"}


def refresh_health(cloud: Cloud, cs: CredentialSet) -> None:
    for c in cs.auth_credentials:
        c.last_health = credential_health(cloud, cs, c)


# -- rules: validation and matching -----------------------------------------------------------------------

def upstream_host(source: str) -> str:
    return source.split("/", 1)[0].lower()


def normalize_source(source: str) -> str:
    """Docker Hub's official images live under `library/`: artifact cache adds it when it is left out."""
    host, _, path = source.partition("/")
    if host.lower() == "docker.io" and path and "/" not in path.rstrip("*").rstrip("/"):
        path = f"library/{path}" if not path.startswith("*") else path
    return f"{host.lower()}/{path}" if path else host.lower()


def supported_upstream(host: str) -> bool:
    return host in SUPPORTED or host.endswith(".azurecr.io") or host.endswith(".pkg.dev")


def covers(target: str, repository: str) -> bool:
    """Whether a rule's target (`name`, `prefix/*` or `*`) matches a registry repository."""
    if target == "*":
        return True
    if target.endswith("/*"):
        return repository.startswith(target[:-1])
    return repository == target


def overlapping(existing: CacheRule, target: str) -> bool:
    """wildcards-artifact-cache.md: wildcard targets may not overlap; static targets may overlap wildcards but not
    repeat another static target."""
    other = existing.target_repository
    if not target.endswith("*") and not other.endswith("*"):
        return other == target
    if target.endswith("*") != other.endswith("*"):
        return False
    a, b = target[:-1], other[:-1]
    return a.startswith(b) or b.startswith(a)


def find_rule(reg: Registry, repository: str) -> CacheRule | None:
    """The rule a pull of `repository` uses: a static rule first, else the most specific wildcard."""
    best = None
    for r in rules(reg).values():
        if not covers(r.target_repository, repository):
            continue
        if not r.wildcard:
            return r
        if best is None or len(r.target_repository) > len(best.target_repository):
            best = r
    return best


def check_write(reg: Registry, repository: str | None) -> None:
    """A repository backed by a cache rule takes its content from the upstream only: pushes and imports into it are
    refused (Azure/acr issue 845: "The cache rule blocks pushes for the target-repo in the cache rule") unless the
    registry's writableCacheRepos is Enabled (2026 preview: `az acr create|update --writable-cache-repos`,
    MicrosoftDocs/azure-docs-cli acr.yml: "Enable or disable writing to repositories backed by cache rules").
    The refusal's wording is the lab's: the service's text is not published."""
    if reg.writable_cache_repos == "Enabled" or not repository or not reg.extra.get("cache_rules"):
        return
    rule = find_rule(reg, repository)
    if rule is not None:
        raise RegistryError("DENIED", f"repository '{repository}' is backed by cache rule '{rule.name}' and is "
                                      f"read-only: writes to cache repositories are disabled on this registry "
                                      f"(writableCacheRepos). {HELP}", 403)


def upstream_repository(rule: CacheRule, repository: str) -> str:
    if not rule.wildcard:
        return rule.source_repository
    prefix = rule.target_repository[:-1]
    src = rule.source_repository[:-1] if rule.source_repository.endswith("*") else rule.source_repository + "/"
    return src + repository[len(prefix):]


# -- the pull-through -------------------------------------------------------------------------------------

def _unauthorized(rule: CacheRule) -> RegistryError:
    return RegistryError("UNAUTHORIZED", f"authentication required with source registry for cache rule "
                                         f"'{rule.name}' {HELP}", 401)


def _fetch(cloud: Cloud, reg: Registry, rule: CacheRule, upstream: str, reference: str):
    """The upstream image's content, as the registry's cache fetches it (with the rule's credentials)."""
    from . import catalog
    from .dataplane import Credential, authenticate, decide

    host, _, path = upstream.partition("/")
    cs = None
    if rule.credential_set_id:
        cs = credential_sets(reg).get(rule.credential_set_id.rsplit("/", 1)[-1].lower())
    username = password = None
    if cs is not None:
        try:
            username, password = read_credentials(cloud, cs, cs.auth_credentials[0])
        except Exception:
            raise _unauthorized(rule) from None
    source_reg = cloud.registry_by_login_server(host)
    if host.endswith(".azurecr.io"):
        if source_reg is None:
            raise RegistryError("NAME_UNKNOWN", f"repository '{path}' not found", 404)
        if username is not None:
            try:
                cred = authenticate(cloud, source_reg, username, password)
            except RegistryError:
                raise _unauthorized(rule) from None
        elif rule.identity:
            users: dict = rule.identity.get("userAssignedIdentities") or {}
            first: dict = next(iter(users.values()), {})
            pid = str(first.get("principalId") or "")
            principal = cloud.tenant.principals.get(pid)
            if principal is None:
                raise _unauthorized(rule)
            cred = Credential(kind="aad", registry=source_reg.name, principal_id=principal.object_id)
        else:
            raise _unauthorized(rule)
        if not decide(cloud, source_reg, cred, "pull", path).allowed:
            raise _unauthorized(rule)
        repo = source_reg.store.repositories.get(path)
        digest = reference if reference.startswith("sha256:") else (repo.tags[reference].digest
                                                                     if repo and reference in repo.tags else None)
        manifest = repo.manifests.get(digest) if repo and digest else None
        if manifest is None:
            raise RegistryError("MANIFEST_UNKNOWN", f'manifest tagged by "{reference}" is not found', 404)
        return manifest.content
    if host in AUTHENTICATED_ONLY and username is None:
        raise _unauthorized(rule)
    if host == "docker.io":  # Docker Hub checks the credential set's username and password or token
        from .docker_hub import pull_with
        try:
            own = pull_with(cloud, username, password, path, reference)
        except RegistryError as e:
            if e.code != "MANIFEST_UNKNOWN":
                raise _unauthorized(rule) from None
            raise RegistryError("MANIFEST_UNKNOWN", f'manifest tagged by "{reference}" is not found', 404) from None
        if own is not None:
            return own
    sep = "@" if reference.startswith("sha256:") else ":"
    content = catalog.find_public(f"{upstream}{sep}{reference}", cloud.state.get("catalog_overrides"))
    if content is None:
        if not catalog.repository_exists(host, path):
            raise RegistryError("NAME_UNKNOWN", f"repository '{rule.target_repository.rstrip('/*') or path}' not "
                                                f"found in upstream {host}", 404)
        raise RegistryError("MANIFEST_UNKNOWN", f'manifest tagged by "{reference}" is not found', 404)
    return content


def pull_through(cloud: Cloud, reg: Registry, repository: str, reference: str):
    """Called when a pull misses: fetch the image through the matching cache rule and store it (or None)."""
    rule = find_rule(reg, repository)
    if rule is None:
        return None
    from .dataplane import Origin

    content = _fetch(cloud, reg, rule, upstream_repository(rule, repository), reference)
    tag = None if reference.startswith("sha256:") else reference
    manifest, left = reg.store.put_manifest(repository, content, cloud.clock.now(), tag)
    cloud.emit("push", registry=reg, repository=repository, tag=tag, manifest=manifest, cred=None,
               origin=Origin(kind="azure-service"))
    if left is not None and not reg.store.repositories[repository].is_tagged(left):
        cloud.emit("untagged", registry=reg, repository=repository, digest=left)
    return manifest


def install(cloud: Cloud) -> None:
    cloud.state.setdefault("pull_miss_hooks", []).append(pull_through)
