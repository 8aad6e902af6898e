New-AzContainerRegistryScopeMap -RegistryName acrlabshared -ResourceGroupName rg-containers -Name partnerpull `
  -Action "repositories/partner/app/content/read"
$map = Get-AzContainerRegistryScopeMap -RegistryName acrlabshared -ResourceGroupName rg-containers -Name partnerpull
New-AzContainerRegistryToken -RegistryName acrlabshared -ResourceGroupName rg-containers -Name partner-pull `
  -ScopeMapId $map.Id
$token = Get-AzContainerRegistryToken -RegistryName acrlabshared -ResourceGroupName rg-containers -Name partner-pull
New-AzContainerRegistryCredentials -RegistryName acrlabshared -ResourceGroupName rg-containers -TokenId $token.Id
