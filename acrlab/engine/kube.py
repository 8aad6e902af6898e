"""Kubernetes objects on an AKS cluster: deployments, replica sets, pods, events, and image pulls by the kubelet.

Pull rule: a pod pulls when it is created. A pod whose pull failed retries with the kubelet's back-off (10 s,
doubling, capped at 5 min) measured on the simulated clock, and the retry happens when someone looks
(`kubectl get|describe|rollout status`, `az aks check-acr`). So after a fix (role assigned, tag pushed, firewall
opened) `lab advance 5m` then `kubectl get pods` shows Running, and `kubectl rollout restart` or
`kubectl delete pod` retries at once. Running pods keep running: the image is cached on the node.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from pydantic import BaseModel, Field

from .aks import ManagedCluster
from .cloud import Cloud
from .kube_pull import canonical, pull  # noqa: F401  (re-exported)

SAFE = "bcdfghjklmnpqrstvwxz2456789"
BACKOFF_START, BACKOFF_MAX = 10, 300


class Container(BaseModel):
    name: str
    image: str
    """Exactly as written in the spec (tag or digest)."""


class Event(BaseModel):
    kind: str
    name: str
    type: str
    reason: str
    message: str
    source: str
    first: datetime
    last: datetime
    count: int = 1


class Pod(BaseModel):
    name: str
    namespace: str = "default"
    uid: str
    owner: str | None = None
    """ReplicaSet name, or None for a bare pod (`kubectl run`)."""
    labels: dict[str, str] = Field(default_factory=dict)
    containers: list[Container]
    node: str
    ip: str
    created: datetime
    started: datetime | None = None
    image_ids: dict[str, str] = Field(default_factory=dict)
    """Container name -> `registry/repo@sha256:...` once pulled."""
    image_pull_secrets: list[str] = Field(default_factory=list)
    """Names of the kubernetes.io/dockerconfigjson Secrets the kubelet offers registries (engine/kube_objects.py)."""
    waiting_reason: str | None = None
    waiting_message: str | None = None
    attempts: int = 0
    last_attempt: datetime | None = None

    @property
    def running(self) -> bool:
        return self.started is not None

    @property
    def status(self) -> str:
        return "Running" if self.running else (self.waiting_reason or "ContainerCreating")


class ReplicaSet(BaseModel):
    name: str
    deployment: str
    template_hash: str
    containers: list[Container]
    revision: int
    created: datetime


class Deployment(BaseModel):
    name: str
    namespace: str = "default"
    uid: str
    replicas: int = 1
    containers: list[Container]
    generation: int = 1
    revision: int = 1
    restarted_at: str | None = None
    created: datetime
    rollout_started: datetime
    labels: dict[str, str] = Field(default_factory=dict)


class Workloads(BaseModel):
    deployments: dict[str, Deployment] = Field(default_factory=dict)
    replicasets: dict[str, ReplicaSet] = Field(default_factory=dict)
    pods: dict[str, Pod] = Field(default_factory=dict)
    events: list[Event] = Field(default_factory=list)
    pod_counter: int = 0


def workloads(c: ManagedCluster) -> Workloads:
    w = c.workloads.get("k8s")
    if w is None:
        w = c.workloads["k8s"] = Workloads()
    return w


def container_name(image: str) -> str:
    """kubectl's default container name: the image's last path element without tag or digest."""
    last = image.split("@", 1)[0].rsplit("/", 1)[-1]
    return last.split(":", 1)[0]


def _hash(text: str, n: int) -> str:
    h = int(hashlib.sha256(text.encode()).hexdigest(), 16)
    out = ""
    for _ in range(n):
        h, r = divmod(h, len(SAFE))
        out += SAFE[r]
    return out


def event(cloud: Cloud, c: ManagedCluster, kind: str, name: str, type_: str, reason: str, message: str,
          source: str = "kubelet") -> None:
    w = workloads(c)
    now = cloud.clock.now()
    for e in w.events:
        if e.kind == kind and e.name == name and e.reason == reason and e.message == message:
            e.count += 1
            e.last = now
            return
    w.events.append(Event(kind=kind, name=name, type=type_, reason=reason, message=message, source=source,
                          first=now, last=now))


def attempt(cloud: Cloud, c: ManagedCluster, pod: Pod) -> None:
    now = cloud.clock.now()
    pod.attempts += 1
    pod.last_attempt = now
    for ct in pod.containers:
        if ct.name in pod.image_ids:
            continue
        event(cloud, c, "pod", pod.name, "Normal", "Pulling", f'Pulling image "{ct.image}"')
        image_id, message = pull(cloud, c, ct.image, pod)
        if image_id is None:
            event(cloud, c, "pod", pod.name, "Warning", "Failed", message)
            reason = "ErrImagePull" if pod.attempts == 1 else "ImagePullBackOff"
            event(cloud, c, "pod", pod.name, "Warning", "Failed", "Error: ErrImagePull")
            if pod.attempts > 1:
                event(cloud, c, "pod", pod.name, "Normal", "BackOff", f'Back-off pulling image "{ct.image}"')
                event(cloud, c, "pod", pod.name, "Warning", "Failed", "Error: ImagePullBackOff")
            pod.waiting_reason = reason
            pod.waiting_message = (message.split('": ', 1)[-1] if reason == "ErrImagePull" else
                                   f'Back-off pulling image "{ct.image}"')
            return
        pod.image_ids[ct.name] = image_id
        event(cloud, c, "pod", pod.name, "Normal", "Pulled", message)
    for ct in pod.containers:
        event(cloud, c, "pod", pod.name, "Normal", "Created", f"Created container: {ct.name}")
        event(cloud, c, "pod", pod.name, "Normal", "Started", f"Started container {ct.name}")
    pod.started, pod.waiting_reason, pod.waiting_message = now, None, None


def _due(cloud: Cloud, pod: Pod) -> bool:
    if pod.running:
        return False
    if pod.last_attempt is None:
        return True
    wait = min(BACKOFF_START * 2 ** (pod.attempts - 1), BACKOFF_MAX)
    return cloud.clock.now() - pod.last_attempt >= timedelta(seconds=wait)


# -- objects ---------------------------------------------------------------------------------------------

def new_pod(cloud: Cloud, c: ManagedCluster, name: str, containers: list[Container], owner: str | None,
            labels: dict[str, str], namespace: str = "default", pull_secrets: list[str] | None = None) -> Pod:
    w = workloads(c)
    w.pod_counter += 1
    nodes = c.nodes()
    node = nodes[(w.pod_counter - 1) % len(nodes)]
    pod = Pod(name=name, namespace=namespace, uid=cloud.ids.guid(), owner=owner, labels=labels, containers=containers,
              node=node, ip=f"10.244.{(w.pod_counter - 1) % len(nodes)}.{10 + w.pod_counter}",
              created=cloud.clock.now(), image_pull_secrets=list(pull_secrets or []))
    w.pods[name] = pod
    event(cloud, c, "pod", name, "Normal", "Scheduled", f"Successfully assigned {namespace}/{name} to {node}",
          source="default-scheduler")
    attempt(cloud, c, pod)
    return pod


def run_pod(cloud: Cloud, c: ManagedCluster, name: str, image: str) -> Pod:
    return new_pod(cloud, c, name, [Container(name=name, image=image)], None, {"run": name})


def apply_deployment(cloud: Cloud, c: ManagedCluster, name: str, containers: list[Container],
                     replicas: int | None = None, restart: str | None = None) -> tuple[Deployment, bool]:
    """Create or update; returns (deployment, changed)."""
    w = workloads(c)
    d = w.deployments.get(name)
    now = cloud.clock.now()
    if d is None:
        d = Deployment(name=name, uid=cloud.ids.guid(), replicas=1 if replicas is None else replicas,
                       containers=containers, created=now, rollout_started=now, labels={"app": name})
        w.deployments[name] = d
        reconcile(cloud, c, d)
        return d, True
    changed = False
    if replicas is not None and replicas != d.replicas:
        d.replicas, changed = replicas, True
    if [x.model_dump() for x in containers] != [x.model_dump() for x in d.containers] or restart:
        d.containers = containers
        if restart:
            d.restarted_at = restart
        d.revision += 1
        d.rollout_started = now
        changed = True
    if changed:
        d.generation += 1
        reconcile(cloud, c, d)
    return d, changed


def _template_hash(d: Deployment) -> str:
    return _hash(f"{d.name}|{[(x.name, x.image) for x in d.containers]}|{d.restarted_at}", 10)


def reconcile(cloud: Cloud, c: ManagedCluster, d: Deployment) -> None:
    """The deployment controller's rolling update: maxSurge 25% (up), maxUnavailable 25% (down)."""
    w = workloads(c)
    h = _template_hash(d)
    rs_name = f"{d.name}-{h}"
    if rs_name not in w.replicasets:
        w.replicasets[rs_name] = ReplicaSet(name=rs_name, deployment=d.name, template_hash=h,
                                            containers=[x.model_copy() for x in d.containers],
                                            revision=d.revision, created=cloud.clock.now())
    surge = -(-d.replicas * 25 // 100) or 0
    unavailable = d.replicas * 25 // 100
    if surge == 0 and unavailable == 0:
        surge = 1
    for _ in range(4 * d.replicas + 4):
        new = [p for p in w.pods.values() if p.owner == rs_name]
        old = [p for p in w.pods.values() if p.owner and p.owner != rs_name and
               w.replicasets.get(p.owner) and w.replicasets[p.owner].deployment == d.name]
        changed = False
        for p in [p for p in old if not p.running]:
            _remove_pod(cloud, c, p)
            changed = True
        old = [p for p in old if p.running]
        if len(new) > d.replicas:
            for p in sorted(new, key=lambda p: p.running)[: len(new) - d.replicas]:
                _remove_pod(cloud, c, p)
            changed = True
        elif len(new) < d.replicas and len(new) + len(old) < d.replicas + surge:
            _scale_event(cloud, c, d, rs_name, len(new), len(new) + 1)
            pod_name = f"{rs_name}-{''.join(cloud.ids.choice(SAFE) for _ in range(5))}"
            event(cloud, c, "replicaset", rs_name, "Normal", "SuccessfulCreate", f"Created pod: {pod_name}",
                  source="replicaset-controller")
            new_pod(cloud, c, pod_name, [x.model_copy() for x in d.containers], rs_name,
                    {"app": d.name, "pod-template-hash": h})
            changed = True
        ready = sum(1 for p in new if p.running) + len(old)
        if old and ready > d.replicas - unavailable:
            _remove_pod(cloud, c, old[0])
            changed = True
        if not changed:
            break


def _scale_event(cloud, c, d, rs_name, frm, to) -> None:
    event(cloud, c, "deployment", d.name, "Normal", "ScalingReplicaSet",
          f"Scaled up replica set {rs_name} from {frm} to {to}", source="deployment-controller")


def _remove_pod(cloud: Cloud, c: ManagedCluster, p: Pod) -> None:
    w = workloads(c)
    w.pods.pop(p.name, None)
    if p.running:
        event(cloud, c, "pod", p.name, "Normal", "Killing", f"Stopping container {p.containers[0].name}")


def delete_pod(cloud: Cloud, c: ManagedCluster, name: str) -> bool:
    w = workloads(c)
    p = w.pods.pop(name, None)
    if p is None:
        return False
    if p.owner and p.owner in w.replicasets:
        d = w.deployments.get(w.replicasets[p.owner].deployment)
        if d is not None:
            reconcile(cloud, c, d)
    return True


def delete_deployment(cloud: Cloud, c: ManagedCluster, name: str) -> bool:
    w = workloads(c)
    if w.deployments.pop(name, None) is None:
        return False
    for rs in [r for r in w.replicasets.values() if r.deployment == name]:
        del w.replicasets[rs.name]
        for p in [p for p in w.pods.values() if p.owner == rs.name]:
            del w.pods[p.name]
    return True


def sync(cloud: Cloud, c: ManagedCluster) -> None:
    """What the kubelet and controllers did since the last look: retry due pulls, continue rollouts."""
    w = workloads(c)
    for pod in list(w.pods.values()):
        if pod.name in w.pods and _due(cloud, pod):
            attempt(cloud, c, pod)
    for d in list(w.deployments.values()):
        reconcile(cloud, c, d)


def deployment_status(c: ManagedCluster, d: Deployment) -> dict:
    w = workloads(c)
    h = _template_hash(d)
    pods = [p for p in w.pods.values() if p.owner and w.replicasets.get(p.owner) and
            w.replicasets[p.owner].deployment == d.name]
    updated = [p for p in pods if p.owner == f"{d.name}-{h}"]
    ready = [p for p in pods if p.running]
    return {"replicas": len(pods), "updated": len(updated), "ready": len(ready), "available": len(ready),
            "updated_ready": sum(1 for p in updated if p.running)}


def deployment_images(cloud: Cloud, cluster_name: str, namespace: str = "default") -> dict[str, str]:
    """{deployment name: image of its first container, exactly as written (tag or digest)} for graders."""
    from .aks import find_cluster

    c = find_cluster(cloud, cluster_name)
    if c is None:
        return {}
    return {d.name: d.containers[0].image for d in workloads(c).deployments.values() if d.namespace == namespace}


def deployment_containers(cloud: Cloud, cluster_name: str) -> dict[str, dict[str, str]]:
    """{deployment: {container: image}} for deployments with several containers."""
    from .aks import find_cluster

    c = find_cluster(cloud, cluster_name)
    if c is None:
        return {}
    return {d.name: {x.name: x.image for x in d.containers} for d in workloads(c).deployments.values()}
