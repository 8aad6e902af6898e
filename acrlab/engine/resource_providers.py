"""Resource provider registration in the subscription (Microsoft.Resources/subscriptions/providers): which
namespaces are registered, and registering or unregistering one (`<namespace>/register/action`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import AzureError

if TYPE_CHECKING:
    from .cloud import Cloud
    from .tenant import Principal

KNOWN = {
    "Microsoft.ContainerRegistry": ["registries", "registries/replications", "registries/webhooks",
                                    "registries/scopeMaps", "registries/tokens", "registries/tasks",
                                    "registries/cacheRules", "registries/credentialSets",
                                    "registries/privateEndpointConnections", "locations", "operations"],
    "Microsoft.ContainerInstance": ["containerGroups", "locations", "operations"],
    "Microsoft.ContainerService": ["managedClusters", "locations", "operations"],
    "Microsoft.KeyVault": ["vaults", "vaults/secrets", "vaults/accessPolicies", "deletedVaults", "operations"],
    "Microsoft.Network": ["virtualNetworks", "privateEndpoints", "networkInterfaces", "privateDnsZones",
                          "networkSecurityGroups", "publicIPAddresses", "operations"],
    "Microsoft.ManagedIdentity": ["userAssignedIdentities", "operations"],
    "Microsoft.Compute": ["virtualMachines", "disks", "operations"],
    "Microsoft.Authorization": ["roleAssignments", "roleDefinitions", "locks", "policyAssignments", "operations"],
    "Microsoft.Resources": ["deployments", "resourceGroups", "subscriptions", "operations"],
    "Microsoft.EventGrid": ["eventSubscriptions", "topics", "systemTopics", "operations"],
    "Microsoft.Insights": ["diagnosticSettings", "metricAlerts", "actionGroups", "operations"],
    "Microsoft.OperationalInsights": ["workspaces", "operations"],
    "Microsoft.Storage": ["storageAccounts", "operations"],
    "Microsoft.Security": ["pricings", "assessments", "operations"],
}
REGISTERED_BY_DEFAULT = {"Microsoft.Authorization", "Microsoft.Resources", "Microsoft.Network", "Microsoft.Compute",
                         "Microsoft.ContainerRegistry", "Microsoft.KeyVault", "Microsoft.ManagedIdentity",
                         "Microsoft.Storage", "Microsoft.ContainerService", "Microsoft.Security"}
"""A subscription starts with these registered; the others register on first `az provider register` (as ARM
registers common providers for a new subscription)."""


def canonical(namespace: str) -> str | None:
    return next((n for n in KNOWN if n.lower() == namespace.lower()), None)


def registrations(cloud: Cloud) -> dict[str, str]:
    return cloud.state.setdefault("provider_registrations", {n: "Registered" for n in REGISTERED_BY_DEFAULT})


def not_found(namespace: str) -> AzureError:
    return AzureError(f"The resource namespace '{namespace}' is invalid.", code="InvalidResourceNamespace")


def set_registration(cloud: Cloud, caller: Principal, namespace: str, registering: bool) -> str:
    """Register or unregister a namespace; returns its canonical name."""
    ns = canonical(namespace)
    if ns is None:
        raise not_found(namespace)
    cloud.require(caller, f"{ns}/{'register' if registering else 'unregister'}/action", cloud.subscription.id)
    registrations(cloud)[ns] = "Registered" if registering else "Unregistered"
    return ns
