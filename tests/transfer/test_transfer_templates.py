"""ACR Transfer from Bicep: a storage account with its blob service and container, an export pipeline with a
system identity, the Storage Blob Data Contributor assignment it needs, and a pipeline run, deployed in one
template; the run's blob lands in the container and a refused resource fails the deployment.

Sources: Azure/bicep-types-az generated/containerregistry (registries/exportPipelines, pipelineRuns: identity,
properties.target.type|uri|storageAccessMode, options; request.pipelineResourceId|artifacts|target) and
generated/storage (storageAccounts sku/kind, blobServices 'default', containers); docs
container-registry-transfer-arm-template.md (Managed Identity mode needs Storage Blob Data Contributor)."""

from __future__ import annotations

BICEP = """param location string = resourceGroup().location
param registryName string
param storageName string

resource acr 'Microsoft.ContainerRegistry/registries@2025-04-01' existing = {
  name: registryName
}

resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  sku: {
    name: 'Standard_LRS'
  }
  kind: 'StorageV2'
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: sa
  name: 'default'
}

resource transfer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: 'transfer'
}

resource exportPipeline 'Microsoft.ContainerRegistry/registries/exportPipelines@2025-06-01-preview' = {
  parent: acr
  name: 'bicepexport'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    target: {
      type: 'AzureStorageBlobContainer'
      uri: '${sa.properties.primaryEndpoints.blob}${transfer.name}'
      storageAccessMode: 'ManagedIdentity'
    }
    options: [
      'OverwriteBlobs'
    ]
  }
}

resource blobWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: sa
  name: guid(sa.id, exportPipeline.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
    principalId: exportPipeline.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource run 'Microsoft.ContainerRegistry/registries/pipelineRuns@2025-06-01-preview' = {
  parent: acr
  name: 'bicepexportrun'
  dependsOn: [
    blobWriter
  ]
  properties: {
    request: {
      pipelineResourceId: exportPipeline.id
      artifacts: [
        'web/nginx:v1'
      ]
      target: {
        type: 'AzureStorageBlob'
        name: 'fromBicep'
      }
    }
  }
}

output blobEndpoint string = sa.properties.primaryEndpoints.blob
output runStatus string = run.properties.response.status
"""
SETUP = """az group create -n rg -l eastus -o none
az acr create -n srcreg -g rg --sku Premium -o none
az acr import -n srcreg --source docker.io/library/nginx:latest -t web/nginx:v1 -o none"""


def test_a_bicep_template_deploys_storage_a_pipeline_and_a_run(lab):
    assert lab.run(SETUP).exit_code == 0
    lab.write_file("main.bicep", BICEP)
    r = lab.run("az deployment group create -g rg -f main.bicep -p registryName=srcreg storageName=bicepsa "
                "--query properties.outputs")
    assert r.exit_code == 0, r.output
    assert r.json()["runStatus"]["value"] == "Succeeded"
    blobs = lab.run("az storage blob list --account-name bicepsa -c transfer --auth-mode key --query [].name -o tsv "
                    "2>/dev/null").stdout.split()
    assert blobs == ["fromBicep"]
    pipeline = lab.run("az acr export-pipeline show -g rg -r srcreg -n bicepexport 2>/dev/null").json()
    assert pipeline["target"]["uri"] == "https://bicepsa.blob.core.windows.net/transfer"


def test_without_the_role_assignment_the_run_fails_and_so_does_the_deployment(lab):
    assert lab.run(SETUP).exit_code == 0
    start = BICEP.index("resource blobWriter")
    end = BICEP.index("resource run ")
    text = BICEP[:start] + BICEP[end:].replace("  dependsOn: [\n    blobWriter\n  ]\n", "")
    lab.write_file("main.bicep", text)
    r = lab.run("az deployment group create -g rg -f main.bicep -p registryName=srcreg storageName=bicepsa -o none")
    assert r.exit_code == 1 and "ResourceDeploymentFailure" in r.output, r.output
    run = lab.run("az acr pipeline-run show -g rg -r srcreg -n bicepexportrun 2>/dev/null").json()
    assert run["response"]["pipelineRunErrorMessage"].startswith("AuthorizationPermissionMismatch")


def test_a_basic_registry_refuses_the_pipeline_in_a_template(lab):
    assert lab.run("az group create -n rg -l eastus -o none; az acr create -n srcreg -g rg --sku Basic -o none"
                   ).exit_code == 0
    lab.write_file("main.bicep", BICEP)
    r = lab.run("az deployment group create -g rg -f main.bicep -p registryName=srcreg storageName=bicepsa -o none")
    assert r.exit_code == 1 and "SkuNotSupported" in r.output
