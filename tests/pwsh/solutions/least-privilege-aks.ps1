$acr = Get-AzContainerRegistry -ResourceGroupName rg-containers -Name acrlabprod

# Nodes pull with the kubelet identity, not the cluster's control-plane identity
$aks = Get-AzAksCluster -ResourceGroupName rg-aks -Name aks-prod
$kubeletId = $aks.IdentityProfile.kubeletidentity.ObjectId
New-AzRoleAssignment -ObjectId $kubeletId -RoleDefinitionName AcrPull -Scope $acr.Id | Out-Null

# The pipeline pushes (AcrPush), scoped to the registry only
$sp = Get-AzADServicePrincipal -DisplayName sp-ci
New-AzRoleAssignment -ApplicationId $sp.AppId -RoleDefinitionName AcrPush -Scope $acr.Id | Out-Null
