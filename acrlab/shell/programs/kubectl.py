"""`kubectl` against the current context of this host: deployments, pods, events, rollouts, apply -f."""

from __future__ import annotations

import json
import re

import yaml

from ...engine import aks, kube
from ...engine.clock import iso
from ..session import IO, Session
from .kubectl_describe import describe, human, table

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


def pod_obj(sh, p: kube.Pod) -> dict:
    statuses = []
    for ct in p.containers:
        st = {"running": {"startedAt": iso(p.started)}} if p.running else {
            "waiting": {"reason": p.waiting_reason or "ContainerCreating", **({"message": p.waiting_message}
                                                                             if p.waiting_message else {})}}
        statuses.append({"containerID": f"containerd://{p.uid.replace('-', '')}" if p.running else None,
                         "image": ct.image, "imageID": p.image_ids.get(ct.name, ""), "name": ct.name,
                         "ready": p.running, "restartCount": 0, "started": p.running, "state": st})
    meta = {"creationTimestamp": iso(p.created), "labels": p.labels, "name": p.name, "namespace": p.namespace,
            "uid": p.uid}
    if p.owner:
        meta["ownerReferences"] = [{"apiVersion": "apps/v1", "controller": True, "kind": "ReplicaSet",
                                    "name": p.owner}]
    return {"apiVersion": "v1", "kind": "Pod", "metadata": meta,
            "spec": {"containers": [{"image": ct.image, "imagePullPolicy": pull_policy(ct.image), "name": ct.name}
                                    for ct in p.containers], "nodeName": p.node},
            "status": {"containerStatuses": statuses, "phase": "Running" if p.running else "Pending",
                       "podIP": p.ip, "startTime": iso(p.created)}}


def pull_policy(image: str) -> str:
    last = image.rsplit("/", 1)[-1]
    return "IfNotPresent" if "@" in image or (":" in last and not last.endswith(":latest")) else "Always"


def deploy_obj(c, d: kube.Deployment) -> dict:
    st = kube.deployment_status(c, d)
    return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {
        "annotations": {"deployment.kubernetes.io/revision": str(d.revision)}, "creationTimestamp": iso(d.created),
        "generation": d.generation, "labels": d.labels, "name": d.name, "namespace": d.namespace, "uid": d.uid},
        "spec": {"replicas": d.replicas, "selector": {"matchLabels": {"app": d.name}},
                 "strategy": {"rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}, "type": "RollingUpdate"},
                 "template": {"metadata": {"labels": {"app": d.name}}, "spec": {"containers": [
                     {"image": x.image, "imagePullPolicy": pull_policy(x.image), "name": x.name}
                     for x in d.containers]}}},
        "status": {"availableReplicas": st["available"], "observedGeneration": d.generation,
                   "readyReplicas": st["ready"], "replicas": st["replicas"], "updatedReplicas": st["updated"]}}


def jsonpath(data, expr: str) -> str:
    def walk(node, path):
        if not path:
            return [node]
        tok, rest = path[0], path[1:]
        if tok == "*":
            items = node if isinstance(node, list) else list(node.values()) if isinstance(node, dict) else []
            return [x for i in items for x in walk(i, rest)]
        if tok.isdigit() or tok.startswith("-"):
            return walk(node[int(tok)], rest) if isinstance(node, list) and -len(node) <= int(tok) < len(node) else []
        return walk(node[tok], rest) if isinstance(node, dict) and tok in node else []

    def render(m):
        path = [t for t in re.split(r"\.|\[|\]", m.group(1).strip().lstrip("$")) if t]
        vals = walk(data, path)
        return " ".join(v if isinstance(v, str) else json.dumps(v) for v in vals)

    return re.sub(r"\{([^}]*)\}", render, expr)


def output(sh, io, fmt: str | None, objs: list[dict], single: bool) -> bool:
    """-o json|yaml|jsonpath=...; returns False when fmt is a table format."""
    if fmt is None or fmt in ("wide", "name"):
        return False
    data = objs[0] if single else {"apiVersion": "v1", "items": objs, "kind": "List",
                                   "metadata": {"resourceVersion": ""}}
    if fmt == "json":
        io.out(json.dumps(data, indent=4))
    elif fmt == "yaml":
        io.out(yaml.safe_dump(data, sort_keys=True).rstrip())
    elif fmt.startswith("jsonpath="):
        io.out(jsonpath(data, fmt.split("=", 1)[1].strip("'\"")), end="")
    else:
        io.err(f'error: unable to match a printer suitable for the output format "{fmt}", allowed formats are: '
               "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,"
               "jsonpath-file,name,template,templatefile,wide,yaml")
    return True


