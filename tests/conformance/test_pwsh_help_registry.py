"""The examples of Az.ContainerRegistry help pages (tasks, scope maps, tokens) and of the Az cmdlets the ACR articles
use from other modules run in the lab with the output shapes their pages show. Sources: Azure/azure-powershell
src/ContainerRegistry/ContainerRegistry/help/{New,Get,Update,Remove}-AzContainerRegistryTask.md,
Get-AzContainerRegistryTaskDetail.md, Get-AzContainerRegistryBuildSourceUploadUrl.md,
New-AzContainerRegistryScopeMap.md, New-AzContainerRegistryToken.md (registry 'RegistryExample' in 'MyResourceGroup',
as on the pages); MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-rbac-custom-roles.md
(Get-AzProviderOperation) and container-registry-authentication-managed-identity.md (Get-AzPublicIpAddress)."""

from __future__ import annotations

from .pwsh_help import Example, help_example_tests

SETUP = """New-AzResourceGroup -Name MyResourceGroup -Location eastus | Out-Null
New-AzContainerRegistry -ResourceGroupName MyResourceGroup -Name RegistryExample -Sku Premium -Location eastus |
    Out-Null"""

TASK_TABLE = ("Location", "Name", "SystemDataCreatedAt", "SystemDataCreatedBy", "SystemDataCreatedByType",
              "SystemDataLastModifiedAt", "SystemDataLastModifiedBy")
QUICKTASK = ("New-AzContainerRegistryTask -Name quicktask -RegistryName RegistryExample -ResourceGroupName "
             "MyResourceGroup -Location \"eastus\" -Status 'Enabled' -IsSystemTask -LogTemplate "
             "\"acr/tasks:{{.Run.OS}}\" | Out-Null")

SYSTEM = ("Name", "SystemDataCreatedAt", "SystemDataCreatedBy", "SystemDataCreatedByType", "SystemDataLastModifiedAt",
          "SystemDataLastModifiedBy")
NEWMAP = ('New-AzContainerRegistryScopeMap -Name newmap -RegistryName RegistryExample -ResourceGroupName '
          'MyResourceGroup -Action "repositories/busybox/content/read"')
OPERATION = ("Operation", "OperationName", "ProviderNamespace", "ResourceName", "Description", "IsDataAction")

EXAMPLES = [
    Example("New-AzContainerRegistryScopeMap.md", NEWMAP, table=SYSTEM),
    Example("New-AzContainerRegistryToken.md",
            "New-AzContainerRegistryToken -Name token2 -RegistryName RegistryExample -ResourceGroupName "
            "MyResourceGroup -ScopeMapId $map.Id", table=SYSTEM, setup=f"$map = {NEWMAP}"),
    Example("MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-rbac-custom-roles.md",
            "Get-AzProviderOperation -OperationSearchString Microsoft.ContainerRegistry/* | Select-Object -First 1",
            labels=OPERATION),
    Example("MicrosoftDocs/azure-management-docs articles/container-registry/"
            "container-registry-authentication-managed-identity.md",
            "Get-AzPublicIpAddress -Name myPublicIP -ResourceGroupName MyResourceGroup | Select-Object -ExpandProperty "
            "IpAddress", setup="$cred = New-Object System.Management.Automation.PSCredential('azureuser', "
            "(ConvertTo-SecureString 'P@ssw0rd1234!' -AsPlainText -Force))\nNew-AzVM -ResourceGroupName "
            "MyResourceGroup -Name myVM -Image Ubuntu2204 -Credential $cred -PublicIpAddressName myPublicIP | Out-Null"),
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


help_lab, test_help_example = help_example_tests(SETUP, EXAMPLES)


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


def test_provider_operations_list_the_webhook_permissions_the_article_uses(help_lab):
    r = help_lab.fork().run("(Get-AzProviderOperation Microsoft.ContainerRegistry/registries/webhooks/*).Operation",
                            shell="pwsh")
    assert r.stdout.split()[:3] == [f"Microsoft.ContainerRegistry/registries/webhooks/{v}" for v in
                                     ("read", "write", "delete")]


def test_the_public_ip_is_the_one_the_registry_firewall_sees(help_lab):
    lab = help_lab.fork()
    lab.run("$cred = New-Object System.Management.Automation.PSCredential('azureuser', (ConvertTo-SecureString "
            "'P@ssw0rd1234!' -AsPlainText -Force))\nNew-AzVM -ResourceGroupName MyResourceGroup -Name myVM -Image "
            "Ubuntu2204 -Credential $cred -PublicIpAddressName myPublicIP | Out-Null", shell="pwsh")
    ip = lab.run("(Get-AzPublicIpAddress -Name myPublicIP -ResourceGroupName MyResourceGroup).IpAddress",
                 shell="pwsh").stdout.strip()
    assert ip == lab.run("az vm show -g MyResourceGroup -n myVM -d --query publicIps -o tsv").stdout.strip()
