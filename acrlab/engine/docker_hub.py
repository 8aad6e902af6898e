"""Docker Hub accounts of the lab's public world: Docker IDs, personal access tokens, and the repositories an
account pushes to its own namespace (public or private), next to the public catalogue (`catalog.py`).

Every client reaches the same rules here: `docker login|push|pull` on a host, `az acr import` and
Import-AzContainerRegistryImage from docker.io with or without credentials, artifact cache rules whose credential
set reads a Docker Hub username and token from Key Vault, and the docker CLI inside an ACR Tasks run.

Sources (docker/docs): content/manuals/accounts/create-account.md (a Docker ID is 4 to 30 numbers and lowercase
letters), content/manuals/security/access-tokens/personal-access-tokens.md and reference.md (a PAT has one
permission: Repo Public Read-only (the default), Repo Read-only, Repo Read & Write, Repo Read, Write, Delete; it
can stand in for the password at `docker login`), content/manuals/docker-hub/repos/settings.md (`docker push` to a
repository that does not exist creates it with the account's default repository privacy; a private repository is
only accessible to its owner). The default privacy of a new account is Public (docker/cli issue 4977: a push
creates the repository with public visibility). Docker Hub answers a private repository to someone who may not pull
it exactly as a repository that does not exist ("pull access denied ... repository does not exist or may require
'docker login'"), a wrong sign-in with "incorrect username or password", and a push with a token that lacks write
permission with "access token has insufficient scopes" (spinalcordtoolbox/spinalcordtoolbox issue 5286).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import RegistryError

if TYPE_CHECKING:
    from .artifacts import ImageContent
    from .cloud import Cloud

HOSTS = ("docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com")
DOCKER_ID = re.compile(r"^[a-z0-9]{4,30}$")
REPOSITORY = re.compile(r"^[a-z0-9]+(?:[._-][a-z0-9]+)*$")
PERMISSIONS = {"public-read": "Repo Public Read-only", "read": "Repo Read-only", "read-write": "Repo Read & Write",
               "read-write-delete": "Repo Read, Write, Delete"}
"""A personal access token's permission levels (docker/docs access-tokens/reference.md); public-read is the default."""
_PULL_PRIVATE = {"read", "read-write", "read-write-delete", "password"}
_PUSH = {"read-write", "read-write-delete", "password"}
INCORRECT = "incorrect username or password"
DENIED = "requested access to the resource is denied"
INSUFFICIENT = "access token has insufficient scopes"


@dataclass
class AccessToken:
    description: str
    token: str
    permission: str
    created: str
    active: bool = True


@dataclass
class Account:
    username: str
    password: str
    default_private: bool = False
    tokens: list[AccessToken] = field(default_factory=list)


@dataclass
class HubRepository:
    namespace: str
    name: str
    private: bool
    tags: dict[str, ImageContent] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return f"{self.namespace}/{self.name}"


@dataclass
class Hub:
    accounts: dict[str, Account] = field(default_factory=dict)
    repositories: dict[str, HubRepository] = field(default_factory=dict)


@dataclass(frozen=True)
class HubLogin:
    """A successful sign-in: the account and what the secret used allows ('password' or a PAT's permission)."""

    username: str
    permission: str


def hub(cloud: Cloud) -> Hub:
    h = cloud.state.get("docker_hub")
    if not isinstance(h, Hub):
        h = cloud.state["docker_hub"] = Hub()
    return h


def is_docker_hub(host: str) -> bool:
    return host.lower().removeprefix("https://").split("/", 1)[0] in HOSTS


@functools.cache
def _catalogue_namespaces() -> frozenset[str]:
    from .catalog_data import IMAGES
    return frozenset(k.split("/")[1] for k in IMAGES if k.startswith("docker.io/") and k.count("/") >= 2)


# -- accounts and tokens ---------------------------------------------------------------------------------------
def sign_up(cloud: Cloud, username: str, password: str) -> Account:
    """A new Docker ID (what hub.docker.com/signup does)."""
    if not DOCKER_ID.match(username or ""):
        raise ValueError(f"'{username}' is not a valid Docker ID: it must be 4 to 30 characters long, and can only "
                         "contain numbers and lowercase letters")
    if username in hub(cloud).accounts or username in _catalogue_namespaces():
        raise ValueError(f"the Docker ID '{username}' is already taken")
    if not password:
        raise ValueError("a Docker ID needs a password")
    account = hub(cloud).accounts[username] = Account(username=username, password=password)
    return account


def account(cloud: Cloud, username: str) -> Account:
    found = hub(cloud).accounts.get((username or "").lower())
    if found is None:
        raise ValueError(f"there is no Docker ID '{username}' (create one with: lab dockerhub signup NAME)")
    return found


def create_token(cloud: Cloud, username: str, description: str, permission: str = "public-read") -> AccessToken:
    acct = account(cloud, username)
    if permission not in PERMISSIONS:
        raise ValueError(f"unknown permission '{permission}' (choose one of: {', '.join(PERMISSIONS)})")
    if not description or len(description) > 100:
        raise ValueError("a token needs a description of 1 to 100 characters")
    token = AccessToken(description=description, token="dckr_pat_" + cloud.ids.secret(27), permission=permission,
                        created=cloud.clock.now().isoformat())
    acct.tokens.append(token)
    return token


def set_token_active(cloud: Cloud, username: str, description: str, active: bool) -> AccessToken:
    acct = account(cloud, username)
    found = next((t for t in acct.tokens if t.description == description), None)
    if found is None:
        raise ValueError(f"the account {username} has no token named '{description}'")
    found.active = active
    return found


