"""The PowerShell and Bicep sections of docs/coverage.md (acrlab.coverage renders them after the az and
Az.ContainerRegistry tables): the Az cmdlets the ACR documentation uses, every cmdlet the lab has by module, and
the ARM resource types of the ACR quickstarts and docs with what templates can do with each.

The docs list is data (`acrlab/coverage_data/az_powershell_docs_cmdlets.json`: cmdlet names and the pages that use
them), refreshed by a maintainer with

    python -m acrlab.coverage_pwsh_bicep --extract <azure-management-docs checkout> <azure-aks-docs checkout>

(MicrosoftDocs/azure-management-docs articles/container-registry/**.md and the MicrosoftDocs/azure-aks-docs
articles/aks pages about registries)."""

from __future__ import annotations

import json
import pathlib
import re
import subprocess
import sys

DATA = pathlib.Path(__file__).with_name("coverage_data") / "az_powershell_docs_cmdlets.json"
VERBS = ("Get|New|Set|Remove|Update|Add|Connect|Import|Invoke|Test|Register|Select|Disconnect|Restart|Start|Stop|"
         "Enable|Disable|Grant|Revoke|Export|Move|Unregister|Publish")
CMDLET = re.compile(rf"\b(?:{VERBS})-Az[A-Za-z]+")
AKS_PAGES = re.compile(r"acr|container-registry|registry", re.I)

CR = "Microsoft.ContainerRegistry/registries"
TYPES: list[tuple[str, str]] = [
    (CR, "quickstarts container-registry, geo-replication, policies-and-diagnostics; AKS + ACR"),
    (f"{CR}/replications", "quickstart container-registry-geo-replication"),
    (f"{CR}/webhooks", "docs: webhooks"),
    (f"{CR}/scopeMaps", "docs: repository-scoped tokens"),
    (f"{CR}/tokens", "docs: repository-scoped tokens"),
    (f"{CR}/tasks", "docs: ACR Tasks"),
    (f"{CR}/taskRuns", "docs: ACR Tasks (run a task from a template)"),
    (f"{CR}/cacheRules", "docs: artifact cache"),
    (f"{CR}/credentialSets", "docs: artifact cache"),
    (f"{CR}/privateEndpointConnections", "docs: private endpoints"),
    (f"{CR}/agentPools", "docs: dedicated agent pools"),
    ("Microsoft.ContainerService/managedClusters", "quickstart aks; AKS + ACR"),
    ("Microsoft.Authorization/roleAssignments", "AKS + ACR (AcrPull on the kubelet identity); docs"),
    ("Microsoft.Authorization/roleDefinitions", "docs: custom roles"),
    ("Microsoft.Authorization/locks", "quickstart container-registry-with-policies-and-diagnostics"),
    ("Microsoft.Insights/diagnosticSettings", "quickstart container-registry-with-policies-and-diagnostics"),
    ("Microsoft.Network/virtualNetworks", "docs: private endpoints"),
    ("Microsoft.Network/virtualNetworks/subnets", "docs: private endpoints"),
    ("Microsoft.Network/privateEndpoints", "docs: private endpoints"),
    ("Microsoft.Network/privateEndpoints/privateDnsZoneGroups", "docs: private endpoints"),
    ("Microsoft.Network/privateDnsZones", "docs: private endpoints"),
    ("Microsoft.Network/privateDnsZones/virtualNetworkLinks", "docs: private endpoints"),
    ("Microsoft.Network/privateDnsZones/A", "docs: private endpoints"),
    ("Microsoft.ManagedIdentity/userAssignedIdentities", "docs: managed identities, customer-managed keys"),
    ("Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials", "docs: GitHub OIDC"),
    ("Microsoft.KeyVault/vaults", "docs: customer-managed keys"),
    ("Microsoft.KeyVault/vaults/keys", "docs: customer-managed keys"),
    ("Microsoft.KeyVault/vaults/secrets", "docs: artifact cache credentials"),
    ("Microsoft.Resources/deployments", "Bicep modules (nested deployments)"),
    ("Microsoft.Resources/resourceGroups", "subscription-scope templates"),
    ("Microsoft.Compute/virtualMachines", "docs: managed identity from a VM"),
    ("Microsoft.ContainerInstance/containerGroups", "docs: deploy to ACI from ACR"),
]
"""The resource types the ACR quickstarts (Azure/azure-quickstart-templates quickstarts/microsoft.containerregistry/*,
quickstarts/microsoft.kubernetes/aks) and docs deploy, with where."""


