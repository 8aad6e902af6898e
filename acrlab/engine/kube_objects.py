"""Kubernetes objects on an AKS cluster other than the workloads of engine/kube.py: namespaces, Secrets (image pull
secrets of type kubernetes.io/dockerconfigjson, Helm's release records), ConfigMaps and whatever else a manifest
or a Helm chart creates. Kept per cluster in `ManagedCluster.workloads['objects']` by (kind, namespace, name).

What a pod does with an image pull secret (kubernetes.io docs, "Pull an Image from a Private Registry";
MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-auth-kubernetes.md): the
kubelet offers the registry the secret's username and password for that registry's server, so a service
principal's password pulls from ACR where the cluster's own kubelet identity has no role.
"""

from __future__ import annotations

import base64
import json
import re
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from .aks import ManagedCluster
from .cloud import Cloud

BUILT_IN_NAMESPACES = ("default", "kube-node-lease", "kube-public", "kube-system")
DOCKER_CONFIG_JSON = "kubernetes.io/dockerconfigjson"
NAME_RE = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
"""A DNS-1123 subdomain: what object names (and Helm release names) must be."""


class KubeObject(BaseModel):
    kind: str
    namespace: str | None
    """None: a cluster-scoped object (Namespace)."""
    name: str
    created: datetime
    body: dict[str, Any] = Field(default_factory=dict)
    """The object as the API server returns it (apiVersion, kind, metadata, data/spec...)."""


class KubeError(Exception):
    """An API server refusal; the text is kubectl's after 'error: ' / 'Error from server (...)'."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason
        self.message = message


def _store(c: ManagedCluster) -> dict[str, KubeObject]:
    return c.workloads.setdefault("objects", {})


def _key(kind: str, namespace: str | None, name: str) -> str:
    return f"{kind}/{namespace or ''}/{name}"


def namespaces(c: ManagedCluster) -> list[str]:
    return sorted({*BUILT_IN_NAMESPACES, *(o.name for o in _store(c).values() if o.kind == "Namespace")})


def create_namespace(cloud: Cloud, c: ManagedCluster, name: str) -> KubeObject:
    if name in namespaces(c):
        raise KubeError("AlreadyExists", f'namespaces "{name}" already exists')
    obj = KubeObject(kind="Namespace", namespace=None, name=name, created=cloud.clock.now(),
                     body={"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}})
    _store(c)[_key("Namespace", None, name)] = obj
    return obj


def put(cloud: Cloud, c: ManagedCluster, kind: str, namespace: str, name: str, body: dict,
        create_only: bool = False) -> tuple[KubeObject, bool]:
    """Create or replace a namespaced object; returns (object, existed). The namespace must exist."""
    if namespace not in namespaces(c):
        raise KubeError("NotFound", f'namespaces "{namespace}" not found')
    key = _key(kind, namespace, name)
    old = _store(c).get(key)
    if old is not None and create_only:
        raise KubeError("AlreadyExists", f'{kind.lower()}s "{name}" already exists')
    obj = KubeObject(kind=kind, namespace=namespace, name=name, created=old.created if old else cloud.clock.now(),
                     body=body)
    _store(c)[key] = obj
    return obj, old is not None


def get(c: ManagedCluster, kind: str, namespace: str, name: str) -> KubeObject | None:
    return _store(c).get(_key(kind, namespace, name))


def listing(c: ManagedCluster, kind: str, namespace: str | None) -> list[KubeObject]:
    return sorted((o for o in _store(c).values() if o.kind == kind and (namespace is None or o.namespace == namespace)),
                  key=lambda o: (o.namespace or "", o.name))


def delete(c: ManagedCluster, kind: str, namespace: str, name: str) -> bool:
    return _store(c).pop(_key(kind, namespace, name), None) is not None


def delete_namespace(c: ManagedCluster, name: str) -> bool:
    """Remove a namespace the learner made and every object in it (False: no such namespace)."""
    store = _store(c)
    if _key("Namespace", None, name) not in store:
        return False
    for key in [k for k, o in store.items() if o.namespace == name or (o.kind == "Namespace" and o.name == name)]:
        del store[key]
    return True


def docker_registry_secret(server: str, username: str, password: str, email: str | None = None) -> dict:
    """The body `kubectl create secret docker-registry` sends: data['.dockerconfigjson'], base64 of the config."""
    entry: dict[str, str] = {"username": username, "password": password}
    if email:
        entry["email"] = email
    entry["auth"] = base64.b64encode(f"{username}:{password}".encode()).decode()
    config = json.dumps({"auths": {server: entry}}, separators=(",", ":"))
    return {"apiVersion": "v1", "kind": "Secret", "type": DOCKER_CONFIG_JSON,
            "data": {".dockerconfigjson": base64.b64encode(config.encode()).decode()}}


def pull_credentials(c: ManagedCluster, namespace: str, secret_names: list[str], server: str) -> list[tuple[str, str]]:
    """(username, password) pairs the kubelet offers `server` from a pod's imagePullSecrets, in order; a missing
    secret or one of another type offers nothing (the kubelet logs it and goes on)."""
    out = []
    for name in secret_names:
        obj = get(c, "Secret", namespace, name)
        if obj is None or obj.body.get("type") != DOCKER_CONFIG_JSON:
            continue
        try:
            config = json.loads(base64.b64decode(obj.body.get("data", {}).get(".dockerconfigjson", "")))
        except ValueError:
            continue
        entry = (config.get("auths") or {}).get(server) or (config.get("auths") or {}).get(f"https://{server}")
        if isinstance(entry, dict) and entry.get("username") and entry.get("password"):
            out.append((entry["username"], entry["password"]))
    return out
