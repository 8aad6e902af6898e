# A scope map with content/read on partner/app only, then a token bound to it
$map = New-AzContainerRegistryScopeMap -ResourceGroupName rg-containers -RegistryName acrlabshared `
    -Name partner-pull-scope-map -Action "repositories/partner/app/content/read" `
    -Description "Pull-only access to partner/app"
New-AzContainerRegistryToken -ResourceGroupName rg-containers -RegistryName acrlabshared -Name partner-pull `
    -ScopeMapId $map.Id | Out-Null
Get-AzContainerRegistryToken -ResourceGroupName rg-containers -RegistryName acrlabshared -Name partner-pull
# the partner signs in with the token's name and a password: generate one (Az.ContainerRegistry's
# New-AzContainerRegistryCredentials, as `az acr token credential generate` does)
$token = Get-AzContainerRegistryToken -ResourceGroupName rg-containers -RegistryName acrlabshared -Name partner-pull
New-AzContainerRegistryCredentials -ResourceGroupName rg-containers -RegistryName acrlabshared -TokenId $token.Id | Out-Null
