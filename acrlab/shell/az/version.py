"""The az the lab simulates: one version number for `az --version`, `az version`, `az upgrade` and
`az acr check-health`. 2.90.0 is the newest release seen in azure-cli's own recordings
(test_acr_create_with_data_endpoint.yaml, 2026-09: User-Agent AZURECLI/2.90.0); the docs pages ask for 2.85.0 or
later (container-registry docs, e.g. the artifact cache pages)."""

from __future__ import annotations

AZ_CLI_VERSION = "2.90.0"
TELEMETRY_VERSION = "1.1.0"


def version_json() -> dict:
    """`az version` (azure-cli core `show_version`)."""
    return {"azure-cli": AZ_CLI_VERSION, "azure-cli-core": AZ_CLI_VERSION, "azure-cli-telemetry": TELEMETRY_VERSION,
            "extensions": {}}


def version_text() -> str:
    """`az --version`: the component table, where az lives, Python, the legal line and the update check."""
    rows = [("azure-cli", AZ_CLI_VERSION), None, ("core", AZ_CLI_VERSION), ("telemetry", TELEMETRY_VERSION), None,
            "Dependencies:", ("msal", "1.34.0b1"), ("azure-mgmt-resource", "23.3.0")]
    out = []
    for r in rows:
        if r is None:
            out.append("")
        elif isinstance(r, str):
            out.append(r)
        else:
            out.append(f"{r[0]:<34}{r[1]:>7}".rstrip())
    out += ["", "Python location '/usr/bin/python3.12'", "Config directory '/home/learner/.azure'",
            "Extensions directory '/home/learner/.azure/cliextensions'", "",
            "Python (Linux) 3.12.3 (main, Feb  4 2025, 14:48:35) [GCC 13.3.0]", "",
            "Legal docs and information: aka.ms/AzureCliLegal", "", "", "Your CLI is up-to-date."]
    return "\n".join(out) + "\n"
