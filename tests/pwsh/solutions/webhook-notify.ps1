Remove-AzContainerRegistryWebhook -ResourceGroupName rg-containers -RegistryName acrlabhooks -Name legacyjenkins
New-AzContainerRegistryWebhook -ResourceGroupName rg-containers -RegistryName acrlabhooks -Name notifyci `
    -ServiceUri https://ci.contoso.com/hooks/acr -Action push -Scope 'api-gateway:*' -Location brazilsouth | Out-Null
Get-AzContainerRegistryWebhook -ResourceGroupName rg-containers -RegistryName acrlabhooks
