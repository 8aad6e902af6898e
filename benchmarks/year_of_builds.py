"""A year of CI: 20 builds a day for 365 days (7,300 images) through `Lab.run`, and the same on moto's ECR mock.

Each build (a CI job) signs in with `az acr login`, changes the application source (a new COPY layer), rebuilds on python:3.12-slim (shared base
layers), reinstalls requirements only when they change (monthly), then pushes `api:b<N>` and moves `api:latest`.
With `--retention DAYS` the pipeline pushes only `latest` (plus a daily `release-<day>` tag), so 19 of 20 builds
end up untagged and the registry's retention policy deletes them as the simulated clock advances.

    python benchmarks/year_of_builds.py                 # the year, default workload
    python benchmarks/year_of_builds.py --retention 7   # untagged builds purged after 7 days
    python benchmarks/year_of_builds.py --days 30 --profile   # a month under cProfile (hot spots)
    python benchmarks/year_of_builds.py --skip-moto

Prints figures; it is not a timed test.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from acrlab import Lab  # noqa: E402

BUILDS_PER_DAY = 20
SERVER = "ciacr.azurecr.io"


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def requirements(day: int) -> str:
    month = day // 30
    return "\n".join(["flask==3.0." + str(month % 4), "gunicorn==22.0.0", "requests==2.32." + str(month % 3)]) + "\n"


def run_acrlab(days: int, retention: int | None, trace: bool) -> dict:
    if trace:
        tracemalloc.start()
    lab = Lab(seed=0)
    commands = 0

    def run(line: str) -> None:
        nonlocal commands
        commands += 1
        r = lab.run(line)
        if r.exit_code != 0:
            raise SystemExit(f"command failed: {line}\n{r.stdout}{r.stderr}")

    for line in ("az group create -n rg-ci -l eastus -o none", "az acr create -n ciacr -g rg-ci --sku Premium -o none",
                 "az acr login -n ciacr"):
        run(line)
    if retention is not None:
        run(f"az acr config retention update -r ciacr --status enabled --days {retention} --type UntaggedManifests "
            "-o none")
    lab.write_file("app/Dockerfile", "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\n"
                   "RUN pip install --no-cache-dir -r requirements.txt\nCOPY src/ ./src/\nENV PORT=8080\n"
                   "EXPOSE 8080\nCMD [\"gunicorn\", \"-b\", \"0.0.0.0:8080\", \"src.app:app\"]\n")
    start, cpu = time.perf_counter(), time.process_time()
    n = 0
    for day in range(days):
        lab.write_file("app/requirements.txt", requirements(day))
        for k in range(BUILDS_PER_DAY):
            n += 1
            lab.write_file("app/src/app.py", f"from flask import Flask\napp = Flask(__name__)\nBUILD = {n}\n")
            run("az acr login -n ciacr")  # each CI job signs in: the token lives 3 hours
            if retention is None:
                run(f"docker build -q -t {SERVER}/api:b{n} -t {SERVER}/api:latest app")
                run(f"docker push -q {SERVER}/api:b{n}")
            else:
                release = k == BUILDS_PER_DAY - 1
                extra = f" -t {SERVER}/api:release-{day}" if release else ""
                run(f"docker build -q -t {SERVER}/api:latest{extra} app")
                if release:
                    run(f"docker push -q {SERVER}/api:release-{day}")
            run(f"docker push -q {SERVER}/api:latest")
            run(f"docker rmi -f {SERVER}/api:b{n - 1}" if retention is None and n > 1 else "docker image prune -f")
            lab.advance("72m")
        lab.transcript.clear()  # a CI agent does not keep a year of console output in memory
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    usage = lab.run("az acr show-usage -n ciacr --query \"value[?name=='Size'] | [0].currentValue\"").json()
    manifests = lab.run("az acr manifest list-metadata -r ciacr -n api --query 'length(@)'").json()
    tags = lab.run("az acr repository show -n ciacr --repository api --query tagCount").json()
    reg = lab.cloud.find_registry("ciacr")
    reg.store.check_invariants()
    naive = sum(m.content.size + m.manifest_size for r in reg.store.repositories.values() for m in r.manifests.values())
    out = {"builds": n, "commands": commands, "wall_s": wall, "cpu_s": cpu, "commands_per_s": commands / wall,
           "manifests": manifests, "tags": tags, "storage_bytes": usage, "without_dedup_bytes": naive,
           "peak_rss_mb": rss_mb()}
    if trace:
        out["peak_python_heap_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    return out


def run_moto(days: int, trace: bool) -> dict:
    import boto3
    from moto import mock_aws

    from acrlab.engine import catalog
    from acrlab.engine.build import build_image

    gc.collect()
    if trace:
        tracemalloc.start()
    manifests = []  # built first, so the timing below is moto's put_image alone
    n = 0
    for day in range(days):
        for _ in range(BUILDS_PER_DAY):
            n += 1
            files = {"Dockerfile": "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r "
                                   "requirements.txt\nCOPY app.py .\n",
                     "requirements.txt": requirements(day), "app.py": f"BUILD = {n}\n"}
            manifests.append(build_image(files, resolve_base=catalog.find_public).content.manifest_bytes().decode())
    with mock_aws():
        ecr = boto3.client("ecr", region_name="us-east-1")
        ecr.create_repository(repositoryName="api")
        calls = 1
        start = time.perf_counter()
        for n, manifest in enumerate(manifests, 1):
            ecr.put_image(repositoryName="api", imageManifest=manifest, imageTag=f"b{n}")
            ecr.put_image(repositoryName="api", imageManifest=manifest, imageTag="latest")
            calls += 2
        wall = time.perf_counter() - start
        count = sum(len(p["imageIds"]) for p in ecr.get_paginator("list_images").paginate(repositoryName="api"))
    out = {"builds": n, "api_calls": calls, "wall_s": wall, "calls_per_s": calls / wall, "image_ids": count,
           "peak_rss_mb": rss_mb()}
    if trace:
        out["peak_python_heap_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    return out


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--days", type=int, default=365)
    p.add_argument("--retention", type=int, default=None, help="enable a retention policy of N days")
    p.add_argument("--skip-moto", action="store_true")
    p.add_argument("--tracemalloc", action="store_true", help="also measure the Python heap (slower)")
    p.add_argument("--profile", action="store_true", help="run the acrlab part under cProfile and print hot spots")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = p.parse_args(argv)
    if args.profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        run_acrlab(args.days, args.retention, False)
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
        return
    results = {"acrlab": run_acrlab(args.days, args.retention, args.tracemalloc)}
    if not args.skip_moto:
        results["moto_ecr"] = run_moto(args.days, args.tracemalloc)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    a = results["acrlab"]
    print(f"acrlab: {a['builds']} builds, {a['commands']} commands through Lab.run in {a['wall_s']:.2f} s "
          f"({a['commands_per_s']:.0f} commands/s, {a['cpu_s']:.2f} s CPU); peak RSS {a['peak_rss_mb']:.0f} MB"
          + (f", Python heap peak {a['peak_python_heap_mb']:.0f} MB" if "peak_python_heap_mb" in a else ""))
    print(f"        registry: {a['manifests']} manifests, {a['tags']} tags, storage {a['storage_bytes'] / 1e9:.2f} GB "
          f"(without layer dedup it would be {a['without_dedup_bytes'] / 1e9:.1f} GB)")
    print(f"        target: < 10 s and < 300 MB -> {'met' if a['wall_s'] < 10 and a['peak_rss_mb'] < 300 else 'MISSED'}")
    if "moto_ecr" in results:
        m = results["moto_ecr"]
        print(f"moto ECR: {m['builds']} builds, {m['api_calls']} put_image calls in {m['wall_s']:.2f} s "
              f"({m['calls_per_s']:.0f} calls/s); {m['image_ids']} image ids; peak RSS {m['peak_rss_mb']:.0f} MB "
              "(process-wide, after the acrlab run)"
              + (f", Python heap peak {m['peak_python_heap_mb']:.0f} MB" if "peak_python_heap_mb" in m else ""))


if __name__ == "__main__":
    main()
