"""AKS managed clusters: the model, what a new cluster creates (node resource group, kubelet identity) and where
nodes pull from. Requests about clusters are answered by arm/providers/managed_clusters.py."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from .cloud import Cloud
from .dataplane import Origin
from .network import create_vnet
from .tenant import Principal, ResourceGroup

MC = "Microsoft.ContainerService/managedClusters"
MC_TYPE = "Microsoft.ContainerService/ManagedClusters"
MI = "Microsoft.ManagedIdentity/userAssignedIdentities"
ACR_PULL = "7f951dda-4ed3-4680-a7ca-43fe172d538d"
KUBERNETES_VERSION = "1.32.7"


class ManagedCluster(BaseModel):
    name: str
    resource_group: str
    subscription_id: str
    tenant_id: str = ""
    location: str
    node_resource_group: str
    dns_prefix: str
    fqdn: str
    node_count: int = 3
    vm_size: str = "Standard_DS2_v2"
    kubernetes_version: str = KUBERNETES_VERSION
    principal_id: str
    """The cluster (control plane) system-assigned identity."""
    kubelet_object_id: str
    kubelet_client_id: str
    kubelet_resource_id: str
    subnet_id: str
    outbound_ip: str
    node_prefix: str
    ssh_key: str = ""
    tags: dict[str, str] = Field(default_factory=dict)
    node_os_upgrade_channel: str = "NodeImage"
    """autoUpgradeProfile.nodeOSUpgradeChannel: NodeImage by default for a new cluster since API 2023-06-01
    (MicrosoftDocs/azure-aks-docs articles/aks/auto-upgrade-node-os-image.md)."""
    created: datetime
    created_by: str = ""
    workloads: dict[str, Any] = Field(default_factory=dict)
    """Kubernetes objects, owned by engine.kube (deployments, replicasets, pods, events)."""

    @property
    def id(self) -> str:
        return f"/subscriptions/{self.subscription_id}/resourcegroups/{self.resource_group}/providers/{MC}/{self.name}"

    def nodes(self) -> list[str]:
        return [f"{self.node_prefix}-vmss{i:06d}" for i in range(self.node_count)]

    def origin(self) -> Origin:
        """Image pulls leave the nodes from the node subnet; to the internet through the load balancer's IP."""
        return Origin(kind="vm", ip=self.outbound_ip, subnet_id=self.subnet_id, resource_id=self.id)

    def pool_json(self) -> dict:
        """The cluster's one node pool (an agentPoolProfiles entry; `az aks nodepool show` adds its id and name)."""
        return {
            "availabilityZones": None, "count": self.node_count, "currentOrchestratorVersion": self.kubernetes_version,
            "enableAutoScaling": False, "enableNodePublicIp": False, "kubeletDiskType": "OS", "maxPods": 250,
            "mode": "System", "name": "nodepool1", "nodeImageVersion": "AKSUbuntu-2204gen2containerd-202601.05.0",
            "orchestratorVersion": self.kubernetes_version, "osDiskSizeGb": 128, "osDiskType": "Managed",
            "osSku": "Ubuntu", "osType": "Linux", "powerState": {"code": "Running"},
            "provisioningState": "Succeeded", "type": "VirtualMachineScaleSets", "vmSize": self.vm_size,
            "vnetSubnetId": self.subnet_id if not self.subnet_id.lower().startswith(
                f"/subscriptions/{self.subscription_id}/resourcegroups/{self.node_resource_group}".lower()) else None,
        }

    def to_json(self, cloud: Cloud | None = None) -> dict:
        return {
            "aadProfile": None, "addonProfiles": None, "agentPoolProfiles": [self.pool_json()],
            "autoUpgradeProfile": {"nodeOsUpgradeChannel": self.node_os_upgrade_channel, "upgradeChannel": None},
            "apiServerAccessProfile": None, "azurePortalFqdn": self.fqdn.replace(".hcp.", ".portal.hcp."),
            "currentKubernetesVersion": self.kubernetes_version, "disableLocalAccounts": False,
            "dnsPrefix": self.dns_prefix, "enableRbac": True, "fqdn": self.fqdn, "id": self.id,
            "identity": {"principalId": self.principal_id, "tenantId": self.tenant_id or (cloud.tenant.tenant_id if cloud else None),
                         "type": "SystemAssigned", "userAssignedIdentities": None},
            "identityProfile": {"kubeletidentity": {"clientId": self.kubelet_client_id,
                                                    "objectId": self.kubelet_object_id,
                                                    "resourceId": self.kubelet_resource_id}},
            "kubernetesVersion": self.kubernetes_version,
            "linuxProfile": {"adminUsername": "azureuser", "ssh": {"publicKeys": [{"keyData": self.ssh_key}]}}
            if self.ssh_key else None,
            "location": self.location, "maxAgentPools": 100, "name": self.name,
            "networkProfile": {"dnsServiceIp": "10.0.0.10", "ipFamilies": ["IPv4"], "loadBalancerSku": "standard",
                               "networkPlugin": "azure", "networkPluginMode": "overlay", "outboundType":
                               "loadBalancer", "podCidr": "10.244.0.0/16", "serviceCidr": "10.0.0.0/16"},
            "nodeResourceGroup": self.node_resource_group, "oidcIssuerProfile": {"enabled": False, "issuerUrl": None},
            "privateFqdn": None,
            "powerState": {"code": "Running"}, "provisioningState": "Succeeded", "resourceGroup": self.resource_group,
            "servicePrincipalProfile": {"clientId": "msi"}, "sku": {"name": "Base", "tier": "Free"},
            # ARM returns the type as "Microsoft.ContainerService/ManagedClusters" (learn.microsoft.com AKS samples)
            "supportPlan": "KubernetesOfficial", "tags": self.tags or None, "type": MC_TYPE,
        }


