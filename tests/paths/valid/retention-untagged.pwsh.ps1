Update-AzContainerRegistry -ResourceGroupName rg-containers -Name acrlabci -Sku Premium
az acr config retention update --registry acrlabci --status enabled --days 30 --type UntaggedManifests
