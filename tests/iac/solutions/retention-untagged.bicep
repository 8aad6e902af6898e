// Retention policies are Premium-only: upgrade, then delete untagged manifests after 30 days
param location string = resourceGroup().location

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrlabci'
  location: location
  sku: {
    name: 'Premium'
  }
  properties: {
    policies: {
      retentionPolicy: {
        status: 'enabled'
        days: 30
      }
    }
  }
}
