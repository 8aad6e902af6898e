"""The examples of the Az.ContainerRegistry task help pages run in the lab with the output shapes the pages show.
Source: Azure/azure-powershell src/ContainerRegistry/ContainerRegistry/help/{New,Get,Update,Remove}-
AzContainerRegistryTask.md, Get-AzContainerRegistryTaskDetail.md, Get-AzContainerRegistryBuildSourceUploadUrl.md
(registry 'RegistryExample' in 'MyResourceGroup', as on the pages)."""

from __future__ import annotations

import pytest

from .pwsh_help import Example, check

SETUP = """New-AzResourceGroup -Name MyResourceGroup -Location eastus | Out-Null
New-AzContainerRegistry -ResourceGroupName MyResourceGroup -Name RegistryExample -Sku Standard -Location eastus |
    Out-Null"""

TASK_TABLE = ("Location", "Name", "SystemDataCreatedAt", "SystemDataCreatedBy", "SystemDataCreatedByType",
              "SystemDataLastModifiedAt", "SystemDataLastModifiedBy")
QUICKTASK = ("New-AzContainerRegistryTask -Name quicktask -RegistryName RegistryExample -ResourceGroupName "
             "MyResourceGroup -Location \"eastus\" -Status 'Enabled' -IsSystemTask -LogTemplate "
             "\"acr/tasks:{{.Run.OS}}\" | Out-Null")

EXAMPLES = [
    Example("New-AzContainerRegistryTask.md", QUICKTASK.removesuffix(" | Out-Null"), table=TASK_TABLE),
    Example("Get-AzContainerRegistryTask.md",
            "Get-AzContainerRegistryTask  -RegistryName RegistryExample -ResourceGroupName MyResourceGroup",
            table=TASK_TABLE, setup=QUICKTASK),
    Example("Get-AzContainerRegistryTaskDetail.md",
            "Get-AzContainerRegistryTaskDetail  -RegistryName RegistryExample -ResourceGroupName MyResourceGroup "
            "-TaskName quicktask", table=TASK_TABLE, setup=QUICKTASK),
    Example("Update-AzContainerRegistryTask.md",
            "update-AzContainerRegistryTask -TaskName quicktask  -RegistryName RegistryExample -ResourceGroupName "
            "MyResourceGroup -Status 'Enabled'", table=TASK_TABLE, setup=QUICKTASK),
    Example("Remove-AzContainerRegistryTask.md",
            "remove-AzContainerRegistryTask -TaskName quicktask  -RegistryName RegistryExample -ResourceGroupName "
            "MyResourceGroup", lines=(), setup=QUICKTASK),
    Example("Get-AzContainerRegistryBuildSourceUploadUrl.md",
            "Get-AzContainerRegistryBuildSourceUploadUrl -RegistryName RegistryExample -ResourceGroupName "
            "MyResourceGroup", table=("RelativePath", "UploadUrl")),
]


@pytest.fixture(scope="module")
def help_lab():
    from acrlab import Lab
    lab = Lab(seed=0)
    assert lab.run(SETUP, shell="pwsh").exit_code == 0
    return lab


@pytest.mark.parametrize("ex", EXAMPLES, ids=[f"{e.page}:{i}" for i, e in enumerate(EXAMPLES)])
def test_help_example(help_lab, ex):
    check(help_lab.fork(), ex)


def test_the_system_task_carries_its_settings_and_cannot_run(help_lab):
    lab = help_lab.fork()
    assert lab.run(QUICKTASK, shell="pwsh").exit_code == 0
    r = lab.run("Get-AzContainerRegistryTask -RegistryName RegistryExample -ResourceGroupName MyResourceGroup "
                "-Name quicktask | Format-List IsSystemTask, LogTemplate, Status", shell="pwsh")
    assert r.stdout.split() == ["IsSystemTask", ":", "True", "LogTemplate", ":", "acr/tasks:{{.Run.OS}}",
                                "Status", ":", "Enabled"]
    r = lab.run("az acr task run -n quicktask -r RegistryExample")
    assert r.exit_code != 0 and "system task" in r.stderr


def test_a_timer_task_from_the_expanded_parameters_runs_on_schedule(help_lab):
    lab = help_lab.fork()
    r = lab.run("""$yaml = "version: v1.1.0`nsteps:`n  - cmd: acr purge --filter 'ci/.*:.*' --ago 7d --untagged"
$encoded = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($yaml))
$task = @{ Location = 'eastus'; PlatformOS = 'Linux'; StepType = 'EncodedTask'
           TriggerTimerTrigger = @(@{ Name = 'nightly'; Schedule = '0 2 * * *' }) }
New-AzContainerRegistryTask -Name purge -RegistryName RegistryExample -ResourceGroupName MyResourceGroup `
    -TaskCreateParameter $task""", shell="pwsh")
    # the module's parameters cannot carry encodedTaskContent: the service refuses the step, as in Azure
    assert r.exit_code == 1 and "encodedTaskContent" in r.stderr
    r = lab.run("New-AzContainerRegistryTask -Name nightly -RegistryName RegistryExample -ResourceGroupName "
                "MyResourceGroup -Location eastus -IsSystemTask -TriggerTimerTrigger @{ Name = 't1'; Schedule = "
                "'0 2 * * *' } | Out-Null\nGet-AzContainerRegistryTask -RegistryName RegistryExample "
                "-ResourceGroupName MyResourceGroup -Name nightly | ForEach-Object { $_.TriggerTimerTrigger.schedule }",
                shell="pwsh")
    assert r.stdout.strip() == "0 2 * * *", r.output


def test_removing_a_task_needs_tasks_delete(help_lab):
    lab = help_lab.fork()
    assert lab.run(QUICKTASK, shell="pwsh").exit_code == 0
    import json
    acr_id = lab.run("az acr show -n RegistryExample --query id -o tsv").stdout.strip()
    sp = json.loads(lab.run(f"az ad sp create-for-rbac --name sp-reader --role Reader --scopes {acr_id}").stdout)
    r = lab.run(f"$secret = ConvertTo-SecureString '{sp['password']}' -AsPlainText -Force\n"
                f"$cred = New-Object System.Management.Automation.PSCredential('{sp['appId']}', $secret)\n"
                f"Connect-AzAccount -ServicePrincipal -Credential $cred -Tenant {sp['tenant']} | Out-Null",
                shell="pwsh")
    assert r.exit_code == 0, r.output
    r = lab.run("Remove-AzContainerRegistryTask -TaskName quicktask -RegistryName RegistryExample "
                "-ResourceGroupName MyResourceGroup", shell="pwsh")
    assert r.exit_code == 1 and "tasks/delete" in r.stderr, r.output
