"""Does a command's cost depend on the history, or only on what it returns? (issue 19)

For each size N (10, 1k, 10k, 100k) a lab is given N of one thing — tags in the registry, role assignments in
the subscription, registries in the tenant, or commands already typed — and then the same small commands are
timed through `Lab.run`: push, pull, `az acr login`, `show-tags --top 10`, `list-metadata --top 10`,
`role assignment list --assignee`, and an authorization decision. Each figure is the median of several runs, in
CPU time by default (the machine is shared: wall time then measures the neighbours; `--clock wall` for it); the
last column compares the largest size with the smallest (goal: within 2x).

The history is made through the engine's own operations (the same ones the commands call), because typing
100,000 pushes would take minutes and is not what is measured here.

    python benchmarks/history_scaling.py              # 10 / 1k / 10k / 100k
    python benchmarks/history_scaling.py --sizes 10 1000
    python benchmarks/history_scaling.py --clock wall
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from acrlab import Lab  # noqa: E402
from acrlab.engine.artifacts import ImageContent, Layer  # noqa: E402

SERVER = "bigacr.azurecr.io"
REPS = 7


CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}
clock = CLOCKS["cpu"]


def timed(lab: Lab, line: str, reps: int = REPS) -> float:
    """Median milliseconds of `line` through Lab.run (it must succeed), on `clock`."""
    samples = []
    for _ in range(reps):
        start = clock()
        r = lab.run(line)
        samples.append((clock() - start) * 1000)
        if r.exit_code != 0:
            raise SystemExit(f"failed: {line}\n{r.output[-2000:]}")
    return statistics.median(samples)


def base_lab() -> Lab:
    lab = Lab(seed=0)
    for line in ("az group create -n rg -l eastus -o none", "az acr create -n bigacr -g rg --sku Premium -o none",
                 "az acr login -n bigacr", "docker pull alpine:3.20 -q", f"docker tag alpine:3.20 {SERVER}/app:seed",
                 f"docker push -q {SERVER}/app:seed", "ACR_ID=$(az acr show -n bigacr --query id -o tsv)"):
        r = lab.run(line)
        if r.exit_code != 0:
            raise SystemExit(f"set-up failed: {line}\n{r.output}")
    return lab


def with_tags(n: int) -> Lab:
    lab = base_lab()
    reg = lab.cloud.find_registry("bigacr")
    layer = Layer(digest="sha256:" + "ab" * 32, size=3_000_000)
    now = lab.cloud.clock.now()
    for i in range(n):
        content = ImageContent(config_digest=f"sha256:{i:064x}", config_size=1500, layers=[layer])
        reg.store.put_manifest("app", content, now, f"t{i}")
    return lab


def with_assignments(n: int) -> Lab:
    """N users, each AcrPull on the registry (a large organisation's subscription)."""
    from acrlab.engine.rbac import RoleAssignment
    from acrlab.engine.roles import find_role
    from acrlab.engine.tenant import Principal

    lab = base_lab()
    cloud = lab.cloud
    scope = cloud.find_registry("bigacr").id
    role = find_role("AcrPull")
    for i in range(n):
        user = Principal(object_id=cloud.ids.guid(), display_name=f"User {i}", kind="User",
                         user_principal_name=f"user{i}@{cloud.tenant.domain}")
        cloud.tenant.principals[user.object_id] = user
        cloud.role_assignments.append(RoleAssignment(
            name=cloud.ids.guid(), principal_id=user.object_id, principal_type="User", role_guid=role.guid,
            scope=scope, created_on=cloud.clock.now(), created_by=cloud.learner.object_id))
    return lab


def with_registries(n: int) -> Lab:
    """N Basic registries in the tenant (copies of one made with az acr create)."""
    lab = base_lab()
    r = lab.run("az acr create -n reg000000 -g rg --sku Basic -o none")
    if r.exit_code != 0:
        raise SystemExit(r.output)
    template = lab.cloud.find_registry("reg000000")
    for i in range(1, n):
        name = f"reg{i:06d}"
        clone = template.model_copy(deep=True)
        clone.name = name
        clone.login_server = f"{name}.azurecr.io"
        lab.cloud.registries[name] = clone
    return lab


def with_commands(n: int) -> Lab:
    lab = base_lab()
    for _ in range(n):
        lab.run("true")
    return lab


COMMANDS = {
    "push": f"docker push -q {SERVER}/app:seed",
    "pull": f"docker pull -q {SERVER}/app:seed",
    "login": "az acr login -n bigacr",
    "show-tags --top 10": "az acr repository show-tags -n bigacr --repository app --top 10 --orderby time_desc -o none",
    "list-metadata --top 10": "az acr manifest list-metadata -r bigacr -n app --top 10 --orderby time_desc -o none",
    "role assignment list": "az role assignment list --assignee learner@contoso.onmicrosoft.com --all -o none",
    "role assignment create": "az role assignment create --assignee learner@contoso.onmicrosoft.com --role AcrPull "
                              "--scope $ACR_ID -o none",
    "show (authorize)": "az acr show -n bigacr -o none",
}

HISTORIES = {"tags": with_tags, "role assignments": with_assignments, "registries": with_registries,
             "past commands": with_commands}


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", type=int, nargs="+", default=[10, 1_000, 10_000, 100_000])
    p.add_argument("--only", choices=sorted(HISTORIES), nargs="+", help="only these histories")
    p.add_argument("--clock", choices=sorted(CLOCKS), default="cpu", help="CPU time (default) or wall time")
    args = p.parse_args(argv)
    global clock
    clock = CLOCKS[args.clock]
    for kind, make in HISTORIES.items():
        if args.only and kind not in args.only:
            continue
        rows: dict[str, list[float]] = {c: [] for c in COMMANDS}
        for n in args.sizes:
            start = time.perf_counter()
            lab = make(n)
            setup = time.perf_counter() - start
            for name, line in COMMANDS.items():
                rows[name].append(timed(lab, line))
            print(f"  [{kind} = {n:,}: set-up {setup:.1f} s]", file=sys.stderr)
        print(f"\nms ({args.clock}) per command with N {kind} (median of {REPS})")
        print(f"{'command':26}" + "".join(f"{n:>10,}" for n in args.sizes) + "   largest/smallest")
        for name, values in rows.items():
            ratio = values[-1] / values[0] if values[0] else float("inf")
            print(f"{name:26}" + "".join(f"{v:10.2f}" for v in values) + f"   {ratio:6.1f}x")


if __name__ == "__main__":
    main()
