"""'ACR Transfer with ARM templates' and 'Transfer artifacts to another registry' (prerequisites), in a fresh lab:
SAS tokens generated and stored in Key Vault, the ExportPipeline, ImportPipeline and PipelineRun templates deployed
with az, the exported blob listed, the import run, a redeploy with forceUpdateTag.

Sources: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-transfer-arm-template.md
and container-registry-transfer-prerequisites.md (the blocks); the templates of Azure/acr docs/image-transfer
(tests/conformance/transfer_templates/, see its README), with the parameter values the page's tables ask for. The
block files were written from the pages as stored at commits b476f00 (arm-template, ms.date 2026-02-11) and 064a655
(prerequisites): the same 17 and 5 command blocks the inventory counts at the suite's revision d923d58."""

from __future__ import annotations

import json
import pathlib

from .docs import Page

TEMPLATES = pathlib.Path(__file__).with_name("transfer_templates")
PREREQ_SETUP = """
az group create -n rg-source -l eastus -o none
az group create -n rg-target -l eastus -o none
az acr create -n sourcereg -g rg-source --sku Premium -o none
az acr create -n targetreg -g rg-target --sku Premium -o none
az acr import -n sourcereg --source docker.io/library/hello-world:latest -t samples/hello-world:v1 -o none
az storage account create -n sourcesa -g rg-source -l eastus --sku Standard_LRS -o none
az storage account create -n targetsa -g rg-target -l eastus --sku Standard_LRS -o none
az storage container create -n transfer --account-name sourcesa -o none 2>/dev/null
az storage container create -n transfer --account-name targetsa -o none 2>/dev/null
az keyvault create -n sourcekv -g rg-source -l eastus --enable-rbac-authorization false -o none
az keyvault create -n targetkv -g rg-target -l eastus --enable-rbac-authorization false -o none
"""


PLACEHOLDER_IDENTITY = ("/subscriptions/xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx/resourcegroups/myResourceGroup/providers/"
                        "Microsoft.ManagedIdentity/userAssignedIdentities/myUserAssignedIdentity")


def _params(values: dict) -> str:
    return json.dumps({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
                       "contentVersion": "1.0.0.0", "parameters": {k: {"value": v} for k, v in values.items()}})


def _folder(lab, name: str, values: dict) -> None:
    """The learner copies the template files into a folder, fills in the parameters and works there."""
    lab.run(f"cd ~ && mkdir -p ~/{name}")
    lab.write_file(f"{name}/azuredeploy.json", (TEMPLATES / name / "azuredeploy.json").read_text(encoding="utf-8"))
    lab.write_file(f"{name}/azuredeploy.parameters.json", _params(values))
    assert lab.run(f"cd ~/{name}").exit_code == 0


def test_prerequisites(lab) -> None:
    """The prerequisites page after its set-up (registries, storage accounts with a transfer container, key vaults);
    the other tests build on it."""
    if lab.run("az group show -n rg-source -o none 2>/dev/null").exit_code != 0:
        assert lab.run(PREREQ_SETUP).exit_code == 0
    now = lab.cloud.clock.now()
    page = Page(lab, "container-registry-transfer-prerequisites",
                subs={"<source-resource-group>": "rg-source", "<target-resource-group>": "rg-target",
                      "<source-key-vault>": "sourcekv", "<target-key-vault>": "targetkv",
                      "<source-storage-account>": "sourcesa", "<target-storage-account>": "targetsa",
                      # the page says to update --expiry for your environment: a year from the lab's today
                      "2021-01-01": now.replace(year=now.year + 1).strftime("%Y-%m-%d")})
    page.run(0)
    page.run(1)
    page.run(2)
    page.run(3)
    page.run(4)
    page.finish()
    assert lab.run('[[ "$EXPORT_SAS" == "?se="*"sp=rawl"*"sr=c&sig="* ]]').exit_code == 0


def _copy_sas(lab, source_permissions: str, target_permissions: str) -> None:
    expiry = (lab.cloud.clock.now().replace(microsecond=0)).strftime("%Y-%m-%d")
    for var, account, perms in (("SOURCE_SAS", "sourcesa", source_permissions),
                                ("TARGET_SAS", "targetsa", target_permissions)):
        assert lab.run(f"{var}=?$(az storage container generate-sas -n transfer --account-name {account} "
                       f"--permissions {perms} --expiry {int(expiry[:4]) + 1}{expiry[4:]} --https-only -o tsv)"
                       ).exit_code == 0


