# The same state the Bicep file builds, from PowerShell: Premium (retention needs it), policy, AcrPull
$acr = New-AzContainerRegistry -ResourceGroupName rg-containers -Name acrlabbicep -Sku Premium -Location brazilsouth `
    -RetentionPolicyStatus enabled -RetentionPolicyDay 30
$kubelet = Get-AzUserAssignedIdentity -ResourceGroupName rg-containers -Name id-aks-kubelet
New-AzRoleAssignment -ObjectId $kubelet.PrincipalId -RoleDefinitionName AcrPull -Scope $acr.Id | Out-Null
