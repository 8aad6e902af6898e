# Az.ContainerRegistry's task cmdlet has no parameters for a Docker step's image names or build arguments,
# so the task goes in as an ARM resource with its full body (the same body `az acr task create` sends)
$token = (Get-Content github-pat.txt -Raw).Trim()
$repo = 'https://github.com/contoso/api-gateway.git'
$task = @{
    status   = 'Enabled'
    platform = @{ os = 'Linux'; architecture = 'amd64' }
    step     = @{
        type               = 'Docker'
        dockerFilePath     = 'Dockerfile'
        imageNames         = @('api-gateway:{{.Run.ID}}')
        arguments          = @(@{ name = 'BUILD_VERSION'; value = '{{.Run.ID}}'; isSecret = $false })
        contextPath        = "$repo#refs/heads/main"
        contextAccessToken = $token
        isPushEnabled      = $true
    }
    trigger  = @{
        sourceTriggers = @(@{
            name                = 'defaultSourceTriggerName'
            sourceTriggerEvents = @('commit')
            status              = 'Enabled'
            sourceRepository    = @{
                sourceControlType           = 'Github'
                repositoryUrl               = "$repo#refs/heads/main"
                branch                      = 'main'
                sourceControlAuthProperties = @{ tokenType = 'PAT'; token = $token }
            }
        })
    }
}
New-AzResource -ResourceGroupName rg-containers -ResourceType Microsoft.ContainerRegistry/registries/tasks `
    -ResourceName acrlabtasks/task-build-api-gateway -Location brazilsouth -Properties $task -Force | Out-Null
