"""Attaching a registry to an AKS cluster, as the clients do it (azure-cli acs/_roleassignments.py ensure_aks_acr;
Az.Aks -AcrNameToAttach/-AcrNameToDetach): find the registry with a read request, then AcrPull for the cluster's
kubelet identity is a role-assignment request at the registry's scope (detach: list, then delete). The resource
manager authorizes each request; az and the cmdlets wrap a refusal in their own text."""

from __future__ import annotations

from ..engine.aks import ACR_PULL, ManagedCluster
from ..engine.arm import send
from ..engine.cloud import Cloud
from ..engine.errors import ArmError
from ..engine.rbac import RA_TYPE
from ..engine.registry import Registry
from ..engine.roles import ROLE_DEF
from ..engine.tenant import Principal

CR = "Microsoft.ContainerRegistry/registries"


def registry_named(cloud: Cloud, caller: Principal, name: str) -> Registry | None:
    """The registry of that name among those the caller may read in the subscription (a list request)."""
    listed = send(cloud, caller, "GET", f"{cloud.subscription.id}/providers/{CR}").resources
    return next((r for r in listed if r.name.lower() == name.lower()), None)


def registry_at(cloud: Cloud, caller: Principal, resource_id: str) -> Registry:
    """A registry named by its resource id: a GET (ARM's not-found error when it is not there)."""
    return send(cloud, caller, "GET", resource_id.rstrip("/")).resource


def attach(cloud: Cloud, caller: Principal, cluster: ManagedCluster, registry: Registry) -> None:
    """PUT an AcrPull assignment for the kubelet identity; one that already exists is success, as for az."""
    body = {"properties": {
        "roleDefinitionId": f"/subscriptions/{cloud.subscription.subscription_id}/providers/{ROLE_DEF}/{ACR_PULL}",
        "principalId": cluster.kubelet_object_id, "principalType": "ServicePrincipal"}}
    try:
        send(cloud, caller, "PUT", f"{registry.id}/providers/{RA_TYPE}/{cloud.ids.guid()}", body)
    except ArmError as e:
        if e.key != "RoleAssignmentExists":
            raise


def detach(cloud: Cloud, caller: Principal, cluster: ManagedCluster, registry: Registry) -> None:
    """Delete the kubelet identity's AcrPull assignments at the registry; finding none is not an error."""
    listed = send(cloud, caller, "GET", f"{registry.id}/providers/{RA_TYPE}",
                  filter=f"principalId eq '{cluster.kubelet_object_id}'").resources
    for ra in listed:
        if ra.role_guid == ACR_PULL and ra.scope.lower() == registry.id.lower():
            send(cloud, caller, "DELETE", ra.id)
