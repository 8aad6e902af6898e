"""`kubectl get`: the table printer, -o json|yaml|name|wide|jsonpath=|custom-columns=, --show-labels, -l selectors
and `kubectl get all` (k8s.io/cli-runtime printers, k8s.io/client-go/util/jsonpath)."""

from __future__ import annotations

import json
import re

import yaml

from ...engine import kube
from ...engine.clock import iso
from ..session import IO, Session
from .kubectl_describe import human, table

QUALIFIED = {"pods": "pods", "deployments": "deployments.apps", "replicasets": "replicasets.apps",
             "services": "services", "events": "events"}
"""How the API server names a resource in errors: `Error from server (NotFound): deployments.apps "web" not found`."""
PREFIX = {"pods": "pod", "deployments": "deployment.apps", "replicasets": "replicaset.apps", "services": "service",
          "events": "event"}
"""`-o name` and `get all` print TYPE/NAME with the group (`deployment.apps/web`)."""
KINDS = {"pod": "pods", "pods": "pods", "po": "pods", "deployment": "deployments", "deployments": "deployments",
         "deploy": "deployments", "deployment.apps": "deployments", "deployments.apps": "deployments",
         "replicaset": "replicasets", "replicasets": "replicasets", "rs": "replicasets",
         "replicaset.apps": "replicasets", "service": "services", "services": "services", "svc": "services",
         "events": "events", "event": "events", "ev": "events"}
FORMATS = ("custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,"
           "jsonpath-file,name,template,templatefile,wide,yaml")


class PrintError(Exception):
    pass


# ---- jsonpath (client-go util/jsonpath: text outside {} is literal; range/end; missing keys print nothing) ----

def _tokens(path: str) -> list[str]:
    out, i = [], 0
    path = path.strip()
    if path.startswith("$"):
        path = path[1:]
    while i < len(path):
        ch = path[i]
        if ch == ".":
            i += 1
            m = re.match(r"(?:\\.|[^.\[\\])*", path[i:])  # `\.` is a dot inside a key (`.data.\.dockerconfigjson`)
            if m.group(0):
                out.append(m.group(0).replace("\\.", "."))
            i += len(m.group(0))
        elif ch == "[":
            end = path.find("]", i)
            if end < 0:
                raise PrintError(f"unterminated array: {path}")
            out.append("[" + path[i + 1:end] + "]")
            i = end + 1
        else:
            m = re.match(r"[^.\[]*", path[i:])
            out.append(m.group(0))
            i += len(m.group(0))
    return out


def _filter(items: list, cond: str) -> list:
    m = re.fullmatch(r"\?\(@\.([\w.]+)\s*(==|!=)\s*['\"]?([^'\"]*)['\"]?\)", cond.strip())
    if not m:
        raise PrintError(f"unrecognized filter: {cond}")
    keys, op, want = m.group(1).split("."), m.group(2), m.group(3)
    out = []
    for it in items:
        v = it
        for k in keys:
            v = v.get(k) if isinstance(v, dict) else None
        s = v if isinstance(v, str) else json.dumps(v) if v is not None else None
        if (s == want) == (op == "=="):
            out.append(it)
    return out


def _walk(nodes: list, toks: list[str]) -> list:
    for tok in toks:
        nxt = []
        for node in nodes:
            if tok.startswith("["):
                inner = tok[1:-1]
                if not isinstance(node, list):
                    continue
                if inner == "*":
                    nxt += node
                elif inner.startswith("?"):
                    nxt += _filter(node, inner)
                elif ":" in inner:
                    a, b = (inner.split(":") + [""])[:2]
                    nxt += node[int(a) if a else None:int(b) if b else None]
                elif re.fullmatch(r"-?\d+", inner):
                    if -len(node) <= int(inner) < len(node):
                        nxt.append(node[int(inner)])
                    else:
                        raise PrintError(f"array index out of bounds: index {inner}, length {len(node)}")
            elif tok == "*":
                nxt += list(node.values()) if isinstance(node, dict) else node if isinstance(node, list) else []
            elif isinstance(node, dict) and tok in node:
                nxt.append(node[tok])
        nodes = nxt
    return nodes


def _text(v) -> str:
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    return json.dumps(v, separators=(",", ":"))


