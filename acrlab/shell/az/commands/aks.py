"""az aks create|show|list|delete|update|get-credentials|check-acr, az aks nodepool show."""

from __future__ import annotations

import base64

from ....engine import aks, groups, kube
from ....engine.arm import send
from ....engine.arm.providers.managed_clusters import CLUSTERS
from ....engine.dataplane import Credential, decide
from ....engine.errors import ArmResourceNotFound, AzureError, CliError
from ....engine.network import access_decision
from ... import aks_registry
from ..framework import Arg, command, group
from .account import parse_tags
from .vm import ensure_ssh_key

group("aks", "Manage Azure Kubernetes Services.")

RG = Arg("resource_group", "--resource-group -g", "Name of resource group. You can configure the default group "
         "using `az configure --defaults group=<name>`.", required=True, default_key="group")
NAME = Arg("name", "--name -n", "Name of the managed cluster.", required=True)


def aks_table(result):
    rows = result if isinstance(result, list) else [result]
    return [{"Name": r["name"], "Location": r["location"], "ResourceGroup": r["resourceGroup"],
             "KubernetesVersion": r["kubernetesVersion"], "CurrentKubernetesVersion": r["currentKubernetesVersion"],
             "ProvisioningState": r["provisioningState"], "Fqdn": r["fqdn"]} for r in rows]


@command("aks create", "Create a new managed Kubernetes cluster.", [
    NAME, RG,
    Arg("location", "--location -l", "Location. Values from: `az account list-locations`.", default_key="location"),
    Arg("node_count", "--node-count -c", "Number of nodes in the Kubernetes node pool.", kind="int", default=3),
    Arg("node_vm_size", "--node-vm-size -s", "Size of Virtual Machines to create as Kubernetes nodes."),
    Arg("attach_acr", "--attach-acr", "Grant the 'acrpull' role assignment to the ACR specified by name or resource "
        "ID."),
    Arg("generate_ssh_keys", "--generate-ssh-keys", "Generate SSH public and private key files if missing.",
        kind="flag"),
    Arg("ssh_key_value", "--ssh-key-value", "Public key path or key contents to install on node VMs for SSH access."),
    Arg("no_ssh_key", "--no-ssh-key -x", "Do not use or create a local SSH key.", kind="flag"),
    Arg("enable_managed_identity", "--enable-managed-identity", "Using a system assigned managed identity to manage "
        "cluster resource group.", kind="flag"),
    Arg("vnet_subnet_id", "--vnet-subnet-id", "The ID of a subnet in an existing VNet into which to deploy the "
        "cluster."),
    Arg("kubernetes_version", "--kubernetes-version -k", "Version of Kubernetes to use for creating the cluster."),
    Arg("network_plugin", "--network-plugin", "The Kubernetes network plugin to use.",
        choices=["azure", "kubenet", "none"]),
    Arg("tier", "--tier", "Specify SKU tier for managed clusters.", choices=["free", "standard", "premium"]),
    Arg("tags", "--tags", "Space-separated tags: key[=value] [key[=value] ...].", kind="star"),
    Arg("no_wait", "--no-wait", "Do not wait for the long-running operation to finish.", kind="flag"),
    Arg("yes", "--yes -y", "Do not prompt for confirmation.", kind="flag"),
], examples=[
    ("Create a Kubernetes cluster with an existing SSH public key.",
     "az aks create -g MyResourceGroup -n MyManagedCluster --ssh-key-value /path/to/publickey"),
    ("Create a cluster attached to a container registry.",
     "az aks create -g MyResourceGroup -n MyManagedCluster --attach-acr myacr --generate-ssh-keys"),
])  # acs/commands.py registers no table transformer on create/update: knack's auto table
def aks_create(ctx, a):
    """acs custom.py aks_create: a cluster that exists is refused before anything is sent; the registry to attach
    is found first; the cluster is one PUT; AcrPull for its kubelet identity is a role assignment afterwards."""
    rid = _cluster_id(ctx, a.resource_group, a.name)
    try:
        _send(ctx, "GET", rid)
        exists = True
    except AzureError:
        exists = False
    if exists:
        raise CliError(f"The cluster '{a.name}' under resource group '{a.resource_group}' already exists. Please use "
                       "command 'az aks update' to update the existing cluster, or select a different cluster name "
                       "to create a new cluster.")
    registry = _registry(ctx, a.attach_acr) if a.attach_acr else None
    key = ""
    if not a.no_ssh_key:
        value = ctx.sh.read_file(a.ssh_key_value) if a.ssh_key_value and not a.ssh_key_value.startswith("ssh-") \
            else a.ssh_key_value
        key = ensure_ssh_key(ctx, a.generate_ssh_keys, value.strip() if value else None)
    pool = {"name": "nodepool1", "count": a.node_count, "vmSize": a.node_vm_size or "Standard_DS2_v2", "mode": "System",
            **({"vnetSubnetID": a.vnet_subnet_id} if a.vnet_subnet_id else {})}
    body = {"location": a.location or groups.location(ctx.cloud, ctx.principal, a.resource_group, ctx.subscription.subscription_id), "tags": parse_tags(a.tags),
            "identity": {"type": "SystemAssigned"},
            "properties": {"kubernetesVersion": a.kubernetes_version, "agentPoolProfiles": [pool],
                           "linuxProfile": {"adminUsername": "azureuser", "ssh": {"publicKeys": [{"keyData": key}]}}
                           if key else None}}
    c = _send(ctx, "PUT", rid, body).resource
    if registry is not None:
        _attach(ctx, c, registry)
    return c.to_json(ctx.cloud)


