"""Microsoft.ContainerService/managedClusters (PUT, PATCH tags, GET, list, DELETE, POST listClusterUserCredential |
listClusterAdminCredential), as az aks, the Az.Aks cmdlets and templates send them (azure-rest-api-specs
specification/containerservice/resource-manager/Microsoft.ContainerService/aks/stable/.../managedClusters.json).

A PUT of a new cluster needs a location and one agent pool of 1 to 1000 nodes; a pool's vnetSubnetID must name an
existing subnet. What a new cluster creates (node resource group, kubelet identity, the cluster's identity) is made
only once the whole request passed (engine/aks.py). A PUT over an existing cluster keeps where it is and what AKS
made for it and takes the body's tags, node count and version; PATCH changes only the tags. DELETE takes the node
resource group and the identities with it. The credential actions answer ARM's CredentialResults: a kubeconfig
per entry, base64-encoded. Attaching a registry is not a cluster property: az and the cmdlets send a role
assignment request for the kubelet identity after the cluster exists, as azure-cli's ensure_aks_acr does."""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Literal

from pydantic import AliasChoices, Field

from ...aks import (
    KUBERNETES_VERSION,
    MC,
    MC_TYPE,
    ManagedCluster,
    clusters,
    create_cluster,
    delete_cluster,
    find_cluster,
)
from ...errors import ArmError
from ...network import find_subnet
from ..manager import Plan, Provider, register
from ..request import ResourceId
from .registry_body import Body
from .tracked import tracked_location

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...tenant import Principal

DEFAULT_VM_SIZE = "Standard_DS2_v2"


class SshPublicKey(Body):
    key_data: str = ""


class SshConfiguration(Body):
    public_keys: list[SshPublicKey] = Field(default_factory=list)


class LinuxProfile(Body):
    admin_username: str = "azureuser"
    ssh: SshConfiguration = Field(default_factory=SshConfiguration)


class AgentPool(Body):
    name: str = "nodepool1"
    count: int | None = None
    vm_size: str | None = None
    vnet_subnet_id: str | None = Field(default=None, alias="vnetSubnetID")


class AutoUpgradeProfile(Body):
    node_os_upgrade_channel: Literal["NodeImage", "None", "SecurityPatch", "Unmanaged"] | None = Field(
        default=None, validation_alias=AliasChoices("nodeOSUpgradeChannel", "nodeOsUpgradeChannel"))


class ClusterProps(Body):
    auto_upgrade_profile: AutoUpgradeProfile | None = None
    kubernetes_version: str | None = None
    dns_prefix: str | None = None
    agent_pool_profiles: list[AgentPool] = Field(default_factory=list)
    linux_profile: LinuxProfile | None = None


class ClusterBody(Body):
    location: str | None = None
    tags: dict[str, str] | None = None
    properties: ClusterProps = Field(default_factory=ClusterProps)


class ClusterPatch(Body):
    tags: dict[str, str] | None = None


def kubeconfig(cloud: Cloud, c: ManagedCluster, admin: bool) -> str:
    """The kubeconfig AKS hands out: the cluster's API server, a user named after the cluster, a fresh token."""
    name, user = (f"{c.name}-admin" if admin else c.name), f"{'clusterAdmin' if admin else 'clusterUser'}_" \
                                                            f"{c.resource_group}_{c.name}"
    return (f"apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: {cloud.ids.secret(48)}\n"
            f"    server: https://{c.fqdn}:443\n  name: {c.name}\ncontexts:\n- context:\n    cluster: {c.name}\n"
            f"    user: {user}\n  name: {name}\ncurrent-context: {name}\nkind: Config\n"
            f"preferences: {{}}\nusers:\n- name: {user}\n  user:\n    token: {cloud.ids.hex(64)}\n")


def _pool(body: ClusterBody) -> AgentPool:
    pools = body.properties.agent_pool_profiles
    if not pools:
        raise ArmError("AksInvalidParameter", parameter="agentPoolProfiles")
    if pools[0].count is not None and not 1 <= pools[0].count <= 1000:
        raise ArmError("AksInvalidParameter", parameter="agentPoolProfile.count")
    return pools[0]