def jsonpath(data, template: str) -> str:
    parts = re.split(r"(\{[^}]*\})", template)
    out: list[str] = []

    def run(seq: list[str], scope) -> None:
        i = 0
        while i < len(seq):
            part = seq[i]
            if not (part.startswith("{") and part.endswith("}")):
                out.append(part)
                i += 1
                continue
            expr = part[1:-1].strip()
            if expr.startswith("range "):
                depth, j = 1, i + 1
                while j < len(seq) and depth:
                    e = seq[j][1:-1].strip() if seq[j].startswith("{") else None
                    depth += 1 if e and e.startswith("range ") else -1 if e == "end" else 0
                    j += 1
                if depth:
                    raise PrintError("not in range, nothing to end")
                for item in _walk([scope], _tokens(expr[6:])):
                    run(seq[i + 1:j - 1], item)
                i = j
                continue
            if expr == "end":
                raise PrintError("not in range, nothing to end")
            if expr[:1] in "\"'" and expr[-1:] == expr[:1]:
                out.append(expr[1:-1].encode().decode("unicode_escape"))
            else:
                out.append(" ".join(_text(v) for v in _walk([scope], _tokens(expr))))
            i += 1

    run(parts, data)
    return "".join(out)


# ---- custom-columns, labels, selectors ----

def custom_columns(spec: str, objs: list[dict]) -> tuple[list[str], list[list[str]]]:
    head, paths = [], []
    for col in spec.split(","):
        name, sep, path = col.partition(":")
        if not sep or not name:
            raise PrintError(f"unexpected custom-columns spec: {col}, expected <header>:<json-path-expr>")
        head.append(name)
        path = path.strip().strip("{}")
        paths.append(_tokens(path if path.startswith(".") or path.startswith("$") else "." + path))
    rows = [[",".join(_text(v) for v in vals) if (vals := _walk([o], p)) else "<none>" for p in paths]
            for o in objs]
    return head, rows


def labels_text(labels: dict[str, str]) -> str:
    return ",".join(f"{k}={v}" for k, v in sorted(labels.items())) or "<none>"


def selector_match(selector: str, labels: dict[str, str]) -> bool:
    for term in filter(None, (t.strip() for t in selector.split(","))):
        if "!=" in term:
            k, v = term.split("!=", 1)
            if labels.get(k.strip()) == v.strip():
                return False
        elif "=" in term:
            k, v = term.split("==", 1) if "==" in term else term.split("=", 1)
            if labels.get(k.strip()) != v.strip():
                return False
        elif term.startswith("!"):
            if term[1:] in labels:
                return False
        elif term not in labels:
            return False
    return True


def print_objects(io: IO, fmt: str | None, objs: list[dict], single: bool, names: list[str]) -> bool:
    """-o json|yaml|name|jsonpath=|custom-columns=; False when fmt is a table format (none or wide).
    `names` are the TYPE/NAME forms of `objs` for -o name."""
    if fmt in (None, "wide"):
        return False
    data = objs[0] if single else {"apiVersion": "v1", "items": objs, "kind": "List",
                                   "metadata": {"resourceVersion": ""}}
    if fmt == "json":
        io.out(json.dumps(data, indent=4))
    elif fmt == "yaml":
        io.out(yaml.safe_dump(data, sort_keys=True).rstrip())
    elif fmt == "name":
        for n in names:
            io.out(n)
    elif fmt.startswith(("jsonpath=", "jsonpath-as-json=")):
        expr = fmt.split("=", 1)[1].strip("'\"")
        if fmt.startswith("jsonpath-as-json="):
            io.out(json.dumps(_walk([data], _tokens(expr.strip("{}"))), indent=4))
        else:
            io.out(jsonpath(data, expr), end="")
    elif fmt.startswith("custom-columns="):
        head, rows = custom_columns(fmt.split("=", 1)[1], objs)
        table(io, head, rows)
    else:
        raise PrintError(f'unable to match a printer suitable for the output format "{fmt}", allowed formats are: '
                         f"{FORMATS}")
    return True


# ---- API objects ----

