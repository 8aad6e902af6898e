"""What a request through the resource manager costs, as users meet it (issue 13).

Times, through `Lab.run` as a learner types them: `az acr create` (a PUT), `az acr update` (a PATCH), `az acr show`
(a GET), `az acr list` with N registries in the tenant (a filtered collection GET), a refused PUT (nothing changes),
and the same PUT/PATCH/GET as bare `send()` calls, to show what the manager itself adds to a command.
Each figure is the median of several runs, in milliseconds.

    python benchmarks/arm_requests.py
    python benchmarks/arm_requests.py --registries 10 1000
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from acrlab import Lab  # noqa: E402
from acrlab.engine.arm import ArmError, send  # noqa: E402

REPS = 15


def median_ms(fn, reps: int = REPS) -> float:
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def measure(n_registries: int) -> dict[str, float]:
    lab = Lab(seed=0)
    lab.run("az group create -n rg -l eastus -o none")
    cloud, me = lab.cloud, lab.cloud.learner
    base = f"{cloud.subscription.id}/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries"
    for i in range(n_registries):
        send(cloud, me, "PUT", f"{base}/bench{i:05d}", {"location": "eastus", "sku": {"name": "Standard"}})
    counter = iter(range(10**6))

    def create():
        assert lab.run(f"az acr create -n new{next(counter):06d} -g rg --sku Premium -o none").exit_code == 0

    def refused():
        try:
            send(cloud, me, "PUT", f"{base}/bench00000", {"location": "eastus", "sku": {"name": "Basic"},
                                                           "properties": {"publicNetworkAccess": "Disabled"}})
        except ArmError:
            return
        raise AssertionError("the PUT should have been refused")

    return {
        "az acr create (PUT)": median_ms(create),
        "az acr update (PATCH)": median_ms(lambda: lab.run("az acr update -n bench00000 --admin-enabled true -o none")),
        "az acr show (GET)": median_ms(lambda: lab.run("az acr show -n bench00000 -o none")),
        "az acr list (collection GET)": median_ms(lambda: lab.run("az acr list -g rg -o none"), reps=5),
        "send PUT": median_ms(lambda: send(cloud, me, "PUT", f"{base}/bench00000",
                                           {"location": "eastus", "sku": {"name": "Standard"}})),
        "send PATCH": median_ms(lambda: send(cloud, me, "PATCH", f"{base}/bench00000",
                                             {"properties": {"adminUserEnabled": True}})),
        "send GET": median_ms(lambda: send(cloud, me, "GET", f"{base}/bench00000")),
        "refused PUT (no change)": median_ms(refused),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registries", type=int, nargs="+", default=[10, 1000])
    sizes = parser.parse_args().registries
    results = {n: measure(n) for n in sizes}
    names = list(next(iter(results.values())))
    print(f"{'operation (ms, median)':32}" + "".join(f"{f'{n} registries':>16}" for n in sizes))
    for name in names:
        print(f"{name:32}" + "".join(f"{results[n][name]:16.2f}" for n in sizes))


if __name__ == "__main__":
    main()