def _cluster_id(ctx, rg: str, name: str) -> str:
    return f"{ctx.subscription.id}/resourcegroups/{rg}/providers/{aks.MC}/{name}"


def _send(ctx, method: str, rid: str, body: dict | None = None, action: str | None = None):
    return send(ctx.cloud, ctx.principal, method, rid, body, action=action)


def _get(ctx, a) -> aks.ManagedCluster:
    return _send(ctx, "GET", _cluster_id(ctx, a.resource_group, a.name)).resource


def _registry(ctx, ref: str):
    """ensure_aks_acr: a resource id is fetched as is (ARM's not-found error); anything else is a registry *name*
    looked up across the subscription (a login server is not stripped)."""
    if ref.startswith("/subscriptions/"):
        return aks_registry.registry_at(ctx.cloud, ctx.principal, ref)
    found = aks_registry.registry_named(ctx.cloud, ctx.principal, ref)
    if found is None:
        raise CliError(f"ACR {ref} not found. Have you provided the right ACR name?")
    return found


def _attach(ctx, c, registry) -> None:
    try:
        aks_registry.attach(ctx.cloud, ctx.principal, c, registry)
    except AzureError:
        raise CliError("Could not create a role assignment for ACR. Are you an Owner on this subscription?") from None


def _detach(ctx, c, registry) -> None:
    try:
        aks_registry.detach(ctx.cloud, ctx.principal, c, registry)
    except AzureError:
        raise CliError("Could not delete role assignments for ACR. Are you an Owner on this subscription?") from None


@command("aks show", "Show the details for a managed Kubernetes cluster.", [NAME, RG],
         examples=[("Show the kubelet identity's object id.", "az aks show -n MyManagedCluster -g MyResourceGroup "
                    "--query identityProfile.kubeletidentity.objectId -o tsv")], table=aks_table)
def aks_show(ctx, a):
    return _get(ctx, a).to_json(ctx.cloud)


@command("aks list", "List managed Kubernetes clusters.", [
    Arg("resource_group", "--resource-group -g", "Name of resource group.", default_key="group")], table=aks_table)
def aks_list(ctx, a):
    where = f"{ctx.subscription.id}/resourcegroups/{a.resource_group}" if a.resource_group \
        else ctx.subscription.id
    return [c.to_json(ctx.cloud) for c in _send(ctx, "GET", f"{where}/providers/{aks.MC}").resources]


@command("aks delete", "Delete a managed Kubernetes cluster.", [
    NAME, RG, Arg("yes", "--yes -y", "Do not prompt for confirmation.", kind="flag"),
    Arg("no_wait", "--no-wait", "Do not wait for the long-running operation to finish.", kind="flag")])
def aks_delete(ctx, a):
    c = _get(ctx, a)
    ctx.confirm("Are you sure you want to perform this operation?")
    _send(ctx, "DELETE", c.id)
    return None


