"""Agent pools are requests (engine/arm/providers/agent_pools.py): every front end's refused request leaves the tenant
exactly as it was, and RBAC decides in the resource manager. Sources for the rules: MicrosoftDocs/azure-management-docs
articles/container-registry/tasks-agent-pools.md (Premium, tiers, quota, Linux only, regions) and the REST API's
AgentPools name pattern (3-20 letters, digits, hyphens)."""

from __future__ import annotations

import pytest

from .state import send_from, tenant_state

SETUP = """az group create -n rg -l eastus -o none
az acr create -n poolprem1 -g rg --sku Premium -o none
az acr create -n poolstd1 -g rg --sku Standard -o none
az acr agentpool create -r poolprem1 -n pool-a --tier S2 -o none"""

BICEP = """resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {{
  name: '{registry}'
}}
resource pool 'Microsoft.ContainerRegistry/registries/agentPools@2019-06-01-preview' = {{
  parent: acr
  name: '{name}'
  location: '{location}'
  properties: {{ count: {count}, tier: '{tier}', os: '{os}' }}
}}
"""

REFUSED = [
    ("bash", "az acr agentpool create -r poolstd1 -n pool-b", "(SkuNotSupported) The SKU Standard is not supported."),
    ("bash", "az acr agentpool create -r poolprem1 -n pool-b --tier S3 --count 2",
     "quota for standard agent pools is 16 vCPUs and 4 are in use"),
    ("bash", "az acr agentpool create -r poolprem1 -n iso-pool --tier I6",
     "quota for isolated agent pools is 0 vCPUs"),
    ("bash", "az acr agentpool create -r poolprem1 -n pool-b --tier S9", "The tier 'S9' is not valid."),
    ("bash", "az acr agentpool create -r poolprem1 -n p1", "Agent pool name 'p1' is invalid."),
    ("bash", "az acr agentpool update -r poolprem1 -n pool-a --count -1", "must be 0 or more"),
    ("bash", "az acr agentpool update -r poolprem1 -n pool-a --count 5", "needs 20 vCPUs"),
    ("bash", "az acr agentpool create -r poolprem1 -n pool-b --subnet-id /subscriptions/x/resourceGroups/rg/"
             "providers/Microsoft.Network/virtualNetworks/none/subnets/none", "does not exist"),
    ("pwsh", "New-AzContainerRegistryAgentPool -Name pool-b -RegistryName poolprem1 -ResourceGroupName rg "
             "-Location eastus -OS Windows", "Task agent pools currently support Linux nodes."),
    ("pwsh", "New-AzContainerRegistryAgentPool -Name pool-b -RegistryName poolprem1 -ResourceGroupName rg "
             "-Location uksouth", "The provided location 'uksouth' is not available for resource type "
                                  "'Microsoft.ContainerRegistry/registries/agentPools'. List of available regions"),
    ("pwsh", "New-AzContainerRegistryAgentPool -Name pool-a -RegistryName poolprem1 -ResourceGroupName rg "
             "-Location eastus -Tier S1", "The property 'tier' of agent pool 'pool-a' cannot be changed."),
    ("bicep", BICEP.format(registry="poolprem1", name="pool-b", location="eastus", count=5, tier="S3", os="Linux"),
     "QuotaExceeded"),
    ("bicep", BICEP.format(registry="poolstd1", name="pool-b", location="eastus", count=1, tier="S1", os="Linux"),
     "SkuNotSupported"),
]


@pytest.fixture(scope="module")
def base():
    from acrlab import Lab
    lab = Lab(seed=0)
    r = lab.run(SETUP)
    assert r.exit_code == 0, r.output
    return lab


@pytest.mark.parametrize("kind,text,message", REFUSED, ids=[f"{k}:{i}" for i, (k, _, _) in enumerate(REFUSED)])
def test_a_refused_agent_pool_request_changes_nothing(base, kind, text, message):
    lab = base.fork()
    before = tenant_state(lab)
    r = send_from(lab, kind, text)
    assert r.exit_code != 0 and message in r.output, r.output
    assert tenant_state(lab) == before


def test_templates_create_and_scale_a_pool_the_cli_reads(base):
    lab = base.fork()
    text = BICEP.format(registry="poolprem1", name="pool-b", location="eastus", count=2, tier="S1", os="Linux")
    assert send_from(lab, "bicep", text).exit_code == 0
    assert lab.run("az acr agentpool show -r poolprem1 -n pool-b --query '[count, tier]' -o tsv"
                   ).stdout.split() == ["2", "S1"]
    assert send_from(lab, "bicep", text.replace("count: 2", "count: 3")).exit_code == 0
    assert lab.run("az acr agentpool list -r poolprem1 --query '[].name' -o tsv").stdout.split() == ["pool-b",
                                                                                                       "pool-a"]


