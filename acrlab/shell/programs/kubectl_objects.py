"""`kubectl get|describe|delete` for the objects of engine/kube_objects.py: namespaces, secrets, configmaps (and any
other kind a manifest or Helm chart created), with `-n NAMESPACE` / `-A`. A docker-registry secret shows its type
and one data key; its data stays base64 as the API server returns it. Every namespace has the kube-root-ca.crt
ConfigMap, as a real cluster does. Texts: kubernetes/kubectl get printers (k8s.io/kubernetes pkg/printers/internalversion).
"""

from __future__ import annotations

from ...engine import kube_objects
from ..session import IO, Session
from .kubectl_describe import human, table
from .kubectl_get import PrintError, print_objects

KINDS = {"secret": "Secret", "secrets": "Secret", "configmap": "ConfigMap", "configmaps": "ConfigMap",
         "cm": "ConfigMap", "namespace": "Namespace", "namespaces": "Namespace", "ns": "Namespace"}
PLURAL = {"Secret": "secrets", "ConfigMap": "configmaps", "Namespace": "namespaces"}


def _items(c, kind: str, namespace: str | None) -> list[kube_objects.KubeObject]:
    if kind == "Namespace":
        found = {o.name: o for o in kube_objects.listing(c, "Namespace", None)}
        return [found.get(n) or kube_objects.KubeObject(kind="Namespace", namespace=None, name=n, created=c.created,
                                                        body={"apiVersion": "v1", "kind": "Namespace",
                                                              "metadata": {"name": n}})
                for n in kube_objects.namespaces(c)]
    items = kube_objects.listing(c, kind, namespace)
    if kind == "ConfigMap":  # every namespace's root CA bundle
        spaces = [namespace] if namespace else kube_objects.namespaces(c)
        items = [kube_objects.KubeObject(kind="ConfigMap", namespace=ns, name="kube-root-ca.crt", created=c.created,
                                         body={"apiVersion": "v1", "kind": "ConfigMap",
                                               "data": {"ca.crt": "-----BEGIN CERTIFICATE-----"}})
                 for ns in spaces] + items
        items.sort(key=lambda o: (o.namespace or "", o.name))
    if kind == "Secret":  # Helm's release records are Secrets too; kubectl lists them
        items = [o for o in items if o.body.get("type")]
    return items


def _manifest(o: kube_objects.KubeObject) -> dict:
    body = {k: v for k, v in o.body.items() if k != "release"}
    meta = dict(body.pop("metadata", None) or {})
    meta.update({"name": o.name, "creationTimestamp": o.created.strftime("%Y-%m-%dT%H:%M:%SZ")})
    if o.namespace:
        meta["namespace"] = o.namespace
    return {"apiVersion": body.pop("apiVersion", "v1"), "kind": o.kind, "metadata": meta, **body}


def get(sh: Session, c, kind_s: str, names: list[str], opts: dict[str, str], io: IO) -> int:
    kind = KINDS[kind_s.lower()]
    everywhere = "A" in opts or "all-namespaces" in opts
    namespace = None if everywhere or kind == "Namespace" else opts.get("n") or "default"
    if namespace and namespace not in kube_objects.namespaces(c):
        io.err(f"No resources found in {namespace} namespace.")
        return 0
    items = _items(c, kind, namespace)
    missing = [n for n in names if n not in {o.name for o in items}]
    items = [o for o in items if not names or o.name in names]
    for n in missing:
        io.err(f'Error from server (NotFound): {PLURAL[kind]} "{n}" not found')
    fmt = opts.get("o")
    try:
        if print_objects(io, fmt, [_manifest(o) for o in items], len(names) == 1 and len(items) == 1,
                         [f"{kind.lower()}/{o.name}" for o in items]):
            return 1 if missing else 0
    except PrintError as e:
        io.err(f"error: {e}")
        return 1
    if not items:
        if not missing:
            io.err(f"No resources found in {namespace} namespace." if namespace else "No resources found")
        return 1 if missing else 0
    lead = [["NAMESPACE"]] if everywhere and kind != "Namespace" else [[]]
    if kind == "Namespace":
        head, rows = ["NAME", "STATUS", "AGE"], [[o.name, "Active", human(sh, o.created)] for o in items]
    elif kind == "Secret":
        head = ["NAME", "TYPE", "DATA", "AGE"]
        rows = [[o.name, o.body.get("type", "Opaque"), str(len(o.body.get("data") or {})), human(sh, o.created)]
                for o in items]
    elif kind == "ConfigMap":
        head = ["NAME", "DATA", "AGE"]
        rows = [[o.name, str(len(o.body.get("data") or {})), human(sh, o.created)] for o in items]
    if lead[0]:
        head = ["NAMESPACE", *head]
        rows = [[o.namespace or "", *r] for o, r in zip(items, rows, strict=True)]
    table(io, head, rows)
    return 1 if missing else 0


def delete(sh: Session, c, kind_s: str, name: str, opts: dict[str, str], io: IO) -> int:
    kind = KINDS[kind_s.lower()]
    namespace = opts.get("n") or "default"
    if kind == "Namespace":
        if name in kube_objects.BUILT_IN_NAMESPACES:
            io.err(f'Error from server (Forbidden): namespaces "{name}" is forbidden: this namespace may not be '
                   "deleted")
            return 1
        if not kube_objects.delete_namespace(c, name):
            io.err(f'Error from server (NotFound): namespaces "{name}" not found')
            return 1
        io.out(f'namespace "{name}" deleted')
        return 0
    if not kube_objects.delete(c, kind, namespace, name):
        io.err(f'Error from server (NotFound): {PLURAL[kind]} "{name}" not found')
        return 1
    io.out(f'{kind.lower()} "{name}" deleted')
    return 0
