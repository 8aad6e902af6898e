// A timer-triggered task, no source context: its one step runs acr purge (the task YAML travels base64-encoded)
var purge = '''
version: v1.1.0
steps:
  - cmd: acr purge --filter 'ci/.*:.*' --ago 7d --untagged
    disableWorkingDirectoryOverride: true
    timeout: 3600
'''

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: 'acrlabnightly'
}

resource task 'Microsoft.ContainerRegistry/registries/tasks@2019-06-01-preview' = {
  parent: acr
  name: 'purge-nightly'
  location: resourceGroup().location
  properties: {
    status: 'Enabled'
    platform: {
      os: 'Linux'
      architecture: 'amd64'
    }
    step: {
      type: 'EncodedTask'
      encodedTaskContent: base64(purge)
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
