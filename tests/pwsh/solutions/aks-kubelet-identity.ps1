# AcrPull was given to the control-plane identity; kubelet pulls images. Move the grant to the kubelet identity
$acr = Get-AzContainerRegistry -ResourceGroupName rg-containers -Name acrlabweb
$aks = Get-AzAksCluster -ResourceGroupName rg-aks -Name aks-web
Remove-AzRoleAssignment -ObjectId $aks.Identity.PrincipalId -RoleDefinitionName AcrPull -Scope $acr.Id
Set-AzAksCluster -ResourceGroupName rg-aks -Name aks-web -AcrNameToAttach acrlabweb | Out-Null
Import-AzAksCredential -ResourceGroupName rg-aks -Name aks-web -Force
kubectl rollout restart deployment/web
