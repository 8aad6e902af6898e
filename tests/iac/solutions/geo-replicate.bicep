// Upgrading in place keeps the name and the images; geo-replication needs Premium
resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrlabglobal'
  location: resourceGroup().location
  sku: {
    name: 'Premium'
  }
}

resource replica 'Microsoft.ContainerRegistry/registries/replications@2023-07-01' = {
  parent: acr
  name: 'eastus'
  location: 'eastus'
  properties: {}
}
