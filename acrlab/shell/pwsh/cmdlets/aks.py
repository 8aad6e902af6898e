"""Az.Aks: Get-/New-/Set-/Remove-AzAksCluster and Import-AzAksCredential on engine.aks (PSKubernetesCluster)."""

from __future__ import annotations

import base64

from ....engine import aks
from ....engine.arm import send
from ....engine.arm.providers.managed_clusters import CLUSTERS
from ....engine.errors import AzureError
from ... import aks_registry
from ..values import Hashtable, PSError, PSObject, to_str
from .base import Param, cmdlet
from .containerregistry import engine_call

MOD = "Az.Aks"
M = "Microsoft.Azure.Commands.Aks.Models"
PROFILE = Param("DefaultProfile", "psobject", "The credentials, account, tenant, and subscription used for "
                "communication with Azure.", aliases=("AzContext", "AzureRmContext", "AzureCredential"))
SUB = Param("SubscriptionId", "string", "The ID of the subscription.")
GROUP = "GroupNameParameterSet"
INPUT = "InputObjectParameterSet"
ID = "IdParameterSet"
TARGET = [
    Param("ResourceGroupName", "string", "Resource group name", position=0, sets=(GROUP,), mandatory=True),
    Param("Name", "string", "Name of your managed Kubernetes cluster", position=1, sets=(GROUP,), mandatory=True),
    Param("InputObject", "object", "A PSKubernetesCluster object, normally passed through the pipeline.",
          sets=(INPUT,), mandatory=True, pipeline=True, dotnet_type=f"{M}.PSKubernetesCluster"),
    Param("Id", "string", "Id of a managed Kubernetes cluster", aliases=("ResourceId",), position=0, sets=(ID,),
          mandatory=True),
]
PROMPT_FAIL = ("A command that prompts the user failed because the host program or the command type does not "
               "support user interaction. The host was attempting to request confirmation with the following "
               "message: {0}")


def cluster_obj(cloud, c: aks.ManagedCluster) -> PSObject:
    """PSKubernetesCluster as Format-List shows it (Az.Aks has no table view for it)."""
    pool = PSObject(f"{M}.PSContainerServiceAgentPoolProfile", {
        "Name": "nodepool1", "Count": c.node_count, "VmSize": c.vm_size, "OsDiskSizeGB": 128,
        "VnetSubnetID": c.subnet_id, "MaxPods": 250, "OsType": "Linux", "MaxCount": None, "MinCount": None,
        "EnableAutoScaling": False, "Type": "VirtualMachineScaleSets", "Mode": "System",
        "OrchestratorVersion": c.kubernetes_version, "ProvisioningState": "Succeeded",
        "PowerState": PSObject(f"{M}.PSPowerState", {"Code": "Running"})})
    kubelet = PSObject(f"{M}.PSManagedClusterPropertiesIdentityProfile", {
        "ResourceId": c.kubelet_resource_id, "ClientId": c.kubelet_client_id, "ObjectId": c.kubelet_object_id})
    identity = PSObject(f"{M}.PSManagedClusterIdentity", {
        "PrincipalId": c.principal_id, "TenantId": cloud.tenant.tenant_id, "Type": "SystemAssigned",
        "UserAssignedIdentities": None})
    linux = PSObject(f"{M}.PSContainerServiceLinuxProfile", {
        "AdminUsername": "azureuser", "Ssh": PSObject(f"{M}.PSContainerServiceSshConfiguration", {
            "PublicKeys": [PSObject(f"{M}.PSContainerServiceSshPublicKey", {"KeyData": c.ssh_key})]})}) \
        if c.ssh_key else None
    network = PSObject(f"{M}.PSContainerServiceNetworkProfile", {
        "NetworkPlugin": "azure", "NetworkPluginMode": "overlay", "PodCidr": "10.244.0.0/16",
        "ServiceCidr": "10.0.0.0/16", "DnsServiceIP": "10.0.0.10", "OutboundType": "loadBalancer",
        "LoadBalancerSku": "standard"})
    return PSObject(f"{M}.PSKubernetesCluster", {
        "ProvisioningState": "Succeeded", "MaxAgentPools": 100, "KubernetesVersion": c.kubernetes_version,
        "CurrentKubernetesVersion": c.kubernetes_version, "DnsPrefix": c.dns_prefix, "FqdnSubdomain": None,
        "Fqdn": c.fqdn, "PrivateFQDN": None, "AzurePortalFQDN": c.fqdn.replace(".hcp.", ".portal.hcp."),
        "AgentPoolProfiles": [pool], "WindowsProfile": None, "AddonProfiles": Hashtable(),
        "NodeResourceGroup": c.node_resource_group, "EnableRBAC": True, "EnablePodSecurityPolicy": None,
        "NetworkProfile": network, "AadProfile": None, "ApiServerAccessProfile": None,
        "IdentityProfile": Hashtable(kubeletidentity=kubelet), "LinuxProfile": linux,
        "ServicePrincipalProfile": PSObject(f"{M}.PSContainerServiceServicePrincipalProfile", {"ClientId": "msi"}),
        "Identity": identity, "Sku": PSObject(f"{M}.PSManagedClusterSKU", {"Name": "Base", "Tier": "Free"}),
        "PowerState": PSObject(f"{M}.PSPowerState", {"Code": "Running"}),
        "ResourceGroupName": c.resource_group, "Id": c.id, "Name": c.name, "Type": aks.MC_TYPE,
        "Location": c.location, "Tags": Hashtable(c.tags),
    }, view="list", to_string=f"{M}.PSKubernetesCluster")


