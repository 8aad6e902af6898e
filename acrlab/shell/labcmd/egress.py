"""`lab egress REGISTRY [--from REGION]`: where pulls were served from, and the egress they caused."""

from __future__ import annotations

from ...engine import replication
from ...engine.locations import normalize_location
from ..session import IO, Session


def _size(n: int) -> str:
    for unit, div in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= div:
            return f"{n / div:.1f} {unit}"
    return f"{n} B"


def egress(sh: Session, argv: list[str], io: IO) -> int:
    if "--from" in argv:
        i = argv.index("--from")
        loc = normalize_location(argv[i + 1]) if i + 1 < len(argv) else None
        if loc is None:
            io.err("lab egress: --from needs an Azure region name, e.g. --from westeurope")
            return 2
        sh.cloud.state["workstation_location"] = loc
        io.out(f"The workstation now pulls as a client in {loc}.")
        argv = argv[:i] + argv[i + 2:]
        if not argv:
            return 0
    if not argv:
        io.err("usage: lab egress REGISTRY   |   lab egress --from REGION (where the workstation is)")
        return 2
    reg = sh.cloud.find_registry(argv[0].removesuffix(".azurecr.io"))
    if reg is None:
        io.err(f"lab egress: no registry named '{argv[0]}'")
        return 1
    replication.ensure_home(sh.cloud, reg)
    regions = sorted({getattr(r, "location", reg.location) for r in reg.replications.values()} | {reg.location})
    io.out(f"Registry {reg.name} ({reg.sku}); replicas: {', '.join(regions)}")
    io.out(f"Workstation region: {sh.cloud.state.get('workstation_location', replication.DEFAULT_WORKSTATION_LOCATION)}")
    log = replication.egress_log(reg)
    if not log:
        io.out("No pulls yet.")
        return 0
    io.out("")
    io.out(f"{'TIME':<21}{'CLIENT':<28}{'CLIENT REGION':<16}{'SERVED FROM':<16}{'CLASS':<14}{'SIZE':>10}  IMAGE")
    for r in log[-20:]:
        io.out(f"{r.time.strftime('%Y-%m-%dT%H:%M:%SZ'):<21}{r.client[:27]:<28}{r.client_region:<16}"
               f"{r.served_from:<16}{r.category:<14}{_size(r.bytes):>10}  {r.repository}@{r.digest[:19]}")
    io.out("")
    for cat, total in replication.egress_summary(reg).items():
        io.out(f"{cat:<14}{_size(total):>10}")
    io.out("same-region transfer is free; inter-region and internet egress are billed (see lab cost, an estimate).")
    return 0


COMMANDS = {"egress": (egress, "pulls served per replica and the egress they caused: lab egress REGISTRY")}
