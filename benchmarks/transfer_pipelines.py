"""What ACR Transfer costs, as a learner runs it: an export pipeline run of N artifacts (the service allows 50 per run)
into a storage container, the import run that reads the blob into a second registry, and `az storage blob list`,
each through `Lab.run` in a lab set up as the transfer docs pages set it up. Figures: median wall time of each
command in milliseconds, and the blob's size.

    python benchmarks/transfer_pipelines.py
    python benchmarks/transfer_pipelines.py --artifacts 1 10 50
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from acrlab import Lab  # noqa: E402

SETUP = """az group create -n rg -l eastus -o none
az acr create -n srcreg -g rg --sku Premium -o none
az acr create -n tgtreg -g rg --sku Premium -o none
az storage account create -n transfersa -g rg -l eastus --sku Standard_LRS -o none
az storage container create -n transfer --account-name transfersa -o none 2>/dev/null
az extension add -n acrtransfer 2>/dev/null
SA=$(az storage account show -n transfersa --query id -o tsv)
P=$(az acr export-pipeline create -g rg -r srcreg -n exportone -m ManagedIdentity -z OverwriteBlobs \
    -c https://transfersa.blob.core.windows.net/transfer --query identity.principalId -o tsv 2>/dev/null)
az role assignment create --assignee-object-id $P --assignee-principal-type ServicePrincipal \
    --role "Storage Blob Data Contributor" --scope $SA -o none
P=$(az acr import-pipeline create -g rg -r tgtreg -n importone -m ManagedIdentity -e false -z OverwriteTags \
    -c https://transfersa.blob.core.windows.net/transfer --query identity.principalId -o tsv 2>/dev/null)
az role assignment create --assignee-object-id $P --assignee-principal-type ServicePrincipal \
    --role "Storage Blob Data Reader" --scope $SA -o none
"""


def timed(lab: Lab, command: str) -> float:
    start = time.perf_counter()
    r = lab.run(command)
    elapsed = (time.perf_counter() - start) * 1000
    if r.exit_code != 0:
        raise SystemExit(f"{command}\n{r.output}")
    return elapsed


def measure(n: int, reps: int) -> dict:
    lab = Lab(seed=0)
    if lab.run(SETUP).exit_code != 0:
        raise SystemExit("set-up failed")
    images = ["alpine:3.19", "nginx:latest", "busybox:latest", "hello-world:latest"]
    for i in range(n):
        lab.run(f"az acr import -n srcreg --source docker.io/library/{images[i % len(images)]} -t app{i}:v1 -o none")
    artifacts = " ".join(f"app{i}:v1" for i in range(n))
    export, imp, listing = [], [], []
    for k in range(reps):
        export.append(timed(lab, f"az acr pipeline-run create -g rg -r srcreg -p exportone -n exp{k} -t export "
                                 f"-b blob -a {artifacts} -o none 2>/dev/null"))
        imp.append(timed(lab, f"az acr pipeline-run create -g rg -r tgtreg -p importone -n imp{k} -t import -b blob "
                              "-o none 2>/dev/null"))
        listing.append(timed(lab, "az storage blob list --account-name transfersa -c transfer --auth-mode key "
                                  "-o none 2>/dev/null"))
    for reg, run in (("srcreg", "exp0"), ("tgtreg", "imp0")):
        status = lab.run(f"az acr pipeline-run show -g rg -r {reg} -n {run} --query response.status -o tsv "
                         "2>/dev/null").stdout.strip()
        if status != "Succeeded":
            raise SystemExit(f"pipeline run {run} ended {status}")
    size = int(lab.run("az storage blob show --account-name transfersa -c transfer -n blob --auth-mode key "
                       "--query properties.contentLength -o tsv 2>/dev/null").stdout)
    return {"artifacts": n, "export_ms": statistics.median(export), "import_ms": statistics.median(imp),
            "blob_list_ms": statistics.median(listing), "blob_bytes": size}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--artifacts", type=int, nargs="+", default=[1, 10, 50])
    ap.add_argument("--reps", type=int, default=5)
    args = ap.parse_args()
    print(f"{'artifacts':>9} {'export ms':>10} {'import ms':>10} {'blob list ms':>13} {'blob bytes':>11}")
    for n in args.artifacts:
        m = measure(n, args.reps)
        print(f"{m['artifacts']:>9} {m['export_ms']:>10.1f} {m['import_ms']:>10.1f} {m['blob_list_ms']:>13.1f} "
              f"{m['blob_bytes']:>11}")


if __name__ == "__main__":
    main()
