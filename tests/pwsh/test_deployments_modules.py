"""New-AzResourceGroupDeployment compiles Bicep modules against the lab's files, as az does."""

from __future__ import annotations


def test_bicep_module_from_powershell(lab, cli):
    cli("az group create -n rg-containers -l brazilsouth -o none")
    lab.write_file("registry.bicep", "param name string\nresource acr 'Microsoft.ContainerRegistry/registries@2023-07-01'"
                   " = {\n  name: name\n  location: resourceGroup().location\n  sku: {\n    name: 'Basic'\n  }\n}\n"
                   "output server string = acr.properties.loginServer\n")
    lab.write_file("main.bicep", "module reg './registry.bicep' = {\n  name: 'reg'\n  params: {\n    name: 'modacr1'\n"
                   "  }\n}\noutput server string = reg.outputs.server\n")
    r = lab.run("(New-AzResourceGroupDeployment -ResourceGroupName rg-containers -TemplateFile main.bicep).Outputs.server.Value",
                shell="pwsh")
    assert r.exit_code == 0, r.output
    assert r.stdout.strip() == "modacr1.azurecr.io"
    cli("az acr show -n modacr1", checks={"sku.name": "Basic"})
