"""`kubectl` against the current context of this host: deployments, pods, events, rollouts, apply -f."""

from __future__ import annotations

import yaml

from ...engine import aks, kube, kube_objects
from ...engine.clock import iso
from ..session import IO, Session
from . import kubectl_objects as objects
from .kubectl_config import config, logs, version
from .kubectl_describe import describe
from .kubectl_get import KINDS, QUALIFIED, get
from .kubectl_objects import KINDS as OBJECT_KINDS
from .kubectl_patch import patch

REFUSED = "The connection to the server localhost:8080 was refused - did you specify the right host or port?"


def current_cluster(sh: Session, io: IO):
    kc = sh.host.kube
    ctx = kc.get("contexts", {}).get(kc.get("current") or "")
    if ctx is None:
        io.err(REFUSED)
        return None
    c = aks.clusters(sh.cloud).get(ctx["cluster_id"])
    if c is None:
        io.err(f"Unable to connect to the server: dial tcp: lookup {ctx['cluster']}: no such host")
        return None
    kube.sync(sh.cloud, c)
    return c


LONG = {"--output": "o", "--filename": "f", "--namespace": "n", "--selector": "l", "--container": "c", "--patch": "p"}


def parse(argv: list[str]) -> tuple[list[str], dict[str, str]]:
    pos, opts = [], {}
    i = 0
    while i < len(argv):
        a = argv[i]
        if a.startswith("--") and "=" in a:
            k, v = a.split("=", 1)
            opts[LONG.get(k, k[2:])] = v
        elif a in ("-o", "--output", "-f", "--filename", "-n", "--namespace", "--replicas", "--image", "--timeout",
                   "-l", "--selector", "-c", "--container", "-p", "--patch", "--type"):
            opts[LONG.get(a, a.lstrip("-"))] = argv[i + 1] if i + 1 < len(argv) else ""
            i += 1
        elif a.startswith("-o") and len(a) > 2:
            opts["o"] = a[2:]
        elif a.startswith("-"):
            opts[a.lstrip("-")] = "true"
        else:
            pos.append(a)
        i += 1
    return pos, opts


def rollout(sh, c, pos, opts, io) -> int:
    if len(pos) < 2 or "/" not in pos[1]:
        io.err("error: you must provide a resource and a name, e.g. deployment/web")
        return 1
    name = pos[1].split("/", 1)[1]
    d = kube.workloads(c).deployments.get(name)
    if d is None:
        io.err(f'Error from server (NotFound): deployments.apps "{name}" not found')
        return 1
    if pos[0] == "restart":
        kube.apply_deployment(sh.cloud, c, name, [x.model_copy() for x in d.containers], restart=iso(sh.cloud.clock.now()))
        io.out(f"deployment.apps/{name} restarted")
        return 0
    if pos[0] != "status":
        io.err(f"error: unknown command \"{pos[0]}\" for \"kubectl rollout\"")
        return 1
    st = kube.deployment_status(c, d)
    if st["updated_ready"] >= d.replicas and st["replicas"] == d.replicas:
        io.out(f'deployment "{name}" successfully rolled out')
        return 0
    io.out(f'Waiting for deployment "{name}" rollout to finish: {st["updated_ready"]} of {d.replicas} updated replicas '
           "are available...")
    if (sh.cloud.clock.now() - d.rollout_started).total_seconds() >= 600:
        io.err(f'error: deployment "{name}" exceeded its progress deadline')
    else:
        io.err("error: timed out waiting for the condition")
    return 1


def apply(sh, c, opts, io) -> int:
    text = sh.read_file(opts.get("f", ""))
    if text is None:
        io.err(f"error: the path \"{opts.get('f')}\" does not exist")
        return 1
    try:
        docs = [d for d in yaml.safe_load_all(text) if d]
    except yaml.YAMLError as e:
        io.err(f"error: error parsing {opts['f']}: error converting YAML to JSON: {e}")
        return 1
    for doc in docs:
        kind, name = doc.get("kind"), (doc.get("metadata") or {}).get("name")
        spec = doc.get("spec") or {}
        pod_spec = ((spec.get("template") or {}).get("spec") or {}) if kind == "Deployment" else spec
        cts = [kube.Container(name=x.get("name") or kube.container_name(x.get("image", "")), image=x.get("image", ""))
               for x in pod_spec.get("containers") or [] if isinstance(x, dict)]
        if kind not in ("Deployment", "Pod") or not name or not cts or not all(x.image for x in cts):
            io.err(f"error: error validating \"{opts['f']}\": the lab applies Deployments and Pods with a name and "
                   "containers[].image")
            return 1
        if kind == "Pod":
            exists = name in kube.workloads(c).pods
            namespace = (doc.get("metadata") or {}).get("namespace") or opts.get("n") or "default"
            if not exists and namespace not in kube_objects.namespaces(c):
                io.err(f'Error from server (NotFound): error when creating "{opts["f"]}": namespaces "{namespace}" '
                       "not found")
                return 1
            if not exists:
                secrets = [s.get("name") for s in spec.get("imagePullSecrets") or [] if isinstance(s, dict)]
                kube.new_pod(sh.cloud, c, name, cts, None, (doc.get("metadata") or {}).get("labels") or {"run": name},
                             namespace, [s for s in secrets if s])
            io.out(f"pod/{name} {'unchanged' if exists else 'created'}")
            continue
        existed = name in kube.workloads(c).deployments
        _, changed = kube.apply_deployment(sh.cloud, c, name, cts, spec.get("replicas", 1))
        io.out(f"deployment.apps/{name} {'configured' if existed and changed else 'unchanged' if existed else 'created'}")
    return 0


