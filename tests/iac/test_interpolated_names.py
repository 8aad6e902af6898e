"""An object property whose name is an interpolated string ('${identity.id}': {}), the way Bicep keys a user-assigned
identity under `userAssignedIdentities`, compiles to an ARM property-name expression and deploys.

Source: Azure/bicep docs (docs/bicep/data-types.md, object property names may be interpolated) and the Bicep
sample of MicrosoftDocs/azure-management-docs articles/container-registry/artifact-cache-acr-to-acr-cli.md."""

from __future__ import annotations

import json

from acrlab.iac import build

TEMPLATE = """
param prefix string = 'team'
resource uai 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-pull'
  location: resourceGroup().location
}
resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrinterp${uniqueString(resourceGroup().id)}'
  location: resourceGroup().location
  sku: { name: 'Premium' }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${uai.id}': {}
    }
  }
}
var labels = { '${prefix}-owner': 'ops', plain: 1 }
output labelsOut object = labels
output inline object = { '${prefix}x': 2 }
output pulled string = acr.identity.userAssignedIdentities[uai.id].principalId
"""


def test_interpolated_property_names_compile_to_expressions():
    arm = json.loads(build(TEMPLATE).json_text())
    acr = next(r for r in arm["resources"] if r["type"] == "Microsoft.ContainerRegistry/registries")
    assert acr["identity"]["userAssignedIdentities"] == {
        "[format('{0}', resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id-pull'))]": {}}
    assert arm["variables"]["labels"] == {"[format('{0}-owner', parameters('prefix'))]": "ops", "plain": 1}


def test_interpolated_property_names_deploy(cli, lab, rg):
    lab.write_file("main.bicep", TEMPLATE)
    out = json.loads(cli("az deployment group create -g rg-containers -f main.bicep").stdout)["properties"]["outputs"]
    assert out["labelsOut"]["value"] == {"team-owner": "ops", "plain": 1} and out["inline"]["value"] == {"teamx": 2}
    uai = json.loads(cli("az identity show -g rg-containers -n id-pull").stdout)
    assert out["pulled"]["value"] == uai["principalId"]
    acr = json.loads(cli("az acr list -g rg-containers --query [0]").stdout)
    assert list(acr["identity"]["userAssignedIdentities"]) == [uai["id"]]
