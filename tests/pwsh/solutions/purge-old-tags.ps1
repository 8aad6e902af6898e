# What `acr purge --filter 'api-gateway:.*' --untagged --ago 30d` does, with the data-plane cmdlets:
# delete the tags last updated more than 30 days ago, then the manifests left without any tag
$registry = 'acrlabci'; $repository = 'api-gateway'
$cutoff = (Get-Date).AddDays(-30)
$tags = (Get-AzContainerRegistryTag -RegistryName $registry -RepositoryName $repository).Tags
foreach ($tag in $tags | Where-Object { [datetime]$_.LastUpdateTime -lt $cutoff }) {
    Remove-AzContainerRegistryTag -RegistryName $registry -RepositoryName $repository -Name $tag.Name | Out-Null
}
$manifests = (Get-AzContainerRegistryManifest -RegistryName $registry -RepositoryName $repository).ManifestsAttributes
foreach ($m in $manifests | Where-Object { -not $_.Tags }) {
    Remove-AzContainerRegistryManifest -RegistryName $registry -RepositoryName $repository -Manifest $m.Digest | Out-Null
}