def _check_subnet(cloud: Cloud, subnet_id: str) -> None:
    if find_subnet(cloud, subnet_id) is None:
        parts = subnet_id.strip("/").split("/")
        after = {parts[i].lower(): parts[i + 1] for i in range(len(parts) - 1)}
        raise ArmError("SubnetNotFound", subnet=after.get("subnets", subnet_id), vnet=after.get("virtualnetworks", ""),
                       resource_group=after.get("resourcegroups", ""), subscription=after.get("subscriptions", ""))


class ClusterProvider(Provider):
    type = MC
    body_model = ClusterBody
    patch_model = ClusterPatch
    actions = {"listClusterUserCredential": "listClusterUserCredential/action",
               "listClusterAdminCredential": "listClusterAdminCredential/action"}

    def find(self, cloud: Cloud, rid: ResourceId) -> ManagedCluster | None:
        return find_cluster(cloud, rid.name, rid.resource_group or "")

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[ManagedCluster]:
        rg = (rid.resource_group or "").lower()
        return sorted((c for c in clusters(cloud).values() if not rg or c.resource_group.lower() == rg),
                      key=lambda c: (c.resource_group.lower(), c.name.lower()))

    def to_arm(self, resource: ManagedCluster) -> dict:
        flat = resource.to_json()
        top = {k: flat.pop(k) for k in ("id", "name", "location", "tags", "identity", "sku") if k in flat}
        flat.pop("resourceGroup", None)
        return {**top, "type": MC_TYPE, "properties": flat}

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: ClusterBody,
            existing: ManagedCluster | None) -> Plan:
        location = tracked_location(MC, body.location, existing)
        pool = _pool(body)
        version = body.properties.kubernetes_version
        tags = dict(body.tags or {})
        upgrade = body.properties.auto_upgrade_profile
        channel = upgrade.node_os_upgrade_channel if upgrade is not None else None
        if existing is not None:

            def update() -> None:
                existing.tags = tags
                existing.node_count = pool.count or existing.node_count
                existing.kubernetes_version = version or existing.kubernetes_version
                existing.node_os_upgrade_channel = channel or existing.node_os_upgrade_channel
            return Plan(resource=existing, commit=update, status=200)
        if pool.vnet_subnet_id:
            _check_subnet(cloud, pool.vnet_subnet_id)
        keys = body.properties.linux_profile.ssh.public_keys if body.properties.linux_profile else []
        group = cloud.group(rid.resource_group or "").name
        plan = Plan(resource=None, status=201)

        def create() -> None:
            plan.resource = create_cluster(
                cloud, group, rid.name, location, pool.count or 3, pool.vm_size or DEFAULT_VM_SIZE,
                pool.vnet_subnet_id or None, keys[0].key_data if keys else "", tags, version or KUBERNETES_VERSION,
                caller.sign_in_name)
            if channel:
                plan.resource.node_os_upgrade_channel = channel
        plan.commit = create
        return plan

    def patch(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: ClusterPatch,
              existing: ManagedCluster) -> Plan:
        tags = dict(body.tags) if body.tags is not None else existing.tags

        def commit() -> None:
            existing.tags = tags
        return Plan(resource=existing, commit=commit)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: ManagedCluster) -> Plan:
        return Plan(resource=existing, commit=lambda: delete_cluster(cloud, existing))

    def post(self, cloud: Cloud, caller: Principal, rid: ResourceId, action: str, body: dict | None,
             existing: ManagedCluster) -> Plan:
        admin = action == "listClusterAdminCredential"
        value = base64.b64encode(kubeconfig(cloud, existing, admin).encode()).decode()
        return Plan(resource=existing, body={"kubeconfigs": [{"name": "clusterAdmin" if admin else "clusterUser",
                                                              "value": value}]})


CLUSTERS = register(ClusterProvider())
