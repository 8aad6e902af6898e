"""One module per resource type. A module registers its providers with the manager when it is imported; the manager
imports the module of a type the first time a request names it (`MODULES`), so `az acr create` does not import the
providers of clusters, identities or peerings (issue 19's start-up). `load_all()` imports every module (a type not in
the table, coverage); tests/test_lazy_tables.py checks the table against what every module registers."""

from __future__ import annotations

import importlib

_CR = "microsoft.containerregistry/registries"
MODULES: dict[str, str] = {
    "microsoft.authorization/locks": "locks",
    "microsoft.authorization/policyassignments": "policy_assignments",
    "microsoft.authorization/roleassignments": "role_assignments",
    "microsoft.authorization/roledefinitions": "role_definitions",
    "microsoft.containerinstance/containergroups": "container_groups",
    _CR: "registries",
    f"{_CR}/agentpools": "agent_pools",
    f"{_CR}/cacherules": "artifact_cache",
    f"{_CR}/connectedregistries": "connected_registries",
    f"{_CR}/credentialsets": "artifact_cache",
    f"{_CR}/exportpipelines": "pipelines",
    f"{_CR}/importpipelines": "pipelines",
    f"{_CR}/pipelineruns": "pipelines",
    f"{_CR}/privateendpointconnections": "private_endpoint_connections",
    f"{_CR}/replications": "replications",
    f"{_CR}/runs": "runs",
    f"{_CR}/scopemaps": "tokens",
    f"{_CR}/taskruns": "task_runs",
    f"{_CR}/tasks": "tasks",
    f"{_CR}/tokens": "tokens",
    f"{_CR}/webhooks": "webhooks",
    "microsoft.codesigning/codesigningaccounts": "codesigning",
    "microsoft.codesigning/codesigningaccounts/certificateprofiles": "codesigning",
    "microsoft.compute/sshpublickeys": "ssh_public_keys",
    "microsoft.compute/virtualmachines": "virtual_machines",
    "microsoft.containerservice/managedclusters": "managed_clusters",
    "microsoft.eventgrid/eventsubscriptions": "event_subscriptions",
    "microsoft.insights/diagnosticsettings": "diagnostic_settings",
    "microsoft.keyvault/vaults": "vaults",
    "microsoft.managedidentity/userassignedidentities": "managed_identities",
    "microsoft.managedidentity/userassignedidentities/federatedidentitycredentials": "managed_identities",
    "microsoft.network/networkinterfaces": "network_interfaces",
    "microsoft.operationalinsights/workspaces": "log_analytics_workspaces",
    "microsoft.network/privatednszones": "private_dns_zones",
    "microsoft.network/privatednszones/a": "private_dns_records",
    "microsoft.network/privatednszones/virtualnetworklinks": "private_dns_records",
    "microsoft.network/privateendpoints": "private_endpoints",
    "microsoft.network/privateendpoints/privatednszonegroups": "private_dns_zone_groups",
    "microsoft.network/publicipaddresses": "public_ip_addresses",
    "microsoft.network/virtualnetworks": "virtual_networks",
    "microsoft.network/virtualnetworks/subnets": "virtual_networks",
    "microsoft.network/virtualnetworks/virtualnetworkpeerings": "vnet_peerings",
    "microsoft.resources/resourcegroups": "resource_groups",
    "microsoft.security/pricings": "security_pricings",
    "microsoft.storage/storageaccounts": "storage_accounts",
    "microsoft.storage/storageaccounts/blobservices": "storage_accounts",
    "microsoft.storage/storageaccounts/blobservices/containers": "storage_accounts",
    "microsoft.web/serverfarms": "app_service",
    "microsoft.web/sites": "app_service",
    "microsoft.web/sites/sourcecontrols": "app_service",
}
"""Resource type (lower case) -> the module (in this package) that registers its provider."""


def load(type_: str) -> bool:
    """Import the module registering `type_`'s provider; False when the table does not name the type."""
    module = MODULES.get(type_.lower())
    if module is None:
        return False
    importlib.import_module(f"{__name__}.{module}")
    return True


_all_loaded: list[bool] = []


def load_all() -> None:
    """Import every provider module of this package (once)."""
    if _all_loaded:
        return
    import pkgutil  # only here: one request's path (az group create) does not import it (issue 19)

    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
    _all_loaded.append(True)