@command("aks update", "Update a managed Kubernetes cluster.", [
    NAME, RG,
    Arg("attach_acr", "--attach-acr", "Grant the 'acrpull' role assignment to the ACR specified by name or resource "
        "ID."),
    Arg("detach_acr", "--detach-acr", "Disable the 'acrpull' role assignment to the ACR specified by name or "
        "resource ID."),
    Arg("tags", "--tags", "Space-separated tags: key[=value] [key[=value] ...].", kind="star"),
    Arg("node_os_upgrade_channel", "--node-os-upgrade-channel", "Manner in which the OS on your nodes is updated. It "
        "could be NodeImage, None, SecurityPatch or Unmanaged.", choices=["NodeImage", "None", "SecurityPatch",
                                                                          "Unmanaged"]),
], examples=[("Attach AKS cluster to ACR by name \"acrName\".",
              "az aks update -g MyResourceGroup -n MyManagedCluster --attach-acr acrName")])
def aks_update(ctx, a):
    """GET the cluster, PUT it back with the changes (the service authorizes the write), then attach or detach."""
    if a.attach_acr and a.detach_acr:  # acs/_validators.py validate_acr
        raise CliError("Cannot specify \"--attach-acr\" and \"--detach-acr\" at the same time.")
    c = _get(ctx, a)
    body = CLUSTERS.to_arm(c)
    if a.tags is not None:
        body["tags"] = parse_tags(a.tags)
    if a.node_os_upgrade_channel:
        body["properties"]["autoUpgradeProfile"] = {"nodeOSUpgradeChannel": a.node_os_upgrade_channel}
    c = _send(ctx, "PUT", c.id, body).resource
    if a.attach_acr:
        _attach(ctx, c, _registry(ctx, a.attach_acr))
    if a.detach_acr:
        _detach(ctx, c, _registry(ctx, a.detach_acr))
    return c.to_json(ctx.cloud)


@command("aks get-credentials", "Get access credentials for a managed Kubernetes cluster.", [
    NAME, RG,
    Arg("admin", "--admin -a", "Get cluster administrator credentials.  Default: cluster user credentials.",
        kind="flag"),
    Arg("file", "--file -f", "Kubernetes configuration file to update. Use \"-\" to print YAML to stdout instead.",
        default="~/.kube/config"),
    Arg("overwrite_existing", "--overwrite-existing", "Overwrite any existing cluster entry with the same name.",
        kind="flag"),
    Arg("context", "--context", "If specified, overwrite the default context name."),
], examples=[("Get access credentials for a managed Kubernetes cluster.",
              "az aks get-credentials --name MyManagedCluster --resource-group MyResourceGroup")])
def aks_get_credentials(ctx, a):
    c = _get(ctx, a)
    text = credentials(ctx, c, a.admin)
    name = f"{c.name}-admin" if a.admin else c.name
    user = f"{'clusterAdmin' if a.admin else 'clusterUser'}_{c.resource_group}_{c.name}"
    if a.context:  # --context renames the context the kubeconfig brings
        text = text.replace(f"  name: {name}\n", f"  name: {a.context}\n").replace(
            f"current-context: {name}\n", f"current-context: {a.context}\n")
        name = a.context
    if a.file == "-":  # acs custom.py _print_or_merge_credentials: print(kubeconfig)
        ctx.io.out(text)
        return None
    kube = ctx.sh.host.kube
    kube.setdefault("contexts", {})[name] = {"cluster_id": c.id, "cluster": c.name, "user": user}
    kube["current"] = name
    ctx.sh.write_file(a.file, text)
    path = ctx.sh.abspath(a.file)
    ctx.warn(f'Merged "{name}" as current context in {path}')  # logger.warning in current acs custom.py
    return None


def credentials(ctx, c, admin: bool) -> str:
    """POST listClusterUserCredential (or Admin): the kubeconfig the service returns, decoded."""
    action = "listClusterAdminCredential" if admin else "listClusterUserCredential"
    body = _send(ctx, "POST", c.id, action=action).body
    return base64.b64decode(body["kubeconfigs"][0]["value"]).decode()


