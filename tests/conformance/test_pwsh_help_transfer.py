"""The examples of the Az.ContainerRegistry export and import pipeline help pages run in the lab with the output
shapes their pages show, and the pipelines they make are the ones az and the resource manager see.

Sources: Azure/azure-powershell src/ContainerRegistry/ContainerRegistry/help/New-AzContainerRegistryExportPipeline.md,
Get-AzContainerRegistryExportPipeline.md, Remove-AzContainerRegistryExportPipeline.md,
Update-AzContainerRegistryExportPipeline.md (its examples are placeholders), and the ImportPipeline pages. The
New-AzContainerRegistryImportPipeline page's example calls New-AzContainerRegistryExportPipeline with -SourceType,
which PowerShell refuses at binding; the lab says so as PowerShell does."""

from __future__ import annotations

from .pwsh_help import Example, help_example_tests

SETUP = """New-AzResourceGroup -Name MyResourceGroup -Location eastus | Out-Null
New-AzContainerRegistry -ResourceGroupName MyResourceGroup -Name RegistryExample -Sku Premium -Location eastus |
    Out-Null"""
KV = "https://examplekeyvault.vault.azure.net/secrets/test/18d55a35beba4b20bdd044a2a9d14c30"
NEW_EXPORT = ("New-AzContainerRegistryExportPipeline -name Exam -RegistryName RegistryExample -ResourceGroupName "
              "MyResourceGroup -IdentityType 'SystemAssigned' -TargetType AzureStorageBlobContainer -TargetUri "
              f"https://sa.blob.core.windows.net/public/ -TargetKeyVaultUri {KV}")
NEW_IMPORT = ("New-AzContainerRegistryImportPipeline -name Example -RegistryName RegistryExample -ResourceGroupName "
              "MyResourceGroup -IdentityType 'SystemAssigned' -SourceType AzureStorageBlobContainer -SourceUri "
              f"https://sa.blob.core.windows.net/public/ -SourceKeyVaultUri {KV}")
TABLE = ("Name", "SystemDataCreatedAt", "SystemDataCreatedBy", "SystemDataCreatedByType", "SystemDataLastModifiedAt",
         "SystemDataLastModifiedBy")

EXAMPLES = [
    Example("New-AzContainerRegistryExportPipeline.md", NEW_EXPORT, table=TABLE),
    Example("Get-AzContainerRegistryExportPipeline.md",
            "Get-AzContainerRegistryExportPipeline -RegistryName RegistryExample -ResourceGroupName MyResourceGroup",
            table=TABLE, setup=NEW_EXPORT.replace("Exam ", "Example ") + " | Out-Null"),
    Example("Remove-AzContainerRegistryExportPipeline.md",
            "Remove-AzContainerRegistryExportPipeline -RegistryName RegistryExample -ResourceGroupName "
            "MyResourceGroup -Name Example", lines=(), setup=NEW_EXPORT.replace("Exam ", "Example ") + " | Out-Null"),
    Example("Get-AzContainerRegistryImportPipeline.md",
            "Get-AzContainerRegistryImportPipeline -RegistryName RegistryExample -ResourceGroupName MyResourceGroup",
            table=TABLE, setup=NEW_IMPORT + " | Out-Null"),
    Example("Remove-AzContainerRegistryImportPipeline.md",
            "Remove-AzContainerRegistryImportPipeline -RegistryName RegistryExample -ResourceGroupName "
            "MyResourceGroup -Name Example", lines=(), setup=NEW_IMPORT + " | Out-Null"),
]


help_lab, test_help_example = help_example_tests(SETUP, EXAMPLES)


def test_the_import_page_example_is_refused_at_binding(help_lab):
    lab = help_lab.fork()
    r = lab.run("New-AzContainerRegistryExportPipeline -name Exam -RegistryName RegistryExample -ResourceGroupName "
                "MyResourceGroup -IdentityType 'SystemAssigned' -SourceType AzureStorageBlobContainer -SourceUri "
                f"https://sa.blob.core.windows.net/public/ -SourceKeyVaultUri {KV}", shell="pwsh")
    assert "A parameter cannot be found that matches parameter name 'SourceType'." in r.stderr
    assert lab.run("az acr export-pipeline list -g MyResourceGroup -r RegistryExample 2>/dev/null").json() == []


