"""'Manage network bypass policy for tasks' (Scenario 1: use an agent pool), in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/manage-network-bypass-policy-for-tasks.md.
The page's Premium registry `myregistry` (here `bypassreg01`: `myregistry` is taken) in `myresourcegroup` (East US) and its subnet `<SubnetName>` of
`<NetworkName>` exist first. Scenario 1's task block passes `--schedule $schedule` unquoted, so bash splits
"0 21 * * *" into words (and `*` matches the files of the working directory): az refuses the extra words, as it
would in Azure, and the block's `az acr task run` then finds no task. The blocks that toggle
networkRuleBypassAllowedForTasks (`az resource update|show`) are printed with no-break spaces (U+00A0), which bash
keeps inside words: `resourceGroup="myresourcegroup"` followed by two of them names a group that does not exist, a
line holding one is a command, and a backslash before one escapes it instead of the line break; block 2's backslashes are
followed by spaces, so its command ends on its first line. Retyped with plain spaces, the blocks work."""

from __future__ import annotations

from .docs import Page

SETUP = """az group create -n myresourcegroup -l eastus -o none
az acr create -n bypassreg01 -g myresourcegroup --sku Premium -o none
az network vnet create -g myresourcegroup -n mynetwork --subnet-name mysubnet -l eastus -o none"""


def test_network_bypass_policy_agent_pool_scenario(lab):
    assert lab.run(SETUP).exit_code == 0
    sub = lab.cloud.subscription.id.rsplit("/", 1)[-1]
    page = Page(lab, "manage-network-bypass-policy-for-tasks", {
        "<SubscriptionId>": sub, "<ResourceGroupName>": "myresourcegroup", "<NetworkName>": "mynetwork",
        "<SubnetName>": "mysubnet", "myregistry": "bypassreg01"})
    page.run(0, exit_code=3, contains="Resource group 'myresourcegroup\xa0\xa0' could not be found")
    page.run(1, exit_code=2, contains="unrecognized arguments: \xa0--name bypassreg01")
    page.run(2, exit_code=127, contains="bash: --namespace: command not found")
    page.subs.update({"\xa0": "", "\\  \n": "\\\n"})  # retyped: plain spaces, no space after a backslash
    page.run(0, contains='"networkRuleBypassAllowedForTasks": true')
    assert page.run(2).stdout.strip() == "true"
    page.run(1, contains='"networkRuleBypassAllowedForTasks": false')
    assert page.run(2).stdout.strip() == "false"
    page.run(6, contains='"networkRuleBypassAllowedForTasks": true')
    page.run(3, contains="/virtualNetworks/mynetwork/subnets/mysubnet")
    page.run(4, contains="Run ID: ca1 was successful")
    assert lab.run("az acr task show-run -r bypassreg01 --run-id ca1 --query agentPoolName -o tsv").stdout.strip() == \
        "myagentpool"
    # az exits 3 for a 404 (ResourceNotFoundError); the lab's az exits 1 for every service error today
    r = page.run(5, exit_code=3, contains="unrecognized arguments: 21 * * *")
    assert "(ResourceNotFound)" in r.stderr  # the task was never created, so the run finds none
    assert lab.run("az acr task list -r bypassreg01").json() == []
    page.finish()
