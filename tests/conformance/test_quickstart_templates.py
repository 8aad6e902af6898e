"""The Azure Quickstart Templates for Container Registry (and AKS) deploy in the lab as in Azure, from main.bicep and
from azuredeploy.json, through az and through Azure PowerShell (template parameters as dynamic parameters), and
what-if shows the change first. Test data: tests/conformance/quickstarts/ (see its README for each file's path in
Azure/azure-quickstart-templates, quickstarts/microsoft.containerregistry/* and quickstarts/microsoft.kubernetes/aks)."""

from __future__ import annotations

import json
import pathlib

import pytest

QUICKSTARTS = pathlib.Path(__file__).parent / "quickstarts"
FILES = ["main.bicep", "azuredeploy.json"]
SSH = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC0lab azureuser@lab"


@pytest.fixture
def qs(lab):
    assert lab.run("az group create -n rg-qs -l eastus -o none").exit_code == 0
    for p in QUICKSTARTS.rglob("*"):
        if p.is_file():
            lab.write_file("qs/" + str(p.relative_to(QUICKSTARTS)), p.read_text(encoding="utf-8"))
    return lab


def deploy(lab, folder: str, file: str, front_end: str, params: dict[str, str]):
    path = f"qs/{folder}/{file}"
    if front_end == "az":
        args = " ".join(f"{k}='{v}'" for k, v in params.items())
        return lab.run(f"az deployment group create -g rg-qs -f {path} -p {args} -o json")
    args = " ".join(f"-{k} '{v}'" for k, v in params.items())
    return lab.run(f"New-AzResourceGroupDeployment -ResourceGroupName rg-qs -TemplateFile {path} {args} | "
                   "ConvertTo-Json -Depth 5", shell="pwsh")


@pytest.mark.parametrize("front_end", ["az", "pwsh"])
@pytest.mark.parametrize("file", FILES)
def test_container_registry(qs, file, front_end):
    r = deploy(qs, "container-registry", file, front_end, {"acrName": "acrqs01", "acrSku": "Standard"})
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    value = out["properties"]["outputs"]["acrLoginServer"]["value"] if front_end == "az" \
        else out["Outputs"]["acrLoginServer"]["Value"]
    assert value == "acrqs01.azurecr.io"
    shown = json.loads(qs.run("az acr show -n acrqs01").stdout)
    assert (shown["sku"]["name"], shown["adminUserEnabled"], shown["tags"]) == (
        "Standard", False, {"displayName": "Container Registry", "container.registry": "acrqs01"})


@pytest.mark.parametrize("front_end", ["az", "pwsh"])
@pytest.mark.parametrize("file", FILES)
def test_geo_replication(qs, file, front_end):
    r = deploy(qs, "container-registry-geo-replication", file, front_end,
               {"acrName": "acrqsgeo01", "acrReplicaLocation": "westeurope"})
    assert r.exit_code == 0, r.output
    names = json.loads(qs.run("az acr replication list -r acrqsgeo01 --query [].location").stdout)
    assert sorted(names) == ["eastus", "westeurope"]
    # the template's own allowed value: Premium only
    r = deploy(qs, "container-registry-geo-replication", file, front_end,
               {"acrName": "acrqsgeo02", "acrReplicaLocation": "westeurope", "acrSku": "Standard"})
    assert r.exit_code == 1


@pytest.mark.parametrize("file", FILES)
def test_policies_and_diagnostics_defaults_on_basic(qs, file):
    r = deploy(qs, "container-registry-with-policies-and-diagnostics", file, "az", {"acrName": "acrqspol01"})
    assert r.exit_code == 0, r.output
    shown = json.loads(qs.run("az acr show -n acrqspol01").stdout)
    assert shown["sku"]["name"] == "Basic" and shown["networkRuleSet"] is None


def test_policies_lock_diagnostics_and_ip_rules(qs):
    ws = "/subscriptions/19e63119-9f4d-4452-bbdc-e2993368ba4d/resourceGroups/rg-qs/providers/" \
         "Microsoft.OperationalInsights/workspaces/ws-lab"
    r = deploy(qs, "container-registry-with-policies-and-diagnostics", "main.bicep", "az", {
        "acrName": "acrqspol02", "acrSku": "Premium", "enableDeleteLock": "true", "enableDiagnostics": "true",
        "logAnalyticsWorkspaceId": ws, "policies": '{"retentionPolicy":{"status":"enabled","days":7}}',
        "ipRules": '{"defaultAction":"Deny","ipRules":[{"action":"Allow","value":"203.0.113.0/24"}]}'})
    assert r.exit_code == 0, r.output
    shown = json.loads(qs.run("az acr show -n acrqspol02").stdout)
    assert shown["networkRuleSet"]["defaultAction"] == "Deny"
    assert shown["networkRuleSet"]["ipRules"] == [{"action": "Allow", "ipAddressOrRange": "203.0.113.0/24"}]
    assert shown["policies"]["retentionPolicy"]["days"] == 7
    r = qs.run("az acr delete -n acrqspol02 --yes")
    assert r.exit_code == 1 and "ScopeLocked" in r.stderr  # the CanNotDelete lock the template put on it
    r = deploy(qs, "container-registry-with-policies-and-diagnostics", "main.bicep", "az",
               {"acrName": "acrqspol03", "acrSku": "Classic"})
    assert r.exit_code == 1 and "Classic" in r.stderr


