param location string = resourceGroup().location

resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet1'
  location: location
  properties: {
    addressSpace: { addressPrefixes: ['10.1.0.0/16'] }
  }
}

resource peSubnet 'Microsoft.Network/virtualNetworks/subnets@2023-09-01' = {
  parent: vnet
  name: 'pe'
  properties: {
    addressPrefix: '10.1.2.0/24'
    privateEndpointNetworkPolicies: 'Disabled'
  }
}

resource role 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'webhook-contributor')
  properties: {
    roleName: 'Container Registry Webhook Contributor'
    description: 'Manage Azure Container Registry webhooks.'
    type: 'CustomRole'
    permissions: [
      {
        actions: [
          'Microsoft.ContainerRegistry/registries/webhooks/read'
          'Microsoft.ContainerRegistry/registries/webhooks/write'
          'Microsoft.ContainerRegistry/registries/webhooks/delete'
        ]
      }
    ]
    assignableScopes: [
      subscription().id
    ]
  }
}

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kvlabmore01'
  location: location
  properties: {
    sku: { family: 'A', name: 'standard' }
    tenantId: subscription().tenantId
    enableRbacAuthorization: true
  }
}

resource user 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: kv
  name: 'dockerhub-user'
  properties: { value: 'labuser' }
}

output subnetId string = peSubnet.id
output prefix string = peSubnet.properties.addressPrefix
output roleId string = role.id
output secretUri string = user.properties.secretUri
