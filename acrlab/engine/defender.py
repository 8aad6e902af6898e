"""Microsoft Defender for Containers: subscription pricing and vulnerability scans of pushed/imported images.

Scans match image layers against a small built-in vulnerability database keyed to the public catalogue's
base images (the same layers the images share), so a finding follows a base image into every image built
on it, and rebuilding on a patched base clears it."""

from __future__ import annotations

from .catalog_data import ALPINE, DEBIAN, DEBIAN_SLIM, NODE20, PY312, RUNTIME_DEPS_8, UBUNTU_2204

PLANS = ["VirtualMachines", "SqlServers", "AppServices", "StorageAccounts", "KeyVaults", "Arm", "Dns",
         "OpenSourceRelationalDatabases", "Containers", "ContainerRegistry", "KubernetesService", "CloudPosture", "Api"]

# layer digest -> findings (CVE id, severity, package, fixed version)
VULNERABILITIES: dict[str, list[dict]] = {}
PATCH_PREFIX = "copa: "
"""A Continuous Patching layer's history line: `copa: <package>=<fixed version> ...`, the packages it upgrades
(engine/continuous_patching_runs.py); a finding whose package that layer brings to its fixed version is gone."""


def _add(layers, findings):
    for f in findings:
        VULNERABILITIES.setdefault(layers[-1].digest, []).append(f)


_add(DEBIAN, [
    {"id": "CVE-2024-45490", "severity": "High", "package": "libexpat1", "installed": "2.5.0-1", "fixed": "2.5.0-1+deb12u1"},
    {"id": "CVE-2023-45853", "severity": "Critical", "package": "zlib1g", "installed": "1:1.2.13.dfsg-1", "fixed": None},
])
_add(DEBIAN_SLIM, [
    {"id": "CVE-2024-2961", "severity": "High", "package": "libc6", "installed": "2.36-9+deb12u4", "fixed": "2.36-9+deb12u7"},
    {"id": "CVE-2023-45853", "severity": "Critical", "package": "zlib1g", "installed": "1:1.2.13.dfsg-1", "fixed": None},
    {"id": "CVE-2024-5535", "severity": "Low", "package": "openssl", "installed": "3.0.11-1~deb12u2", "fixed": "3.0.14-1~deb12u1"},
])
_add(ALPINE, [
    {"id": "CVE-2024-5535", "severity": "Medium", "package": "libssl3", "installed": "3.3.1-r0", "fixed": "3.3.1-r1"},
])
_add(UBUNTU_2204, [
    {"id": "CVE-2024-3596", "severity": "Medium", "package": "libkrb5-3", "installed": "1.19.2-2ubuntu0.3", "fixed": "1.19.2-2ubuntu0.4"},
])
_add(PY312, [
    {"id": "CVE-2024-6232", "severity": "High", "package": "python3.12 (tarfile)", "installed": "3.12.4", "fixed": "3.12.6"},
])
_add(NODE20, [
    {"id": "CVE-2024-27983", "severity": "High", "package": "node", "installed": "20.11.1", "fixed": "20.12.1"},
])
_add(RUNTIME_DEPS_8, [
    {"id": "CVE-2024-38229", "severity": "High", "package": ".NET runtime", "installed": "8.0.7", "fixed": "8.0.10"},
])


def pricing(cloud) -> dict:
    return cloud.state.setdefault("defender_pricing", {})


def set_pricing(cloud, name: str, tier: str, subplan: str | None = None) -> dict:
    p = pricing(cloud)
    p[name] = {"tier": tier, "since": cloud.clock.now(), "subPlan": subplan}
    return p[name]


def enabled(cloud) -> bool:
    p = pricing(cloud)
    return bool(p) and any(p.get(n, {}).get("tier") == "Standard" for n in ("Containers", "ContainerRegistry"))


def scan(content) -> list[dict]:
    found: list[dict] = []
    seen: set[str] = set()
    upgraded = {pkg for layer in content.layers if layer.created_by.startswith(PATCH_PREFIX)
                for pkg in layer.created_by[len(PATCH_PREFIX):].split()}
    for layer in content.layers:
        for f in VULNERABILITIES.get(layer.digest, []):
            if f["id"] not in seen and f"{f['package']}={f['fixed']}" not in upgraded:
                seen.add(f["id"])
                found.append(dict(f))
    return found


def findings(cloud) -> dict:
    """(registry, repository, digest) -> scan record."""
    return cloud.state.setdefault("defender_findings", {})


def _record(cloud, registry, repository, manifest, trigger):
    if not enabled(cloud):
        return
    if registry.public_network_access == "Disabled" and registry.network_rule_bypass_options == "None":
        findings(cloud)[(registry.name, repository, manifest.digest)] = {
            "status": "Unhealthy", "error": "Scan failed: the registry is network-restricted and trusted Microsoft "
            "services are not allowed (enable --allow-trusted-services).", "findings": [],
            "scannedAt": cloud.clock.now(), "trigger": trigger}
        return
    vulns = scan(manifest.content)
    findings(cloud)[(registry.name, repository, manifest.digest)] = {
        "status": "Unhealthy" if vulns else "Healthy", "findings": vulns, "scannedAt": cloud.clock.now(),
        "trigger": trigger}


def install(cloud) -> None:
    cloud.on("push", lambda c, registry, repository, manifest, **_: _record(c, registry, repository, manifest, "push"))
    cloud.on("import", lambda c, registry, repository, manifest, **_: _record(c, registry, repository, manifest,
                                                                                "import"))
