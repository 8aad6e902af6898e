# Contributor manages the registry but cannot push in ABAC mode: grant the repository data role, drop Contributor
$acr = Get-AzContainerRegistry -ResourceGroupName rg-containers -Name acrlabpush
$sp = Get-AzADServicePrincipal -DisplayName sp-pipeline
New-AzRoleAssignment -ApplicationId $sp.AppId -RoleDefinitionName "Container Registry Repository Writer" -Scope $acr.Id | Out-Null
Remove-AzRoleAssignment -ObjectId $sp.Id -RoleDefinitionName Contributor -Scope $acr.Id
