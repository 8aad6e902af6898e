# The pipeline's build in Azure without az: upload the context to the registry's build-source URL, then one task run
# (a DockerBuildRequest with two image names) builds it once and pushes both tags
tar -czf /tmp/api-gateway.tar.gz -C . .
$upload = Get-AzContainerRegistryBuildSourceUploadUrl -RegistryName acrlabpipe -ResourceGroupName rg-containers
Invoke-RestMethod -Method Put -InFile /tmp/api-gateway.tar.gz -Uri $upload.UploadUrl `
    -Headers @{ 'x-ms-blob-type' = 'BlockBlob' }
$run = @{
    runRequest = @{
        type           = 'DockerBuildRequest'
        dockerFilePath = 'Dockerfile'
        imageNames     = @('api-gateway:20260105.7', 'api-gateway:latest')
        isPushEnabled  = $true
        platform       = @{ os = 'Linux' }
        sourceLocation = $upload.RelativePath
    }
}
New-AzResource -ResourceGroupName rg-containers -ResourceType Microsoft.ContainerRegistry/registries/taskRuns `
    -ResourceName acrlabpipe/build-20260105-7 -Location brazilsouth -Properties $run -Force | Out-Null
