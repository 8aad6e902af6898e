$vm = Get-AzVM -ResourceGroupName rg-containers -Name vm-automation
Update-AzVM -ResourceGroupName rg-containers -VM $vm -IdentityType SystemAssigned | Out-Null
$vm = Get-AzVM -ResourceGroupName rg-containers -Name vm-automation
$acr = Get-AzContainerRegistry -ResourceGroupName rg-containers -Name acrlabauto
New-AzRoleAssignment -ObjectId $vm.Identity.PrincipalId -RoleDefinitionName AcrPush -Scope $acr.Id | Out-Null
