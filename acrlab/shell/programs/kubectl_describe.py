"""kubectl output helpers (HumanDuration, the `get` table) and `kubectl describe pod`, split from kubectl.py.

Layout follows k8s.io/kubectl/pkg/describe: one text/tabwriter (minwidth 0, tabwidth 8, padding 2) over the whole
output, so every run of consecutive lines holding a tab is aligned as one block and a line without a tab
("IPs:", "Containers:", "Mounts:", "Volumes:", "Events:" with events) ends the block.
"""

from __future__ import annotations

import ipaddress

from ...engine import kube
from ...engine.network import find_subnet
from ..session import IO, Session


def human(sh: Session, when) -> str:
    """kubectl's HumanDuration."""
    s = int((sh.cloud.clock.now() - when).total_seconds())
    m, h = s // 60, s // 3600
    if s < 120:
        return f"{s}s"
    if m < 10:
        return f"{m}m" if s % 60 == 0 else f"{m}m{s % 60}s"
    if m < 180:
        return f"{m}m"
    if h < 8:
        return f"{h}h" if m % 60 == 0 else f"{h}h{m % 60}m"
    if h < 48:
        return f"{h}h"
    if h < 192:
        return f"{h // 24}d" if h % 24 == 0 else f"{h // 24}d{h % 24}h"
    return f"{h // 24}d"


def table(io: IO, header: list[str], rows: list[list[str]], pad: int = 3) -> None:
    """kubectl get's printer: a tabwriter with padding 3; trailing blanks trimmed."""
    widths = [max([len(header[i])] + [len(r[i]) for r in rows]) for i in range(len(header))]
    for r in [header] + rows:
        io.out((" " * pad).join(str(c).ljust(widths[i]) for i, c in enumerate(r)).rstrip())


def tabwrite(lines: list[str], padding: int = 2) -> list[str]:
    """Go's text/tabwriter for describe: cells end at '\t'; consecutive tabbed lines form one aligned block."""
    out: list[str] = []
    block: list[list[str]] = []

    def flush():
        ncols = max((len(c) - 1 for c in block), default=0)
        widths = [max((len(c[i]) for c in block if len(c) - 1 > i), default=0) + padding for i in range(ncols)]
        for cells in block:
            out.append(("".join(cell.ljust(widths[i]) for i, cell in enumerate(cells[:-1])) + cells[-1]).rstrip())
        block.clear()

    for line in lines:
        if "\t" in line:
            block.append(line.split("\t"))
        else:
            flush()
            out.append(line)
    flush()
    return out


def _node_ip(sh: Session, c, node: str) -> str:
    found = find_subnet(sh.cloud, c.subnet_id)
    net = ipaddress.ip_network(found[1].address_prefix if found else "10.224.0.0/16")
    index = c.nodes().index(node) if node in c.nodes() else 0
    return str(net.network_address + 4 + index)


def _when(t) -> str:
    return t.strftime("%a, %d %b %Y %H:%M:%S +0000")


def describe_pod(sh: Session, c, p: kube.Pod) -> list[str]:
    w = kube.workloads(c)
    labels = [f"{k}={v}" for k, v in p.labels.items()] or ["<none>"]
    sa_volume = f"kube-api-access-{kube._hash(p.uid, 5)}"
    lines = [f"Name:\t{p.name}", f"Namespace:\t{p.namespace}", "Priority:\t0", "Service Account:\tdefault",
             f"Node:\t{p.node}/{_node_ip(sh, c, p.node)}", f"Start Time:\t{_when(p.created)}",
             f"Labels:\t{labels[0]}"] + [f"\t{x}" for x in labels[1:]] + [
             "Annotations:\t<none>", f"Status:\t{'Running' if p.running else 'Pending'}", f"IP:\t{p.ip}", "IPs:",
             f"  IP:\t{p.ip}"]
    if p.owner:
        lines.append(f"Controlled By:\tReplicaSet/{p.owner}")
    lines.append("Containers:")
    for ct in p.containers:
        lines += [f"  {ct.name}:", f"    Container ID:\t{'containerd://' + p.uid.replace('-', '') if p.running else ''}",
                  f"    Image:\t{ct.image}", f"    Image ID:\t{p.image_ids.get(ct.name, '')}", "    Port:\t<none>",
                  "    Host Port:\t<none>"]
        if p.running:
            lines += ["    State:\tRunning", f"      Started:\t{_when(p.started)}", "    Ready:\tTrue"]
        else:
            lines += ["    State:\tWaiting", f"      Reason:\t{p.waiting_reason or 'ContainerCreating'}",
                      "    Ready:\tFalse"]
        lines += ["    Restart Count:\t0", "    Environment:\t<none>", "    Mounts:",
                  f"      /var/run/secrets/kubernetes.io/serviceaccount from {sa_volume} (ro)"]
    ready = "True" if p.running else "False"
    # describe.go writes conditions as "%v \t%v \n": the trailing blank widens the Type column by one
    lines += ["Conditions:", "  Type\tStatus", "  PodReadyToStartContainers \tTrue", "  Initialized \tTrue",
              f"  Ready \t{ready}", f"  ContainersReady \t{ready}", "  PodScheduled \tTrue", "Volumes:",
              f"  {sa_volume}:", "    Type:\tProjected (a volume that contains injected data from multiple sources)",
              "    TokenExpirationSeconds:\t3607", "    ConfigMapName:\tkube-root-ca.crt",
              "    ConfigMapOptional:\t<nil>", "    DownwardAPI:\ttrue", "QoS Class:\tBestEffort",
              "Node-Selectors:\t<none>", "Tolerations:\tnode.kubernetes.io/not-ready:NoExecute op=Exists for 300s",
              "\tnode.kubernetes.io/unreachable:NoExecute op=Exists for 300s"]
    evs = [e for e in w.events if e.kind == "pod" and e.name == p.name]
    if not evs:
        return tabwrite(lines + ["Events:\t<none>"])
    lines.append("Events:")
    out = tabwrite(lines)
    rows = [[e.type, e.reason, human(sh, e.last) if e.count == 1 else
             f"{human(sh, e.last)} (x{e.count} over {human(sh, e.first)})", e.source, e.message] for e in evs]
    sub = IO()
    table(sub, ["Type", "Reason", "Age", "From", "Message"], [["----", "------", "----", "----", "-------"]] + rows,
          pad=2)
    return out + ["  " + line for line in sub.stdout.splitlines()]


def describe(sh, c, pos, opts, io) -> int:
    if len(pos) < 1:
        io.err("error: Required resource not specified.")
        return 1
    kind_s, name = pos[0].split("/", 1) if "/" in pos[0] else (pos[0], pos[1] if len(pos) > 1 else None)
    w = kube.workloads(c)
    if kind_s.lower() not in ("pod", "pods", "po"):
        io.err(f'error: the lab\'s kubectl describes pods only ("{kind_s}")')
        return 1
    pods = [w.pods[name]] if name in w.pods else [p for p in w.pods.values() if name is None or p.name.startswith(name)]
    if not pods:
        io.err(f'Error from server (NotFound): pods "{name}" not found' if name else
               "No resources found in default namespace.")
        return 1 if name else 0
    for i, p in enumerate(pods):
        if i:
            io.out("")
        for line in describe_pod(sh, c, p):
            io.out(line)
    return 0
