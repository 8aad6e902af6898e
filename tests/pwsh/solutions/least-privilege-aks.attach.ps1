# Set-AzAksCluster -AcrNameToAttach gives the kubelet identity AcrPull on the registry
Set-AzAksCluster -ResourceGroupName rg-aks -Name aks-prod -AcrNameToAttach acrlabprod | Out-Null
$acr = Get-AzContainerRegistry -ResourceGroupName rg-containers -Name acrlabprod
$sp = Get-AzADServicePrincipal -DisplayName sp-ci
New-AzRoleAssignment -ApplicationId $sp.AppId -RoleDefinitionName AcrPush -Scope $acr.Id | Out-Null
