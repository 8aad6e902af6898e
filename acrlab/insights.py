"""Figures computed by the engine for the notebooks and the app: storage growth, cost by SKU, dedup, egress."""

from __future__ import annotations

from .engine import cost as cost_model
from .engine.artifacts import ImageContent, Layer
from .engine.catalog import content_for
from .engine.catalog_data import ASPNET_8
from .engine.dataplane import Credential, Origin
from .engine.ids import sha256_digest
from .engine.images import push_image
from .engine.sku import GiB
from .lab import Lab

MiB = 1024 * 1024


def _ci_registry(lab: Lab, name: str, sku: str = "Premium", location: str = "eastus"):
    lab.run(f"az group create -n rg-insights -l {location} -o none\n"
            f"az acr create -n {name} -g rg-insights --sku {sku} --admin-enabled true -o none")
    reg = lab.cloud.find_registry(name)
    cred = Credential(kind="admin", registry=name, password_name="password",
                      secret=reg.admin_passwords["password"])
    return reg, cred


def _app_build(n: int, base: list[Layer], app_mb: int) -> ImageContent:
    app = Layer(digest=sha256_digest(f"insights-build:{n}".encode()), size=app_mb * MiB, created_by="COPY . /app")
    return ImageContent(config_digest=sha256_digest(f"insights-config:{n}".encode()), config_size=2_000,
                        layers=list(base) + [app])


def storage_growth(days: int = 365, builds_per_day: int = 20, retention_days: int | None = None,
                   app_mb: int = 40, sample_every: int = 7) -> list[tuple[int, float]]:
    """A CI pipeline pushing `builds_per_day` builds of one service (moving `latest` tag) for `days` days.

    Returns (day, GiB stored) samples. With `retention_days`, the registry's retention policy for untagged
    manifests is on (Premium), so superseded builds disappear `retention_days` after losing their tag."""
    lab = Lab(seed=0)
    reg, cred = _ci_registry(lab, "insightsci")
    if retention_days is not None:
        r = lab.run(f"az acr config retention update -r insightsci --status enabled --days {retention_days} "
                    "--type UntaggedManifests -o none")
        if r.exit_code:
            raise RuntimeError(r.stderr)
    base = content_for(ASPNET_8, "mcr.microsoft.com/dotnet/aspnet:8.0").layers
    samples = [(0, 0.0)]
    n = 0
    step = 24 * 60 // builds_per_day
    for day in range(1, days + 1):
        for _ in range(builds_per_day):
            n += 1
            push_image(lab.cloud, reg, cred, "api", "latest", _app_build(n, base, app_mb), Origin())
            lab.advance(f"{step}m")
        lab.advance(f"{24 * 60 - step * builds_per_day}m")
        if day % sample_every == 0 or day == days:
            samples.append((day, reg.store.storage_bytes() / GiB))
    return samples


def dedup_savings(services: int = 8, app_mb: int = 25) -> dict:
    """Services built on one base image in one registry: sum of image sizes vs. bytes actually stored."""
    lab = Lab(seed=0)
    reg, cred = _ci_registry(lab, "insightsdedup", "Standard")
    base = content_for(ASPNET_8, "mcr.microsoft.com/dotnet/aspnet:8.0").layers
    logical = 0
    points = []
    for i in range(1, services + 1):
        img = _app_build(i, base, app_mb)
        push_image(lab.cloud, reg, cred, f"service{i}", "v1", img, Origin())
        logical += img.size
        points.append((i, logical / GiB, reg.store.storage_bytes() / GiB))
    return {"points": points, "logical_gib": logical / GiB, "stored_gib": reg.store.storage_bytes() / GiB}


def monthly_cost_by_sku(storage_gib: list[float] = (5, 50, 150, 600)) -> dict[str, list[float]]:
    """Estimated monthly USD per SKU for registries holding each amount of storage (engine price model)."""
    out: dict[str, list[float]] = {}
    for sku in ("Basic", "Standard", "Premium"):
        row = []
        for gib in storage_gib:
            lab = Lab(seed=0)
            reg, cred = _ci_registry(lab, f"cost{sku.lower()}", sku)
            big = ImageContent(config_digest=sha256_digest(b"cost-config"), config_size=1_000,
                               layers=[Layer(digest=sha256_digest(f"cost:{gib}".encode()), size=int(gib * GiB))])
            push_image(lab.cloud, reg, cred, "data", "v1", big, Origin())
            row.append(cost_model.estimate(lab.cloud, reg)["totalUsd"])
        out[sku] = row
    return out


def egress_with_without_replica(days: int = 30, pulls_per_day: int = 40) -> dict:
    """A registry in brazilsouth serves VMs in eastus that pull the same 300 MB image `pulls_per_day` times a day.

    Without a replica every pull crosses regions (billed egress); with an eastus replica (Premium) the pulls
    are served in-region. Returns cumulative GiB of billed egress per day for both, and the cost estimates."""
    out: dict = {}
    for label, replica in (("without replica", False), ("with eastus replica", True)):
        lab = Lab(seed=0)
        reg, cred = _ci_registry(lab, "insightsgeo", "Premium", "brazilsouth")
        lab.run("az group create -n rg-east -l eastus -o none\n"
                "az vm create -n vm-east -g rg-east --image Ubuntu2204 --generate-ssh-keys -o none")
        if replica:
            r = lab.run("az acr replication create -r insightsgeo -l eastus -o none")
            if r.exit_code:
                raise RuntimeError(r.stderr)
        vm_id = next(iter(lab.cloud.resources["vms"]))
        base = content_for(ASPNET_8, "mcr.microsoft.com/dotnet/aspnet:8.0").layers
        image = _app_build(1, base, 220)
        push_image(lab.cloud, reg, cred, "api", "v1", image, Origin())
        origin = Origin(kind="vm", resource_id=vm_id)
        from .engine.images import pull_image
        from .engine.replication import egress_summary

        series = [(0, 0.0)]
        for day in range(1, days + 1):
            for _ in range(pulls_per_day):
                pull_image(lab.cloud, reg, cred, "api", "v1", origin)
            lab.advance("1d")
            s = egress_summary(reg)
            series.append((day, (s["inter-region"] + s["internet"]) / GiB))
        out[label] = {"series": series, "estimate": cost_model.estimate(lab.cloud, reg)}
    return out
