"""`helm install|list|get|status|uninstall` against the cluster of the current kubectl context.

Helm renders the chart on the client (shell/helm_charts.py) and sends the objects to the API server: Deployments
become the cluster's deployments (their pods pull from ACR as the kubelet does, engine/kube.py), other objects are
kept by engine/kube_objects.py, and the release record is a Secret `sh.helm.release.v1.<name>.v<revision>` with
label owner=helm, as Helm 3 stores it. Texts: helm/helm pkg/cmd/install.go, release.go (printRelease), list.go,
get_manifest.go, uninstall.go, pkg/action/install.go ("cannot re-use a name that is still in use").
"""

from __future__ import annotations

import json

import yaml

from ...engine import kube, kube_objects
from ..oci_client import ClientError, last
from ..session import IO, Session
from .helm import fetch_chart, flags

RELEASE = "sh.helm.release.v1.{name}.v{revision}"
UNREACHABLE = 'Kubernetes cluster unreachable: Get "http://localhost:8080/version": dial tcp 127.0.0.1:8080: ' \
              "connect: connection refused"


def _cluster(sh: Session, what: str):
    from ...engine import aks

    kc = sh.host.kube
    ctx = kc.get("contexts", {}).get(kc.get("current") or "")
    c = aks.clusters(sh.cloud).get(ctx["cluster_id"]) if ctx else None
    if c is None:
        raise ClientError(f"{what}{UNREACHABLE}")
    kube.sync(sh.cloud, c)
    return c


def _releases(c, namespace: str | None) -> list[dict]:
    out = [o.body["release"] for o in kube_objects.listing(c, "Secret", namespace)
           if o.body.get("metadata", {}).get("labels", {}).get("owner") == "helm"]
    latest: dict[tuple, dict] = {}
    for r in out:
        key = (r["namespace"], r["name"])
        if key not in latest or r["revision"] > latest[key]["revision"]:
            latest[key] = r
    return sorted(latest.values(), key=lambda r: (r["namespace"], r["name"]))


def _find(c, namespace: str, name: str) -> dict | None:
    return next((r for r in _releases(c, namespace) if r["name"] == name), None)


def _deployed(when) -> str:
    return when.strftime("%a %b ") + f"{when.day:>2}" + when.strftime(" %H:%M:%S %Y")


INSTALL_FLAGS = ({"--version", "--set", "--values", "-f", "--username", "--password", "--timeout", "--description",
                  "--output"},
                 {"--create-namespace", "--wait", "--atomic", "--dry-run", "--generate-name", "--devel", "--plain-http",
                  "--install", "--force", "--reset-values", "--reuse-values"})


def install(sh: Session, argv: list[str], io: IO) -> int:
    f, pos = flags(argv, *INSTALL_FLAGS)
    if len(pos) != 2:
        raise ClientError('"helm install" requires at least 1 argument\n\nUsage:  helm install [NAME] [CHART] '
                          "[flags]" if not pos else "expected at most two arguments, unexpected arguments: "
                          + ", ".join(pos[2:]) if len(pos) > 2 else "must either provide a name or specify "
                          "--generate-name")
    return _deploy(sh, f, pos[0], pos[1], io, upgrade=False)


def upgrade(sh: Session, argv: list[str], io: IO) -> int:
    f, pos = flags(argv, *INSTALL_FLAGS)
    if len(pos) != 2:
        raise ClientError('"helm upgrade" requires 2 arguments\n\nUsage:  helm upgrade [RELEASE] [CHART] [flags]')
    return _deploy(sh, f, pos[0], pos[1], io, upgrade=True)


def _overrides(f) -> dict:
    out: dict = {}
    for pair in f.get("--set", []):
        for item in pair.split(","):
            key, eq, value = item.partition("=")
            if not eq:
                raise ClientError(f"failed parsing --set data: key \"{item}\" has no value")
            node = out
            *parents, leaf = key.split(".")
            for p in parents:
                node = node.setdefault(p, {})
            node[leaf] = int(value) if value.isdigit() else {"true": True, "false": False}.get(value, value)
    return out


