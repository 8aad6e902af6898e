// The web app's identity already exists: read its principal id, grant AcrPull on the registry only
param location string = resourceGroup().location

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: 'id-web'
}

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrlabps'
  location: location
  sku: {
    name: 'Standard'
  }
  properties: {
    adminUserEnabled: false
  }
}

@description('AcrPull, a built-in role')
resource acrPull 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  scope: subscription()
  name: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
}

resource pull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(acr.id, identity.id, acrPull.id)
  scope: acr
  properties: {
    roleDefinitionId: acrPull.id
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}
