// Standard: the tier for single-region production; no admin user; tagged for the cost report
param location string = resourceGroup().location

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrlabapps'
  location: location
  sku: {
    name: 'Standard'
  }
  tags: {
    env: 'production'
  }
  properties: {
    adminUserEnabled: false
  }
}

output loginServer string = acr.properties.loginServer