def pull_policy(image: str) -> str:
    last = image.rsplit("/", 1)[-1]
    return "IfNotPresent" if "@" in image or (":" in last and not last.endswith(":latest")) else "Always"


def _containers(cts) -> list[dict]:
    return [{"image": x.image, "imagePullPolicy": pull_policy(x.image), "name": x.name} for x in cts]


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
            "spec": {"containers": _containers(p.containers), "nodeName": p.node},
            "status": {"containerStatuses": statuses, "phase": "Running" if p.running else "Pending",
                       "podIP": p.ip, "startTime": iso(p.created)}}


def deploy_obj(c, d: kube.Deployment) -> dict:
    st = kube.deployment_status(c, d)
    return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {
        "annotations": {"deployment.kubernetes.io/revision": str(d.revision)}, "creationTimestamp": iso(d.created),
        "generation": d.generation, "labels": d.labels, "name": d.name, "namespace": d.namespace, "uid": d.uid},
        "spec": {"replicas": d.replicas, "selector": {"matchLabels": {"app": d.name}},
                 "strategy": {"rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}, "type": "RollingUpdate"},
                 "template": {"metadata": {"labels": {"app": d.name}}, "spec": {"containers":
                                                                              _containers(d.containers)}}},
        "status": {"availableReplicas": st["available"], "observedGeneration": d.generation,
                   "readyReplicas": st["ready"], "replicas": st["replicas"], "updatedReplicas": st["updated"]}}


def rs_counts(c, rs: kube.ReplicaSet) -> tuple[int, int, int]:
    """(desired, current, ready): the deployment's current template wants all replicas, older ones what is left."""
    w = kube.workloads(c)
    pods = [p for p in w.pods.values() if p.owner == rs.name]
    d = w.deployments.get(rs.deployment)
    desired = d.replicas if d is not None and d.revision == rs.revision else len(pods)
    return desired, len(pods), sum(1 for p in pods if p.running)


def rs_labels(rs: kube.ReplicaSet) -> dict[str, str]:
    return {"app": rs.deployment, "pod-template-hash": rs.template_hash}


def rs_obj(c, rs: kube.ReplicaSet) -> dict:
    desired, current, ready = rs_counts(c, rs)
    return {"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {
        "annotations": {"deployment.kubernetes.io/revision": str(rs.revision)}, "creationTimestamp": iso(rs.created),
        "labels": rs_labels(rs), "name": rs.name, "namespace": "default",
        "ownerReferences": [{"apiVersion": "apps/v1", "controller": True, "kind": "Deployment",
                             "name": rs.deployment}]},
        "spec": {"replicas": desired, "template": {"spec": {"containers": _containers(rs.containers)}}},
        "status": {"availableReplicas": ready, "readyReplicas": ready, "replicas": current}}


def service_obj(c) -> dict:
    """Every AKS cluster's API server service (service CIDR 10.0.0.0/16)."""
    return {"apiVersion": "v1", "kind": "Service", "metadata": {
        "creationTimestamp": iso(c.created), "labels": {"component": "apiserver", "provider": "kubernetes"},
        "name": "kubernetes", "namespace": "default"},
        "spec": {"clusterIP": "10.0.0.1", "ports": [{"name": "https", "port": 443, "protocol": "TCP",
                                                      "targetPort": 443}], "type": "ClusterIP"}}


# ---- kubectl get ----

