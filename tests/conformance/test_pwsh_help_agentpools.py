"""The examples of the Az.ContainerRegistry agent pool help pages run in the lab with the output shapes their pages
show. Sources: Azure/azure-powershell src/ContainerRegistry/ContainerRegistry/help/New-AzContainerRegistryAgentPool.md,
Get-AzContainerRegistryAgentPool.md, Update-AzContainerRegistryAgentPool.md, Remove-AzContainerRegistryAgentPool.md,
Get-AzContainerRegistryAgentPoolQueueStatus.md (registry 'RegistryExample' in 'MyResourceGroup', as on the pages).
The queue status page prints 10 queued runs; the lab's pool has none queued, so it prints 0."""

from __future__ import annotations

from .pwsh_help import Example, help_example_tests

SETUP = """New-AzResourceGroup -Name MyResourceGroup -Location eastus | Out-Null
New-AzContainerRegistry -ResourceGroupName MyResourceGroup -Name RegistryExample -Sku Premium -Location eastus |
    Out-Null"""
NEW = ("New-AzContainerRegistryAgentPool -name agent  -RegistryName RegistryExample -ResourceGroupName MyResourceGroup "
       "-Location 'eastus' -Count 1 -Tier S1 -os 'Linux'")
TABLE = ("Name", "Location", "OS", "Count", "ProvisioningState")

EXAMPLES = [
    Example("New-AzContainerRegistryAgentPool.md", NEW, table=TABLE),
    Example("Get-AzContainerRegistryAgentPool.md",
            "Get-AzContainerRegistryAgentPool -RegistryName RegistryExample -ResourceGroupName MyResourceGroup",
            table=TABLE, setup=NEW + " | Out-Null"),
    Example("Update-AzContainerRegistryAgentPool.md",
            "Update-AzContainerRegistryAgentPool -AgentPoolName agent -RegistryName RegistryExample -ResourceGroupName "
            "MyResourceGroup -Count 5", table=TABLE, setup=NEW + " | Out-Null"),
    Example("Remove-AzContainerRegistryAgentPool.md",
            "Remove-AzContainerRegistryAgentPool -Name agent -RegistryName RegistryExample -ResourceGroupName "
            "MyResourceGroup", lines=(), setup=NEW + " | Out-Null"),
    Example("Get-AzContainerRegistryAgentPoolQueueStatus.md",
            "Get-AzContainerRegistryAgentPoolQueueStatus -AgentPoolName agent -RegistryName RegistryExample "
            "-ResourceGroupName MyResourceGroup", lines=("0",), setup=NEW + " | Out-Null"),
]


help_lab, test_help_example = help_example_tests(SETUP, EXAMPLES)


def test_the_update_example_scales_the_pool_the_cli_reads(help_lab):
    lab = help_lab.fork()
    assert lab.run(NEW + " | Out-Null", shell="pwsh").exit_code == 0
    assert lab.run("Update-AzContainerRegistryAgentPool -AgentPoolName agent -RegistryName RegistryExample "
                   "-ResourceGroupName MyResourceGroup -Count 5 | Out-Null", shell="pwsh").exit_code == 0
    pool = lab.run("az acr agentpool show -r RegistryExample -n agent").json()
    assert (pool["count"], pool["tier"], pool["os"]) == (5, "S1", "Linux")
    r = lab.run("Remove-AzContainerRegistryAgentPool -Name agent -RegistryName RegistryExample -ResourceGroupName "
                "MyResourceGroup -PassThru", shell="pwsh")
    assert r.stdout.strip() == "True"
    assert lab.run("az acr agentpool list -r RegistryExample").json() == []


def test_the_json_parameter_sets_send_the_body_as_written(help_lab):
    """The module's CreateViaJsonString / UpdateViaJsonFilePath sets (-JsonString, -JsonFilePath): the AgentPool body
    as JSON; mixing them with the expanded parameters resolves no parameter set."""
    lab = help_lab.fork()
    lab.write_file("scale.json", '{"properties": {"count": 3}}')
    r = lab.run("New-AzContainerRegistryAgentPool -Name agent -RegistryName RegistryExample -ResourceGroupName "
                "MyResourceGroup -JsonString '{\"location\": \"eastus\", \"properties\": {\"count\": 2, \"tier\": "
                "\"S2\"}}' | Out-Null\nUpdate-AzContainerRegistryAgentPool -Name agent -RegistryName RegistryExample "
                "-ResourceGroupName MyResourceGroup -JsonFilePath scale.json | ForEach-Object { \"$($_.Count) "
                "$($_.Tier)\" }", shell="pwsh")
    assert r.stdout.strip() == "3 S2", r.output
    r = lab.run("New-AzContainerRegistryAgentPool -Name agent2 -RegistryName RegistryExample -ResourceGroupName "
                "MyResourceGroup -JsonString '{\"location\": \"eastus\"}' -Count 2", shell="pwsh")
    assert r.exit_code == 1 and "Parameter set cannot be resolved" in r.stderr


def test_the_identity_parameter_sets_take_a_pool_from_the_pipeline(help_lab):
    """GetViaIdentity / UpdateViaIdentityExpanded / DeleteViaIdentity: an agent pool object piped in, or an
    IContainerRegistryIdentity hashtable (ResourceGroupName, RegistryName, AgentPoolName) as -InputObject."""
    lab = help_lab.fork()
    r = lab.run(NEW + " | Out-Null\n$p = Get-AzContainerRegistryAgentPool -RegistryName RegistryExample "
                "-ResourceGroupName MyResourceGroup -Name agent\n($p | Update-AzContainerRegistryAgentPool -Count 3)"
                ".Count\nGet-AzContainerRegistryAgentPoolQueueStatus -InputObject @{ ResourceGroupName = "
                "'MyResourceGroup'; RegistryName = 'RegistryExample'; AgentPoolName = 'agent' }\n"
                "$p | Remove-AzContainerRegistryAgentPool -PassThru", shell="pwsh")
    assert r.stdout.split() == ["3", "0", "True"], r.output
    assert lab.run("az acr agentpool list -r RegistryExample").json() == []
    r = lab.run("Remove-AzContainerRegistryAgentPool -InputObject @{ ResourceGroupName = 'MyResourceGroup'; "
                "RegistryName = 'RegistryExample' }", shell="pwsh")
    assert r.exit_code == 1 and "InputObject has null value for InputObject.AgentPoolName" in r.stderr
