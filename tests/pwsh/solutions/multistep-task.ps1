# The multi-step task file travels in the uploaded context; a task run's FileTaskRunRequest runs it from there
@'
version: v1.1.0
steps:
  - build: -t $Registry/api:{{.Run.ID}} -f Dockerfile .
  - cmd: $Registry/api:{{.Run.ID}} node test.js
  - push:
    - $Registry/api:{{.Run.ID}}
'@ | Set-Content acr-task.yaml
tar -czf /tmp/context.tar.gz -C . .
$upload = Get-AzContainerRegistryBuildSourceUploadUrl -RegistryName acrlabsteps -ResourceGroupName rg-containers
Invoke-RestMethod -Method Put -InFile /tmp/context.tar.gz -Uri $upload.UploadUrl `
    -Headers @{ 'x-ms-blob-type' = 'BlockBlob' }
$run = @{
    runRequest = @{
        type           = 'FileTaskRunRequest'
        taskFilePath   = 'acr-task.yaml'
        platform       = @{ os = 'Linux' }
        sourceLocation = $upload.RelativePath
    }
}
New-AzResource -ResourceGroupName rg-containers -ResourceType Microsoft.ContainerRegistry/registries/taskRuns `
    -ResourceName acrlabsteps/multistep -Location brazilsouth -Properties $run -Force | Out-Null
