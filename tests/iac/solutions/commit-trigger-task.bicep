// Build on every commit to main; the personal access token is read from github-pat.txt when the file is built
param repo string = 'https://github.com/contoso/api-gateway.git'

@secure()
param gitAccessToken string = trim(loadTextContent('github-pat.txt'))

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: 'acrlabtasks'
}

resource task 'Microsoft.ContainerRegistry/registries/tasks@2019-06-01-preview' = {
  parent: acr
  name: 'task-build-api-gateway'
  location: resourceGroup().location
  properties: {
    status: 'Enabled'
    platform: {
      os: 'Linux'
      architecture: 'amd64'
    }
    step: {
      type: 'Docker'
      dockerFilePath: 'Dockerfile'
      contextPath: '${repo}#refs/heads/main'
      contextAccessToken: gitAccessToken
      imageNames: [
        'api-gateway:{{.Run.ID}}'
      ]
      arguments: [
        {
          name: 'BUILD_VERSION'
          value: '{{.Run.ID}}'
          isSecret: false
        }
      ]
      isPushEnabled: true
    }
    trigger: {
      sourceTriggers: [
        {
          name: 'commits'
          sourceTriggerEvents: [
            'commit'
          ]
          status: 'Enabled'
          sourceRepository: {
            sourceControlType: 'Github'
            repositoryUrl: '${repo}#refs/heads/main'
            branch: 'main'
            sourceControlAuthProperties: {
              tokenType: 'PAT'
              token: gitAccessToken
            }
          }
        }
      ]
    }
  }
}
