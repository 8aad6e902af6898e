"""'Disable export of artifacts from an Azure container registry' (data loss prevention), block by block, in a fresh
lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/data-loss-prevention.md (blocks in
tests/conformance/docs_blocks/data-loss-prevention.json). The page presumes a Premium registry `myregistry` with an
image in it; the test creates one (dlpreg01) and a second registry to import into. What the page says the setting
does is checked too: export can be disabled only with public network access disabled (the same request may do both,
as block 1 does), and while it is disabled an import from the registry is refused."""

from __future__ import annotations

from .docs import Page

SETUP = """az group create -n myResourceGroup -l centralus -o none
az acr create -n dlpreg01 -g myResourceGroup --sku Premium -o none
az acr create -n dlpdest01 -g myResourceGroup --sku Premium -o none
az acr import -n dlpreg01 --source mcr.microsoft.com/hello-world:latest -o none
"""
IMPORT = "az acr import -n dlpdest01 --source dlpreg01.azurecr.io/hello-world:latest --force -o none"


def test_data_loss_prevention(lab):
    assert lab.run(SETUP).exit_code == 0
    page = Page(lab, "data-loss-prevention", {"--name myregistry": "--name dlpreg01"})
    r = lab.run(page.code(1).replace(' \\\n    --set "properties.publicNetworkAccess=disabled"', ""))
    assert r.exit_code == 1 and "Export policy can be disabled only when public network access is disabled." in r.output
    doc = page.run(1).json()
    assert doc["properties"]["policies"]["exportPolicy"] == {"status": "disabled"}
    assert doc["properties"]["publicNetworkAccess"] == "Disabled"  # the page's output (block 2) shows the same
    r = lab.run(IMPORT)
    assert r.exit_code == 1 and "because its export policy is disabled" in r.output
    doc = page.run(4).json()
    assert doc["properties"]["policies"]["exportPolicy"] == {"status": "enabled"}
    assert lab.run(IMPORT).exit_code == 0
    page.finish()
