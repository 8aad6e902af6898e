# A timer-triggered task whose one step runs acr purge (the task YAML travels base64-encoded in the ARM body)
$yaml = @"
version: v1.1.0
steps:
  - cmd: acr purge --filter 'ci/.*:.*' --ago 7d --untagged
    disableWorkingDirectoryOverride: true
    timeout: 3600
"@
$encoded = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($yaml))
$task = @{
    status   = 'Enabled'
    platform = @{ os = 'Linux'; architecture = 'amd64' }
    step     = @{ type = 'EncodedTask'; encodedTaskContent = $encoded }
    trigger  = @{ timerTriggers = @(@{ name = 't1'; schedule = '0 2 * * *'; status = 'Enabled' }) }
}
New-AzResource -ResourceGroupName rg-containers -ResourceType Microsoft.ContainerRegistry/registries/tasks `
    -ResourceName acrlabnightly/purge-nightly -Location brazilsouth -Properties $task -Force | Out-Null