def test_rbac_decides_in_the_resource_manager(base):
    lab = base.fork()
    reg = lab.cloud.find_registry("poolprem1")
    r = lab.run(f"az ad sp create-for-rbac -n reader1 --role Reader --scopes {reg.id} -o none\n"
                f"az ad sp create-for-rbac -n tasks1 --role 'Container Registry Tasks Contributor' --scopes {reg.id} "
                "-o none")
    assert r.exit_code == 0, r.output
    reader = lab.new_session(lab.cloud.tenant.find_principal("reader1"))
    code, out, err = reader.run("az acr agentpool list -r poolprem1 --query '[].name' -o tsv")
    assert code == 0 and out.split() == ["pool-a"]
    code, out, err = reader.run("az acr agentpool update -r poolprem1 -n pool-a --count 2")
    assert code == 1 and "Microsoft.ContainerRegistry/registries/agentPools/write" in err
    code, out, err = reader.run("az acr agentpool show -r poolprem1 -n pool-a --queue-count")
    assert code == 1 and "agentPools/listQueueStatus/action" in err
    tasks = lab.new_session(lab.cloud.tenant.find_principal("tasks1"))
    code, out, err = tasks.run("az acr agentpool update -r poolprem1 -n pool-a --count 2 --query count")
    assert (code, out.strip()) == (0, "2"), err


def test_deleting_a_pool_cancels_the_runs_that_wait_for_it(base):
    lab = base.fork()
    assert lab.run("az acr agentpool update -r poolprem1 -n pool-a --count 0 -o none").exit_code == 0
    r = lab.run("az acr run -r poolprem1 --agent-pool pool-a --cmd 'mcr.microsoft.com/hello-world' /dev/null --no-wait "
                "--query status -o tsv")
    assert r.stdout.strip() == "Queued", r.output
    assert lab.run("az acr agentpool delete -r poolprem1 -n pool-a -y").stdout.strip() == \
        "\"Agent 'pool-a' was successfully deleted\""
    assert lab.run("az acr task show-run -r poolprem1 --run-id ca1 --query status -o tsv").stdout.strip() == "Canceled"


NETWORK = """az group create -n rg -l eastus -o none
az acr create -n netreg01 -g rg --sku Premium -o none
az network vnet create -g rg -n vnet1 --subnet-name pools -l eastus -o none
az network vnet subnet update -g rg --vnet-name vnet1 -n pools --service-endpoints Microsoft.ContainerRegistry -o none
SUBNET=$(az network vnet subnet show -g rg --vnet-name vnet1 -n pools --query id -o tsv)
az acr network-rule add -n netreg01 --subnet $SUBNET -o none
az acr update -n netreg01 --default-action Deny -o none
az acr agentpool create -r netreg01 -n vnetpool --subnet-id $SUBNET -o none"""
BUILD = ("az acr build -r netreg01 -t hello:v1 https://github.com/Azure-Samples/acr-build-helloworld-node.git#main "
         "--no-logs --query status -o tsv")
BYPASS = """resource acr 'Microsoft.ContainerRegistry/registries@2025-05-01-preview' = {
  name: 'netreg01'
  location: 'eastus'
  sku: { name: 'Premium' }
  properties: {
    networkRuleBypassAllowedForTasks: true
    networkRuleSet: { defaultAction: 'Deny' }
  }
}
"""


def test_tasks_reach_a_network_restricted_registry_from_a_pool_in_its_vnet_or_with_the_bypass_policy(lab):
    """docs manage-network-bypass-policy-for-tasks.md: since June 1, 2025 tasks no longer bypass network rules
    unless networkRuleBypassAllowedForTasks is true (the default is false); tasks-agent-pools.md: a pool in a VNet
    reaches resources in it (here a virtual network rule of the registry)."""
    from acrlab.engine.dated_rules import TASKS_NETWORK_BYPASS_POLICY

    assert TASKS_NETWORK_BYPASS_POLICY.in_force(lab.cloud.clock.now())
    assert lab.run(NETWORK).exit_code == 0
    r = lab.run(BUILD)
    assert r.exit_code == 1 and "unsuccessful status 'Failed'" in r.stderr
    log = lab.run("az acr task logs -r netreg01 --run-id ca1").stdout
    assert "failed to push netreg01.azurecr.io/hello:v1" in log and "is not allowed access" in log
    assert lab.run(BUILD.replace("--no-logs", "--agent-pool vnetpool --no-logs")).stdout.strip() == "Succeeded"
    lab.write_file("bypass.bicep", BYPASS)
    assert lab.run("az deployment group create -g rg -f bypass.bicep -o none").exit_code == 0
    assert lab.run("az acr show -n netreg01 --query '[networkRuleBypassAllowedForTasks, networkRuleSet.defaultAction]'"
                   " -o tsv").stdout.split() == ["true", "Deny"]
    assert lab.run(BUILD).stdout.strip() == "Succeeded"  # the shared agents bypass the rules again