def test_prerequisites_then_transfer_with_templates(lab):
    test_prerequisites(lab)
    assert lab.run("az identity create -n transferid -g rg-source -l eastus -o none").exit_code == 0
    identity = lab.run("az identity show -n transferid -g rg-source --query id -o tsv").stdout.strip()
    page = Page(lab, "container-registry-transfer-arm-template",
                subs={"<target-registry-name>": "targetreg", PLACEHOLDER_IDENTITY: identity,
                      "<source-storage-account-name>": "sourcesa", "<destination-storage-account-name>": "targetsa"})
    _folder(lab, "ExportPipelines", {"registryName": "sourcereg", "exportPipelineName": "myExportPipeline",
                                     "targetUri": "https://sourcesa.blob.core.windows.net/transfer",
                                     "keyVaultName": "sourcekv", "sasTokenSecretName": "acrexportsas",
                                     "options": ["OverwriteBlobs", "ContinueOnErrors"]})
    page.run(0)
    page.run(1)  # Option 2: the same pipeline again, now with the user-assigned identity (given get on the vault)
    r = page.run(2)
    export_id = lab.run("echo $EXPORT_RES_ID").stdout.strip()
    assert export_id.endswith("/registries/sourcereg/exportPipelines/myExportPipeline"), r.output
    _folder(lab, "ImportPipelines", {"registryName": "targetreg", "importPipelineName": "myImportPipeline",
                                     "sourceUri": "https://targetsa.blob.core.windows.net/transfer",
                                     "keyVaultName": "targetkv", "sasTokenSecretName": "acrimportsas",
                                     "sourceTriggerStatus": "Disabled",
                                     "options": ["OverwriteTags", "DeleteSourceBlobOnSuccess", "ContinueOnErrors"]})
    page.run(3)
    page.run(4)
    assert lab.run("az acr import-pipeline show -g rg-target -r targetreg -n myImportPipeline --query identity.type "
                   "-o tsv 2>/dev/null").stdout.strip() == "userAssigned"
    page.run(5)
    _folder(lab, "PipelineRun-Export", {"registryName": "sourcereg", "pipelineRunName": "myPipelineRunExport",
                                        "pipelineResourceId": export_id, "targetName": "myblob",
                                        "artifacts": ["samples/hello-world:v1"]})
    page.run(6)
    page.run(7)
    assert lab.run("echo $EXPORT_RUN_RES_ID").stdout.strip().endswith("/pipelineRuns/myPipelineRunExport")
    r = page.run(8, contains="myblob")
    _copy_sas(lab, "r", "cw")  # "Steps to create tokens aren't shown": a read SAS on the source, create/write on the target
    r = page.run(9, contains="Final Job Status: Completed")
    assert "Number of File Transfers Completed: 1" in r.stdout
    r = page.run(10)
    assert r.json() == [], "the import pipeline's source trigger is disabled: nothing imported yet"
    _folder(lab, "PipelineRun-Import", {"registryName": "targetreg", "pipelineRunName": "myPipelineRunImport",
                                        "pipelineResourceId": lab.run("echo $IMPORT_RES_ID").stdout.strip(),
                                        "sourceName": "myblob"})
    page.run(11)
    page.run(12)
    r = page.run(13)
    assert r.json() == ["samples/hello-world"]
    assert lab.run("az storage blob list --account-name targetsa -c transfer --query [].name -o tsv 2>/dev/null"
                   ).stdout.strip() == "", "DeleteSourceBlobOnSuccess removed the imported blob"
    lab.run("cd ~/PipelineRun-Export")
    page.run(14)
    before = lab.run("az acr pipeline-run show -g rg-source -r sourcereg -n myPipelineRunExport "
                     "--query response.startTime -o tsv 2>/dev/null").stdout
    lab.advance("10m")
    page.run(15)
    after = lab.run("az acr pipeline-run show -g rg-source -r sourcereg -n myPipelineRunExport "
                    "--query response.startTime -o tsv 2>/dev/null").stdout
    assert after != before, "a new forceUpdateTag runs the export again"
    page.run(16)
    for rg, reg in (("rg-source", "sourcereg"), ("rg-target", "targetreg")):
        for kind in ("export-pipeline", "import-pipeline", "pipeline-run"):
            listed = lab.run(f"az acr {kind} list -g {rg} -r {reg} 2>/dev/null")
            assert listed.exit_code == 0 and listed.json() == [], (reg, kind)
    page.finish()


def test_a_redeploy_with_identical_properties_does_not_run_again(lab):
    """The page: 'If redeploying a PipelineRun resource with identical properties, you must also use the
    forceUpdateTag property.'"""
    test_prerequisites(lab)
    _folder(lab, "ExportPipelines", {"registryName": "sourcereg", "exportPipelineName": "myExportPipeline",
                                     "targetUri": "https://sourcesa.blob.core.windows.net/transfer",
                                     "keyVaultName": "sourcekv", "sasTokenSecretName": "acrexportsas",
                                     "options": ["OverwriteBlobs"]})
    assert lab.run("az deployment group create -g rg-source -f azuredeploy.json -n exportPipeline "
                   "-p azuredeploy.parameters.json -o none").exit_code == 0
    export_id = lab.run("az deployment group show -g rg-source -n exportPipeline "
                        "--query 'properties.outputResources[1].id' -o tsv").stdout.strip()
    _folder(lab, "PipelineRun-Export", {"registryName": "sourcereg", "pipelineRunName": "runone",
                                        "pipelineResourceId": export_id, "targetName": "myblob",
                                        "artifacts": ["samples/hello-world:v1"]})
    deploy = "az deployment group create -g rg-source -f azuredeploy.json -n run -p azuredeploy.parameters.json -o none"
    assert lab.run(deploy).exit_code == 0
    first = lab.run("az acr pipeline-run show -g rg-source -r sourcereg -n runone 2>/dev/null").json()
    lab.advance("5m")
    assert lab.run(deploy).exit_code == 0
    again = lab.run("az acr pipeline-run show -g rg-source -r sourcereg -n runone 2>/dev/null").json()
    assert again["response"]["startTime"] == first["response"]["startTime"]
