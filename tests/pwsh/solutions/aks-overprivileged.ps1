# The kubelet identity only pulls: give it AcrPull and take away AcrPush and AcrDelete
$acr = Get-AzContainerRegistry -ResourceGroupName rg-containers -Name acrlabaks
$aks = Get-AzAksCluster -ResourceGroupName rg-aks -Name aks-shop
$kubelet = $aks.IdentityProfile['kubeletidentity'].ObjectId
New-AzRoleAssignment -ObjectId $kubelet -RoleDefinitionName AcrPull -Scope $acr.Id | Out-Null
Remove-AzRoleAssignment -ObjectId $kubelet -RoleDefinitionName AcrPush -Scope $acr.Id
Remove-AzRoleAssignment -ObjectId $kubelet -RoleDefinitionName AcrDelete -Scope $acr.Id
