"""'ACR Transfer with Az CLI', in a fresh lab: its commands belong to the acrtransfer extension, which the lab cannot
install, so each answers as az's dynamic install starts and then says why it stops.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-transfer-cli.md; the
flow of azure-cli-core src/azure-cli-core/azure/cli/core/extension/dynamic_install.py (no tty: "The command
requires the extension acrtransfer. It will be installed first."). The page's other blocks need storage accounts,
Key Vault access policies and the pipelines the extension would have created, which the lab does not model."""

from __future__ import annotations

from .docs import Page

NEEDS_EXTENSION = "The command requires the extension acrtransfer. It will be installed first."
WHY = "The extension acrtransfer cannot be installed in the acrlab lab"
NOT_MODELLED = "transfer pipelines need the acrtransfer extension and storage accounts, which the lab does not model"


def test_transfer_cli(lab):
    page = Page(lab, "container-registry-transfer-cli")
    r = page.run(0, exit_code=1, contains="'az extension add' is not available in the acrlab lab")
    assert "extensions download from the internet" in r.stderr
    for i in (1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 13, 18, 20, 21, 22):
        r = page.run(i, exit_code=2, contains=NEEDS_EXTENSION)
        assert WHY in r.stderr and "misspelled" not in r.stderr
    for i in (6, 12, 16, 17, 19):
        page.skip(i, NOT_MODELLED)
    page.finish()


def test_dynamic_install_off_reports_an_unknown_command(lab):
    assert lab.run("az config set extension.use_dynamic_install=no").exit_code == 0
    r = lab.run("az acr export-pipeline list -r myregistry -g rg")
    assert r.exit_code == 2 and "'export-pipeline' is misspelled or not recognized by the system." in r.stderr
    assert NEEDS_EXTENSION not in r.stderr


def test_other_acr_extensions(lab):
    for command, ext in (("az acr query -n myregistry -q x", "acrquery"),
                         ("az acr supply-chain workflow list -r myregistry -g rg", "acrcssc")):
        r = lab.run(command)
        assert r.exit_code == 2 and f"The command requires the extension {ext}." in r.stderr, r.output
