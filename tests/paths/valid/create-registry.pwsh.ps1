New-AzContainerRegistry -ResourceGroupName rg-containers -Name acrlabapps -Sku Standard -Location brazilsouth -Tag @{env="production"}