def _split_id(rid: str) -> tuple[str, str]:
    parts = rid.strip("/").split("/")
    if len(parts) < 8 or parts[2].lower() != "resourcegroups":
        raise PSError(f"Invalid resource id '{rid}'.")
    return parts[3], parts[-1]


def target(ctx, a) -> aks.ManagedCluster:
    if a.set_name == INPUT:
        obj = a.InputObject
        if not isinstance(obj, PSObject) or not obj.has("Id"):
            raise PSError("Cannot bind parameter 'InputObject'. Cannot convert the value to type "
                          f"\"{M}.PSKubernetesCluster\".")
        rg, name = _split_id(to_str(obj.get("Id")))
    elif a.set_name == ID:
        rg, name = _split_id(a.Id)
    else:
        rg, name = a.ResourceGroupName, a.Name
    return _get(ctx, rg, name)


def _cluster_id(ctx, rg: str, name: str) -> str:
    return f"{ctx.subscription.id}/resourcegroups/{rg}/providers/{aks.MC}/{name}"


def _send(ctx, method: str, rid: str, body: dict | None = None, action: str | None = None):
    return engine_call(send, ctx.cloud, ctx.principal, method, rid, body, action=action)


def _get(ctx, rg: str, name: str) -> aks.ManagedCluster:
    return _send(ctx, "GET", _cluster_id(ctx, rg, name)).resource


def confirm(ctx, a, message: str) -> bool:
    """ShouldContinue: -Force skips it; a person at the lab terminal answers; a script without one fails."""
    if a.Force:
        return True
    ask = ctx.sh.state.get("ask") if ctx.sh.interactive else None
    if not callable(ask):
        raise PSError(PROMPT_FAIL.format(message))
    answer = ask(f"\nConfirm\n{message}\n[Y] Yes  [N] No  [S] Suspend  [?] Help (default is \"Y\"): ")
    return answer is not None and answer.strip().lower() in ("", "y", "yes")


def registry_for_acr(ctx, name: str, param: str):
    """Az.Aks looks the registry up by name across the subscription (resourceType and name filter)."""
    reg = engine_call(aks_registry.registry_named, ctx.cloud, ctx.principal, name)
    if reg is None:
        raise PSError(f"Could not find specified Acr {name}.")
    return reg


