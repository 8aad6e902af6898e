"""Microsoft.ContainerService/managedClusters through every front end: a cluster made by az, PowerShell, an ARM JSON
template or Bicep is the same resource, because each sends the same PUT; a refusal gives each front end its own text
and changes nothing; attaching a registry is a role-assignment request the caller must be allowed to make.

Sources: azure-cli src/azure-cli/azure/cli/command_modules/acs/custom.py (aks_create refuses an existing cluster
before it sends anything) and acs/_roleassignments.py (ensure_aks_acr: AcrPull for the kubelet identity at the
registry); Az.Aks: Azure/azure-powershell src/Aks/Aks/help/New-AzAksCluster.md; the request body:
azure-rest-api-specs specification/containerservice/resource-manager/Microsoft.ContainerService/aks/stable/
2024-02-01/managedClusters.json (agentPoolProfiles, linuxProfile.ssh.publicKeys, vnetSubnetID)."""

from __future__ import annotations

import json

import pytest

from acrlab import Lab

from .state import lab_with, send_from, shown_by_each, tenant_state

KEY = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDiffTestKey learner@workstation"
SIZE = "Standard_D2s_v3"
MC = "Microsoft.ContainerService/managedClusters"


def _arm(count: int = 1, subnet: str | None = None) -> str:
    pool = {"name": "nodepool1", "count": count, "vmSize": SIZE, "mode": "System",
            **({"vnetSubnetID": subnet} if subnet else {})}
    mc = {"type": MC, "apiVersion": "2024-02-01", "name": "aks1", "location": "[resourceGroup().location]",
          "tags": {"team": "a"}, "identity": {"type": "SystemAssigned"},
          "properties": {"dnsPrefix": "aks1", "agentPoolProfiles": [pool],
                         "linuxProfile": {"adminUsername": "azureuser", "ssh": {"publicKeys": [{"keyData": KEY}]}}}}
    return json.dumps({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                       "contentVersion": "1.0.0.0", "resources": [mc]})


BICEP = ("resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {\n"
         "  name: 'aks1'\n  location: resourceGroup().location\n  tags: { team: 'a' }\n"
         "  identity: { type: 'SystemAssigned' }\n  properties: {\n    dnsPrefix: 'aks1'\n"
         f"    agentPoolProfiles: [ {{ name: 'nodepool1', count: 1, vmSize: '{SIZE}', mode: 'System' }} ]\n"
         f"    linuxProfile: {{ adminUsername: 'azureuser', ssh: {{ publicKeys: [ {{ keyData: '{KEY}' }} ] }} }}\n"
         "  }\n}\n")

FRONT_ENDS = {
    "az": ("bash", f"az aks create -n aks1 -g rg --node-count 1 --node-vm-size {SIZE} --ssh-key-value '{KEY}' "
                   "--tags team=a -o none"),
    "pwsh": ("pwsh", f"$null = New-AzAksCluster -ResourceGroupName rg -Name aks1 -NodeCount 1 -NodeVmSize {SIZE} "
                     f"-SshKeyValue '{KEY}' -Tag @{{team='a'}}"),
    "arm": ("arm", _arm()),
    "bicep": ("bicep", BICEP),
}
VOLATILE = ("fqdn", "azurePortalFqdn", "identity", "identityProfile")


def _show(lab: Lab) -> dict:
    r = lab.run("az aks show -n aks1 -g rg")
    assert r.exit_code == 0, r.stderr
    assert r.json()["identityProfile"]["kubeletidentity"]["objectId"] in lab.cloud.tenant.principals  # AKS made it
    return {k: v for k, v in r.json().items() if k not in VOLATILE}


def test_every_front_end_makes_the_same_cluster():
    results = shown_by_each(FRONT_ENDS, _show)
    shown = results["az"]
    assert shown["agentPoolProfiles"][0]["count"] == 1 and shown["agentPoolProfiles"][0]["vmSize"] == SIZE
    assert shown["tags"] == {"team": "a"} and shown["linuxProfile"]["ssh"]["publicKeys"][0]["keyData"] == KEY
    assert shown["nodeResourceGroup"] == "MC_rg_aks1_eastus"
    for kind, data in results.items():
        assert data == shown, f"{kind} differs from az"


