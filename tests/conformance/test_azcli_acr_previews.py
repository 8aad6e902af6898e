"""azure-cli's scenario tests of two 2026 previews of ACR, translated: IPv6 dual-stack endpoints (`endpointProtocol`)
and writable cache repositories (`writableCacheRepos`). Upstream they are `@live_only`; their recordings (api-version
2026-09-01-preview) give the JSON fields and the service's answers.

Source: Azure/azure-cli src/azure-cli/azure/cli/command_modules/acr/tests/latest/test_acr_commands.py (class
AcrCommandsTests; the test named in each function's docstring), recordings/<test>.yaml. Registry names stand for
`create_random_name(...)`; the resource group is ResourceGroupPreparer's `clitest.rg000001`."""

from __future__ import annotations

from .azcli import Scenario, check, upstream
from .test_azcli_acr_commands import core_registry_scenario

FILE = "test_acr_commands.py"


@upstream(FILE, "test_acr_with_dual_stack_endpoints",
          partial="the recording (test_acr_with_dual_stack_endpoints.yaml) ends at the first update: the service "
                  "refuses IPv4AndIPv6 on a registry without dedicated data endpoints (400 BadRequest), so the lab "
                  "checks that refusal and runs the test's remaining step")
def test_acr_with_dual_stack_endpoints(lab):
    """test_acr_with_dual_stack_endpoints"""
    s = Scenario(lab, registry_name="testreg000002")
    s.cmd("acr create --name {registry_name} --resource-group {rg} --sku premium -l eastus",
          checks=[check("endpointProtocol", "IPv4")])
    s.cmd("acr update --name {registry_name} --resource-group {rg} --endpoint-protocol IPv4AndIPv6",
          expect_failure=True)
    assert s.last.exit_code == 1
    assert ("(BadRequest) The requested feature dual stack endpoints is not supported without data endpoint "
            "enabled.") in s.last.stderr
    s.cmd("acr show --name {registry_name} --resource-group {rg}", checks=[check("endpointProtocol", "IPv4")])
    s.cmd("acr update --name {registry_name} --resource-group {rg} --endpoint-protocol IPv4",
          checks=[check("endpointProtocol", "IPv4")])


@upstream(FILE, "test_acr_create_with_dual_stack_endpoints")
def test_acr_create_with_dual_stack_endpoints(lab):
    """test_acr_create_with_dual_stack_endpoints (recording: dataEndpointHostNames lists the eastus data endpoint)"""
    s = Scenario(lab, registry_name="testreg000002")
    s.cmd("acr create --name {registry_name} --resource-group {rg} --sku premium -l eastus "
          "--data-endpoint-enabled true --endpoint-protocol IPv4AndIPv6",
          checks=[check("endpointProtocol", "IPv4AndIPv6"), check("dataEndpointEnabled", True),
                  check("dataEndpointHostNames", ["testreg000002.eastus.data.azurecr.io"]),
                  check("writableCacheRepos", "Disabled")])
    s.cmd("acr update --name {registry_name} --resource-group {rg} --endpoint-protocol IPv4",
          checks=[check("endpointProtocol", "IPv4"), check("dataEndpointEnabled", True)])
    s.cmd("acr update --name {registry_name} --resource-group {rg} --endpoint-protocol IPv4AndIPv6",
          checks=[check("endpointProtocol", "IPv4AndIPv6")])


@upstream(FILE, "test_acr_create_with_writable_cache_repos_default_disabled")
def test_acr_create_with_writable_cache_repos_default_disabled(lab):
    """test_acr_create_with_writable_cache_repos_default_disabled"""
    s = Scenario(lab, registry_name="clireg000002", sku="Premium")
    s.cmd("acr create -n {registry_name} -g {rg} -l {rg_loc} --sku {sku}",
          checks=[check("name", "{registry_name}"), check("location", "{rg_loc}"), check("adminUserEnabled", False),
                  check("sku.name", "Premium"), check("sku.tier", "Premium"), check("provisioningState", "Succeeded"),
                  check("writableCacheRepos", "Disabled")])
    s.cmd("acr update -n {registry_name} -g {rg} --admin-enabled true",
          checks=[check("name", "{registry_name}"), check("provisioningState", "Succeeded"),
                  check("adminUserEnabled", True), check("writableCacheRepos", "Disabled")])
    s.cmd("acr update -n {registry_name} -g {rg} --writable-cache-repos Enabled",
          checks=[check("name", "{registry_name}"), check("provisioningState", "Succeeded"),
                  check("writableCacheRepos", "Enabled")])
    s.cmd("acr update -n {registry_name} -g {rg} --admin-enabled false",
          checks=[check("name", "{registry_name}"), check("provisioningState", "Succeeded"),
                  check("adminUserEnabled", False), check("writableCacheRepos", "Enabled")])
    s.cmd("acr update -n {registry_name} -g {rg} --writable-cache-repos Disabled",
          checks=[check("name", "{registry_name}"), check("provisioningState", "Succeeded"),
                  check("writableCacheRepos", "Disabled")])
    core_registry_scenario(s, "clireg000002", "clitest.rg000001", "westus")


@upstream(FILE, "test_acr_create_with_writable_cache_repos_enabled")
def test_acr_create_with_writable_cache_repos_enabled(lab):
    """test_acr_create_with_writable_cache_repos_enabled (recording: the PUT body carries
    "writableCacheRepos": "Enabled"; the listing after the update shows Disabled)"""
    s = Scenario(lab, registry_name="clireg000002", sku="Premium")
    s.cmd("acr create -n {registry_name} -g {rg} -l {rg_loc} --sku {sku} --writable-cache-repos Enabled",
          checks=[check("name", "{registry_name}"), check("location", "{rg_loc}"), check("adminUserEnabled", False),
                  check("sku.name", "Premium"), check("sku.tier", "Premium"), check("provisioningState", "Succeeded"),
                  check("writableCacheRepos", "Enabled")])
    s.cmd("acr update -n {registry_name} -g {rg} --writable-cache-repos Disabled",
          checks=[check("name", "{registry_name}"), check("provisioningState", "Succeeded"),
                  check("writableCacheRepos", "Disabled")])
    s.cmd("acr list -g {rg}", checks=[check("[0].writableCacheRepos", "Disabled"), check("[0].endpointProtocol", "IPv4")])
    core_registry_scenario(s, "clireg000002", "clitest.rg000001", "westus")