def _git(repo: pathlib.Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def extract(mgmt_docs: pathlib.Path, aks_docs: pathlib.Path) -> dict:
    pages: dict[str, set] = {}
    sources = []
    for repo, name, folder, prefix in [(mgmt_docs, "MicrosoftDocs/azure-management-docs", "articles/container-registry/",
                                        ""), (aks_docs, "MicrosoftDocs/azure-aks-docs", "articles/aks/", "aks:")]:
        sources.append({"repository": name, "folder": folder,
                        "revision": _git(repo, "log", "-1", "--format=%H %cs").strip()})
        for f in _git(repo, "ls-tree", "-r", "--name-only", "HEAD", folder).split():
            base = f.rsplit("/", 1)[-1]
            if not f.endswith(".md") or (prefix and not AKS_PAGES.search(base)):
                continue
            for cmd in set(CMDLET.findall(_git(repo, "show", f"HEAD:{f}"))):
                pages.setdefault(cmd, set()).add(prefix + f.removeprefix(folder).removesuffix(".md"))
    return {"sources": sources,
            "cmdlets": [{"name": n, "pages": sorted(p)} for n, p in sorted(pages.items(), key=lambda x: x[0].lower())]}


def _cmdlets() -> dict:
    from .shell.pwsh.cmdlets import load_all

    return {c.name.lower(): c for c in load_all().values()}


def _type_state(t: str) -> tuple[str, str, str]:
    """(PUT from a template, `existing` read, delete (Complete mode, Remove-AzResource)) for one resource type."""
    import acrlab.engine.arm.providers  # noqa: F401  (registers the resource manager's providers)

    from .engine.arm.manager import Provider, provider_for
    from .iac import providers

    served = provider_for(t)
    if served is not None:
        def has(verb: str) -> bool:
            return getattr(type(served), verb) is not getattr(Provider, verb)
        return ("yes (resource manager)" if has("put") else "no (read only)", "yes", "yes" if has("delete") else "no")
    if t == "Microsoft.Resources/deployments":
        return "yes (nested, inner and outer scope)", "yes", "no"
    h = providers.HANDLERS.get(t.lower())
    if h is None:
        return "no", "no", "no"
    put = "yes" if t in providers.DEPLOYABLE else "no (read only)"
    return put, "yes", "yes" if h.delete is not None else "no"


def lines() -> list[str]:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    lab = _cmdlets()
    docs = data["cmdlets"]
    have = sum(c["name"].lower() in lab for c in docs)
    src = "; ".join(f"{s['repository']} {s['folder']} (revision {s['revision']})" for s in data["sources"])
    out = ["", "## Az PowerShell cmdlets the ACR documentation uses", "",
           f"{have} of {len(docs)} cmdlets that the Container Registry articles (and the AKS articles about "
           f"registries) show run in the lab. Source: {src}; extracted by "
           "`python -m acrlab.coverage_pwsh_bicep --extract`.", "",
           "| Cmdlet | Module | Lab | Pages |", "|---|---|---|---|"]
    for c in docs:
        cmd = lab.get(c["name"].lower())
        where = f"yes (`{cmd.fn.__module__.replace('.', '/')}.py`)" if cmd else "no"
        pages = ", ".join(f"`{p}`" for p in c["pages"][:4]) + (f" (+{len(c['pages']) - 4})" if len(c["pages"]) > 4
                                                               else "")
        out.append(f"| `{c['name']}` | {cmd.module if cmd else ''} | {where} | {pages} |")
    by_module: dict[str, list[str]] = {}
    for key, c in lab.items():
        if key == c.name.lower() and c.module.startswith("Az."):
            by_module.setdefault(c.module, []).append(c.name)
    out += ["", "## Az cmdlets in the lab, by module", "",
            "Every Az cmdlet the lab's PowerShell runs (help: `Get-Help <cmdlet> -Full`; the Az.ContainerRegistry "
            "rows above compare its parameters with the module's). Cmdlets not listed fail with PowerShell's "
            "'not recognized as a name of a cmdlet' error.", "", "| Module | Cmdlets |", "|---|---|"]
    for module in sorted(by_module):
        out.append(f"| {module} | {', '.join(f'`{n}`' for n in sorted(by_module[module]))} |")
    out += ["", "## Bicep and ARM resource types", "",
            "The resource types the ACR quickstart templates and documentation deploy, and what a template can do "
            "with each in the lab: *Deploy* (PUT, from `az deployment group create`, `New-AzResourceGroupDeployment` "
            "or `New-AzResource`), *Existing* (`existing` resources and `reference()`), *Delete* (Complete mode, "
            "`Remove-AzResource`, `az resource delete`). A type marked no fails the deployment with "
            "NoRegisteredProviderFound or the lab's 'not modelled' error, never silently.", "",
            "| Resource type | Deploy | Existing | Delete | Used by |", "|---|---|---|---|---|"]
    for t, used in TYPES:
        put, read, delete = _type_state(t)
        out.append(f"| `{t}` | {put} | {read} | {delete} | {used} |")
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) == 3 and argv[0] == "--extract":
        DATA.write_text(json.dumps(extract(pathlib.Path(argv[1]), pathlib.Path(argv[2])), indent=1) + "\n",
                        encoding="utf-8")
        return 0
    print("usage: python -m acrlab.coverage_pwsh_bicep --extract <azure-management-docs> <azure-aks-docs>",
          file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