def test_what_if_lists_the_creations(qs):
    r = qs.run("az deployment group what-if -g rg-qs -f qs/container-registry-geo-replication/main.bicep "
               "-p acrName=acrqswi01 acrReplicaLocation=westus")
    assert "+ Microsoft.ContainerRegistry/registries/acrqswi01 [2019-12-01-preview]" in r.stdout
    assert "+ Microsoft.ContainerRegistry/registries/acrqswi01/replications/westus" in r.stdout
    assert r.stdout.rstrip().endswith("Resource changes: 2 to create.")
    r = qs.run("New-AzResourceGroupDeployment -ResourceGroupName rg-qs -TemplateFile "
               "qs/container-registry/azuredeploy.json -acrName acrqswi02 -WhatIf", shell="pwsh")
    assert "+ Microsoft.ContainerRegistry/registries/acrqswi02" in r.stdout
    assert qs.cloud.find_registry("acrqswi01") is None and qs.cloud.find_registry("acrqswi02") is None


def test_hidden_marketplace_revision_does_not_compile(qs):
    r = qs.run("az deployment group create -g rg-qs -f qs/container-registry-hidden-marketplace/main.bicep "
               "-p acrName=acrhidden01")
    assert r.exit_code == 1
    assert "main.bicep(27,1) : Error BCP007: This declaration type is not recognized." in r.stderr


@pytest.mark.parametrize("front_end", ["az", "pwsh"])
@pytest.mark.parametrize("file", FILES)
def test_aks(qs, file, front_end):
    r = deploy(qs, "aks", file, front_end, {"dnsPrefix": "aks101", "linuxAdminUsername": "azureuser",
                                             "sshRSAPublicKey": SSH})
    assert r.exit_code == 0, r.output
    cluster = json.loads(qs.run("az aks show -g rg-qs -n aks101cluster").stdout)
    assert cluster["agentPoolProfiles"][0]["count"] == 3
    assert cluster["fqdn"].endswith(".hcp.eastus.azmk8s.io")


def test_aks_with_acr_pulls_through_the_kubelet_identity(qs):
    r = deploy(qs, "aks-acr", "main.bicep", "az", {"acrName": "acrqsaks01", "sshRSAPublicKey": SSH})
    assert r.exit_code == 0, r.output
    kubelet = json.loads(r.stdout)["properties"]["outputs"]["kubeletObjectId"]["value"]
    roles = json.loads(qs.run(f"az role assignment list --assignee {kubelet} --all --query [].roleDefinitionName")
                       .stdout)
    assert roles == ["AcrPull"]
    r = qs.run("az acr import -n acrqsaks01 --source docker.io/library/nginx:1.27 -t web:v1 -o none\n"
               "az aks get-credentials -g rg-qs -n aks-acr-cluster -o none\n"
               "kubectl create deployment web --image=acrqsaks01.azurecr.io/web:v1\nkubectl get pods")
    assert r.exit_code == 0 and "Running" in r.stdout, r.output


def _with_unique_name(lab, path: str, name: str) -> str:
    text = lab.read_file(path).replace("GEN-UNIQUE", name)
    lab.write_file(path, text)
    return path


@pytest.mark.parametrize("front_end", ["az", "pwsh"])
def test_parameter_file_of_the_container_registry_quickstart(qs, front_end):
    params = _with_unique_name(qs, "qs/container-registry/azuredeploy.parameters.json", "acrqsparams01")
    template = "qs/container-registry/azuredeploy.json"
    r = qs.run(f"az deployment group create -g rg-qs -f {template} -p @{params} -o none") if front_end == "az" else \
        qs.run(f"New-AzResourceGroupDeployment -ResourceGroupName rg-qs -TemplateFile {template} "
               f"-TemplateParameterFile {params} | Out-Null", shell="pwsh")
    assert r.exit_code == 0, r.output
    assert qs.run("az acr show -n acrqsparams01 --query adminUserEnabled -o tsv").stdout == "false\n"


def test_us_government_parameter_file_is_refused_in_the_public_cloud(qs):
    """azuredeploy.parameters.us.json replicates to usgovarizona, a region of Azure Government only."""
    params = _with_unique_name(qs, "qs/container-registry-geo-replication/azuredeploy.parameters.us.json",
                               "acrqsgov01")
    r = qs.run("az deployment group create -g rg-qs -f qs/container-registry-geo-replication/azuredeploy.json "
               f"-p @{params} -o none")
    assert r.exit_code == 1 and "usgovarizona" in r.stderr, r.output
