"""The Docker client's state on a host: stored logins and the local image store."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..engine.artifacts import ImageContent
from ..engine.dataplane import Origin, authenticate
from ..engine.errors import RegistryError
from .session import Session


@dataclass
class LocalImage:
    content: ImageContent
    repo_tags: list[str] = field(default_factory=list)
    repo_digests: list[str] = field(default_factory=list)
    created: object = None

    @property
    def image_id(self) -> str:
        return self.content.config_digest


def images(sh: Session) -> dict[str, LocalImage]:
    return sh.host.docker.setdefault("images", {})


def auths(sh: Session) -> dict[str, dict]:
    return sh.host.docker.setdefault("auths", {})


def origin_of(sh: Session) -> Origin:
    h = sh.host
    if h.kind == "vm":
        return Origin(kind="vm", ip=h.public_ip, subnet_id=h.subnet_id, resource_id=h.resource_id)
    return Origin(kind="internet", ip=h.public_ip)


def credential_for(sh: Session, registry):
    """Authenticate the stored login for a registry on every request (expiry and renewals bite)."""
    entry = auths(sh).get(registry.login_server)
    if entry is None:
        return None
    return authenticate(sh.cloud, registry, entry["username"], entry["password"])


def find_local(sh: Session, ref: str) -> LocalImage | None:
    """By `repo:tag` (tag defaults to latest), by `repo@digest`, or by (a prefix of) image id."""
    store = images(sh)
    if ref.startswith("sha256:") and ref in store:
        return store[ref]
    full = normalize_local(ref)
    for img in store.values():
        if full in img.repo_tags or full in img.repo_digests:
            return img
    if len(ref) >= 4 and all(c in "0123456789abcdef" for c in ref):
        matches = [i for i in store.values() if i.image_id[7:].startswith(ref)]
        if len(matches) == 1:
            return matches[0]
    return None


def normalize_local(ref: str) -> str:
    """How docker names a local image: `nginx` -> `nginx:latest`; keeps registry prefixes as typed."""
    if "@" in ref:
        return ref
    last = ref.rsplit("/", 1)[-1]
    return ref if ":" in last else f"{ref}:latest"


def split_registry(ref: str) -> tuple[str | None, str, str]:
    """`myacr.azurecr.io/api:v1` -> ('myacr.azurecr.io', 'api', 'v1'); public -> (None, ...)."""
    first = ref.split("/", 1)[0]
    if "/" in ref and ("." in first or ":" in first) and first.endswith(".azurecr.io"):
        server, rest = ref.split("/", 1)
        if "@" in rest:
            repo, t = rest.split("@", 1)
        elif ":" in rest.rsplit("/", 1)[-1]:
            repo, t = rest.rsplit(":", 1)
        else:
            repo, t = rest, "latest"
        return server.lower(), repo, t
    return None, ref, ""


def registry_error_text(e: RegistryError) -> str:
    return f"{e.code.lower() if e.code in ('UNAUTHORIZED', 'DENIED') else e.code.lower()}: {e.message}"
