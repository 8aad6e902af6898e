"""'ACR Transfer with Az CLI', page by page in a fresh lab: the bundled acrtransfer extension installs offline, the
export pipeline writes the registry's artifacts as a blob to a storage container, and the import pipeline brings
them into another Premium registry, each pipeline reaching storage with its managed identity.

Sources: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-transfer-cli.md (the
blocks); azure-cli-extensions src/acrtransfer (_params.py, _validators.py, exportpipeline.py, pipelinerun.py);
azure-cli-core extension/dynamic_install.py ("The command requires the extension acrtransfer. It will be installed
first.") and extension/operations.py ("The installed extension 'acrtransfer' is in preview.")."""

from __future__ import annotations

from .docs import Page

SETUP = """
az group create -n rg-transfer -l eastus -o none
az acr create -n srcreg -g rg-transfer --sku Premium -o none
az acr create -n tgtreg -g rg-transfer --sku Premium -o none
az acr import -n srcreg --source docker.io/library/hello-world:latest -t hello-world:latest -o none
az storage account create -n transfersa -g rg-transfer -l eastus --sku Standard_LRS -o none
az storage container create -n transfer --account-name transfersa --auth-mode key -o none 2>/dev/null
az keyvault create -n transferkv -g rg-transfer -l eastus --enable-rbac-authorization false -o none
az identity create -n transferid -g rg-transfer -l eastus -o none
SAS=?$(az storage container generate-sas -n transfer --account-name transfersa --expiry {expiry} --permissions alrwd --https-only -o tsv 2>/dev/null)
az keyvault secret set --vault-name transferkv -n transfersas --value "$SAS" -o none
export MyRG=rg-transfer MyReg=srcreg MyPipeline=transfer1 MyKV=transferkv MySecret=transfersas MyStorage=transfersa
export MyContainer=transfer MyIdentity=transferid MySubID=$(az account show --query id -o tsv) MyKeyvault=transferkv
export MyPipelineRun=runexport1 MyBlob=helloblob MyStorageAccount=transfersa MyRegistry=tgtreg MyRepository=hello-world
ID=$(az identity show -n transferid -g rg-transfer --query principalId -o tsv)
az role assignment create --assignee-object-id $ID --assignee-principal-type ServicePrincipal --role "Storage Blob Data Contributor" --scope $(az storage account show -n transfersa --query id -o tsv) -o none
"""


def test_transfer_cli(lab):
    expiry = (lab.cloud.clock.now().replace(year=lab.cloud.clock.now().year + 1)).strftime("%Y-%m-%d")
    assert lab.run(SETUP.format(expiry=expiry)).exit_code == 0
    digest = lab.run("az acr repository show -n srcreg --image hello-world:latest --query digest -o tsv").stdout.strip()
    page = Page(lab, "container-registry-transfer-cli",
                subs={"sha256:90659bf80b44ce6be8234e6ff90a1ac34acbeb826903b02cfa0da11c82cbc042": digest})
    r = page.run(0, contains="The installed extension 'acrtransfer' is in preview.")
    assert lab.run("az extension list --query [].name -o tsv").stdout.split() == ["acrtransfer"]
    page.run(1)
    page.run(2)
    page.run(3)
    r = page.run(4, contains="Storage Blob Data Contributor")  # the extension's permission guidance
    r = page.run(5)
    assert r.json()["target"]["storageAccessMode"] == "ManagedIdentity" and r.json()["options"] == [
        "OverwriteBlobs", "ContinueOnErrors"]
    lab.run("export MyPrincipalID=$(az identity show -n transferid -g rg-transfer --query principalId -o tsv)")
    page.run(6)
    lab.run("export MyReg=tgtreg MyPipeline=import1")
    page.run(7)
    page.run(8)
    page.run(9)
    page.run(10)
    r = page.run(11)
    assert r.json()["trigger"]["sourceTrigger"]["status"] == "Disabled"
    page.run(12)
    lab.run("export MyReg=srcreg MyPipeline=transfer1")
    r = page.run(13)
    assert r.json()["response"]["status"] == "Succeeded", r.output
    assert r.json()["request"]["artifacts"] == ["hello-world:latest", f"hello-world@{digest}"]
    page.skip(14, "pipeline log output shown by the page, not a command")
    page.skip(15, "pipeline log output shown by the page, not a command")
    r = page.run(16, contains="helloblob")
    page.skip(17, "the source trigger of the import pipeline is disabled by block 10; block 18 runs the import")
    lab.run("export MyReg=tgtreg MyPipeline=import1 MyPipelineRun=runimport1")
    r = page.run(18)
    assert r.json()["response"]["importedArtifacts"] == ["hello-world:latest", f"hello-world@{digest}"]
    r = page.run(19)
    assert r.json() == ["latest"]
    # DeleteSourceBlobOnSuccess (block 10) removed the blob once imported
    assert "helloblob" not in lab.run("az storage blob list --account-name transfersa -c transfer --auth-mode key "
                                      "-o tsv --query [].name 2>/dev/null").stdout
    lab.run("export MyReg=srcreg MyPipeline=transfer1 MyPipelineRun=runexport1")
    page.run(20)
    page.run(22)
    lab.run("export MyReg=tgtreg MyPipeline=import1")
    page.run(21)
    page.finish()


def test_dynamic_install_off_reports_an_unknown_command(lab):
    assert lab.run("az config set extension.use_dynamic_install=no").exit_code == 0
    r = lab.run("az acr export-pipeline list -r myregistry -g rg")
    assert r.exit_code == 2 and "'export-pipeline' is misspelled or not recognized by the system." in r.stderr
    assert "It will be installed first" not in r.stderr
    assert lab.run("az extension add --name acrtransfer").exit_code == 0
    assert lab.run("az acr export-pipeline list -r myregistry -g rg").exit_code != 2  # installed: it runs


def test_other_acr_extensions_cannot_be_installed(lab):
    for command, ext in (("az acr query -n myregistry -q x", "acrquery"),):
        r = lab.run(command)
        assert r.exit_code == 2 and f"The command requires the extension {ext}." in r.stderr, r.output
        assert f"The extension {ext} cannot be installed in the acrlab lab" in r.stderr
    r = lab.run("az extension add --name acrquery")
    assert r.exit_code == 1 and "extensions download from the internet" in r.stderr
