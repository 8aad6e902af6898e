# Three faults: the token is disabled, the scope map names partner/ap (a typo), and the token has no password
$rg = 'rg-containers'; $acr = 'acrlabpartner'
Update-AzContainerRegistryToken -ResourceGroupName $rg -RegistryName $acr -Name partner-pull -Status enabled | Out-Null
$map = Get-AzContainerRegistryScopeMap -ResourceGroupName $rg -RegistryName $acr -Name partner-scope
$actions = @($map.Action | Where-Object { $_ -notlike 'repositories/partner/ap/*' }) + 'repositories/partner/app/content/read'
Update-AzContainerRegistryScopeMap -ResourceGroupName $rg -RegistryName $acr -Name partner-scope -Action $actions |
    Out-Null
$token = Get-AzContainerRegistryToken -ResourceGroupName $rg -RegistryName $acr -Name partner-pull
New-AzContainerRegistryCredentials -ResourceGroupName $rg -RegistryName $acr -TokenId $token.Id -Name password1 |
    Out-Null
