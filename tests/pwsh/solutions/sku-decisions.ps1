foreach ($r in @(@{ Name = 'acrlabdevtest'; Sku = 'Basic' }, @{ Name = 'acrlabshop'; Sku = 'Standard' },
                 @{ Name = 'acrlabmulti'; Sku = 'Premium' })) {
    New-AzContainerRegistry -ResourceGroupName rg-containers -Location brazilsouth @r | Out-Null
}
New-AzContainerRegistryReplication -ResourceGroupName rg-containers -RegistryName acrlabmulti -Location northeurope | Out-Null
Get-AzContainerRegistry -ResourceGroupName rg-containers | Select-Object Name, SkuName
