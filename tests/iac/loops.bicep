param subnetNames array = [
  'api'
  'worker'
]
param hooks array = [
  'alpha'
  'bravo'
]
var prefixes = [for (name, i) in subnetNames: '10.2.${i}.0/24']

resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet-loop'
  location: resourceGroup().location
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.2.0.0/16'
      ]
    }
    subnets: [for (subnetName, i) in subnetNames: {
      name: subnetName
      properties: {
        addressPrefix: prefixes[i]
      }
    }]
  }
}

output subnetIds array = [for name in subnetNames: '${vnet.id}/subnets/${name}']
output hookNames array = [for h in hooks: toUpper(h)]
