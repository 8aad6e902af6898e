Get-AzContainerRegistryUsage -ResourceGroupName rg-containers -RegistryName acrlabstore
$manifests = (Get-AzContainerRegistryManifest -RegistryName acrlabstore -RepositoryName api-gateway).ManifestsAttributes
$manifests | Select-Object Digest, ImageSize, Tags | Format-Table
$largest = $manifests | Sort-Object ImageSize | Select-Object -Last 1
Remove-AzContainerRegistryManifest -RegistryName acrlabstore -RepositoryName api-gateway -Manifest $largest.Digest | Out-Null
Get-AzContainerRegistryUsage -ResourceGroupName rg-containers -RegistryName acrlabstore
