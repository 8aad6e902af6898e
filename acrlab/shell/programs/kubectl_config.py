"""`kubectl config current-context|get-contexts|use-context`, `kubectl version` and `kubectl logs`."""

from __future__ import annotations

from ...engine import aks, kube
from ...engine.tasks_runs import HELLO
from ..session import IO, Session
from .kubectl_describe import table

CLIENT_VERSION = "v1.32.7"
KUSTOMIZE_VERSION = "v5.5.0"


def _user(name: str, ctx: dict) -> str:
    return ctx.get("user") or ""


def config(sh: Session, argv: list[str], io: IO) -> int:
    kc = sh.host.kube
    contexts: dict = kc.setdefault("contexts", {})
    sub = argv[0] if argv else ""
    if sub == "current-context":
        if not kc.get("current"):
            io.err("error: current-context is not set")
            return 1
        io.out(kc["current"])
        return 0
    if sub == "get-contexts":
        names, fmt, rest = [], None, argv[1:]
        while rest:
            a = rest.pop(0)
            if a in ("-o", "--output") and rest:
                fmt = rest.pop(0)
            elif a.startswith(("-o=", "--output=")):
                fmt = a.split("=", 1)[1]
            elif not a.startswith("-"):
                names.append(a)
        for n in names:
            if n not in contexts:
                io.err(f"error: context {n} not found")
                return 1
        shown = names or sorted(contexts)
        if fmt == "name":
            for n in shown:
                io.out(n)
            return 0
        rows = [["*" if n == kc.get("current") else "", n, contexts[n].get("cluster", ""), _user(n, contexts[n]), ""]
                for n in shown]
        table(io, ["CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"], rows)
        return 0
    if sub == "use-context":
        if len(argv) < 2:
            io.err('error: Unexpected args: []\nSee \'kubectl config use-context -h\' for help and examples')
            return 1
        if argv[1] not in contexts:
            io.err(f'error: no context exists with the name: "{argv[1]}"')
            return 1
        kc["current"] = argv[1]
        io.out(f'Switched to context "{argv[1]}".')
        return 0
    if sub == "get-clusters":
        io.out("NAME")
        for n in sorted({x.get("cluster", "") for x in contexts.values()}):
            io.out(n)
        return 0
    io.err(f'error: unknown command "{sub}" for "kubectl config"' if sub else
           "Modify kubeconfig files. Available commands in the lab: current-context, get-contexts, use-context, "
           "get-clusters")
    return 1 if sub else 0


def version(sh: Session, argv: list[str], io: IO) -> int:
    io.out(f"Client Version: {CLIENT_VERSION}\nKustomize Version: {KUSTOMIZE_VERSION}")
    if "--client" in argv or "--client=true" in argv:
        return 0
    kc = sh.host.kube
    ctx = kc.get("contexts", {}).get(kc.get("current") or "")
    c = aks.clusters(sh.cloud).get(ctx["cluster_id"]) if ctx else None
    if c is None:
        io.err("The connection to the server localhost:8080 was refused - did you specify the right host or port?"
               if ctx is None else f"Unable to connect to the server: dial tcp: lookup {ctx['cluster']}: no such host")
        return 1
    io.out(f"Server Version: v{c.kubernetes_version}")
    return 0


def logs(sh: Session, c, pos: list[str], opts: dict[str, str], io: IO) -> int:
    """Pod logs are the container's stdout. The lab pulls images and schedules pods but runs no container
    processes, so only images whose output is fixed (hello-world) have logs; the rest say so plainly."""
    if not pos:
        io.err("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required "
               "argument for the logs command\nSee 'kubectl logs -h' for help and examples")
        return 1
    w = kube.workloads(c)
    ref = pos[0]
    if "/" in ref:
        kind, name = ref.split("/", 1)
        if kind in ("deployment", "deploy", "deployments", "deployment.apps"):
            if name not in w.deployments:
                io.err(f'error: deployments.apps "{name}" not found')
                return 1
            pods = sorted((p for p in w.pods.values() if p.labels.get("app") == name), key=lambda p: p.name)
            if not pods:
                io.err("error: timed out waiting for the condition")
                return 1
            pod = pods[0]
            if len(pods) > 1:
                io.err(f"Found {len(pods)} pods, using pod/{pod.name}")
        elif kind in ("pod", "pods", "po"):
            pod = w.pods.get(name)
        else:
            io.err(f'error: the server doesn\'t have a resource type "{kind}"')
            return 1
    else:
        pod = w.pods.get(ref)
        name = ref
    if pod is None:
        io.err(f'Error from server (NotFound): pods "{name}" not found')
        return 1
    want = opts.get("c") or opts.get("container")
    ct = next((x for x in pod.containers if x.name == want), None) if want else pod.containers[0]
    if ct is None:
        io.err(f'error: container {want} is not valid for pod {pod.name}')
        return 1
    if not want and len(pod.containers) > 1:
        io.err(f'Defaulted container "{ct.name}" out of: {", ".join(x.name for x in pod.containers)}')
    if not pod.running:
        reason = "trying and failing to pull image" if pod.status in ("ErrImagePull", "ImagePullBackOff") else \
            pod.status
        io.err(f'Error from server (BadRequest): container "{ct.name}" in pod "{pod.name}" is waiting to start: '
               f"{reason}")
        return 1
    repo = ct.image.split("@", 1)[0].rsplit("/", 1)[-1].split(":", 1)[0]
    if repo == "hello-world":
        io.out(HELLO, end="")
        return 0
    io.err(f'error: the lab does not run container processes: container "{ct.name}" in pod "{pod.name}" was '
           f"scheduled and its image {ct.image} pulled, but it produced no output to show")
    return 1
