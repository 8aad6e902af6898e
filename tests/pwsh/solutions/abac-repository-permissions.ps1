# Az.ContainerRegistry has no parameter for the role assignment mode: PATCH the registry through ARM
$acr = Get-AzContainerRegistry -ResourceGroupName rg-containers -Name acrlabteams
$patch = @{ properties = @{ roleAssignmentMode = 'AbacRepositoryPermissions' } } | ConvertTo-Json -Depth 3
$response = Invoke-AzRestMethod -Method PATCH -Path "$($acr.Id)?api-version=2025-05-01-preview" -Payload $patch
if ($response.StatusCode -ne 200) { throw "The registry was not switched to ABAC mode: $($response.Content)" }
$sp = Get-AzADServicePrincipal -DisplayName sp-team-a
$condition = @"
((!(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/content/read'}) AND !(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/content/write'}) AND !(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/metadata/read'}) AND !(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/metadata/write'})) OR (@Request[Microsoft.ContainerRegistry/registries/repositories:name] StringStartsWithIgnoreCase 'team-a/'))
"@
New-AzRoleAssignment -ApplicationId $sp.AppId -RoleDefinitionName "Container Registry Repository Writer" `
    -Scope $acr.Id -Description "Push and pull under team-a/ only" -Condition $condition -ConditionVersion "2.0" |
    Out-Null