def ssh_key(ctx, a) -> str:
    if a.SshKeyValue:
        text = a.SshKeyValue if a.SshKeyValue.startswith("ssh-") else ctx.sh.read_file(a.SshKeyValue)
        if not text:
            raise PSError(f"Could not find SSH public key in {a.SshKeyValue}.")
        return text.strip()
    pub = ctx.sh.read_file("~/.ssh/id_rsa.pub")
    if pub:
        return pub.strip()
    if not a.GenerateSshKey:
        raise PSError("Could not find SSH public key in /home/learner/.ssh/id_rsa.pub. Please run with "
                      "-GenerateSshKey.")
    pub = f"ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ{ctx.cloud.ids.secret(372)} learner@workstation"
    ctx.sh.write_file("~/.ssh/id_rsa", "-----BEGIN OPENSSH PRIVATE KEY-----\n" + ctx.cloud.ids.secret(64) +
                      "\n-----END OPENSSH PRIVATE KEY-----\n")
    ctx.sh.write_file("~/.ssh/id_rsa.pub", pub + "\n")
    return pub


@cmdlet("Get-AzAksCluster", [
    Param("ResourceGroupName", "string", "Resource group name", position=0, sets=("ListParameterSet", "NameParameterSet"),
          mandatory=("NameParameterSet",)),
    Param("Name", "string", "Name of your managed Kubernetes cluster", position=1, sets=("NameParameterSet",),
          mandatory=True),
    Param("Id", "string", "Id of a managed Kubernetes cluster", aliases=("ResourceId",), position=0,
          sets=("IdParameterSet",), mandatory=True, by_property=True),
    SUB, PROFILE,
], "List Kubernetes managed clusters.", module=MOD, sets=["ListParameterSet", "NameParameterSet", "IdParameterSet"],
    default_set="ListParameterSet", outputs=f"{M}.PSKubernetesCluster",
    examples=[("Get an AKS cluster", "Get-AzAksCluster -ResourceGroupName group -Name myCluster"),
              ("The kubelet identity's object id",
               "(Get-AzAksCluster -ResourceGroupName group -Name myCluster).IdentityProfile.kubeletidentity.ObjectId")])
def get_cluster(ctx, a, items):
    cloud = ctx.cloud
    if a.set_name == "NameParameterSet":
        return cluster_obj(cloud, _get(ctx, a.ResourceGroupName, a.Name))
    if a.set_name == "IdParameterSet":
        return cluster_obj(cloud, _get(ctx, *_split_id(a.Id)))
    ctx.require_login()
    where = f"{ctx.subscription.id}/resourcegroups/{a.ResourceGroupName}" if a.ResourceGroupName \
        else ctx.subscription.id
    listed = _send(ctx, "GET", f"{where}/providers/{aks.MC}").resources
    return [cluster_obj(cloud, c) for c in sorted(listed, key=lambda c: c.name.lower())]


