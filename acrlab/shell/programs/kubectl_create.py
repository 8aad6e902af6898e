"""`kubectl create secret docker-registry` and `kubectl create namespace` (engine/kube_objects.py), the image pull
secret a pod names in `imagePullSecrets` to pull from ACR with a service principal.

Texts: kubernetes/kubectl pkg/cmd/create (create_secret_docker.go, create_namespace.go); MicrosoftDocs/
azure-management-docs articles/container-registry/container-registry-auth-kubernetes.md.
"""

from __future__ import annotations

from ...engine import kube_objects
from ..session import IO, Session

DOCKER_FLAGS = {"--docker-server", "--docker-username", "--docker-password", "--docker-email", "--namespace", "-n",
                "--from-file", "--output", "-o"}


def _parse(argv: list[str]) -> tuple[dict[str, str], list[str]]:
    opts: dict[str, str] = {}
    pos: list[str] = []
    i = 0
    while i < len(argv):
        a = argv[i]
        name, eq, value = a.partition("=")
        if name in DOCKER_FLAGS:
            if not eq:
                value = argv[i + 1] if i + 1 < len(argv) else ""
                i += 1
            opts["--namespace" if name == "-n" else "--output" if name == "-o" else name] = value
        elif a.startswith("--dry-run"):
            opts["--dry-run"] = value or "client"
        elif a.startswith("-"):
            opts[name] = value or "true"
        else:
            pos.append(a)
        i += 1
    return opts, pos


def create(sh: Session, c, argv: list[str], io: IO) -> int:
    opts, pos = _parse(argv)
    if pos[:1] in (["namespace"], ["ns"]):
        if len(pos) != 2:
            io.err(f"error: exactly one NAME is required, got {len(pos) - 1}")
            return 1
        if not kube_objects.NAME_RE.match(pos[1]) or "." in pos[1]:
            io.err(f'The Namespace "{pos[1]}" is invalid: metadata.name: Invalid value: "{pos[1]}": a lowercase RFC '
                   "1123 label must consist of lower case alphanumeric characters or '-', and must start and end "
                   "with an alphanumeric character")
            return 1
        try:
            kube_objects.create_namespace(sh.cloud, c, pos[1])
        except kube_objects.KubeError as e:
            io.err(f"Error from server ({e.reason}): {e.message}")
            return 1
        io.out(f"namespace/{pos[1]} created")
        return 0
    if pos[:2] != ["secret", "docker-registry"]:
        io.err(f'error: unknown command "{" ".join(pos[:2])}" for "kubectl create"\nThe lab creates deployments, '
               "namespaces and docker-registry secrets")
        return 1
    if len(pos) != 3:
        io.err(f"error: exactly one NAME is required, got {len(pos) - 2}")
        return 1
    name = pos[2]
    server = opts.get("--docker-server", "https://index.docker.io/v1/")
    user, password = opts.get("--docker-username", ""), opts.get("--docker-password", "")
    if not user or not password:
        io.err("error: either --from-file or the combination of --docker-username, --docker-password and "
               "--docker-server is required")
        return 1
    if not kube_objects.NAME_RE.match(name):
        io.err(f'error: failed to create secret Secret "{name}" is invalid: metadata.name: Invalid value: "{name}": '
               "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and "
               "must start and end with an alphanumeric character")
        return 1
    body = kube_objects.docker_registry_secret(server, user, password, opts.get("--docker-email"))
    body["metadata"] = {"name": name, "namespace": opts.get("--namespace", "default")}
    try:
        kube_objects.put(sh.cloud, c, "Secret", opts.get("--namespace", "default"), name, body, create_only=True)
    except kube_objects.KubeError as e:
        io.err(f"error: failed to create secret {e.message}")
        return 1
    io.out(f"secret/{name} created")
    return 0
