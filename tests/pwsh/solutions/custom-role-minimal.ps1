$subscription = (Get-AzContext).Subscription.Id
@{
    Name             = 'Registry Auditor'
    IsCustom         = $true
    Description      = 'Read registry properties and pull images.'
    Actions          = @('Microsoft.ContainerRegistry/registries/read', 'Microsoft.ContainerRegistry/registries/pull/read')
    NotActions       = @()
    AssignableScopes = @("/subscriptions/$subscription")
} | ConvertTo-Json | Set-Content role.json
New-AzRoleDefinition -InputFile role.json | Out-Null
$sp = Get-AzADServicePrincipal -DisplayName sp-audit
$acr = Get-AzContainerRegistry -ResourceGroupName rg-containers -Name acrlabaudit
New-AzRoleAssignment -ObjectId $sp.Id -RoleDefinitionName 'Registry Auditor' -Scope $acr.Id | Out-Null
