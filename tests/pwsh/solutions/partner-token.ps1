# A scope map with content/read on partner/app only, then a token bound to it
$map = New-AzContainerRegistryScopeMap -ResourceGroupName rg-containers -RegistryName acrlabshared `
    -Name partner-pull-scope-map -Action "repositories/partner/app/content/read" `
    -Description "Pull-only access to partner/app"
New-AzContainerRegistryToken -ResourceGroupName rg-containers -RegistryName acrlabshared -Name partner-pull `
    -ScopeMapId $map.Id | Out-Null
Get-AzContainerRegistryToken -ResourceGroupName rg-containers -RegistryName acrlabshared -Name partner-pull