NOSUBNET = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/" \
           "virtualNetworks/vnet1/subnets/nodes"
COUNT = "The value of parameter agentPoolProfile.count is invalid."
SUBNET = "Could not find subnet nodes in vnet vnet1 from resource group rg"
REFUSALS = [
    ("bash", f"az aks create -n aks2 -g rg --node-count 0 --ssh-key-value '{KEY}'", f"ERROR: (InvalidParameter) {COUNT}"),
    ("pwsh", f"New-AzAksCluster -ResourceGroupName rg -Name aks2 -NodeCount 1001 -SshKeyValue '{KEY}'",
     f"New-AzAksCluster: {COUNT}"),
    ("arm", _arm(count=0).replace('"aks1"', '"aks2"'), '"code":"InvalidParameter"'),
    ("bash", f"az aks create -n aks2 -g rg --vnet-subnet-id {NOSUBNET} --ssh-key-value '{KEY}'",
     f"ERROR: (SubnetNotFound) {SUBNET}"),
    ("arm", _arm(subnet=NOSUBNET).replace('"aks1"', '"aks2"'), SUBNET),
    # the clients refuse an existing cluster before they send anything, each in its own words
    ("bash", f"az aks create -n aks1 -g rg --ssh-key-value '{KEY}'",
     "ERROR: The cluster 'aks1' under resource group 'rg' already exists. Please use command 'az aks update'"),
    ("pwsh", f"New-AzAksCluster -ResourceGroupName rg -Name aks1 -SshKeyValue '{KEY}'",
     "Cluster already exists, please use Set-AzAksCluster to update."),
    ("bash", "az aks update -n aks1 -g rg --attach-acr nosuchacr",
     "ERROR: ACR nosuchacr not found. Have you provided the right ACR name?"),
    ("pwsh", "Set-AzAksCluster -ResourceGroupName rg -Name aks1 -AcrNameToAttach nosuchacr",
     "Could not find specified Acr nosuchacr."),
]


@pytest.fixture(scope="module")
def with_cluster() -> Lab:
    return lab_with(FRONT_ENDS["az"][1])


@pytest.mark.parametrize(("shell", "text", "expected"), REFUSALS)
def test_refusals_give_each_front_end_its_own_text_and_change_nothing(with_cluster, shell, text, expected):
    lab = with_cluster.fork()
    before = tenant_state(lab)
    r = send_from(lab, shell, text)
    assert (r.exit_code != 0 or r.stderr.strip()) and expected in r.stderr, r.stderr
    assert tenant_state(lab) == before


def test_attach_is_a_role_assignment_the_caller_must_be_allowed_to_make(with_cluster):
    lab = with_cluster.fork()
    assert lab.run("az acr create -n diffacr01 -g rg --sku Basic -o none").exit_code == 0
    kubelet = lab.run("az aks show -n aks1 -g rg --query identityProfile.kubeletidentity.objectId -o tsv").stdout.strip()
    acr = lab.run("az acr show -n diffacr01 --query id -o tsv").stdout.strip()
    assert lab.run("az aks update -n aks1 -g rg --attach-acr diffacr01 -o none").exit_code == 0
    listed = lab.run(f"az role assignment list --scope {acr} --assignee {kubelet} --query '[].roleDefinitionName' "
                     "-o tsv")
    assert listed.stdout.split() == ["AcrPull"]
    assert lab.run("az aks update -n aks1 -g rg --attach-acr diffacr01 -o none").exit_code == 0  # already there
    lab.run("APP=$(az ad sp create-for-rbac -n contrib --query appId -o tsv)")
    lab.run("az role assignment create --assignee $APP --role Contributor -g rg -o none")
    sp = lab.cloud.tenant.find_principal(lab.run("echo $APP").stdout.strip())
    code, _, err = lab.new_session(sp).run("az aks update -n aks1 -g rg --detach-acr diffacr01")
    assert code == 1 and "Could not delete role assignments for ACR. Are you an Owner on this subscription?" in err
    assert lab.run("az aks update -n aks1 -g rg --detach-acr diffacr01 -o none").exit_code == 0
    assert lab.run(f"az role assignment list --scope {acr} --assignee {kubelet}").json() == []