@cmdlet("New-AzAksCluster", [
    Param("ResourceGroupName", "string", "Resource group name", position=0, mandatory=True),
    Param("Name", "string", "Name of your managed Kubernetes cluster", position=1, mandatory=True),
    Param("Location", "string", "Azure location for the cluster. Defaults to the location of the resource group."),
    Param("NodeCount", "int", "The default number of nodes for the node pools."),
    Param("NodeVmSize", "string", "The size of the Virtual Machine. Default value is Standard_D2_v2."),
    Param("NodeName", "string", "Unique name of the agent pool profile in the context of the subscription and "
          "resource group."),
    Param("KubernetesVersion", "string", "The version of Kubernetes to use for creating the cluster."),
    Param("DnsNamePrefix", "string", "The DNS name prefix for the cluster."),
    Param("GenerateSshKey", "switch", "Generate ssh key file to folder {HOME}/.ssh/ using pre-installed "
          "ssh-keygen."),
    Param("SshKeyValue", "string", "SSH key file value or key file path. Defaults to {HOME}/.ssh/id_rsa.pub."),
    Param("AcrNameToAttach", "string", "Grant the 'acrpull' role of the specified ACR to AKS Service Principal, "
          "e.g. myacr"),
    Param("NodeVnetSubnetID", "string", "VNet SubnetID specifies the VNet's subnet identifier."),
    Param("EnableManagedIdentity", "switch", "Using a managed identity to manage cluster resource group."),
    Param("Tag", "hashtable", "Tags to be applied to the resource"),
    Param("Force", "switch", "Create cluster even if it already exists"),
    Param("AsJob", "switch", "Run cmdlet in the background"), SUB, PROFILE,
], "Create a new managed Kubernetes cluster.", module=MOD, should_process=True,
    outputs=f"{M}.PSKubernetesCluster",
    examples=[("New an AKS with default params.", "New-AzAksCluster -ResourceGroupName myResourceGroup -Name "
                                                  "myCluster -NodeCount 1 -GenerateSshKey"),
              ("Create a cluster attached to a registry", "New-AzAksCluster -ResourceGroupName group -Name "
                                                          "myCluster -GenerateSshKey -AcrNameToAttach myacr")])
def new_cluster(ctx, a, items):
    cloud = ctx.cloud
    group = engine_call(cloud.group, a.ResourceGroupName)
    if aks.find_cluster(cloud, a.Name, a.ResourceGroupName) is not None and not a.Force:
        raise PSError("Cluster already exists, please use Set-AzAksCluster to update.")
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Create" on target "{a.Name}".')
        return None
    key = ssh_key(ctx, a)
    reg = registry_for_acr(ctx, a.AcrNameToAttach, "AcrNameToAttach") if a.AcrNameToAttach else None
    pool = {"name": a.NodeName or "default", "count": a.NodeCount if a.NodeCount is not None else 3,
            "vmSize": a.NodeVmSize or "Standard_D2_v2", "mode": "System",
            **({"vnetSubnetID": a.NodeVnetSubnetID} if a.NodeVnetSubnetID else {})}
    body = {"location": a.Location or group.location, "tags": {to_str(k): to_str(v) for k, v in (a.Tag or {}).items()},
            "identity": {"type": "SystemAssigned"},
            "properties": {"kubernetesVersion": a.KubernetesVersion, "agentPoolProfiles": [pool],
                           "linuxProfile": {"adminUsername": "azureuser", "ssh": {"publicKeys": [{"keyData": key}]}}}}
    c = _send(ctx, "PUT", _cluster_id(ctx, group.name, a.Name), body).resource
    if reg is not None:
        _attach(ctx, c, reg)
    return cluster_obj(cloud, c)


def _attach(ctx, c, reg) -> None:
    try:
        aks_registry.attach(ctx.cloud, ctx.principal, c, reg)
    except AzureError:
        raise PSError(f"Could not create a role assignment for ACR {reg.name}. Are you an Owner on this "
                      "subscription?") from None


@cmdlet("Set-AzAksCluster", [
    *TARGET,
    Param("AcrNameToAttach", "string", "Grant the 'acrpull' role of the specified ACR to AKS Service Principal, "
          "e.g. myacr"),
    Param("AcrNameToDetach", "string", "Disable the 'acrpull' role assignment to the ACR specified by name or "
          "resource ID."),
    Param("Tag", "hashtable", "Tags to be applied to the resource"),
    Param("AsJob", "switch", "Run cmdlet in the background"), SUB, PROFILE,
], "Update or create a managed Kubernetes cluster.", module=MOD, should_process=True,
    sets=[GROUP, INPUT, ID], default_set=GROUP, outputs=f"{M}.PSKubernetesCluster",
    examples=[("Attach a registry", "Set-AzAksCluster -ResourceGroupName group -Name myCluster -AcrNameToAttach "
                                    "myacr"),
              ("Detach a registry", "Get-AzAksCluster -ResourceGroupName group -Name myCluster | Set-AzAksCluster "
                                    "-AcrNameToDetach myacr")])
