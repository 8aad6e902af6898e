# The release pipeline signs with Notary Project signatures, which need only push rights (AcrPush)
$acr = Get-AzContainerRegistry -ResourceGroupName rg-containers -Name acrlabtrust
$sp = Get-AzADServicePrincipal -DisplayName sp-release
New-AzRoleAssignment -ApplicationId $sp.AppId -RoleDefinitionName AcrPush -Scope $acr.Id | Out-Null
