Update-AzContainerRegistry -ResourceGroupName rg-containers -Name acrlabglobal -Sku Premium
New-AzContainerRegistryReplication -ResourceGroupName rg-containers -RegistryName acrlabglobal -Location eastus
