"""The Docker client's state on a host: stored logins and the local image store."""

from __future__ import annotations

import re
from functools import lru_cache

from ..engine.dataplane import Origin, authenticate
from ..engine.errors import RegistryError
from .docker_images import LocalImage, LocalImageStore  # noqa: F401  (LocalImage: re-exported)
from .session import Session


def images(sh: Session) -> LocalImageStore:
    store = sh.host.docker.get("images")
    if not isinstance(store, LocalImageStore):
        store = sh.host.docker["images"] = LocalImageStore()
    return store


def auths(sh: Session) -> dict[str, dict]:
    return sh.host.docker.setdefault("auths", {})


def origin_of(sh: Session) -> Origin:
    h = sh.host
    if h.kind == "vm":
        return Origin(kind="vm", ip=h.public_ip, subnet_id=h.subnet_id, resource_id=h.resource_id)
    return Origin(kind="internet", ip=h.public_ip)


def credential_for(sh: Session, registry, host: str | None = None):
    """Authenticate the stored login for a registry on every request (expiry and renewals bite). Docker keeps a
    login per host name: a regional endpoint (`<registry>.<region>.geo.azurecr.io`) needs its own."""
    entry = auths(sh).get((host or registry.login_server).lower())
    if entry is None:
        return None
    return authenticate(sh.cloud, registry, entry["username"], entry["password"])


def find_local(sh: Session, ref: str) -> LocalImage | None:
    """By `repo:tag` (tag defaults to latest), by `repo@digest`, or by (a prefix of) image id."""
    store = images(sh)
    if ref.startswith("sha256:") and ref in store:
        return store.get(ref)
    img = store.by_name(normalize_local(ref))
    if img is not None:
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


@lru_cache(maxsize=1024)
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


# -- distribution/reference (github.com/distribution/reference, regexp.go + normalize.go) ----------
_ALNUM = r"[a-z0-9]+"
_COMPONENT = rf"{_ALNUM}(?:(?:[._]|__|[-]+){_ALNUM})*"
_DOMAIN_PART = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_DOMAIN = rf"(?:{_DOMAIN_PART}(?:\.{_DOMAIN_PART})*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?"
_NAME = rf"(?:{_DOMAIN}/)?{_COMPONENT}(?:/{_COMPONENT})*"
_REFERENCE = re.compile(rf"^({_NAME})(?::([\w][\w.-]{{0,127}}))?"
                        r"(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$")
_IDENTIFIER = re.compile(r"^[a-f0-9]{64}$")


def _split_docker_domain(name: str) -> tuple[str, str]:
    i = name.find("/")
    first = name[:i]
    if i == -1 or ("." not in first and ":" not in first and first != "localhost" and first.lower() == first):
        domain, remainder = "docker.io", name
    else:
        domain, remainder = first, name[i + 1:]
    if domain == "index.docker.io":
        domain = "docker.io"
    if domain == "docker.io" and "/" not in remainder:
        remainder = "library/" + remainder
    return domain, remainder


@lru_cache(maxsize=1024)
def reference_error(ref: str) -> str | None:
    """What reference.ParseNormalizedNamed says about `ref`, or None when it parses (a pure function of the
    text, kept per text: a CI agent pushes the same reference all day)."""
    if _IDENTIFIER.match(ref):
        return f"invalid repository name ({ref}), cannot specify 64-byte hexadecimal strings"
    _, remainder = _split_docker_domain(ref)
    remote = remainder.split(":", 1)[0] if ":" in remainder else remainder
    remote = remote.split("@", 1)[0]
    if remote.lower() != remote:
        return f"invalid reference format: repository name ({remote}) must be lowercase"
    if not ref:
        return "invalid reference format"
    m = _REFERENCE.match(ref)
    if m is None:
        return "invalid reference format"
    if len(m.group(1)) > 255:
        return "repository name must not be more than 255 characters"
    return None


def human_duration(seconds: float) -> str:
    """go-units HumanDuration (what `docker images` CREATED and `docker history` print before " ago")."""
    s = int(seconds)
    if s < 1:
        return "Less than a second"
    if s == 1:
        return "1 second"
    if s < 60:
        return f"{s} seconds"
    minutes = s // 60
    if minutes == 1:
        return "About a minute"
    if minutes < 60:
        return f"{minutes} minutes"
    hours = int(seconds / 3600 + 0.5)  # time.Duration.Round(time.Hour): halves away from zero
    if hours == 1:
        return "About an hour"
    if hours < 48:
        return f"{hours} hours"
    if hours < 24 * 7 * 2:
        return f"{hours // 24} days"
    if hours < 24 * 30 * 2:
        return f"{hours // 24 // 7} weeks"
    if hours < 24 * 365 * 2:
        return f"{hours // 24 // 30} months"
    return f"{int(seconds // 3600) // 24 // 365} years"


def tabwriter(rows: list[list[str]]) -> list[str]:
    """Go text/tabwriter as the docker CLI formatter sets it up (minwidth 10, padding 3); the last cell of a
    row is not tab-terminated, so it is not padded."""
    width = [0] * max((len(r) for r in rows), default=0)
    for r in rows:
        for i, c in enumerate(r[:-1]):
            width[i] = max(width[i], len(c) + 3, 10)
    return ["".join(c.ljust(width[i]) for i, c in enumerate(r[:-1])) + r[-1] for r in rows]


def name_only(ref: str) -> bool:
    """reference.IsNameOnly: no tag and no digest."""
    return "@" not in ref and ":" not in ref.rsplit("/", 1)[-1]


def push_error_text(e: RegistryError) -> str:
    """How the docker client prints a registry error: known errcodes by their lower-case name; the ACR-specific
    REGISTRY_DISALLOWED_OPERATION (a lock) is not one, so docker says "unknown:" (Microsoft's troubleshoot-push
    article and the Azure SDK lock sample show `unknown: The operation is disallowed on this registry, ...`)."""
    if e.status == 401:
        return f"unauthorized: {e.message}"
    if e.code == "DENIED" and e.status == 405:
        return f"unknown: {e.message}"
    return f"{e.code.lower()}: {e.message}"