def test_pipelines_made_in_powershell_are_the_ones_az_sees_and_update_changes_them(help_lab):
    lab = help_lab.fork()
    assert lab.run(NEW_IMPORT + " | Out-Null", shell="pwsh").exit_code == 0
    shown = lab.run("az acr import-pipeline show -g MyResourceGroup -r RegistryExample -n Example 2>/dev/null").json()
    assert shown["source"]["storageAccessMode"] == "SasToken" and shown["identity"]["type"] == "systemAssigned"
    assert shown["trigger"]["sourceTrigger"]["status"] == "Enabled"
    r = lab.run("$p = Update-AzContainerRegistryImportPipeline -Name Example -RegistryName RegistryExample "
                "-ResourceGroupName MyResourceGroup -SourceTriggerStatus Disabled -Option OverwriteTags\n"
                "$p.SourceTriggerStatus; $p.Option; $p.IdentityType", shell="pwsh")
    assert r.stdout.split() == ["Disabled", "OverwriteTags", "SystemAssigned"], r.output
    got = lab.run("Get-AzContainerRegistryImportPipeline -Name Example -RegistryName RegistryExample "
                  "-ResourceGroupName MyResourceGroup | Select-Object -ExpandProperty SourceUri", shell="pwsh")
    assert got.stdout.strip() == "https://sa.blob.core.windows.net/public/"
    r = lab.run("Remove-AzContainerRegistryImportPipeline -Name Example -RegistryName RegistryExample "
                "-ResourceGroupName MyResourceGroup -PassThru", shell="pwsh")
    assert r.stdout.strip() == "True"


def test_a_basic_registry_refuses_pipelines(help_lab):
    lab = help_lab.fork()
    lab.run("New-AzContainerRegistry -ResourceGroupName MyResourceGroup -Name BasicExample -Sku Basic -Location eastus"
            " | Out-Null", shell="pwsh")
    r = lab.run(NEW_EXPORT.replace("RegistryExample", "BasicExample"), shell="pwsh")
    assert "The SKU Basic is not supported." in r.stderr


def test_the_current_module_parameters(help_lab):
    """azps-16.2.0's New-AzContainerRegistryExportPipeline: -EnableSystemAssignedIdentity, -UserAssignedIdentity,
    -RegistryInputObject and -JsonString (acrlab/coverage_data/az_containerregistry_cmdlets.json)."""
    lab = help_lab.fork()
    r = lab.run("$reg = Get-AzContainerRegistry -ResourceGroupName MyResourceGroup -Name RegistryExample\n"
                "$p = New-AzContainerRegistryExportPipeline -Name viaregistry -RegistryInputObject $reg "
                "-EnableSystemAssignedIdentity $true -TargetUri https://sa.blob.core.windows.net/public "
                "-TargetKeyVaultUri https://kv.vault.azure.net/secrets/s\n$p.IdentityType", shell="pwsh")
    assert r.stdout.strip() == "SystemAssigned", r.output
    body = ('{"identity": {"type": "SystemAssigned"}, "properties": {"target": {"uri": '
            '"https://sa.blob.core.windows.net/public", "storageAccessMode": "ManagedIdentity"}}}')
    r = lab.run(f"New-AzContainerRegistryExportPipeline -Name viajson -RegistryName RegistryExample -ResourceGroupName "
                f"MyResourceGroup -JsonString '{body}' | Out-Null", shell="pwsh")
    assert r.exit_code == 0 and not r.stderr, r.output
    shown = lab.run("az acr export-pipeline show -g MyResourceGroup -r RegistryExample -n viajson 2>/dev/null").json()
    assert shown["target"]["storageAccessMode"] == "ManagedIdentity"
    r = lab.run("New-AzContainerRegistryExportPipeline -Name viajson -RegistryName RegistryExample -ResourceGroupName "
                "MyResourceGroup -JsonString '[1]'", shell="pwsh")
    assert "must be an object (ExportPipeline)" in r.stderr
