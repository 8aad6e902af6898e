# A quick build without az: archive the context, upload it to the registry's build-source URL, then ask ACR Tasks
# for a run that builds it (a taskRuns resource whose DockerBuildRequest names the upload's relative path)
tar -czf /tmp/api-gateway.tar.gz -C . .
$upload = Get-AzContainerRegistryBuildSourceUploadUrl -RegistryName acrlabbuild -ResourceGroupName rg-containers
Invoke-RestMethod -Method Put -InFile /tmp/api-gateway.tar.gz -Uri $upload.UploadUrl `
    -Headers @{ 'x-ms-blob-type' = 'BlockBlob' }
$run = @{
    runRequest = @{
        type           = 'DockerBuildRequest'
        dockerFilePath = 'Dockerfile'
        imageNames     = @('api-gateway:v1.0.0')
        isPushEnabled  = $true
        platform       = @{ os = 'Linux' }
        sourceLocation = $upload.RelativePath
    }
}
New-AzResource -ResourceGroupName rg-containers -ResourceType Microsoft.ContainerRegistry/registries/taskRuns `
    -ResourceName acrlabbuild/build-api-gateway -Location brazilsouth -Properties $run -Force | Out-Null
