"""The examples of the Az.ContainerRegistry repository, tag and manifest help pages run in the lab with the output
shapes the pages show. Source: Azure/azure-powershell src/ContainerRegistry/ContainerRegistry/help/
{Get,Update,Remove}-AzContainerRegistry{Repository,Tag,Manifest}.md; the pages' registry 'registry' is
taken (its DNS name is in use), so the examples run against 'helpregistry'."""

from __future__ import annotations

import pytest

from .pwsh_help import Example, check

SETUP = """az group create -n rg-help -l eastus -o none
az acr create -n helpregistry -g rg-help --sku Premium -o none
az acr import -n helpregistry --source docker.io/library/alpine:3.19 -t alpine:latest -o none
az acr import -n helpregistry --source docker.io/library/hello-world:latest -t test/busybox27:latest -o none
az acr import -n helpregistry --source docker.io/library/hello-world:latest -t test/busybox8:latest -o none
az acr import -n helpregistry --source docker.io/library/hello-world:latest -t test/busybox15:latest -o none"""

REPO_ATTR = ("Registry", "ImageName", "CreatedTime", "LastUpdateTime", "ManifestCount", "TagCount",
             "ChangeableAttributes")
EXAMPLES = [
    Example("Get-AzContainerRegistryTag.md", "Get-AzContainerRegistryTag -RegistryName helpregistry -RepositoryName alpine",
            table=("Registry", "ImageName", "Tags"), lines=()),
    Example("Get-AzContainerRegistryTag.md",
            "Get-AzContainerRegistryTag -RegistryName helpregistry -RepositoryName alpine -name latest",
            table=("Registry", "ImageName", "Attributes")),
    Example("Get-AzContainerRegistryManifest.md",
            "Get-AzContainerRegistryManifest -RegistryName helpregistry -RepositoryName alpine",
            table=("Registry", "ImageName", "ManifestsAttributes")),
    Example("Get-AzContainerRegistryManifest.md",
            "Get-AzContainerRegistryManifest -RegistryName helpregistry -RepositoryName alpine -Name $digest",
            table=("Registry", "ImageName", "Attributes")),
    Example("Get-AzContainerRegistryRepository.md", "Get-AzContainerRegistryRepository -RegistryName helpregistry",
            lines=("alpine", "test/busybox15", "test/busybox27", "test/busybox8")),
    Example("Get-AzContainerRegistryRepository.md",
            "Get-AzContainerRegistryRepository -RegistryName helpregistry -First 3",
            lines=("alpine", "test/busybox15", "test/busybox27")),
    Example("Get-AzContainerRegistryRepository.md",
            "Get-AzContainerRegistryRepository -RegistryName helpregistry -Name alpine", labels=REPO_ATTR),
    Example("Update-AzContainerRegistryRepository.md",
            "Update-AzContainerRegistryRepository -RegistryName helpregistry -Name test/busybox8 -DeleteEnabled $false "
            "-WriteEnabled $true -ListEnabled $true -ReadEnabled $true", labels=REPO_ATTR),
    Example("Update-AzContainerRegistryTag.md",
            "Update-AzContainerRegistryTag -RegistryName helpregistry -RepositoryName alpine -Name latest "
            "-DeleteEnabled $false -WriteEnabled $true -ListEnabled $true -ReadEnabled $true",
            table=("Registry", "ImageName", "Attributes")),
    Example("Update-AzContainerRegistryManifest.md",
            "Update-AzContainerRegistryManifest -RegistryName helpregistry -RepositoryName alpine -Manifest $digest "
            "-DeleteEnabled $false -WriteEnabled $true -ListEnabled $true -ReadEnabled $true",
            table=("Registry", "ImageName", "Attributes")),
    Example("Update-AzContainerRegistryManifest.md",
            "Update-AzContainerRegistryManifest -RegistryName helpregistry -RepositoryName alpine -Tag latest "
            "-DeleteEnabled $false -WriteEnabled $true -ListEnabled $true -ReadEnabled $true",
            table=("Registry", "ImageName", "Attributes")),
    Example("Remove-AzContainerRegistryManifest.md",
            "Remove-AzContainerRegistryManifest -RegistryName helpregistry -RepositoryName test/busybox27 -Tag latest",
            lines=("True",)),
    Example("Remove-AzContainerRegistryTag.md",
            "Remove-AzContainerRegistryTag -RegistryName helpregistry -RepositoryName alpine -Name latest",
            lines=("True",)),
    Example("Remove-AzContainerRegistryRepository.md",
            "Remove-AzContainerRegistryRepository -RegistryName helpregistry -Name test/busybox15",
            table=("ManifestsDeleted", "TagsDeleted")),
]


@pytest.fixture(scope="module")
def help_lab():
    from acrlab import Lab
    lab = Lab(seed=0)
    assert lab.run(SETUP).exit_code == 0
    return lab


@pytest.mark.parametrize("ex", EXAMPLES, ids=[f"{e.page}:{i}" for i, e in enumerate(EXAMPLES)])
def test_help_example(help_lab, ex):
    lab = help_lab.fork()
    digest = lab.run("az acr repository show -n helpregistry --image alpine:latest --query digest -o tsv").stdout.strip()
    lab.run(f"$digest = '{digest}'", shell="pwsh")
    check(lab, ex)


def test_locks_set_by_the_update_cmdlets_protect_the_image(help_lab):
    lab = help_lab.fork()
    r = lab.run("Update-AzContainerRegistryTag -RegistryName helpregistry -RepositoryName alpine -Name latest "
                "-DeleteEnabled $false | Out-Null\n"
                "Remove-AzContainerRegistryManifest -RegistryName helpregistry -RepositoryName alpine -Tag latest",
                shell="pwsh")
    assert r.exit_code == 1 and "DENIED: The operation is disallowed" in r.stderr
    assert lab.run("az acr repository show-tags -n helpregistry --repository alpine -o tsv").stdout == "latest\n"
    r = lab.run("Update-AzContainerRegistryRepository -RegistryName helpregistry -Name alpine -ListEnabled $false | "
                "Out-Null\nGet-AzContainerRegistryRepository -RegistryName helpregistry", shell="pwsh")
    assert "alpine" not in r.stdout.split()
