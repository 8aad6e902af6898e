# GitHub Actions signs in with a federated credential: no secret is stored in GitHub
$id = New-AzUserAssignedIdentity -ResourceGroupName rg-containers -Name id-github-actions -Location brazilsouth
New-AzFederatedIdentityCredential -ResourceGroupName rg-containers -IdentityName id-github-actions -Name github-main `
    -Issuer https://token.actions.githubusercontent.com -Subject repo:contoso/api-gateway:ref:refs/heads/main `
    -Audience api://AzureADTokenExchange | Out-Null
$acr = Get-AzContainerRegistry -ResourceGroupName rg-containers -Name acrlabgh
New-AzRoleAssignment -ObjectId $id.PrincipalId -RoleDefinitionName AcrPush -Scope $acr.Id | Out-Null
