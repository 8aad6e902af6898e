"""az role / account / group table shapes.

Sources checked:
- Azure/azure-cli src/azure-cli/azure/cli/command_modules/role/commands.py (transform_definition_list:
  Name=roleName, Type, Description; transform_assignment_list: Principal, Role, Scope)
- Azure/azure-cli command_modules/profile (transform_account_list: Name, CloudName, SubscriptionId, TenantId,
  State, IsDefault) -- recalled from source, see the report's unverified list for the exact current version
"""

from __future__ import annotations


def test_role_definition_list_table(cli):
    lines = cli("az role definition list --name AcrPull -o table").stdout.splitlines()
    assert lines[0].split() == ["Name", "Type", "Description"]
    assert lines[2].split() == ["AcrPull", "Microsoft.Authorization/roleDefinitions", "acr", "pull"]


def test_role_assignment_list_table(cli):
    lines = cli("az role assignment list --all -o table").stdout.splitlines()
    assert lines[0].split() == ["Principal", "Role", "Scope"]


def test_account_list_table(cli):
    lines = cli("az account list -o table").stdout.splitlines()
    assert lines[0].split() == ["Name", "CloudName", "SubscriptionId", "TenantId", "State", "IsDefault"]