def _deploy(sh: Session, f, name: str, ref: str, io: IO, upgrade: bool) -> int:
    failed = "UPGRADE FAILED: " if upgrade else "INSTALLATION FAILED: "
    namespace = last(f, "--namespace", "default")
    if not kube_objects.NAME_RE.match(name) or len(name) > 53:
        raise ClientError(f'{failed}release name "{name}": invalid release name, must match regex '
                          "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must "
                          "not be longer than 53")
    shape = last(f, "--output", "table")
    if shape not in ("table", "json", "yaml"):
        raise ClientError(f"invalid argument \"{shape}\" for \"-o, --output\" flag: invalid format type")
    meta, files, _ = fetch_chart(sh, ref, last(f, "--version"), f, io)
    c = _cluster(sh, failed)
    old = _find(c, namespace, name)
    if upgrade and old is None:
        if "--install" not in f:
            raise ClientError(f'UPGRADE FAILED: "{name}" has no deployed releases')
        io.out(f'Release "{name}" does not exist. Installing it now.')
        upgrade, failed = False, "INSTALLATION FAILED: "
    if not upgrade and old is not None:
        raise ClientError(f"{failed}cannot re-use a name that is still in use")
    if namespace not in kube_objects.namespaces(c):
        if "--create-namespace" not in f:
            raise ClientError(f'{failed}create: failed to create: namespaces "{namespace}" not found')
        kube_objects.create_namespace(sh.cloud, c, namespace)
    manifests, notes = _render(meta, files, name, namespace, _overrides(f))
    docs = _objects(manifests, failed)
    revision = old["revision"] + 1 if old else 1
    objects = [[d["kind"], d["metadata"]["name"]] for d in docs]
    now = sh.cloud.clock.now()
    manifest = "".join(f"---\n# Source: {meta['name']}/{path}\n{text.rstrip()}\n" for path, text in manifests)
    dry = "--dry-run" in f
    status = ("pending-upgrade" if upgrade else "pending-install") if dry else "deployed"
    if not dry:
        for doc in docs:
            _apply(sh, c, namespace, doc, failed)
        if old is not None:
            for kind, obj in old["objects"]:
                if [kind, obj] not in objects:
                    _remove(sh, c, namespace, kind, obj)
            _record(sh, c, {**old, "status": "superseded"})
        _record(sh, c, {"name": name, "namespace": namespace, "revision": revision, "status": "deployed",
                        "updated": now.isoformat(), "chart": f"{meta['name']}-{meta['version']}",
                        "app_version": meta.get("appVersion") or "", "manifest": manifest, "notes": notes,
                        "objects": objects, "description": "Upgrade complete" if upgrade else "Install complete"})
    if shape != "table":
        doc = {"name": name, "namespace": namespace, "version": revision, "manifest": manifest,
               "info": {"status": status, "notes": notes, "last_deployed": now.isoformat()},
               "chart": {"metadata": {"name": meta["name"], "version": meta["version"],
                                      "appVersion": meta.get("appVersion") or ""}}}
        io.out(json.dumps(doc) if shape == "json" else yaml.safe_dump(doc, sort_keys=False).rstrip())
        return 0
    if upgrade:
        io.out(f'Release "{name}" has been upgraded. Happy Helming!')
    io.out(f"NAME: {name}\nLAST DEPLOYED: {_deployed(now)}\nNAMESPACE: {namespace}\nSTATUS: {status}\n"
           f"REVISION: {revision}\nTEST SUITE: None")
    if notes.strip():
        io.out(f"NOTES:\n{notes.rstrip()}")
    return 0


def _record(sh: Session, c, release: dict) -> None:
    """The release record, as Helm 3 keeps it: a Secret per revision, labelled owner=helm."""
    kube_objects.put(sh.cloud, c, "Secret", release["namespace"],
                     RELEASE.format(name=release["name"], revision=release["revision"]), {
                         "apiVersion": "v1", "kind": "Secret", "type": "helm.sh/release.v1",
                         "metadata": {"labels": {"name": release["name"], "owner": "helm", "status": release["status"],
                                                 "version": str(release["revision"])}},
                         "release": release})


