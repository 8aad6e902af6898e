"""az vm / kubectl / private-dns shapes pinned against azure-cli sources and kubectl.

Sources checked:
- Azure/azure-cli src/azure-cli/azure/cli/command_modules/vm/_format.py (transform_vm, transform_ip_addresses,
  transform_vm_create_output key order), vm/commands.py (vm show/list/list-ip-addresses table transformers, vm create
  table_transformer=deployment_validate_table_format), vm/custom.py (_construct_identity_info,
  _show_missing_access_warning), vm/_validators.py (_validate_vm_vmss_msi usage errors)
- Azure/azure-cli privatedns/commands.py + __init__.py (aaz commands, no table transformer -> knack's auto table)
- kubernetes k8s.io/kubectl/pkg/describe (tabwriter padding 2, conditions "%v \\t%v \\n"), kubectl get printers
  (padding 3), API server NotFound errors name the group-qualified resource (deployments.apps)
"""

from __future__ import annotations

import pytest


@pytest.fixture
def vm(cli, rg):
    return cli("az vm create -n fidvm -g rg-containers --image Ubuntu2204 --generate-ssh-keys --assign-identity")


def test_vm_create_keys_and_missing_access_warning(vm):
    data = vm.json()
    # vm/_format.py transform_vm_create_output (+ identity from _construct_identity_info, zones always present)
    assert set(data) == {"id", "resourceGroup", "powerState", "publicIpAddress", "fqdns", "privateIpAddress",
                         "macAddress", "location", "identity", "zones"}
    assert data["powerState"] == "VM running" and data["zones"] == ""
    assert set(data["identity"]) == {"systemAssignedIdentity", "userAssignedIdentities"}
    assert data["identity"]["userAssignedIdentities"] == {}
    assert ("WARNING: No access was given yet to the 'fidvm', because '--scope' was not provided. You should setup by "
            "creating a role assignment, e.g. 'az role assignment create --assignee <principal-id> --role contributor "
            "-g rg-containers' would let it access the current resource group. To get the pricipal id, run 'az vm "
            "show -g rg-containers -n fidvm --query \"identity.principalId\" -otsv'") in vm.stderr


def test_vm_create_table_keeps_transform_order(cli, rg):
    out = cli("az vm create -n fidvm2 -g rg-containers --image Ubuntu2204 --generate-ssh-keys -o table").stdout
    assert out.splitlines()[0].split() == ["ResourceGroup", "PowerState", "PublicIpAddress", "Fqdns",
                                           "PrivateIpAddress", "MacAddress", "Location", "Zones"]


def test_vm_create_scope_role_rules(cli, rg):
    sub = cli("az account show --query id -o tsv").stdout.strip()
    scope = f"/subscriptions/{sub}/resourceGroups/rg-containers"
    r = cli(f"az vm create -n v3 -g rg-containers --image Ubuntu2204 --generate-ssh-keys --assign-identity "
            f"--scope {scope}", expect_exit=1)
    assert "usage error: please specify both --role and --scope when assigning a role to the managed identity" \
        in r.stderr
    r = cli(f"az vm create -n v3 -g rg-containers --image Ubuntu2204 --generate-ssh-keys --scope {scope} "
            "--role Reader", expect_exit=1)
    assert "usage error: --assign-identity [--scope SCOPE] [--role ROLE]" in r.stderr
    r = cli(f"az vm create -n v3 -g rg-containers --image Ubuntu2204 --generate-ssh-keys --assign-identity "
            f"--scope {scope} --role Reader")
    assert r.json()["identity"]["role"] == "Reader" and r.json()["identity"]["scope"] == scope
    assert "No access was given yet" not in r.stderr
    pid = r.json()["identity"]["systemAssignedIdentity"]
    assert cli(f"az role assignment list --assignee {pid} --scope {scope} --query [0].roleDefinitionName -o tsv"
               ).stdout.strip() == "Reader"


def test_vm_identity_assign_role_without_scope(cli, vm):
    r = cli("az vm identity assign -g rg-containers -n fidvm --role Reader", expect_exit=1)
    assert "usage error: please specify --scope when assigning a role to the managed identity" in r.stderr


def test_vm_tables(cli, vm):
    lines = cli("az vm list -o table").stdout.splitlines()
    assert lines[0].split() == ["Name", "ResourceGroup", "Location", "Zones"]  # None cells dropped by knack
    lines = cli("az vm list -d -o table").stdout.splitlines()
    assert lines[0].split() == ["Name", "ResourceGroup", "PowerState", "PublicIps", "Fqdns", "Location", "Zones"]
    assert cli("az vm show -g rg-containers -n fidvm -o table").stdout.split()[:3] == [
        "Name", "ResourceGroup", "Location"]
    lines = cli("az vm list-ip-addresses -g rg-containers -n fidvm -o table").stdout.splitlines()
    assert lines[0].split() == ["VirtualMachine", "PublicIPAddresses", "PrivateIPAddresses"]
    assert lines[2].split()[0] == "fidvm" and lines[2].split()[-1] == "10.0.0.4"