def parse(argv: list[str]) -> tuple[list[str], dict[str, str]]:
    pos, opts = [], {}
    i = 0
    while i < len(argv):
        a = argv[i]
        if a.startswith("--") and "=" in a:
            k, v = a[2:].split("=", 1)
            opts[k] = v
        elif a in ("-o", "--output", "-f", "--filename", "-n", "--namespace", "--replicas", "--image", "--timeout"):
            opts[a.lstrip("-").replace("output", "o").replace("filename", "f").replace("namespace", "n")] = \
                argv[i + 1] if i + 1 < len(argv) else ""
            i += 1
        elif a.startswith("-o") and len(a) > 2:
            opts["o"] = a[2:]
        elif a.startswith("-"):
            opts[a.lstrip("-")] = "true"
        else:
            pos.append(a)
        i += 1
    return pos, opts


QUALIFIED = {"pods": "pods", "deployments": "deployments.apps", "events": "events"}
"""How the API server names a resource in errors: `Error from server (NotFound): deployments.apps "web" not found`."""
KINDS = {"pod": "pods", "pods": "pods", "po": "pods", "deployment": "deployments", "deployments": "deployments",
         "deploy": "deployments", "deployment.apps": "deployments", "events": "events", "event": "events",
         "ev": "events"}


def get(sh, c, pos, opts, io) -> int:
    if not pos:
        io.err("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of "
               "supported resources.")
        return 1
    kind_s, name = (pos[0].split("/", 1) + [None])[:2] if "/" in pos[0] else (pos[0], pos[1] if len(pos) > 1 else None)
    kind = KINDS.get(kind_s.lower())
    if kind is None:
        io.err(f'error: the server doesn\'t have a resource type "{kind_s}"')
        return 1
    w = kube.workloads(c)
    fmt = opts.get("o")
    if kind == "events":
        rows = [[human(sh, e.last), e.type, e.reason, f"{e.kind}/{e.name}", e.message] for e in w.events]
        if not rows:
            io.err("No resources found in default namespace.")
            return 0
        table(io, ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"], rows)
        return 0
    store = w.pods if kind == "pods" else w.deployments
    items = [store[name]] if name and name in store else [] if name else list(store.values())
    if name and not items:
        io.err(f'Error from server (NotFound): {QUALIFIED[kind]} "{name}" not found')
        return 1
    if not items:
        io.err("No resources found in default namespace.")
        return 0
    objs = [pod_obj(sh, p) if kind == "pods" else deploy_obj(c, p) for p in items]
    if output(sh, io, fmt, objs, bool(name)):
        return 0
    if kind == "pods":
        rows = [[p.name, f"{int(p.running)}/{len(p.containers)}", p.status, "0", human(sh, p.created)]
                + ([p.ip, p.node, "<none>", "<none>"] if fmt == "wide" else []) for p in items]
        head = ["NAME", "READY", "STATUS", "RESTARTS", "AGE"] + (["IP", "NODE", "NOMINATED NODE", "READINESS GATES"]
                                                                 if fmt == "wide" else [])
    else:
        rows = []
        for d in items:
            st = kube.deployment_status(c, d)
            rows.append([d.name, f"{st['ready']}/{d.replicas}", str(st["updated"]), str(st["available"]),
                         human(sh, d.created)] + ([",".join(x.name for x in d.containers), ",".join(
                             x.image for x in d.containers), f"app={d.name}"] if fmt == "wide" else []))
        head = ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"] + (["CONTAINERS", "IMAGES", "SELECTOR"]
                                                                       if fmt == "wide" else [])
    table(io, head, rows)
    return 0


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
            if not exists:
                kube.new_pod(sh.cloud, c, name, cts, None, (doc.get("metadata") or {}).get("labels") or {"run": name})
            io.out(f"pod/{name} {'unchanged' if exists else 'created'}")
            continue
        existed = name in kube.workloads(c).deployments
        _, changed = kube.apply_deployment(sh.cloud, c, name, cts, spec.get("replicas", 1))
        io.out(f"deployment.apps/{name} {'configured' if existed and changed else 'unchanged' if existed else 'created'}")
    return 0


def kubectl(sh: Session, argv: list[str], io: IO) -> int:
    if not argv or argv[0] in ("-h", "--help", "help"):
        io.out("kubectl controls the Kubernetes cluster manager.\n\nCommands used in the lab: create deployment, run, "
               "set image, get, describe pod, rollout status|restart, delete, apply -f, config current-context")
        return 0
    if argv[0] == "version" and "--client" in argv:
        io.out("Client Version: v1.32.7\nKustomize Version: v5.5.0")
        return 0
    if argv[:2] == ["config", "current-context"]:
        cur = sh.host.kube.get("current")
        if not cur:
            io.err("error: current-context is not set")
            return 1
        io.out(cur)
        return 0
    c = current_cluster(sh, io)
    if c is None:
        return 1
    pos, opts = parse(argv[1:])
    verb, cloud, w = argv[0], sh.cloud, kube.workloads(c)
    if verb == "get":
        return get(sh, c, pos, opts, io)
    if verb == "describe":
        return describe(sh, c, pos, opts, io)
    if verb == "rollout":
        return rollout(sh, c, pos, opts, io)
    if verb == "apply":
        return apply(sh, c, opts, io)
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
