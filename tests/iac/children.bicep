param acrName string = 'childacr01'
param location string = resourceGroup().location

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: acrName
  location: location
  sku: {
    name: 'Premium'
  }
  properties: {
    adminUserEnabled: false
  }
}

resource rep 'Microsoft.ContainerRegistry/registries/replications@2023-07-01' = {
  parent: acr
  name: 'eastus'
  location: 'eastus'
  properties: {
    regionEndpointEnabled: true
  }
}

resource hook 'Microsoft.ContainerRegistry/registries/webhooks@2023-07-01' = {
  parent: acr
  name: 'pushhook1'
  location: location
  properties: {
    serviceUri: 'https://ci.contoso.com/hook'
    actions: [
      'push'
    ]
    status: 'enabled'
    scope: 'app:*'
  }
}

resource task 'Microsoft.ContainerRegistry/registries/tasks@2019-06-01-preview' = {
  parent: acr
  name: 'nightly'
  location: location
  properties: {
    status: 'Enabled'
    platform: {
      os: 'Linux'
      architecture: 'amd64'
    }
    agentConfiguration: {
      cpu: 2
    }
    step: {
      type: 'EncodedTask'
      encodedTaskContent: base64('steps:\n  - cmd: mcr.microsoft.com/hello-world\n')
    }
    trigger: {
      timerTriggers: [
        {
          name: 'nightly'
          schedule: '0 2 * * *'
          status: 'Enabled'
        }
      ]
    }
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet-acr'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.1.0.0/16'
      ]
    }
    subnets: [
      {
        name: 'snet-pe'
        properties: {
          addressPrefix: '10.1.1.0/24'
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }
}

resource pe 'Microsoft.Network/privateEndpoints@2023-09-01' = {
  name: 'pe-acr'
  location: location
  properties: {
    subnet: {
      id: '${vnet.id}/subnets/snet-pe'
    }
    privateLinkServiceConnections: [
      {
        name: 'acr-connection'
        properties: {
          privateLinkServiceId: acr.id
          groupIds: [
            'registry'
          ]
        }
      }
    ]
  }
}

output hookId string = hook.id
