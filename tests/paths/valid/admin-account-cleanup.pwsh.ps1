Update-AzContainerRegistryCredential -ResourceGroupName rg-containers -Name acrlablegacy -PasswordName password
Update-AzContainerRegistryCredential -ResourceGroupName rg-containers -Name acrlablegacy -PasswordName password2
Update-AzContainerRegistry -ResourceGroupName rg-containers -Name acrlablegacy -EnableAdminUser:$false
$acr = Get-AzContainerRegistry -ResourceGroupName rg-containers -Name acrlablegacy
$sp = Get-AzADServicePrincipal -DisplayName sp-build
New-AzRoleAssignment -ObjectId $sp.Id -RoleDefinitionName AcrPush -Scope $acr.Id
