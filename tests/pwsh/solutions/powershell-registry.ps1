$acr = New-AzContainerRegistry -ResourceGroupName rg-containers -Name acrlabps -Sku Standard -Location brazilsouth `
    -EnableAdminUser:$false
$identity = Get-AzUserAssignedIdentity -ResourceGroupName rg-containers -Name id-web
New-AzRoleAssignment -ObjectId $identity.PrincipalId -RoleDefinitionName AcrPull -Scope $acr.Id | Out-Null
