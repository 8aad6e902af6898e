# Az.ContainerRegistry has no cmdlet for soft-deleted artifacts: PowerShell uses the registry's REST API
$registry = Get-AzContainerRegistry -ResourceGroupName rg-containers -Name acrlabsoft
$loginServer = $registry.LoginServer

# 1. an ACR refresh token for the signed-in account (the Entra token exchanged at /oauth2/exchange)
$entraToken = (Get-AzAccessToken).Token | ConvertFrom-SecureString -AsPlainText
$exchange = @{ grant_type = 'access_token'; service = $loginServer; tenant = (Get-AzContext).Tenant.Id
               access_token = $entraToken }
$refreshToken = (Invoke-RestMethod -Method Post -Uri "https://$loginServer/oauth2/exchange" -Body $exchange).refresh_token

# 2. an ACR access token for reading and restoring the repository's deleted artifacts
$scope = @{ grant_type = 'refresh_token'; service = $loginServer; refresh_token = $refreshToken
            scope = 'repository:api:deleted_read,deleted_restore' }
$accessToken = (Invoke-RestMethod -Method Post -Uri "https://$loginServer/oauth2/token" -Body $scope).access_token
$bearer = ConvertTo-SecureString $accessToken -AsPlainText -Force

# 3. the most recently deleted manifest that carried api:2.1, restored under that tag
$deleted = (Invoke-RestMethod -Uri "https://$loginServer/acr/v1/_deleted/api/_tags" -Authentication Bearer -Token $bearer).tags |
    Where-Object tag -eq '2.1' | Select-Object -Last 1
Invoke-RestMethod -Method Post -Uri "https://$loginServer/acr/v1/_deleted/api/_manifests/$($deleted.digest)?force=false" `
    -Authentication Bearer -Token $bearer -ContentType 'application/json' -Body (@{ tag = '2.1' } | ConvertTo-Json)

# 4. thirty days of soft delete: the registry's softDeletePolicy, set through Resource Manager
$policy = @{ properties = @{ policies = @{ softDeletePolicy = @{ status = 'enabled'; retentionDays = 30 } } } }
$result = Invoke-AzRestMethod -Method PATCH -Path "$($registry.Id)?api-version=2025-05-01-preview" -Payload ($policy | ConvertTo-Json -Depth 5)
$result.StatusCode
