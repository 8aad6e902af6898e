// The cheapest tier for each team; only Premium replicates to a second region
param location string = resourceGroup().location

var registries = [
  { name: 'acrlabdevtest', sku: 'Basic' }
  { name: 'acrlabshop', sku: 'Standard' }
  { name: 'acrlabmulti', sku: 'Premium' }
]

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = [for r in registries: {
  name: r.name
  location: location
  sku: {
    name: r.sku
  }
}]

resource replica 'Microsoft.ContainerRegistry/registries/replications@2023-07-01' = {
  parent: acr[2]
  name: 'northeurope'
  location: 'northeurope'
  properties: {}
}
