# The quick build as az acr build sends it: upload the archived context, then POST the registry's scheduleRun action
# with a DockerBuildRequest naming the upload's relative path
tar -czf /tmp/api-gateway.tar.gz -C . .
$registry = Get-AzContainerRegistry -ResourceGroupName rg-containers -Name acrlabbuild
$upload = Get-AzContainerRegistryBuildSourceUploadUrl -RegistryName acrlabbuild -ResourceGroupName rg-containers
Invoke-RestMethod -Method Put -InFile /tmp/api-gateway.tar.gz -Uri $upload.UploadUrl `
    -Headers @{ 'x-ms-blob-type' = 'BlockBlob' }
$request = @{
    type           = 'DockerBuildRequest'
    dockerFilePath = 'Dockerfile'
    imageNames     = @('api-gateway:v1.0.0')
    isPushEnabled  = $true
    platform       = @{ os = 'Linux' }
    sourceLocation = $upload.RelativePath
} | ConvertTo-Json -Depth 5
$response = Invoke-AzRestMethod -Method POST -Path "$($registry.Id)/scheduleRun?api-version=2019-06-01-preview" `
    -Payload $request
($response.Content | ConvertFrom-Json).properties.status
