# Import within the same registry adds tags to the tested build without pulling or pushing anything
$acr = Get-AzContainerRegistry -ResourceGroupName rg-containers -Name acrlabrel
Import-AzContainerRegistryImage -ResourceGroupName rg-containers -RegistryName acrlabrel `
    -SourceRegistryResourceId $acr.Id -SourceImage api-gateway:build-117 -Mode Force `
    -TargetTag api-gateway:v1.2.3, api-gateway:sha-a1b2c3d, api-gateway:latest
Get-AzContainerRegistryTag -RegistryName acrlabrel -RepositoryName api-gateway
