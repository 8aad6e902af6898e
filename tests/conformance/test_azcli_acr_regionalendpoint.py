"""azure-cli's regional-endpoint scenario tests, translated (Azure/azure-cli
src/azure-cli/azure/cli/command_modules/acr/tests/latest/test_acr_regionalendpoint_scenario.py; the JSON fields and
the api-version 2026-03-01-preview bodies are those of recordings/test_acr_create_with_regional_endpoints_*.yaml,
test_acr_login.yaml and test_acr_import_with_regional_endpoints.yaml)."""

from __future__ import annotations

from .azcli import DIFF_SUB_REGISTRY, Scenario, check, other_subscription, upstream

FILE = "test_acr_regionalendpoint_scenario.py"


@upstream(FILE, "test_acr_create_with_regional_endpoints_enabled")
def test_acr_create_with_regional_endpoints_enabled(lab):
    s = Scenario(lab, rg="cli_test_acrre_000001", registry_name="clitestre000002", sku="Premium")
    s.cmd("acr create -g {rg} -n {registry_name} --sku {sku} --location {rg_loc} --regional-endpoints enabled", checks=[
        check("name", "{registry_name}"),
        check("regionalEndpoints", "Enabled"),
        check("regionalEndpointHostNames", ["clitestre000002.westus.geo.azurecr.io"]),
        check("provisioningState", "Succeeded")])
    s.cmd("acr show -g {rg} -n {registry_name}", checks=[
        check("regionalEndpoints", "Enabled"),
        check("regionalEndpointHostNames", ["clitestre000002.westus.geo.azurecr.io"])])
    s.cmd("acr show-endpoints --name {registry_name} --resource-group {rg}", checks=[
        check("length(dataEndpoints)", 1),
        check("length(regionalEndpoints)", 1),
        check("dataEndpoints[0].endpoint", "*.blob.core.windows.net"),
        check("dataEndpoints[0].region", "westus"),
        check("regionalEndpoints[0].endpoint", "clitestre000002.westus.geo.azurecr.io"),
        check("regionalEndpoints[0].region", "westus")])
    s.cmd("acr update -g {rg} -n {registry_name} --regional-endpoints disabled", checks=[
        check("regionalEndpoints", "Disabled"),
        check("regionalEndpointHostNames", [])])
    s.cmd("acr show-endpoints --name {registry_name} --resource-group {rg}", checks=[
        check("length(dataEndpoints)", 1),
        check("dataEndpoints[0].endpoint", "*.blob.core.windows.net"),
        check("dataEndpoints[0].region", "westus")])
    assert "regionalEndpoints" not in s.json()
    s.cmd("acr delete -g {rg} -n {registry_name} --yes")


@upstream(FILE, "test_acr_create_with_regional_endpoints_disabled")
def test_acr_create_with_regional_endpoints_disabled(lab):
    s = Scenario(lab, rg="cli_test_acrre_000001", registry_name="clitestre000002", sku="Premium")
    s.cmd("acr create -g {rg} -n {registry_name} --sku {sku} --location westus --regional-endpoints disabled", checks=[
        check("name", "{registry_name}"),
        check("regionalEndpoints", "Disabled"),
        check("regionalEndpointHostNames", []),
        check("provisioningState", "Succeeded")])
    s.cmd("acr show -g {rg} -n {registry_name}", checks=[
        check("regionalEndpoints", "Disabled"),
        check("regionalEndpointHostNames", [])])
    s.cmd("acr update -g {rg} -n {registry_name} --regional-endpoints enabled", checks=[
        check("regionalEndpoints", "Enabled"),
        check("regionalEndpointHostNames", ["clitestre000002.westus.geo.azurecr.io"])])
    s.cmd("acr delete -g {rg} -n {registry_name} --yes")


@upstream(FILE, "test_acr_login")
def test_acr_login(lab):
    s = Scenario(lab, rg="cli_test_acrre_000001", registry_name="clireg000002", sku="Premium")
    s.cmd("acr create -n {registry_name} -g {rg} --sku {sku} --location westus --regional-endpoints enabled", checks=[
        check("name", "{registry_name}"),
        check("regionalEndpoints", "Enabled"),
        check("provisioningState", "Succeeded")])
    # using --expose-token and --endpoint at the same time is not supported (a CLIError: exit 1, nothing printed)
    s.cmd("acr login -n {registry_name} --expose-token --endpoint westus", expect_failure=True)
    assert s.last.exit_code == 1 and s.last.stdout == "" and "--endpoint" in s.last.stderr
    s.cmd("acr delete -g {rg} -n {registry_name} --yes")


@upstream(FILE, "test_acr_import_with_regional_endpoints")
def test_acr_import_with_regional_endpoints(lab):
    other_subscription(lab, "azure-cli")
    s = Scenario(lab, rg="cli_test_acrre_000001", resource_id=DIFF_SUB_REGISTRY,
                 source_registry_name="sourceregistry000002", registry_name="targetregistry000003",
                 source_image="microsoft:azure-cli", tag="repo:v1",
                 source_registry_regional_endpoint="sourceregistry000002.westus.geo.azurecr.io",
                 source_image_regional_endpoint="sourceregistry000002.westus.geo.azurecr.io/microsoft:azure-cli")
    s.cmd("acr create -n {source_registry_name} -g {rg} -l {rg_loc} --sku Premium --regional-endpoints enabled",
          checks=[check("name", "{source_registry_name}"), check("regionalEndpoints", "Enabled"),
                  check("provisioningState", "Succeeded")])
    # import an image from a registry in a different subscription from the current one
    s.cmd("acr import -n {source_registry_name} -r {resource_id} --source {source_image}")
    s.cmd("acr create -n {registry_name} -g {rg} -l {rg_loc} --sku Standard",
          checks=[check("name", "{registry_name}"), check("provisioningState", "Succeeded")])
    # import using the regional endpoint URI directly in the source
    s.cmd("acr import -n {registry_name} --source {source_image} -r {source_registry_regional_endpoint} -t {tag}")
    s.cmd("acr import -n {registry_name} --source {source_image_regional_endpoint}")
    s.cmd("acr repository list -n {registry_name}")
    assert sorted(s.json()) == ["microsoft", "repo"]
    s.cmd("acr delete -g {rg} -n {registry_name} --yes")
    s.cmd("acr delete -g {rg} -n {source_registry_name} --yes")
