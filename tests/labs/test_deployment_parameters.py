"""A Bicep or ARM submission gets the scenario's deployment parameters it declares, and only those: a template that
hard-codes a name is not refused for an unrecognized parameter (az deployment group create refuses one), and a
template that needs an Entra object id a template cannot look up by name receives it."""

from __future__ import annotations

from acrlab.labs import grade

HARD_CODED = """
param aksIdentityObjectId string
resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrlabbicep'
  location: resourceGroup().location
  sku: { name: 'Premium' }
  properties: { adminUserEnabled: false, policies: { retentionPolicy: { status: 'enabled', days: 30 } } }
}
resource pull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(acr.id, aksIdentityObjectId, 'AcrPull')
  scope: acr
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
    principalId: aksIdentityObjectId
    principalType: 'ServicePrincipal'
  }
}
"""


def test_only_the_declared_parameters_are_passed():
    report = grade("bicep-registry", HARD_CODED, seed=0, kind="bicep")
    assert report.error is None and report.percent == 100, [c.feedback for c in report.checks if not c.passed]


def test_a_template_that_does_not_compile_still_reports_why():
    report = grade("bicep-registry", "param acrName string\nresource x 'nope' = {", seed=0, kind="bicep")
    assert report.percent == 0
    assert any("deployment failed" in w and "BCP" in w for w in report.warnings), report.warnings


def test_the_principal_object_id_reaches_the_template():
    """The scenario saves sp-ci's object id in its set-up and passes it as spObjectId: granting AcrPush to the
    parameter's principal is what earns sp-push."""
    arm = """{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      "contentVersion": "1.0.0.0", "parameters": {"spObjectId": {"type": "string"}},
      "resources": [{"type": "Microsoft.Authorization/roleAssignments", "apiVersion": "2022-04-01",
        "scope": "Microsoft.ContainerRegistry/registries/acrlabprod",
        "name": "[guid(parameters('spObjectId'), 'push')]",
        "properties": {"principalId": "[parameters('spObjectId')]", "principalType": "ServicePrincipal",
          "roleDefinitionId": "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '8311e382-0749-4cb8-b61a-304f252e45ec')]"}}]}"""
    report = grade("least-privilege-aks", arm, seed=0, kind="arm")
    passed = {c.id for c in report.checks if c.passed}
    assert {"sp-push", "sp-roles", "sp-no-delete"} <= passed, report.warnings
    assert "kubelet-pull" not in passed
