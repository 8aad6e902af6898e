"""'Run an ACR task on a dedicated agent pool', in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/tasks-agent-pools.md. The page's Premium
registry `myregistry` is `agentreg01` in `rg` (East US, a preview region); its VNet `myvnet` with subnet `mysubnetname`
exists before the "Create pool in VNet" block. That block creates the pool `myagentpool` again, in the subnet: a
pool's subnet cannot change, so the test deletes the pool the earlier blocks made first."""

from __future__ import annotations

from .docs import Page

SETUP = """az group create -n rg -l eastus -o none
az acr create -n agentreg01 -g rg --sku Premium -o none
az network vnet create -g rg -n myvnet --subnet-name mysubnetname -l eastus -o none"""


def test_tasks_agent_pools(lab):
    assert lab.run(SETUP).exit_code == 0
    page = Page(lab, "tasks-agent-pools", {"<registryName>": "agentreg01", "myregistry": "agentreg01",
                                           "myresourcegroup": "rg"})
    page.run(0)
    page.run(1, contains='"tier": "S2"')
    pool = lab.run("az acr agentpool show -r agentreg01 -n myagentpool").json()
    assert (pool["count"], pool["virtualNetworkSubnetResourceId"]) == (1, None)  # 1 instance by default
    page.run(2, contains='"count": 2')
    assert lab.run("az acr agentpool delete -r agentreg01 -n myagentpool -y -o none").exit_code == 0
    r = page.run(3, contains='"tier": "S2"')
    assert '/virtualNetworks/myvnet/subnets/mysubnetname"' in r.stdout
    page.run(4, contains="Run ID: ca1 was successful")
    assert lab.run("az acr task show-run -r agentreg01 --run-id ca1 --query agentPoolName -o tsv"
                   ).stdout.strip() == "myagentpool"
    page.run(5, contains='"agentPoolName": "myagentpool"')
    page.run(6, contains="Run ID: ca2 was successful")
    assert lab.run("az acr task show-run -r agentreg01 --run-id ca2 --query agentPoolName -o tsv"
                   ).stdout.strip() == "myagentpool"
    page.run(7, contains='"count": 0')
    page.finish()


def test_a_run_waits_queued_on_an_empty_pool_until_it_is_scaled_up(lab):
    """Docs: "To use an agent pool in an ACR task, ensure that the pool contains at least 1 instance." A run on a
    pool scaled to 0 waits Queued, the queue count shows it, and scaling the pool up runs it."""
    assert lab.run(SETUP).exit_code == 0
    assert lab.run("az acr agentpool create -r agentreg01 -n myagentpool --count 0 -o none").exit_code == 0
    r = lab.run("az acr build -r agentreg01 --agent-pool myagentpool -t myimage:mytag "
                "https://github.com/Azure-Samples/acr-build-helloworld-node.git#main")
    assert r.exit_code == 1 and "queued on agent pool 'myagentpool'" in r.stderr
    assert lab.run("az acr task show-run -r agentreg01 --run-id ca1 --query status -o tsv").stdout.strip() == "Queued"
    assert lab.run("az acr agentpool show -r agentreg01 -n myagentpool --queue-count").json() == {"count": 1}
    assert lab.run("az acr repository list -n agentreg01").json() == []
    assert lab.run("az acr agentpool update -r agentreg01 -n myagentpool --count 1 -o none").exit_code == 0
    assert lab.run("az acr task show-run -r agentreg01 --run-id ca1 --query status -o tsv").stdout.strip() == \
        "Succeeded"
    assert lab.run("az acr repository show-tags -n agentreg01 --repository myimage").json() == ["mytag"]
    assert lab.run("az acr agentpool show -r agentreg01 -n myagentpool --queue-count").json() == {"count": 0}
