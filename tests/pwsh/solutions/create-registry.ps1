$registry = @{
    ResourceGroupName = 'rg-containers'
    Name              = 'acrlabapps'
    Sku               = 'Standard'
    Location          = 'brazilsouth'
    Tag               = @{ env = 'production' }
}
New-AzContainerRegistry @registry | Format-List Name, SkuName, LoginServer, AdminUserEnabled
