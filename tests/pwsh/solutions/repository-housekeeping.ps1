(Get-AzContainerRegistryTag -RegistryName acrlabops -RepositoryName api-gateway).Tags |
    Sort-Object LastUpdateTime -Descending | Select-Object Name, LastUpdateTime
Remove-AzContainerRegistryManifest -RegistryName acrlabops -RepositoryName api-gateway -Tag v1.2.2 | Out-Null
Remove-AzContainerRegistryRepository -RegistryName acrlabops -Name api-gateway-old | Out-Null
