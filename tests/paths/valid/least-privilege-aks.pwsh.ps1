# Az.Aks has no cmdlet for the kubelet identity in this lab (Get-AzAksCluster is missing), so az inside pwsh
$acr = Get-AzContainerRegistry -ResourceGroupName rg-containers -Name acrlabprod
$kubelet = az aks show -g rg-aks -n aks-prod --query identityProfile.kubeletidentity.objectId -o tsv
New-AzRoleAssignment -ObjectId $kubelet -RoleDefinitionName AcrPull -Scope $acr.Id
$sp = Get-AzADServicePrincipal -DisplayName sp-ci
New-AzRoleAssignment -ApplicationId $sp.AppId -RoleDefinitionName AcrPush -Scope $acr.Id
