"""The docker CLI against the lab's Docker Hub accounts (engine/docker_hub.py): `docker login` to docker.io with a
Docker ID and its password or personal access token, `docker push` of `<id>/<repo>:<tag>`, and `docker pull` of
an account's repositories (a private one only with a login that may read it), with the daemon's texts."""

from __future__ import annotations

from ..engine import catalog, docker_hub
from ..engine.artifacts import ImageContent
from ..engine.errors import RegistryError
from .docker_state import auths, find_local, images, normalize_local
from .session import IO, Session

REGISTRY = "https://registry-1.docker.io/v2/"


def login(sh: Session, username: str, password: str, io: IO) -> int:
    try:
        docker_hub.sign_in(sh.cloud, username, password)
    except RegistryError as e:
        io.err(f'Error response from daemon: Get "{REGISTRY}": unauthorized: {e.message}')
        return 1
    auths(sh)["docker.io"] = {"username": username, "password": password}
    io.out("Login Succeeded")
    return 0


def _login(sh: Session) -> docker_hub.HubLogin | None:
    """The stored docker.io login, checked again (a token deactivated since fails every request)."""
    entry = auths(sh).get("docker.io")
    if entry is None:
        return None
    return docker_hub.sign_in(sh.cloud, entry.get("username"), entry.get("password"))


def base_image(sh: Session, ref: str) -> ImageContent | None:
    """`FROM <id>/<repo>` in `docker build` (LookupError: BuildKit's refusal)."""
    if not serves(sh, ref):
        return None
    try:
        login = _login(sh)
    except RegistryError:
        login = None
    return docker_hub.base_image(sh.cloud, login, ref)


def serves(sh: Session, ref: str) -> bool:
    """Whether `ref` names a repository in a lab account's namespace (else the public catalogue answers)."""
    registry, repo, _ = catalog.normalize_reference(ref)
    return registry == "docker.io" and docker_hub.owns_namespace(sh.cloud, repo)


def _shown(ref: str) -> tuple[str, str]:
    """(the name docker prints for a missing repository, the reference with its tag)."""
    has_ref = ":" in ref.rsplit("/", 1)[-1] or "@" in ref
    short = ref.split("@")[0].rsplit(":", 1)[0] if has_ref else ref
    return short, (ref if has_ref else f"{ref}:latest")


def pull(sh: Session, ref: str, io: IO) -> ImageContent | None:
    _, repo, tag = catalog.normalize_reference(ref)
    short, shown = _shown(ref)
    try:
        return docker_hub.pull(sh.cloud, _login(sh), repo, tag)
    except RegistryError as e:
        if e.code == "UNAUTHORIZED":
            io.err(f'Error response from daemon: Head "https://registry-1.docker.io/v2/{repo}/manifests/{tag}": '
                   f"unauthorized: {e.message}")
        elif e.code == "DENIED":
            io.err(f"Error response from daemon: pull access denied for {short}, repository does not exist or may "
                   f"require 'docker login': denied: {e.message}")
        else:
            io.err(f"Error response from daemon: manifest for {shown} not found: manifest unknown: {e.message}")
        return None


def push(sh: Session, ref: str, all_tags: bool, quiet: bool, io: IO) -> int:
    """`docker push [docker.io/]<id>/<repo>[:tag]`."""
    _, repo, _ = catalog.normalize_reference(ref)
    typed = ref.split("@")[0].rsplit(":", 1)[0] if ":" in ref.rsplit("/", 1)[-1] else ref
    names = images(sh).names_with_prefix(typed + ":") if all_tags else [normalize_local(ref)]
    first = find_local(sh, names[0]) if names else None
    if first is None:
        io.err(f"An image does not exist locally with the tag: {typed}")
        return 1
    out = (lambda text: None) if quiet else io.out
    out(f"The push refers to repository [docker.io/{repo}]")
    for name in names:
        img = first if name is names[0] else find_local(sh, name)
        tag = name.rsplit(":", 1)[1]
        layers = list(reversed(img.content.layers))
        try:
            existing = docker_hub.hub(sh.cloud).repositories.get(repo)
            held = {x.digest for c in existing.tags.values() for x in c.layers} if existing else set()
            docker_hub.push(sh.cloud, _login(sh), repo, tag, img.content)
        except RegistryError as e:
            if layers:
                out("\n".join(f"{x.digest[7:19]}: Preparing" for x in layers))
            io.err(f"{e.code.lower()}: {e.message}")
            return 1
        out("".join(f"{x.digest[7:19]}: {'Layer already exists' if x.digest in held else 'Pushed'}\n"
                    for x in layers) + f"{tag}: digest: {img.content.digest} size: {img.content.manifest_size}")
        images(sh).add_digest(img, f"{typed}@{img.content.digest}")
    if quiet:
        io.out(ref if all_tags else normalize_local(ref))
    return 0
