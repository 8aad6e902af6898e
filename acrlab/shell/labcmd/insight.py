"""`lab cost` (a monthly bill estimate) and `lab scans` (Defender findings for a registry's images)."""

from __future__ import annotations

from ...engine import cost, defender
from ..session import IO, Session


def lab_cost(sh: Session, argv: list[str], io: IO) -> int:
    regs = [sh.cloud.find_registry(n) for n in argv] if argv else list(sh.cloud.registries.values())
    if any(r is None for r in regs):
        io.err(f"lab cost: no registry named {argv[[r is None for r in regs].index(True)]}")
        return 1
    if not regs:
        io.out("No registries yet.")
        return 0
    total = 0.0
    io.out(f"Estimated monthly cost (USD, price table of {cost.PRICE_TABLE_DATE}; an estimate, not a quote)")
    io.out(f"{'REGISTRY':<22}{'SKU':<10}{'REPLICAS':>9}{'STORAGE GiB':>13}{'EGRESS GiB':>12}{'TOTAL':>10}")
    for r in regs:
        e = cost.estimate(sh.cloud, r)
        total += e["totalUsd"]
        io.out(f"{r.name:<22}{r.sku:<10}{e['replicas']:>9}{e['storageGiB']:>13.3f}{e['egressGiB']:>12.3f}"
               f"{e['totalUsd']:>10.2f}")
        io.out(f"{'':<22}registry {e['monthlyUsd']['registry']:.2f}, storage over included "
               f"{e['monthlyUsd']['storage']:.2f}, egress {e['monthlyUsd']['egress']:.2f}")
    io.out(f"{'TOTAL':<66}{total:>10.2f}")
    return 0


def lab_scans(sh: Session, argv: list[str], io: IO) -> int:
    if not defender.enabled(sh.cloud):
        io.out("Microsoft Defender for Containers is off: enable it with "
               "'az security pricing create --name Containers --tier Standard', then push or import images.")
        return 0
    rows = [(k, v) for k, v in sorted(defender.findings(sh.cloud).items(), key=lambda kv: kv[0])
            if not argv or k[0] == argv[0]]
    if not rows:
        io.out("No images scanned yet: pushes and imports are scanned once Defender is on.")
        return 0
    for (reg, repo, digest), rec in rows:
        io.out(f"{reg}.azurecr.io/{repo}@{digest[:19]}...  {rec['status']}  ({len(rec['findings'])} findings)")
        if rec.get("error"):
            io.out(f"    {rec['error']}")
        for f in rec["findings"]:
            fix = f"fixed in {f['fixed']}" if f["fixed"] else "no fix yet"
            io.out(f"    {f['severity']:<9}{f['id']:<17}{f['package']} {f['installed']} ({fix})")
    return 0


COMMANDS = {
    "cost": (lab_cost, "estimate the monthly bill of registries: lab cost [REGISTRY...]"),
    "scans": (lab_scans, "Defender for Containers findings for pushed/imported images: lab scans [REGISTRY]"),
}