def kubectl(sh: Session, argv: list[str], io: IO) -> int:
    if not argv or argv[0] in ("-h", "--help", "help"):
        io.out("kubectl controls the Kubernetes cluster manager.\n\nCommands used in the lab: create deployment, run, "
               "set image, patch, get, describe pod, rollout status|restart, delete, apply -f, config current-context")
        return 0
    if argv[0] == "version":
        return version(sh, argv[1:], io)
    if argv[0] == "config":
        return config(sh, argv[1:], io)
    c = current_cluster(sh, io)
    if c is None:
        return 1
    pos, opts = parse(argv[1:])
    verb, cloud, w = argv[0], sh.cloud, kube.workloads(c)
    if verb in ("get", "delete") and pos and pos[0].split("/", 1)[0].lower() in OBJECT_KINDS:
        kind_s, names = (pos[0].split("/", 1)[0], [pos[0].split("/", 1)[1]]) if "/" in pos[0] else (pos[0], pos[1:])
        if verb == "get":
            return objects.get(sh, c, kind_s, names, opts, io)
        return objects.delete(sh, c, kind_s, names[0] if names else "", opts, io)
    if verb == "get":
        return get(sh, c, pos, opts, io)
    if verb == "logs":
        return logs(sh, c, pos, opts, io)
    if verb == "describe":
        return describe(sh, c, pos, opts, io)
    if verb == "rollout":
        return rollout(sh, c, pos, opts, io)
    if verb == "apply":
        return apply(sh, c, opts, io)
    if verb == "patch":
        return patch(sh, c, pos, opts, io)
    if verb == "create" and pos[:1] in (["secret"], ["namespace"], ["ns"]):
        from .kubectl_create import create
        return create(sh, c, argv[1:], io)
    if verb == "create" and pos[:1] == ["deployment"] and len(pos) > 1 and opts.get("image"):
        if pos[1] in w.deployments:
            io.err(f'error: failed to create deployment: deployments.apps "{pos[1]}" already exists')
            return 1
        image = opts["image"]
        kube.apply_deployment(cloud, c, pos[1], [kube.Container(name=kube.container_name(image), image=image)],
                              int(opts.get("replicas", 1)))
        io.out(f"deployment.apps/{pos[1]} created")
        return 0
    if verb == "run" and pos and opts.get("image"):
        if pos[0] in w.pods:
            io.err(f'Error from server (AlreadyExists): pods "{pos[0]}" already exists')
            return 1
        kube.run_pod(cloud, c, pos[0], opts["image"])
        io.out(f"pod/{pos[0]} created")
        return 0
    if verb == "set" and pos[:1] == ["image"] and len(pos) >= 3 and ("/" in pos[1] or len(pos) >= 4):
        # TYPE/NAME or TYPE NAME (kubectl set image deployment api api=IMAGE)
        name, pairs = (pos[1].split("/", 1)[1], pos[2:]) if "/" in pos[1] else (pos[2], pos[3:])
        d = w.deployments.get(name)
        if d is None:
            io.err(f'Error from server (NotFound): deployments.apps "{name}" not found')
            return 1
        cts = [x.model_copy() for x in d.containers]
        for pair in pairs:
            cname, _, image = pair.partition("=")
            match = [x for x in cts if x.name == cname or cname == "*"]
            if not match:
                io.err(f'error: unable to find container named "{cname}"')
                return 1
            for x in match:
                x.image = image
        kube.apply_deployment(cloud, c, name, cts)
        io.out(f"deployment.apps/{name} image updated")
        return 0
    if verb == "delete" and pos:
        kind_s, name = pos[0].split("/", 1) if "/" in pos[0] else (pos[0], pos[1] if len(pos) > 1 else "")
        kind = KINDS.get(kind_s.lower())
        ok = kube.delete_pod(cloud, c, name) if kind == "pods" else kube.delete_deployment(cloud, c, name) \
            if kind == "deployments" else None
        label = "pod" if kind == "pods" else "deployment.apps"
        if kind is None:
            io.err(f'error: the server doesn\'t have a resource type "{kind_s}"')
            return 1
        if not ok:
            io.err(f'Error from server (NotFound): {QUALIFIED[kind]} "{name}" not found')
            return 1
        io.out(f'{label} "{name}" deleted')
        return 0
    io.err(f'error: unknown command "{" ".join(argv[:2])}" for "kubectl"\nRun \'kubectl --help\' for usage.')
    return 1


PROGRAMS = {"kubectl": kubectl}
