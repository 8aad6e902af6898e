# Geo-replication needs Premium; upgrading in place keeps the name and the images
Update-AzContainerRegistry -ResourceGroupName rg-containers -Name acrlabglobal -Sku Premium | Out-Null
New-AzContainerRegistryReplication -ResourceGroupName rg-containers -RegistryName acrlabglobal -Location eastus |
    Out-Null
Get-AzContainerRegistryReplication -ResourceGroupName rg-containers -RegistryName acrlabglobal
