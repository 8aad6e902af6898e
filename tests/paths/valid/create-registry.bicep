param acrName string = 'acrlabapps'
resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: acrName
  location: 'brazilsouth'
  sku: { name: 'Standard' }
  tags: { env: 'production' }
  properties: { adminUserEnabled: false }
}