@command("aks check-acr", "Validate an ACR is accessible from an AKS cluster.", [
    NAME, RG, Arg("acr", "--acr", "The FQDN of the ACR.", required=True),
    Arg("node_name", "--node-name", "The name of a specific node to perform acr pull test checks. If not specified, "
        "it will be checked on a random node."),
], examples=[("Validate the ACR is accessible from the AKS cluster.",
              "az aks check-acr --name MyManagedCluster --resource-group MyResourceGroup --acr myacr.azurecr.io")])
def aks_check_acr(ctx, a):
    cloud = ctx.cloud
    c = _get(ctx, a)
    credentials(ctx, c, admin=False)  # check-acr runs with the cluster user's credentials
    server = a.acr.lower()
    if not server.endswith(".azurecr.io"):  # acs custom.py aks_check_acr appends CONST_ACR_DOMAIN_NAME silently
        server += ".azurecr.io"
    if a.node_name and a.node_name not in c.nodes():
        raise CliError(f"Node {a.node_name} not found in the cluster.")
    kube.sync(cloud, c)
    now = cloud.clock.now().strftime("[%Y-%m-%dT%H:%M:%SZ]")
    out = [f"{now} Checking host name resolution ({server}): " + ("SUCCEEDED" if cloud.registry_by_login_server(server)
                                                                   else "FAILED")]
    reg = cloud.registry_by_login_server(server)
    if reg is None:
        out.append(f"{now} Failed to resolve host name {server}: lookup {server} on 10.0.0.10:53: no such host")
        ctx.io.out("\n".join(out))
        raise CliError("Failed to check the ACR.")
    region = reg.location
    out.append(f"{now} Canonical name for ACR ({server}): r0{cloud.ids.hex(3)}{region[:4]}-az.{region}.cloudapp.azure.com.")
    out.append(f"{now} ACR location: {region}")
    if region != c.location:
        out.append(f"{now} Checking ACR location matches cluster location: FAILED")
        out.append(f"{now} ACR location '{region}' does not match your cluster location '{c.location}'. This may "
                   "result in slow image pulls and extra cost.")
    out += [f"{now} Checking managed identity...", f"{now} Kubelet managed identity client ID: {c.kubelet_client_id}"]
    if cloud.tenant.principals.get(c.kubelet_object_id) is None:
        out.append(f"{now} Validating managed identity existance: FAILED")
        ctx.io.out("\n".join(out))
        return None
    out.append(f"{now} Validating managed identity existance: SUCCEEDED")
    allowed, _ = access_decision(cloud, reg, c.origin())
    cred = Credential(kind="aad", registry=reg.name, principal_id=c.kubelet_object_id)
    if not allowed:
        out += [f"{now} Validating image pull permission: FAILED",
                f"{now} ACR {server} rejected token exchange: ACR token exchange endpoint returned error status: 403. "
                "body: "]
    elif not decide(cloud, reg, cred, "pull", None).allowed:
        out += [f"{now} Validating image pull permission: FAILED",
                f"{now} ACR {server} rejected token exchange: ACR token exchange endpoint returned error status: 401. "
                'body: {"errors":[{"code":"UNAUTHORIZED","message":"authentication required, visit '
                f'https://aka.ms/acr/authorization for more information. CorrelationId: {cloud.ids.guid()}"}}]}}']
    else:
        out += [f"{now} Validating image pull permission: SUCCEEDED", f"{now}", f"Your cluster can pull images from "
                f"{server}!"]
    ctx.io.out("\n".join(out))
    return None


group("aks nodepool", "Commands to manage node pools in Kubernetes cluster.")


@command("aks nodepool show", "Show the details for a node pool in the managed Kubernetes cluster.", [
    Arg("cluster_name", "--cluster-name", "The cluster name.", required=True),
    Arg("name", "--name --nodepool-name -n", "The node pool name.", required=True), RG,
])
def aks_nodepool_show(ctx, a):
    """The cluster is read (a GET); its node pool is the agentPools child resource of that name."""
    c = _send(ctx, "GET", _cluster_id(ctx, a.resource_group, a.cluster_name)).resource
    pool = c.pool_json()
    if pool["name"].lower() != a.name.lower():
        raise ArmResourceNotFound(f"{aks.MC}/{c.name}/agentPools/{a.name}", c.resource_group)
    return {**pool, "id": f"{c.id}/agentPools/{pool['name']}", "resourceGroup": c.resource_group,
            "type": f"{aks.MC}/agentPools"}
