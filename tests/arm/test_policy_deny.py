"""Azure Policy's deny effect is decided by the resource manager, for every front end: a registry create or update
whose result matches a Deny assignment in scope is refused with RequestDisallowedByPolicy and changes nothing;
DoNotEnforce only audits. Definition: Azure/azure-policy built-in-policies/policyDefinitions/Container Registry/
ACR_PublicNetworkAccess_AuditDeny.json (0fdf0491-d080-4575-b627-ad0e843cba0f); error: MicrosoftDocs/azure-docs
articles/governance/policy/troubleshoot/general.md (RequestDisallowedByPolicy)."""

from __future__ import annotations

PUBLIC = "0fdf0491-d080-4575-b627-ad0e843cba0f"
DENY = """--params '{"effect": {"value": "Deny"}}'"""


def test_deny_refuses_az_and_powershell_and_changes_nothing(lab):
    assert lab.run("az group create -n rg -l eastus -o none && az acr create -n denyreg01 -g rg --sku Premium "
                   "--public-network-enabled false -o none").exit_code == 0
    assert lab.run(f"az policy assignment create -n deny-public -g rg --policy {PUBLIC} {DENY} -o none"
                   ).exit_code == 0
    r = lab.run("az acr create -n denyreg02 -g rg --sku Premium")
    assert r.exit_code == 1 and "(RequestDisallowedByPolicy) Resource 'denyreg02' was disallowed by policy" in r.stderr
    assert '"policyDefinition":{"name":"Public network access should be disabled for Container registries"' in r.stderr
    assert lab.run("az acr show -n denyreg02").exit_code == 3  # nothing was created
    r = lab.run("az acr update -n denyreg01 --public-network-enabled true")
    assert r.exit_code == 1 and "RequestDisallowedByPolicy" in r.stderr
    assert lab.run("az acr show -n denyreg01 --query publicNetworkAccess -o tsv").stdout.strip() == "Disabled"
    assert lab.run("az acr update -n denyreg01 --admin-enabled true -o none").exit_code == 0  # still compliant
    r = lab.run("New-AzContainerRegistry -ResourceGroupName rg -Name denyreg03 -Sku Premium -Location eastus",
                shell="pwsh")
    assert r.exit_code != 0 and "Resource 'denyreg03' was disallowed by policy" in r.output
    # another resource group is out of the assignment's scope
    assert lab.run("az group create -n other -l eastus -o none && az acr create -n denyreg04 -g other --sku Basic "
                   "-o none").exit_code == 0


def test_do_not_enforce_only_audits(lab):
    assert lab.run("az group create -n rg -l eastus -o none").exit_code == 0
    assert lab.run(f"az policy assignment create -n audit-only -g rg --policy {PUBLIC} {DENY} "
                   "--enforcement-mode DoNotEnforce -o none").exit_code == 0
    assert lab.run("az acr create -n dnereg01 -g rg --sku Basic -o none").exit_code == 0
    lab.advance("30m")
    states = lab.run("az policy state list -g rg --query \"[].[complianceState,policyDefinitionAction]\" -o tsv")
    assert states.stdout.split() == ["NonCompliant", "deny"]


def test_a_template_assigns_the_policy_and_its_registry_is_then_denied(lab):
    """Bicep sends the same requests: a policy assignment and an Event Grid subscription (scope: the registry) are
    deployed like any resource, and a later template registry that breaks the Deny policy fails its deployment."""
    assert lab.run("az group create -n rg -l eastus -o none && az acr create -n bicreg01 -g rg --sku Premium "
                   "--public-network-enabled false -o none && az provider register -n Microsoft.EventGrid"
                   ).exit_code == 0
    lab.write_file("main.bicep", "resource acr 'Microsoft.ContainerRegistry/registries@2025-04-01' existing = {\n"
                   "  name: 'bicreg01'\n}\n"
                   "resource deny 'Microsoft.Authorization/policyAssignments@2024-04-01' = {\n"
                   "  name: 'deny-public'\n  properties: {\n"
                   f"    policyDefinitionId: '/providers/Microsoft.Authorization/policyDefinitions/{PUBLIC}'\n"
                   "    parameters: { effect: { value: 'Deny' } }\n  }\n}\n"
                   "resource sub 'Microsoft.EventGrid/eventSubscriptions@2025-02-15' = {\n"
                   "  name: 'to-hook'\n  scope: acr\n  properties: {\n"
                   "    destination: { endpointType: 'WebHook', properties: { endpointUrl: 'https://example.com/h' } }\n"
                   "  }\n}\n")
    assert lab.run("az deployment group create -g rg -f main.bicep -o none").exit_code == 0
    assert lab.run("az policy assignment list -g rg --query [].name -o tsv").stdout.split() == ["deny-public"]
    assert lab.run("az eventgrid event-subscription list --source-resource-id $(az acr show -n bicreg01 --query id "
                   "-o tsv) --query [].name -o tsv").stdout.split() == ["to-hook"]
    lab.write_file("acr.bicep", "resource acr 'Microsoft.ContainerRegistry/registries@2025-04-01' = {\n"
                   "  name: 'bicreg02'\n  location: 'eastus'\n  sku: { name: 'Premium' }\n}\n")
    r = lab.run("az deployment group create -g rg -f acr.bicep")
    assert r.exit_code == 1 and "RequestDisallowedByPolicy" in r.output, r.output
    assert lab.run("az acr show -n bicreg02").exit_code == 3