def _remove(sh: Session, c, namespace: str, kind: str, name: str) -> None:
    if kind == "Deployment":
        kube.delete_deployment(sh.cloud, c, name)
    else:
        kube_objects.delete(c, kind, namespace, name)


def template(sh: Session, argv: list[str], io: IO) -> int:
    f, pos = flags(argv, *INSTALL_FLAGS)
    if not pos or len(pos) > 2:
        raise ClientError('"helm template" requires at least 1 argument\n\nUsage:  helm template [NAME] [CHART] '
                          "[flags]")
    name, ref = (pos[0], pos[1]) if len(pos) == 2 else ("release-name", pos[0])
    meta, files, _ = fetch_chart(sh, ref, last(f, "--version"), f, io)
    manifests, _ = _render(meta, files, name, last(f, "--namespace", "default"), _overrides(f))
    _objects(manifests, "")
    io.out("".join(f"---\n# Source: {meta['name']}/{path}\n{text.rstrip()}\n" for path, text in manifests), end="")
    return 0


def history(sh: Session, argv: list[str], io: IO) -> int:
    f, pos = flags(argv, {"--max", "--output"})
    if len(pos) != 1:
        raise ClientError('"helm history" requires 1 argument')
    c = _cluster(sh, "")
    namespace = last(f, "--namespace", "default")
    revisions = sorted((o.body["release"] for o in kube_objects.listing(c, "Secret", namespace)
                        if o.body.get("metadata", {}).get("labels", {}).get("owner") == "helm"
                        and o.body["release"]["name"] == pos[0]), key=lambda r: r["revision"])
    if not revisions:
        raise ClientError("release: not found")
    from datetime import datetime
    rows = [["REVISION", "UPDATED", "STATUS", "CHART", "APP VERSION", "DESCRIPTION"]]
    rows += [[str(r["revision"]), _deployed(datetime.fromisoformat(r["updated"])), r["status"], r["chart"],
              r["app_version"], r.get("description", "")] for r in revisions]
    width = [max(len(row[i]) for row in rows) for i in range(6)]
    io.out("\n".join("\t".join(cell.ljust(width[i]) for i, cell in enumerate(row)).rstrip() for row in rows))
    return 0


def _render(meta, files, name, namespace, overrides):
    from ..helm_charts import render
    return render(meta, files, name, namespace, overrides)


def _objects(manifests: list[tuple[str, str]], failed: str) -> list[dict]:
    docs = []
    for path, text in manifests:
        try:
            found = [d for d in yaml.safe_load_all(text) if d]
        except yaml.YAMLError as e:
            raise ClientError(f"{failed}YAML parse error on {path}: {e}") from None
        for d in found:
            if not isinstance(d, dict) or not d.get("kind") or not (d.get("metadata") or {}).get("name"):
                raise ClientError(f"{failed}unable to build kubernetes objects from release manifest: "
                                  f"error validating \"\": error validating data: {path}: kind and metadata.name "
                                  "are required")
            docs.append(d)
    return docs


def _apply(sh: Session, c, namespace: str, doc: dict, failed: str) -> None:
    kind, name = doc["kind"], doc["metadata"]["name"]
    if kind == "Deployment":
        spec = doc.get("spec") or {}
        pod = ((spec.get("template") or {}).get("spec") or {})
        cts = [kube.Container(name=x.get("name") or kube.container_name(str(x.get("image", ""))),
                              image=str(x.get("image", ""))) for x in pod.get("containers") or [] if isinstance(x, dict)]
        if not cts or not all(x.image for x in cts):
            raise ClientError(f"{failed}Deployment.apps \"{name}\" is invalid: "
                              "spec.template.spec.containers[0].image: Required value")
        kube.apply_deployment(sh.cloud, c, name, cts, int(spec.get("replicas", 1) or 1))
        return
    kube_objects.put(sh.cloud, c, kind, namespace, name, doc)


