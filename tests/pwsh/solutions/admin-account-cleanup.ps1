# Rotate both admin passwords (anything that copied them stops working), turn the admin user off,
# then give the build service principal its own identity-based push access
Update-AzContainerRegistryCredential -ResourceGroupName rg-containers -RegistryName acrlablegacy -PasswordName password | Out-Null
Update-AzContainerRegistryCredential -ResourceGroupName rg-containers -RegistryName acrlablegacy -PasswordName password2 | Out-Null
Update-AzContainerRegistry -ResourceGroupName rg-containers -Name acrlablegacy -EnableAdminUser:$false | Out-Null
$acr = Get-AzContainerRegistry -ResourceGroupName rg-containers -Name acrlablegacy
$sp = Get-AzADServicePrincipal -DisplayName sp-build
New-AzRoleAssignment -ApplicationId $sp.AppId -RoleDefinitionName AcrPush -Scope $acr.Id | Out-Null