def _rows(sh: Session, c, kind: str, items: list, wide: bool, prefix: str) -> tuple[list[str], list[list[str]]]:
    if kind == "pods":
        head = ["NAME", "READY", "STATUS", "RESTARTS", "AGE"] + (
            ["IP", "NODE", "NOMINATED NODE", "READINESS GATES"] if wide else [])
        return head, [[prefix + p.name, f"{int(p.running)}/{len(p.containers)}", p.status, "0",
                       human(sh, p.created)] + ([p.ip, p.node, "<none>", "<none>"] if wide else []) for p in items]
    if kind == "deployments":
        head = ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"] + (["CONTAINERS", "IMAGES", "SELECTOR"]
                                                                       if wide else [])
        rows = []
        for d in items:
            st = kube.deployment_status(c, d)
            rows.append([prefix + d.name, f"{st['ready']}/{d.replicas}", str(st["updated"]), str(st["available"]),
                         human(sh, d.created)] + ([",".join(x.name for x in d.containers), ",".join(
                             x.image for x in d.containers), f"app={d.name}"] if wide else []))
        return head, rows
    if kind == "replicasets":
        head = ["NAME", "DESIRED", "CURRENT", "READY", "AGE"] + (["CONTAINERS", "IMAGES", "SELECTOR"] if wide else [])
        return head, [[prefix + rs.name, *map(str, rs_counts(c, rs)), human(sh, rs.created)] + (
            [",".join(x.name for x in rs.containers), ",".join(x.image for x in rs.containers),
             f"app={rs.deployment},pod-template-hash={rs.template_hash}"] if wide else []) for rs in items]
    head = ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"] + (["SELECTOR"] if wide else [])
    return head, [[prefix + "kubernetes", "ClusterIP", "10.0.0.1", "<none>", "443/TCP", human(sh, c.created)]
                  + (["<none>"] if wide else []) for _ in items]


def _store(c, kind: str) -> dict:
    w = kube.workloads(c)
    if kind == "services":
        return {"kubernetes": c}
    return {"pods": w.pods, "deployments": w.deployments, "replicasets": w.replicasets}[kind]


def _labels(kind: str, item) -> dict[str, str]:
    if kind == "replicasets":
        return rs_labels(item)
    if kind == "services":
        return service_obj(item)["metadata"]["labels"]
    return item.labels


def _obj(sh, c, kind: str, item) -> dict:
    return {"pods": lambda: pod_obj(sh, item), "deployments": lambda: deploy_obj(c, item),
            "replicasets": lambda: rs_obj(c, item), "services": lambda: service_obj(c)}[kind]()


def get(sh: Session, c, pos: list[str], opts: dict[str, str], io: IO) -> int:
    if not pos:
        io.err('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of '
               "supported resources.")
        return 1
    kind_s, names = (pos[0].split("/", 1)[0], [pos[0].split("/", 1)[1]]) if "/" in pos[0] else (pos[0], pos[1:])
    all_kinds = kind_s.lower() == "all"
    kinds = ["pods", "services", "deployments", "replicasets"] if all_kinds else [KINDS.get(kind_s.lower())]
    if kinds[0] is None:
        io.err(f'error: the server doesn\'t have a resource type "{kind_s}"')
        return 1
    fmt, selector = opts.get("o"), opts.get("l") or opts.get("selector")
    if kinds == ["events"]:
        rows = [[human(sh, e.last), e.type, e.reason, f"{e.kind}/{e.name}", e.message]
                for e in kube.workloads(c).events]
        if not rows:
            io.err("No resources found in default namespace.")
            return 0
        table(io, ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"], rows)
        return 0
    sections, missing = [], []
    for kind in kinds:
        store = _store(c, kind)
        items = [store[n] for n in names if n in store] if names else list(store.values())
        missing += [f'Error from server (NotFound): {QUALIFIED[kind]} "{n}" not found' for n in names
                    if n not in store]
        if selector:
            items = [i for i in items if selector_match(selector, _labels(kind, i))]
        if items:
            sections.append((kind, items))
    try:
        if fmt not in (None, "wide"):
            objs = [_obj(sh, c, k, i) for k, items in sections for i in items]
            tnames = [f"{PREFIX[k]}/{_obj(sh, c, k, i)['metadata']['name']}" for k, items in sections for i in items]
            print_objects(io, fmt, objs, len(names) == 1 and len(objs) == 1 and not all_kinds, tnames)
    except PrintError as e:
        io.err(f"error: {e}")
        return 1
    if fmt in (None, "wide"):
        for n, (kind, items) in enumerate(sections):
            head, rows = _rows(sh, c, kind, items, fmt == "wide", f"{PREFIX[kind]}/" if all_kinds else "")
            if "show-labels" in opts:
                head, rows = head + ["LABELS"], [r + [labels_text(_labels(kind, i))] for r, i in zip(rows, items, strict=True)]
            if n:
                io.out("")
            table(io, head, rows)
    for m in missing:
        io.err(m)
    if not sections and not missing and fmt in (None, "wide", "name"):
        io.err("No resources found in default namespace.")
    return 1 if missing else 0