def list_(sh: Session, argv: list[str], io: IO) -> int:
    f, _ = flags(argv, {"--output", "--filter"}, {"--all-namespaces", "--all", "--short", "--deployed"})
    c = _cluster(sh, "")
    everywhere = "--all-namespaces" in f or "-A" in argv
    rows = [["NAME", "NAMESPACE", "REVISION", "UPDATED", "STATUS", "CHART", "APP VERSION"]]
    for r in _releases(c, None if everywhere else last(f, "--namespace", "default")):
        rows.append([r["name"], r["namespace"], str(r["revision"]), r["updated"].replace("T", " "), r["status"],
                     r["chart"], r["app_version"]])
    width = [max(len(row[i]) for row in rows) for i in range(7)]
    io.out("\n".join("\t".join(cell.ljust(width[i]) for i, cell in enumerate(row)).rstrip() for row in rows))
    return 0


def get(sh: Session, argv: list[str], io: IO) -> int:
    what = argv[0] if argv else ""
    f, pos = flags(argv[1:], {"--revision", "--output", "--template"}, {"--all"})
    if what not in ("manifest", "notes", "all", "values"):
        raise ClientError(f'unknown command "{what}" for "helm get"')
    if len(pos) != 1:
        raise ClientError(f'"helm get {what}" requires 1 argument')
    c = _cluster(sh, "")
    r = _find(c, last(f, "--namespace", "default"), pos[0])
    if r is None:
        raise ClientError("release: not found")
    io.out({"manifest": r["manifest"].rstrip("\n"), "notes": f"NOTES:\n{r['notes'].rstrip()}",
            "values": "USER-SUPPLIED VALUES:\nnull", "all": r["manifest"].rstrip("\n")}[what])
    return 0


def status(sh: Session, argv: list[str], io: IO) -> int:
    f, pos = flags(argv, {"--revision", "--output"}, {"--show-desc", "--show-resources"})
    if len(pos) != 1:
        raise ClientError('"helm status" requires 1 argument')
    c = _cluster(sh, "")
    r = _find(c, last(f, "--namespace", "default"), pos[0])
    if r is None:
        raise ClientError("release: not found")
    from datetime import datetime
    io.out(f"NAME: {r['name']}\nLAST DEPLOYED: {_deployed(datetime.fromisoformat(r['updated']))}\n"
           f"NAMESPACE: {r['namespace']}\nSTATUS: {r['status']}\nREVISION: {r['revision']}\nTEST SUITE: None")
    return 0


def uninstall(sh: Session, argv: list[str], io: IO) -> int:
    f, pos = flags(argv, {"--timeout", "--description", "--cascade"},
                   {"--keep-history", "--dry-run", "--wait", "--ignore-not-found", "--no-hooks"})
    if not pos:
        raise ClientError('"helm uninstall" requires at least 1 argument')
    c = _cluster(sh, "")
    namespace = last(f, "--namespace", "default")
    for name in pos:
        r = _find(c, namespace, name)
        if r is None:
            if "--ignore-not-found" in f:
                continue
            raise ClientError(f"uninstall: Release not loaded: {name}: release: not found")
        for kind, obj in r["objects"]:
            _remove(sh, c, namespace, kind, obj)
        for o in kube_objects.listing(c, "Secret", namespace):
            labels = o.body.get("metadata", {}).get("labels", {})
            if labels.get("owner") == "helm" and labels.get("name") == name:
                kube_objects.delete(c, "Secret", namespace, o.name)
        io.out(f'release "{name}" uninstalled')
    return 0


COMMANDS = {"install": install, "upgrade": upgrade, "template": template, "history": history, "hist": history, "list": list_, "ls": list_, "get": get, "status": status, "uninstall": uninstall,
            "delete": uninstall, "un": uninstall}