def sign_in(cloud: Cloud, username: str | None, secret: str | None) -> HubLogin:
    """`docker login` to Docker Hub: the password or an active personal access token of the account."""
    acct = hub(cloud).accounts.get((username or "").lower())
    if acct is None or not secret:
        raise RegistryError("UNAUTHORIZED", INCORRECT, 401)
    if secret == acct.password:
        return HubLogin(acct.username, "password")
    token = next((t for t in acct.tokens if t.token == secret and t.active), None)
    if token is None:
        raise RegistryError("UNAUTHORIZED", INCORRECT, 401)
    return HubLogin(acct.username, token.permission)


# -- repositories ----------------------------------------------------------------------------------------------
def split(path: str) -> tuple[str, str] | None:
    """'docker.io/ns/name' or 'ns/name' -> (ns, name) when `ns` is an account of the lab's Docker Hub."""
    rest = path
    for host in HOSTS:
        if rest.lower().startswith(host + "/"):
            rest = rest[len(host) + 1:]
            break
    if rest.count("/") != 1:
        return None
    ns, name = rest.split("/")
    return (ns, name) if ns else None


def owns_namespace(cloud: Cloud, repository: str) -> bool:
    """Whether `ns/name` names a namespace of a lab account (so the catalogue does not answer for it)."""
    parts = split(repository)
    return parts is not None and parts[0] in hub(cloud).accounts


def set_privacy(cloud: Cloud, username: str, repository: str, private: bool) -> HubRepository:
    acct = account(cloud, username)
    repo = hub(cloud).repositories.get(f"{acct.username}/{repository}")
    if repo is None:
        raise ValueError(f"{acct.username}/{repository} is not a repository of {acct.username}")
    repo.private = private
    return repo


def create_repository(cloud: Cloud, username: str, name: str, private: bool | None = None) -> HubRepository:
    acct = account(cloud, username)
    if not REPOSITORY.match(name or "") or not 2 <= len(name) <= 255:
        raise ValueError(f"'{name}' is not a valid repository name: 2 to 255 lowercase letters, numbers, hyphens (-), "
                         "underscores (_) and periods (.)")
    path = f"{acct.username}/{name}"
    if path in hub(cloud).repositories:
        raise ValueError(f"the repository {path} already exists")
    repo = hub(cloud).repositories[path] = HubRepository(
        acct.username, name, acct.default_private if private is None else private)
    return repo


def push(cloud: Cloud, login: HubLogin | None, repository: str, tag: str, content: ImageContent) -> HubRepository:
    """`docker push ns/name:tag`: only into the signed-in account's namespace, with write permission; a missing
    repository is created with the account's default privacy."""
    parts = split(repository)
    if login is None or parts is None or parts[0] != login.username:
        raise RegistryError("DENIED", DENIED, 403)
    if login.permission not in _PUSH:
        raise RegistryError("UNAUTHORIZED", INSUFFICIENT, 401)
    path = "/".join(parts)
    repo = hub(cloud).repositories.get(path)
    if repo is None:
        acct = hub(cloud).accounts[login.username]
        repo = hub(cloud).repositories[path] = HubRepository(parts[0], parts[1], acct.default_private)
    repo.tags[tag] = content
    return repo


def pull(cloud: Cloud, login: HubLogin | None, repository: str, reference: str) -> ImageContent:
    """The image `ns/name:tag` (or @digest) of a lab account's repository, as Docker Hub serves it to `login`."""
    parts = split(repository)
    repo = hub(cloud).repositories.get("/".join(parts)) if parts else None
    if repo is None or (repo.private and (login is None or login.username != repo.namespace
                                          or login.permission not in _PULL_PRIVATE)):
        raise RegistryError("DENIED", DENIED, 403)  # a private repository looks like a missing one
    if reference.startswith("sha256:"):
        found = next((c for c in repo.tags.values() if c.digest == reference), None)
    else:
        found = repo.tags.get(reference)
    if found is None:
        raise RegistryError("MANIFEST_UNKNOWN", "manifest unknown", 404)
    return found


def pull_with(cloud: Cloud, username: str | None, password: str | None, repository: str,
              reference: str) -> ImageContent | None:
    """What a server-side client (ACR import, artifact cache) gets from Docker Hub for `repository` with the
    credentials it was given: None when the repository is not a lab account's (the catalogue answers then). Wrong
    credentials are refused even for a public repository, as Docker Hub's token service refuses them."""
    login = sign_in(cloud, username, password) if username or password else None
    if not owns_namespace(cloud, repository):
        return None
    return pull(cloud, login, repository, reference)


def unauthorized_detail(repository: str, action: str = "pull") -> str:
    """The registry's UNAUTHORIZED body as ACR's import reports it (Azure/acr issues 181 and 457)."""
    return ('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required","detail":[{"Type":"repository",'
            f'"Class":"","Name":"{repository}","Action":"{action}"}}]}}]}}')


def base_image(cloud: Cloud, login: HubLogin | None, ref: str) -> ImageContent | None:
    """A `FROM <id>/<repo>:<tag>` of a lab account's repository as BuildKit resolves it with `login` (None: the
    catalogue answers); a refusal is BuildKit's text (moby/buildkit's resolver errors)."""
    from . import catalog
    registry, repo, tag = catalog.normalize_reference(ref)
    if registry != "docker.io" or not owns_namespace(cloud, repo):
        return None
    full = f"docker.io/{repo}{'@' if tag.startswith('sha256:') else ':'}{tag}"
    try:
        return pull(cloud, login, repo, tag)
    except RegistryError as e:
        if e.code == "MANIFEST_UNKNOWN":
            raise LookupError(f"{ref}: failed to resolve source metadata for {full}: {full}: not found") from None
        raise LookupError(f"{ref}: failed to resolve source metadata for {full}: pull access denied, repository does "
                          "not exist or may require authorization: server message: insufficient_scope: authorization "
                          "failed") from None