def clusters(cloud: Cloud) -> dict[str, ManagedCluster]:
    return cloud.resources["aks"]


def find_cluster(cloud: Cloud, name: str, resource_group: str | None = None) -> ManagedCluster | None:
    for c in clusters(cloud).values():
        if c.name.lower() == name.lower() and (resource_group is None or c.resource_group.lower() ==
                                               resource_group.lower()):
            return c
    return None


def default_dns_prefix(name: str, resource_group: str, subscription_id: str) -> str:
    """azure-cli acs `_get_default_dns_prefix`: case kept (the fqdn is lower-case), e.g. myAKSClust-myResourceGroup-19da35."""
    name_part = re.sub("[^A-Za-z0-9-]", "", name)[0:10]
    if not name_part[:1].isalpha():
        name_part = ("a" + name_part)[0:10]
    return f"{name_part}-{re.sub('[^A-Za-z0-9-]', '', resource_group)[0:16]}-{subscription_id[0:6]}"


def _digits(*parts: str) -> str:
    return str(int(hashlib.sha256("/".join(parts).encode()).hexdigest(), 16))[:8]


def create_cluster(cloud: Cloud, resource_group: str, name: str, location: str, node_count: int, vm_size: str,
                   subnet_id: str | None, ssh_key: str, tags: dict[str, str], kubernetes_version: str,
                   created_by: str) -> ManagedCluster:
    """Create what AKS creates for a new cluster (the request was validated: arm/providers/managed_clusters.py):
    the node resource group, its vnet unless a subnet was given, the kubelet identity and the cluster's own."""
    sub = cloud.subscription.subscription_id
    cid = f"/subscriptions/{sub}/resourcegroups/{resource_group}/providers/{MC}/{name}"
    node_rg = f"MC_{resource_group}_{name}_{location}"
    if cloud.subscription.find_group(node_rg) is None:
        cloud.subscription.resource_groups[node_rg.lower()] = ResourceGroup(
            name=node_rg, location=location, subscription_id=sub, managed_by=cid)
    if subnet_id is None:
        vnet = create_vnet(cloud, f"aks-vnet-{_digits(cid)}", node_rg, location, ["10.224.0.0/12"],
                           "aks-subnet", "10.224.0.0/16")
        subnet_id = vnet.subnets["aks-subnet"].id
    from .compute import public_ip
    from .identity import create_system_identity, create_user_assigned_identity

    # AKS makes the kubelet identity a user-assigned identity in the node resource group (listed by az identity list)
    kubelet_mi = create_user_assigned_identity(cloud, node_rg, f"{name}-agentpool", location)
    kubelet = cloud.tenant.principals[kubelet_mi.principal_id]
    control = create_system_identity(cloud, cid)
    dns_prefix = default_dns_prefix(name, resource_group, sub)
    c = ManagedCluster(
        name=name, resource_group=resource_group, subscription_id=sub, tenant_id=cloud.tenant.tenant_id,
        location=location, node_resource_group=node_rg, dns_prefix=dns_prefix,
        fqdn=f"{dns_prefix.lower()}-{cloud.ids.hex(8)}.hcp.{location}.azmk8s.io", node_count=node_count,
        vm_size=vm_size, kubernetes_version=kubernetes_version, principal_id=control.object_id,
        kubelet_object_id=kubelet.object_id, kubelet_client_id=kubelet.app_id or "",
        kubelet_resource_id=kubelet_mi.id, subnet_id=subnet_id, outbound_ip=public_ip(cloud),
        node_prefix=f"aks-nodepool1-{_digits(cid, 'pool')}", ssh_key=ssh_key, tags=tags, created=cloud.clock.now(),
        created_by=created_by)
    clusters(cloud)[c.id] = c
    return c


def kubelet_principal(cloud: Cloud, c: ManagedCluster) -> Principal | None:
    return cloud.tenant.principals.get(c.kubelet_object_id)


def delete_cluster(cloud: Cloud, c: ManagedCluster) -> None:
    """The cluster, its identities and their role assignments, and its node resource group with what is in it."""
    for oid in (c.kubelet_object_id, c.principal_id):
        cloud.tenant.principals.pop(oid, None)
    cloud.role_assignments[:] = [a for a in cloud.role_assignments
                                 if a.principal_id not in (c.kubelet_object_id, c.principal_id)]
    node_rg = cloud.subscription.find_group(c.node_resource_group)
    if node_rg is not None:
        prefix = node_rg.id.lower() + "/"
        for kind in list(cloud.resources):
            for rid in [r for r in cloud.resources[kind] if r.lower().startswith(prefix)]:
                del cloud.resources[kind][rid]
        del cloud.subscription.resource_groups[node_rg.name.lower()]
    clusters(cloud).pop(c.id, None)
