@description('Tags every resource carries')
type tagSet = {
  @description('Environment name')
  env: 'dev' | 'prod'
  owner: string?
}

type skuName = 'Basic' | 'Standard' | 'Premium'

@metadata({ owner: 'platform' })
@sys.description('Registry name')
@minLength(5)
param acrName string
param sku skuName = 'Premium'
param tags tagSet = { env: 'dev' }
param regions string[] = ['eastus']

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: acrName
  location: resourceGroup().location
  sku: { name: sku }
  tags: tags
}

resource replicas 'Microsoft.ContainerRegistry/registries/replications@2023-07-01' = [for r in regions: {
  parent: acr
  name: r
  location: r
}]

resource pullIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: 'id-pull'
}

output loginServer string = acr.properties.loginServer
output info tagSet = tags
output firstReplica string = replicas[0].name
output principal string = pullIdentity.properties.principalId