def set_cluster(ctx, a, items):
    c = target(ctx, a)
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Set" on target "{c.name}".')
        return None
    body = CLUSTERS.to_arm(c)
    if a.Tag is not None:
        body["tags"] = {to_str(k): to_str(v) for k, v in a.Tag.items()}
    c = _send(ctx, "PUT", c.id, body).resource
    if a.AcrNameToAttach:
        _attach(ctx, c, registry_for_acr(ctx, a.AcrNameToAttach, "AcrNameToAttach"))
    if a.AcrNameToDetach:
        reg = registry_for_acr(ctx, a.AcrNameToDetach, "AcrNameToDetach")
        try:
            aks_registry.detach(ctx.cloud, ctx.principal, c, reg)
        except AzureError:
            raise PSError(f"Could not delete role assignments for ACR {reg.name}. Are you an Owner on this "
                          "subscription?") from None
    return cluster_obj(ctx.cloud, c)


@cmdlet("Remove-AzAksCluster", [
    *TARGET, Param("Force", "switch", "Remove managed Kubernetes cluster without prompt"),
    Param("PassThru", "switch", "Returns true when the operation succeeds"),
    Param("AsJob", "switch", "Run cmdlet in the background"), SUB, PROFILE,
], "Delete a managed Kubernetes cluster.", module=MOD, should_process=True, sets=[GROUP, INPUT, ID],
    default_set=GROUP, examples=[("Remove an existing managed Kubernetes cluster.",
                                  "Remove-AzAksCluster -ResourceGroupName group -Name myCluster -Force")])
def remove_cluster(ctx, a, items):
    c = target(ctx, a)
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Remove" on target "{c.name}".')
        return None
    if not confirm(ctx, a, "Do you want to remove the managed Kubernetes cluster?"):
        return None
    _send(ctx, "DELETE", c.id)
    return True if a.PassThru else None


@cmdlet("Import-AzAksCredential", [
    *TARGET, Param("Admin", "switch", "Get the 'clusterAdmin' kubectl config instead of the default 'clusterUser'."),
    Param("ConfigPath", "string", "A kubectl config file to create or update. Use '-' to print YAML to stdout "
          "instead. Default: %Home%/.kube/config."),
    Param("PublicFqdn", "switch", "Get private cluster credential with server address to be public fqdn."),
    Param("Force", "switch", "Import Kubernetes config even if it is the default one."),
    Param("PassThru", "switch", "A boolean value indicating whether the operation succeeds."), SUB, PROFILE,
], "Import and merge Kubectl config for a managed Kubernetes Cluster.", module=MOD, should_process=True,
    sets=[GROUP, INPUT, ID], default_set=GROUP,
    examples=[("Import and merge Kubectl config", "Import-AzAksCredential -ResourceGroupName group -Name myCluster")])
def import_credential(ctx, a, items):
    c = target(ctx, a)
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Import" on target "{c.name}".')
        return None
    if not confirm(ctx, a, "Do you want to import the Kubernetes config?"):
        return None
    name = f"{c.name}-admin" if a.Admin else c.name
    action = "listClusterAdminCredential" if a.Admin else "listClusterUserCredential"
    text = base64.b64decode(_send(ctx, "POST", c.id, action=action).body["kubeconfigs"][0]["value"]).decode()
    path = a.ConfigPath or "~/.kube/config"
    if path == "-":
        return text
    kube = ctx.sh.host.kube
    kube.setdefault("contexts", {})[name] = {"cluster_id": c.id, "cluster": c.name}
    kube["current"] = name
    ctx.sh.write_file(path, text)
    return True if a.PassThru else None
