"""az aks create|show|list|delete|update|get-credentials|check-acr."""

from __future__ import annotations

from ....engine import aks, kube
from ....engine.dataplane import Credential, decide
from ....engine.errors import CliError
from ....engine.network import access_decision
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
    key = ""
    if not a.no_ssh_key:
        value = ctx.sh.read_file(a.ssh_key_value) if a.ssh_key_value and not a.ssh_key_value.startswith("ssh-") \
            else a.ssh_key_value
        key = ensure_ssh_key(ctx, a.generate_ssh_keys, value.strip() if value else None)
    c = aks.create_cluster(ctx.cloud, ctx.principal, a.name, a.resource_group, a.location, a.node_count,
                           a.node_vm_size, a.attach_acr, a.vnet_subnet_id, key, parse_tags(a.tags),
                           a.kubernetes_version)
    return c.to_json(ctx.cloud)


@command("aks show", "Show the details for a managed Kubernetes cluster.", [NAME, RG],
         examples=[("Show the kubelet identity's object id.", "az aks show -n MyManagedCluster -g MyResourceGroup "
                    "--query identityProfile.kubeletidentity.objectId -o tsv")], table=aks_table)
def aks_show(ctx, a):
    return aks.get_cluster(ctx.cloud, ctx.principal, a.resource_group, a.name).to_json(ctx.cloud)


@command("aks list", "List managed Kubernetes clusters.", [
    Arg("resource_group", "--resource-group -g", "Name of resource group.", default_key="group")], table=aks_table)
def aks_list(ctx, a):
    if a.resource_group:
        ctx.cloud.group(a.resource_group)
    return [c.to_json(ctx.cloud) for c in aks.clusters(ctx.cloud).values()
            if (not a.resource_group or c.resource_group.lower() == a.resource_group.lower())
            and ctx.cloud.authorize(ctx.principal, f"{aks.MC}/read", c.id).allowed]


@command("aks delete", "Delete a managed Kubernetes cluster.", [
    NAME, RG, Arg("yes", "--yes -y", "Do not prompt for confirmation.", kind="flag"),
    Arg("no_wait", "--no-wait", "Do not wait for the long-running operation to finish.", kind="flag")])
def aks_delete(ctx, a):
    c = aks.get_cluster(ctx.cloud, ctx.principal, a.resource_group, a.name)
    ctx.confirm("Are you sure you want to perform this operation?")
    aks.delete_cluster(ctx.cloud, ctx.principal, c)
    return None


@command("aks update", "Update a managed Kubernetes cluster.", [
    NAME, RG,
    Arg("attach_acr", "--attach-acr", "Grant the 'acrpull' role assignment to the ACR specified by name or resource "
        "ID."),
    Arg("detach_acr", "--detach-acr", "Disable the 'acrpull' role assignment to the ACR specified by name or "
        "resource ID."),
    Arg("tags", "--tags", "Space-separated tags: key[=value] [key[=value] ...].", kind="star"),
], examples=[("Attach AKS cluster to ACR by name \"acrName\".",
              "az aks update -g MyResourceGroup -n MyManagedCluster --attach-acr acrName")])
def aks_update(ctx, a):
    c = aks.get_cluster(ctx.cloud, ctx.principal, a.resource_group, a.name)
    ctx.cloud.require(ctx.principal, f"{aks.MC}/write", c.id)
    if a.attach_acr and a.detach_acr:  # acs/_validators.py validate_acr
        raise CliError("Cannot specify \"--attach-acr\" and \"--detach-acr\" at the same time.")
    if a.attach_acr:
        aks.attach(ctx.cloud, ctx.principal, c, aks._acr(ctx.cloud, ctx.principal, a.attach_acr))
    if a.detach_acr:
        aks.detach(ctx.cloud, ctx.principal, c, aks._acr(ctx.cloud, ctx.principal, a.detach_acr))
    if a.tags is not None:
        c.tags = parse_tags(a.tags)
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
    c = aks.get_cluster(ctx.cloud, ctx.principal, a.resource_group, a.name)
    action = "listClusterAdminCredential" if a.admin else "listClusterUserCredential"
    ctx.cloud.require(ctx.principal, f"{aks.MC}/{action}/action", c.id)
    name = a.context or (f"{c.name}-admin" if a.admin else c.name)
    user = f"{'clusterAdmin' if a.admin else 'clusterUser'}_{c.resource_group}_{c.name}"
    text = (f"apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: {ctx.cloud.ids.secret(48)}\n"
            f"    server: https://{c.fqdn}:443\n  name: {c.name}\ncontexts:\n- context:\n    cluster: {c.name}\n"
            f"    user: {user}\n  name: {name}\ncurrent-context: {name}\nkind: Config\n"
            f"preferences: {{}}\nusers:\n- name: {user}\n  user:\n"
            f"    token: {ctx.cloud.ids.hex(64)}\n")
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


@command("aks check-acr", "Validate an ACR is accessible from an AKS cluster.", [
    NAME, RG, Arg("acr", "--acr", "The FQDN of the ACR.", required=True),
    Arg("node_name", "--node-name", "The name of a specific node to perform acr pull test checks. If not specified, "
        "it will be checked on a random node."),
], examples=[("Validate the ACR is accessible from the AKS cluster.",
              "az aks check-acr --name MyManagedCluster --resource-group MyResourceGroup --acr myacr.azurecr.io")])
def aks_check_acr(ctx, a):
    cloud = ctx.cloud
    c = aks.get_cluster(cloud, ctx.principal, a.resource_group, a.name)
    cloud.require(ctx.principal, f"{aks.MC}/listClusterUserCredential/action", c.id)
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
