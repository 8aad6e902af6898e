"""Helm charts on the learner's host: `helm create`'s scaffold, a chart directory loaded and checked as Helm checks
Chart.yaml, the packaged archive (`<name>-<version>.tgz`; in the lab's text file system an archive is the JSON of
its files under a header, so `helm package` then `helm push|install` round-trip exactly), and template rendering.

Rules and texts: helm/helm pkg/chart/v2 (metadata.go Validate), pkg/chart/v2/loader (archive.go), pkg/cmd/create.go,
package.go. Rendering covers the template actions the scaffold and simple charts use: `{{ .Values.a.b }}`,
`{{ .Release.Name|Namespace }}`, `{{ .Chart.Name|Version|AppVersion }}`, with `| quote`; any other action is
refused with a clear message instead of being rendered wrongly.
"""

from __future__ import annotations

import json
import posixpath
import re

import yaml

from .oci_client import ClientError
from .session import Session

ARCHIVE_HEADER = "acrlab helm chart archive v1\n"
"""First line of a packaged chart in the lab (a real .tgz is gzip; `cat` shows this text instead)."""
SEMVER = re.compile(r"^v?(0|[1-9]\d*)(\.(0|[1-9]\d*))?(\.(0|[1-9]\d*))?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$")
NAME = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
ACTION = re.compile(r"{{-?\s*(.*?)\s*-?}}", re.S)


def scaffold(name: str) -> dict[str, str]:
    """The files `helm create NAME` writes (same names and values; the lab's own comments and templates)."""
    chart = (f"apiVersion: v2\nname: {name}\ndescription: A Helm chart for Kubernetes\n\n# application or library\n"
             "type: application\n\n# the chart's version: bump it when the chart changes\nversion: 0.1.0\n\n"
             "# the version of the application the chart deploys\nappVersion: \"1.16.0\"\n")
    values = ("replicaCount: 1\n\nimage:\n  repository: nginx\n  pullPolicy: IfNotPresent\n  tag: \"1.16.0\"\n\n"
              "service:\n  type: ClusterIP\n  port: 80\n")
    deployment = ("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n  labels:\n"
                  "    app.kubernetes.io/name: {{ .Chart.Name }}\nspec:\n  replicas: {{ .Values.replicaCount }}\n"
                  "  selector:\n    matchLabels:\n      app.kubernetes.io/instance: {{ .Release.Name }}\n  template:\n"
                  "    metadata:\n      labels:\n        app.kubernetes.io/instance: {{ .Release.Name }}\n    spec:\n"
                  "      containers:\n        - name: {{ .Chart.Name }}\n"
                  "          image: \"{{ .Values.image.repository }}:{{ .Values.image.tag }}\"\n"
                  "          imagePullPolicy: {{ .Values.image.pullPolicy }}\n          ports:\n"
                  "            - containerPort: {{ .Values.service.port }}\n")
    service = ("apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n"
               "  type: {{ .Values.service.type }}\n  ports:\n    - port: {{ .Values.service.port }}\n"
               "  selector:\n    app.kubernetes.io/instance: {{ .Release.Name }}\n")
    ignore = "# files helm package leaves out\n.DS_Store\n.git/\n*.swp\n*.bak\n*.tmp\n.vscode/\n"
    return {f"{name}/Chart.yaml": chart, f"{name}/values.yaml": values, f"{name}/.helmignore": ignore,
            f"{name}/charts/.keep": "", f"{name}/templates/deployment.yaml": deployment,
            f"{name}/templates/service.yaml": service,
            f"{name}/templates/NOTES.txt": "Release {{ .Release.Name }} of {{ .Chart.Name }} is installed.\n"}


def metadata(chart_yaml: str | None, where: str) -> dict:
    """Chart.yaml parsed and validated (helm's chart.Metadata.Validate)."""
    if chart_yaml is None:
        raise ClientError(f"Chart.yaml file is missing in {where}" if where else "Chart.yaml file is missing")
    try:
        meta = yaml.safe_load(chart_yaml) or {}
    except yaml.YAMLError as e:
        raise ClientError(f"cannot load Chart.yaml: error converting YAML to JSON: {e}") from None
    if not isinstance(meta, dict):
        raise ClientError("cannot load Chart.yaml: the document is not a mapping")
    if not meta.get("apiVersion"):
        raise ClientError("validation: chart.metadata.apiVersion is required")
    if not meta.get("name"):
        raise ClientError("validation: chart.metadata.name is required")
    if not NAME.match(str(meta["name"])):
        raise ClientError(f"validation: chart.metadata.name \"{meta['name']}\" is invalid")
    version = str(meta.get("version") or "")
    if not version:
        raise ClientError("validation: chart.metadata.version is required")
    if not SEMVER.match(version):
        raise ClientError(f'validation: chart.metadata.version "{version}" is invalid')
    meta["version"] = version
    if meta.get("appVersion") is not None:
        meta["appVersion"] = str(meta["appVersion"])
    return meta


