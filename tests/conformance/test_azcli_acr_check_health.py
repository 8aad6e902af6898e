"""azure-cli's check-health scenario test, translated: the same commands in a fresh lab.

Source: Azure/azure-cli src/azure-cli/azure/cli/command_modules/acr/tests/latest/test_acr_check_health_commands.py
(AcrCheckHealthCommandsTests.test_acr_check_health) and its recording test_acr_check_health.yaml. The image comes from
sourceregistrydiffsub in a second subscription, as upstream's `source_reg_id` says. The test's last command passes
`--image`, which today's az reference does not list (MicrosoftDocs/azure-docs-cli
docs-ref-autogen/Latest-version/latest/acr.yml, az acr check-health: --ignore-errors, --name, --repository, --vnet,
--yes): az refuses it as an unrecognized argument, and the same check without `--image` passes."""

from __future__ import annotations

from .azcli import DIFF_SUB_REGISTRY, Scenario, other_subscription, upstream

FILE = "test_acr_check_health_commands.py"


@upstream(FILE, "test_acr_check_health",
          partial="the last command's --image is not in today's az reference (2026-08): az refuses it, and the lab "
                  "runs the same check with --repository alone")
def test_acr_check_health(lab):
    other_subscription(lab, "azure-cli")
    s = Scenario(lab, rg="clitest.rg000001", registry="clireg000002", sku="Premium", repository="microsoft",
                 tag="azure-cli", image="microsoft:azure-cli", source_reg_id=DIFF_SUB_REGISTRY)
    s.cmd("acr create --name {registry} --sku {sku} --resource-group {rg}")
    s.cmd("acr import -n {registry} -r {source_reg_id} --source {image}")
    assert lab.run("az acr repository show-tags -n clireg000002 --repository microsoft -o tsv").stdout.split() \
        == ["azure-cli"]
    s.cmd("acr check-health --name {registry} --yes --ignore-errors")
    assert "Fetch access token for registry 'clireg000002.azurecr.io' : OK" in s.last.stdout
    s.cmd("acr check-health --name {registry} --repository {repository} --image {tag} --yes --ignore-errors",
          expect_failure=True)
    assert s.last.exit_code == 2 and "unrecognized arguments: --image azure-cli" in s.last.stderr
    s.cmd("acr check-health --name {registry} --repository {repository} --yes --ignore-errors")
    assert "Fetch access token for registry 'clireg000002.azurecr.io' : OK" in s.last.stdout
