"""'Quickstart: Create an Azure container registry using Terraform', in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-get-started-terraform.md.
The page's resources come from Terraform (`terraform init`, `plan`, `apply` of Azure/terraform
quickstart/101-azure-container-registry), which the lab does not simulate: `terraform` says so and names the lab's
ways to create the same resources. The registry the configuration creates (Premium, in eastus) is created with az
instead; the page's one command block, the check with `az acr show`, then runs as printed."""

from __future__ import annotations

from .docs import Page


def test_get_started_terraform(lab):
    r = lab.run("terraform init -upgrade")
    assert r.exit_code == 127 and "Terraform is not simulated in this lab" in r.stderr
    assert "az deployment group create" in r.stderr
    assert lab.run("az group create -n rg-fitting-quail -l eastus -o none\n"
                   "az acr create -n acrqwert -g rg-fitting-quail --sku Premium -o none").exit_code == 0
    page = Page(lab, "container-registry-get-started-terraform",
                {"<registry_name>": "acrqwert", "<resource_group_name>": "rg-fitting-quail"})
    shown = page.run(0).json()
    assert (shown["loginServer"], shown["sku"]["name"], shown["location"]) == ("acrqwert.azurecr.io", "Premium",
                                                                               "eastus")
    page.finish()