def load_dir(sh: Session, path: str) -> tuple[dict, dict[str, str]]:
    """(metadata, files relative to the chart directory) of a chart directory on the host."""
    files = {k: v for k, v in sh.dir_files(path).items() if posixpath.basename(k) != ".keep"}
    if not files and sh.list_dir(path) is None:
        raise ClientError(f"stat {path}: no such file or directory")
    return metadata(files.get("Chart.yaml"), ""), files


def pack(meta: dict, files: dict[str, str]) -> str:
    """The archive text: files under '<name>/' as `helm package` lays them out."""
    name = meta["name"]
    return ARCHIVE_HEADER + json.dumps({f"{name}/{k}": v for k, v in sorted(files.items())}, indent=1)


def unpack(text: str, where: str) -> tuple[dict, dict[str, str]]:
    """(metadata, files relative to the chart directory) of an archive."""
    if not text.startswith(ARCHIVE_HEADER):
        raise ClientError(f"file '{where}' does not appear to be a gzipped archive; got 'text/plain; charset=utf-8'")
    try:
        entries = json.loads(text[len(ARCHIVE_HEADER):])
    except ValueError:
        raise ClientError(f"file '{where}' does not appear to be a valid chart archive") from None
    if not isinstance(entries, dict) or not entries:
        raise ClientError("no files in chart archive")
    top = {k.split("/", 1)[0] for k in entries}
    if len(top) != 1:
        raise ClientError("chart archive has more than one top-level directory")
    top.pop()
    files = {k.split("/", 1)[1]: v for k, v in entries.items() if "/" in k}
    return metadata(files.get("Chart.yaml"), ""), files


def _value(data, path: list[str], action: str):
    for part in path:
        if not isinstance(data, dict):
            raise ClientError(f"template: executing \"{action}\": nil pointer evaluating interface {{}}.{part}")
        data = data.get(part)
    return data


def _merge(into: dict, over: dict) -> None:
    """--set values merged into values.yaml key by key (a nested key keeps its siblings), as Helm coalesces them."""
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def render(meta: dict, files: dict[str, str], release: str, namespace: str,
           overrides: dict | None = None) -> tuple[list[tuple[str, str]], str]:
    """([(template path, rendered text)], rendered NOTES.txt) for manifests under templates/ (partials and tests
    left out, as Helm does)."""
    values = yaml.safe_load(files.get("values.yaml") or "") or {}
    if not isinstance(values, dict):
        raise ClientError("cannot load values.yaml: the document is not a mapping")
    _merge(values, overrides or {})
    scope = {"Values": values, "Release": {"Name": release, "Namespace": namespace, "Service": "Helm"},
             "Chart": {"Name": meta["name"], "Version": meta["version"], "AppVersion": meta.get("appVersion") or ""}}

    def one(path: str, text: str) -> str:
        def sub(m: re.Match) -> str:
            action = m.group(1)
            expr, _, pipe = action.partition("|")
            expr, pipe = expr.strip(), pipe.strip()
            if not re.fullmatch(r"\.[A-Za-z]\w*(\.[A-Za-z_]\w*)*", expr) or pipe not in ("", "quote"):
                raise ClientError(f"{meta['name']}/{path}: the lab's helm renders only {{{{ .Values.x }}}}, "
                                  f"{{{{ .Release.Name }}}} and {{{{ .Chart.Name }}}}-style actions (with | quote), "
                                  f"not {{{{ {action} }}}}")
            parts = expr[1:].split(".")
            value = _value(scope, parts, action)
            text_ = "" if value is None else (json.dumps(value) if isinstance(value, (dict, list)) else
                                              str(value).lower() if isinstance(value, bool) else str(value))
            return json.dumps(text_) if pipe == "quote" else text_
        return ACTION.sub(sub, text)

    manifests = []
    for path in sorted(files):
        name = posixpath.basename(path)
        if not path.startswith("templates/") or path.startswith("templates/tests/") or name.startswith("_") \
                or name == "NOTES.txt" or not name.endswith((".yaml", ".yml", ".json")):
            continue
        manifests.append((path, one(path, files[path])))
    notes = one("templates/NOTES.txt", files["templates/NOTES.txt"]) if "templates/NOTES.txt" in files else ""
    return manifests, notes
