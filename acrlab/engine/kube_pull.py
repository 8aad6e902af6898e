"""How an AKS node pulls an image: the kubelet identity against ACR (network rules, RBAC, anonymous pull) or a public
registry, and the kubelet event text for each outcome (split from kube.py).

Event texts: MicrosoftDocs/SupportArticles-docs azure-kubernetes/connectivity/cannot-pull-image-from-acr-to-aks-cluster
(401 anonymous token, 403 Forbidden, NotFound `...: not found`, i/o timeout) and Kubernetes 1.28+ kubelet
(`Successfully pulled image "x" in 1.2s (1.2s including waiting). Image size: N bytes.`)."""

from __future__ import annotations

from . import catalog, oci
from .cloud import Cloud
from .dataplane import Credential
from .errors import RegistryError
from .images import pull_image


def canonical(image: str) -> str:
    """containerd's fully qualified reference: `nginx` -> `docker.io/library/nginx:latest`."""
    registry, repo, tag = catalog.normalize_reference(image)
    return f"{registry}/{repo}@{tag}" if tag.startswith("sha256:") else f"{registry}/{repo}:{tag}"


def pull(cloud: Cloud, c, image: str, pod=None) -> tuple[str | None, str]:
    """Pull as the node does (node subnet; the pod's image pull secrets for this registry, then the kubelet
    identity). Returns (image id or None, event message)."""
    registry, repo, tag = catalog.normalize_reference(image)
    full = canonical(image)
    head = f'Failed to pull image "{image}": '
    if registry.endswith(".azurecr.io"):
        reg = cloud.registry_by_login_server(registry)
        if reg is None:
            return None, (head + f'rpc error: code = Unknown desc = failed to pull and unpack image "{full}": failed '
                          f'to resolve reference "{full}": failed to do request: Head "https://{registry}/v2/{repo}/'
                          f'manifests/{tag}": dial tcp: lookup {registry} on 10.0.0.10:53: no such host')
        cred = Credential(kind="aad", registry=reg.name, principal_id=c.kubelet_object_id, issued=cloud.clock.now())
        try:
            try:
                m = _with_pull_secrets(cloud, c, reg, registry, repo, tag, pod) or \
                    pull_image(cloud, reg, cred, repo, tag, c.origin())
            except RegistryError as e:
                if e.status in (401, 403) and e.code in ("UNAUTHORIZED", "DENIED") and reg.anonymous_pull_enabled:
                    m = pull_image(cloud, reg, None, repo, tag, c.origin())  # containerd falls back to anonymous
                else:
                    raise
        except RegistryError as e:
            return None, head + _registry_failure(e, registry, repo, tag, full)
        return f"{registry}/{repo}@{m.digest}", _pulled(image, oci.platform_image(m.content).size)
    hub = _from_docker_hub(cloud, c, image, repo, tag, pod) if registry == "docker.io" else None
    if hub is not None:
        return hub
    content = catalog.find_public(image, cloud.state.get("catalog_overrides"))
    if content is None:
        if catalog.repository_exists(registry, repo):
            return None, (head + f'rpc error: code = NotFound desc = failed to pull and unpack image "{full}": failed '
                          f'to resolve reference "{full}": {full}: not found')
        return None, (head + f'rpc error: code = Unknown desc = failed to pull and unpack image "{full}": failed to '
                      f'resolve reference "{full}": pull access denied, repository does not exist or may require '
                      "authorization: server message: insufficient_scope: authorization failed")
    cloud.emit("public_pull", reference=full, origin=c.origin())
    return f"{registry}/{repo}@{content.digest}", _pulled(image, content.size)


def _from_docker_hub(cloud: Cloud, c, image: str, repo: str, tag: str, pod) -> tuple[str | None, str] | None:
    """A lab Docker Hub account's image (engine/docker_hub.py), pulled with the pod's image pull secrets for Docker
    Hub, then anonymously; None when the catalogue answers."""
    from . import docker_hub
    from .kube_objects import pull_credentials

    if not docker_hub.owns_namespace(cloud, repo):
        return None
    offered: list[tuple[str | None, str | None]] = []
    for server in ("https://index.docker.io/v1/", "index.docker.io", "docker.io") if pod is not None else ():
        offered += pull_credentials(c, pod.namespace, pod.image_pull_secrets or [], server)
    full, missing = canonical(image), False
    for username, password in [*offered, (None, None)]:
        try:
            login = docker_hub.sign_in(cloud, username, password) if username else None
            content = docker_hub.pull(cloud, login, repo, tag)
        except RegistryError as e:
            missing = missing or e.code == "MANIFEST_UNKNOWN"
            continue
        return f"docker.io/{repo}@{content.digest}", _pulled(image, content.size)
    head = f'Failed to pull image "{image}": rpc error: code = '
    if missing:
        return None, head + f'NotFound desc = failed to pull and unpack image "{full}": failed to resolve reference ' \
                            f'"{full}": {full}: not found'
    return None, head + (f'Unknown desc = failed to pull and unpack image "{full}": failed to resolve reference "{full}"'
                         ": pull access denied, repository does not exist or may require authorization: server "
                         "message: insufficient_scope: authorization failed")


def _with_pull_secrets(cloud: Cloud, c, reg, server: str, repo: str, tag: str, pod):
    """The manifest, pulled with the first of the pod's image pull secrets for `server` that the registry accepts
    (None: no secret for it, or none accepted: the kubelet goes on to its own identity)."""
    if pod is None or not pod.image_pull_secrets:
        return None
    from .dataplane import authenticate
    from .kube_objects import pull_credentials

    for username, password in pull_credentials(c, pod.namespace, pod.image_pull_secrets, server):
        try:
            return pull_image(cloud, reg, authenticate(cloud, reg, username, password), repo, tag, c.origin())
        except RegistryError:
            continue
    return None


def _pulled(image: str, size: int) -> str:
    secs = 0.4 + size / 60_000_000
    return f'Successfully pulled image "{image}" in {secs:.3f}s ({secs:.3f}s including waiting). Image size: {size} bytes.'


def _registry_failure(e: RegistryError, registry: str, repo: str, tag: str, full: str) -> str:
    base = f'failed to pull and unpack image "{full}": failed to resolve reference "{full}": '
    token = (f"https://{registry}/oauth2/token?scope=repository%3A{repo.replace('/', '%2F')}%3Apull"
             f"&service={registry}")
    if e.status == 403 and e.code not in ("DENIED", "UNAUTHORIZED"):
        return ("rpc error: code = Unknown desc = " + base +
                "failed to authorize: failed to fetch anonymous token: unexpected status: 403 Forbidden")
    if e.status in (401, 403):
        return ("rpc error: code = Unknown desc = " + base + "failed to authorize: failed to fetch anonymous token: "
                f"unexpected status from GET request to {token}: 401 Unauthorized")
    if e.status == 404:
        return f"rpc error: code = NotFound desc = {base}{full}: not found"
    if e.status == 429:
        return f"rpc error: code = Unknown desc = {base}unexpected status from HEAD request: 429 Too Many Requests"
    return f"rpc error: code = Unknown desc = {base}{e.code.lower()}: {e.message}"
