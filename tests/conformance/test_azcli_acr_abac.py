"""azure-cli's ABAC scenario tests, translated: the same commands and checks in a fresh lab.

Source: Azure/azure-cli src/azure-cli/azure/cli/command_modules/acr/tests/latest/test_acr_abac_scenario.py
(AcrabacScenarioTest; test_acrabac_scenario.py is its older copy). The registry name stands for
`create_random_name('clitestabac', length=16)`; the group is ResourceGroupPreparer's (name_prefix cli_test_acrabac_).
The learner is the signed-in Owner of the subscription: control-plane roles only, so on an ABAC-enabled registry
`check-health --repository` is refused its repository-scoped access token (the upstream test's expect_failure)."""

from __future__ import annotations

from .azcli import Scenario, check, upstream

FILE = "test_acr_abac_scenario.py"
RG = "cli_test_acrabac_000001"


@upstream(FILE, "test_acr_create_abac")
def test_acr_create_abac(lab):
    s = Scenario(lab, rg=RG, name="clitestabac00002")
    s.cmd("acr create -g {rg} -n {name} --sku Basic --location southeastasia --role-assignment-mode rbac-abac",
          checks=[check("roleAssignmentMode", "AbacRepositoryPermissions")])
    s.cmd("acr show -g {rg} -n {name}", checks=[check("roleAssignmentMode", "AbacRepositoryPermissions")])
    s.cmd("acr check-health -n {name} --repository hello-world -y", expect_failure=True)
    assert "CONNECTIVITY_ACCESS_TOKEN_ERROR" in s.last.stderr and s.last.exit_code == 1
    s.cmd("acr update -g {rg} -n {name} --role-assignment-mode rbac",
          checks=[check("roleAssignmentMode", "LegacyRegistryPermissions")])
    s.cmd("acr show -g {rg} -n {name}", checks=[check("roleAssignmentMode", "LegacyRegistryPermissions")])
    s.cmd("acr update -g {rg} -n {name} --role-assignment-mode rbac-abac",
          checks=[check("roleAssignmentMode", "AbacRepositoryPermissions")])
    s.cmd("acr delete -g {rg} -n {name} --yes")


@upstream(FILE, "test_acr_create_normal")
def test_acr_create_normal(lab):
    s = Scenario(lab, rg=RG, name="clitestabac00002")
    s.cmd("acr create -g {rg} -n {name} --sku Basic --location southeastasia",
          checks=[check("roleAssignmentMode", "LegacyRegistryPermissions")])
    s.cmd("acr show -g {rg} -n {name}", checks=[check("roleAssignmentMode", "LegacyRegistryPermissions")])
    s.cmd("acr update -g {rg} -n {name} --role-assignment-mode RBAC-ABAC",
          checks=[check("roleAssignmentMode", "AbacRepositoryPermissions")])
    s.cmd("acr show -g {rg} -n {name}", checks=[check("roleAssignmentMode", "AbacRepositoryPermissions")])
    s.cmd("acr update -g {rg} -n {name} --sku Premium", checks=[check("roleAssignmentMode", "AbacRepositoryPermissions")])
    s.cmd("acr show -g {rg} -n {name}", checks=[check("roleAssignmentMode", "AbacRepositoryPermissions")])
    s.cmd("acr delete -g {rg} -n {name} --yes")


@upstream(FILE, "test_acr_create_normal_check_health")
def test_acr_create_normal_check_health(lab):
    s = Scenario(lab, rg=RG, name="clitestabac00002")
    s.cmd("acr create -g {rg} -n {name} --sku Basic --location southeastasia",
          checks=[check("roleAssignmentMode", "LegacyRegistryPermissions")])
    s.cmd("acr show -g {rg} -n {name}", checks=[check("roleAssignmentMode", "LegacyRegistryPermissions")])
    s.cmd("acr check-health -n {name} --repository hello-world -y")  # checks=[is_empty()]: the report, no result
    assert "[" not in s.last.stdout and "{" not in s.last.stdout
    assert "Fetch access token for registry 'clitestabac00002.azurecr.io' : OK" in s.last.stdout
