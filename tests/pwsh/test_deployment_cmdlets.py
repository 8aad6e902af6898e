"""Az.Resources deployment cmdlets as Azure PowerShell runs them: template parameters are dynamic parameters
(mandatory without a default, ValidateSet from allowedValues, `FromTemplate` on a clash, command line beats
-TemplateParameterObject/-TemplateParameterFile), .bicepparam files, -WhatIf, Test-/Get-/Remove- and the what-if
result cmdlet. Source of the cmdlet shapes: Azure/azure-powershell src/Resources/Resources/help/
New-AzResourceGroupDeployment.md; the table layout: ResourcesExtensions.ConstructDeploymentVariableTable."""

from __future__ import annotations

MAIN = """param name string
@secure()
param adminPassword string = ''
@allowed(['Basic', 'Premium'])
param sku string = 'Basic'
resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: name
  location: resourceGroup().location
  sku: { name: sku }
}
output loginServer string = acr.properties.loginServer
"""
RG = "-ResourceGroupName rg-containers"


def ps(lab, text):
    lab.write_file("main.bicep", MAIN)
    return lab.run(text, shell="pwsh")


def test_template_parameters_are_dynamic_parameters(lab, rg):
    r = ps(lab, f"New-AzResourceGroupDeployment {RG} -TemplateFile main.bicep")
    assert r.stderr == ("New-AzResourceGroupDeployment: Cannot process command because of one or more missing "
                        "mandatory parameters: nameFromTemplate.\n")
    r = ps(lab, f"New-AzResourceGroupDeployment {RG} -TemplateFile main.bicep -nameFromTemplate acrdyn01 -sku Gold")
    assert "The argument \"Gold\" does not belong to the set \"Basic,Premium\"" in r.stderr
    r = ps(lab, f"$d = New-AzResourceGroupDeployment {RG} -TemplateFile main.bicep -nameFromTemplate acrdyn01 "
                "-Name first -sku Premium -adminPassword (ConvertTo-SecureString 'p' -AsPlainText -Force) "
                "-TemplateParameterObject @{ sku = 'Basic'; name = 'ignored01' }\n"
                "$d.Outputs.loginServer.Value; $d.ProvisioningState; $d.DeploymentName")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.split() == ["acrdyn01.azurecr.io", "Succeeded", "first"]
    assert lab.cloud.find_registry("acrdyn01").sku == "Premium"


def test_deployment_object_view(lab, rg):
    r = ps(lab, f"New-AzResourceGroupDeployment {RG} -TemplateFile main.bicep -nameFromTemplate acrdyn02")
    lines = r.stdout.split("\n")
    assert lines[1] == "DeploymentName          : main"
    assert "Parameters              :" in lines
    i = lines.index("Parameters              :")
    assert lines[i + 1:i + 6] == [
        " " * 26 + "Name             Type                       Value",
        " " * 26 + "===============  =========================  ==========",
        " " * 26 + "name             String                     acrdyn02",
        " " * 26 + "adminPassword    SecureString",
        " " * 26 + "sku              String                     Basic"]
    assert lines[-3] == "DeploymentDebugLogLevel :"


def test_deployment_parameters_are_deployment_variables(lab, rg):
    """PSResourceGroupDeployment.Parameters is a Dictionary<string, DeploymentVariable> (Type, Value), as Outputs is:
    scripts read `$d.Parameters.name.Value` and `$d.Parameters['sku'].Type`."""
    r = ps(lab, f"$d = New-AzResourceGroupDeployment {RG} -TemplateFile main.bicep -nameFromTemplate acrdyn04\n"
                "$d.Parameters.name.Value; $d.Parameters['sku'].Type; $d.Parameters.Count\n"
                "(Get-AzResourceGroupDeployment {RG} -Name main).Parameters.name.Value".replace("{RG}", RG))
    assert r.exit_code == 0, r.stderr
    assert r.stdout.split() == ["acrdyn04", "String", "3", "acrdyn04"]
    lab.write_file("tags.bicep", "param tags object\noutput echo object = tags\n")
    r = lab.run(f"$d = New-AzResourceGroupDeployment {RG} -TemplateFile tags.bicep -tags @{{env = 'dev'}}\n"
                "$d.Parameters.tags.Value.env; \"$($d.Outputs.echo)\"", shell="pwsh")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == 'dev\n{\n  "env": "dev"\n}\n'  # an object value prints as JToken.ToString(): indented JSON


def test_bicepparam_file_names_the_template(lab, rg):
    lab.write_file("prod.bicepparam", "using './main.bicep'\nparam name = 'acrbpps01'\nparam sku = 'Premium'\n")
    r = ps(lab, f"New-AzResourceGroupDeployment {RG} -TemplateParameterFile prod.bicepparam | "
                "Select-Object DeploymentName, ProvisioningState | Format-List")
    assert r.exit_code == 0, r.stderr
    assert "DeploymentName    : prod" in r.stdout
    assert lab.cloud.find_registry("acrbpps01").sku == "Premium"


def test_what_if_test_get_and_remove(lab, rg):
    r = ps(lab, f"New-AzResourceGroupDeployment {RG} -TemplateFile main.bicep -nameFromTemplate acrwhatif1 -WhatIf")
    assert "+ Microsoft.ContainerRegistry/registries/acrwhatif1 [2023-07-01]" in r.stdout
    assert r.stdout.rstrip().endswith("Resource changes: 1 to create.")
    assert lab.cloud.find_registry("acrwhatif1") is None
    r = ps(lab, f"Get-AzResourceGroupDeploymentWhatIfResult {RG} -TemplateFile main.bicep -nameFromTemplate acrwi2")
    assert "+ Microsoft.ContainerRegistry/registries/acrwi2" in r.stdout
    r = ps(lab, f"Test-AzResourceGroupDeployment {RG} -TemplateFile main.bicep -SkipTemplateParameterPrompt")
    assert r.stdout.split("\n")[1] == "Code    : InvalidTemplate"
    assert "The value for the template parameter 'name'" in r.stdout
    r = ps(lab, f"Test-AzResourceGroupDeployment {RG} -TemplateFile main.bicep -name acrtest01")
    assert r.exit_code == 0 and r.stdout == ""
    r = ps(lab, f"New-AzResourceGroupDeployment {RG} -TemplateFile main.bicep -nameFromTemplate acrdyn03 -Name d1 | "
                f"Out-Null\n(Get-AzResourceGroupDeployment {RG}).DeploymentName\n"
                f"Remove-AzResourceGroupDeployment {RG} -Name d1 -PassThru\n"
                f"Get-AzResourceGroupDeployment {RG} -Name d1")
    assert r.stdout.split() == ["d1", "True"]
    assert "Deployment 'd1' could not be found." in r.stderr
    assert lab.cloud.find_registry("acrdyn03") is not None


def test_unreachable_template_sources_are_refused(lab, rg):
    r = ps(lab, f"New-AzResourceGroupDeployment {RG} -TemplateUri https://example.com/azuredeploy.json")
    assert "needs the internet" in r.stderr