def test_private_dns_zone_table_is_knacks_auto_table(cli, rg):
    out = cli("az network private-dns zone create -g rg-containers -n privatelink.azurecr.io -o table").stdout
    head = out.splitlines()[0].split()
    assert head[0] == "Location" and "ZoneName" not in head and "Name" in head  # sorted scalar keys


@pytest.fixture
def cluster(cli, rg):
    cli("az acr create -n fidk8sacr -g rg-containers --sku Basic -o none")
    cli("az aks create -n fidaks -g rg-containers --generate-ssh-keys --node-count 1 -o none")
    cli("az aks get-credentials -n fidaks -g rg-containers")


def test_kubectl_notfound_names_the_api_group(cli, cluster):
    r = cli("kubectl get deployment nope", expect_exit=1)
    assert r.stderr.strip() == 'Error from server (NotFound): deployments.apps "nope" not found'
    r = cli("kubectl delete deployment nope", expect_exit=1)
    assert r.stderr.strip() == 'Error from server (NotFound): deployments.apps "nope" not found'
    r = cli("kubectl get pods nope", expect_exit=1)
    assert r.stderr.strip() == 'Error from server (NotFound): pods "nope" not found'


def test_kubectl_describe_pod_layout(cli, cluster):
    cli("kubectl create deployment web --image fidk8sacr.azurecr.io/web:v1")
    pod = cli("kubectl get pods").stdout.splitlines()[1].split()[0]
    lines = cli(f"kubectl describe pod {pod}").stdout.splitlines()
    assert lines[:4] == [f"Name:             {pod}", "Namespace:        default", "Priority:         0",
                         "Service Account:  default"]
    assert lines[4].startswith("Node:             aks-nodepool1-") and lines[4].endswith("/10.224.0.4")
    i = lines.index("IPs:")
    assert lines[i + 1].startswith("  IP:           10.244.") and lines[i + 2].startswith("Controlled By:  ReplicaSet/web-")
    labels = lines.index("Labels:           app=web")
    assert lines[labels + 1].startswith("                  pod-template-hash=")
    assert "    State:          Waiting" in lines and "      Reason:       ErrImagePull" in lines
    c = lines.index("Conditions:")
    assert lines[c + 1] == "  Type                        Status" and lines[c + 2] == "  PodReadyToStartContainers   True"
    assert "QoS Class:                   BestEffort" in lines
    e = lines.index("Events:")
    assert lines[e + 1].split() == ["Type", "Reason", "Age", "From", "Message"]
    assert lines[e + 1].startswith("  Type     Reason     Age")  # padding 2, widest Type is Warning


def test_kubectl_get_tables(cli, cluster):
    cli("kubectl create deployment web --image nginx --replicas 2")
    lines = cli("kubectl get deployments").stdout.splitlines()
    assert lines[0] == "NAME   READY   UP-TO-DATE   AVAILABLE   AGE"
    assert lines[1].split()[:4] == ["web", "2/2", "2", "2"]
    lines = cli("kubectl get pods -o wide").stdout.splitlines()
    assert lines[0].split() == ["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED", "NODE",
                                "READINESS", "GATES"]
    assert cli("kubectl rollout status deployment/web").stdout.strip() == 'deployment "web" successfully rolled out'


def test_vnet_list_table_and_create_shape(cli, rg):
    # network/_format.py transform_vnet_create_output -> {"newVNet": ...}; transform_vnet_table_output on list only
    data = cli("az network vnet create -g rg-containers -n fidvnet --subnet-name s1").json()
    assert list(data) == ["newVNet"] and data["newVNet"]["subnets"][0]["name"] == "s1"
    lines = cli("az network vnet list -o table").stdout.splitlines()
    assert lines[0].split()[:7] == ["Name", "ResourceGroup", "Location", "NumSubnets", "Prefixes", "DnsServers",
                                    "DDOSProtection"]
    assert lines[2].split() == ["fidvnet", "rg-containers", "brazilsouth", "1", "10.0.0.0/16", "False"]
    show = cli("az network vnet show -g rg-containers -n fidvnet -o table").stdout.splitlines()[0].split()
    assert show[0] == "EnableDdosProtection" and "NumSubnets" not in show  # auto table: sorted scalar keys
