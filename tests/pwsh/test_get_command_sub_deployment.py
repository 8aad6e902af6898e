"""Get-Command over the lab's cmdlets, and New-AzDeployment (alias New-AzSubscriptionDeployment) at subscription
scope through the iac deployment API."""

from __future__ import annotations

SUB_BICEP = ("targetScope = 'subscription'\nparam rgName string\n"
             "resource rg 'Microsoft.Resources/resourceGroups@2022-09-01' = {\n  name: rgName\n"
             "  location: deployment().location\n}\noutput rgId string = rg.id\n")


def test_get_command_module_table_and_count(lab):
    r = lab.run("Get-Command -Module Az.ContainerRegistry", shell="pwsh")
    assert r.exit_code == 0, r.output
    lines = r.stdout.strip().splitlines()
    assert lines[0] == "CommandType     Name                                               Version    Source"
    assert lines[1].startswith("-----------     ----")
    row = next(line for line in lines if " Get-AzContainerRegistry " in line)
    assert row.split() == ["Cmdlet", "Get-AzContainerRegistry", "4.2.1", "Az.ContainerRegistry"]
    n = len(lines) - 2
    r = lab.run("(Get-Command -Module Az.ContainerRegistry).Count", shell="pwsh")
    assert r.stdout.strip() == str(n) and n > 10


def test_get_command_verb_noun_name_and_properties(lab):
    r = lab.run("Get-Command -Verb Connect | ForEach-Object Name", shell="pwsh")
    assert r.stdout.split() == ["Connect-AzAccount", "Connect-AzContainerRegistry"]
    r = lab.run("(Get-Command -Noun AzResourceGroup).Name -join ','", shell="pwsh")
    assert set(r.stdout.strip().split(",")) >= {"Get-AzResourceGroup", "New-AzResourceGroup"}
    r = lab.run("$c = Get-Command Get-AzContainerRegistry; \"$($c.CommandType) $($c.Source) $($c.Verb) $($c.Noun)\"",
                shell="pwsh")
    assert r.stdout.strip() == "Cmdlet Az.ContainerRegistry Get AzContainerRegistry"
    r = lab.run("Get-Command Login-AzAccount", shell="pwsh")
    assert "Alias           Login-AzAccount -> Connect-AzAccount" in r.stdout
    r = lab.run("function Foo-Bar { 1 }; (Get-Command Foo-Bar).CommandType; (gcm az).Source", shell="pwsh")
    assert r.stdout.split() == ["Function", "/usr/bin/az"]
    r = lab.run("(Get-Command -Name *-AzContainerRegistryToken -Module Az.Container*).Count", shell="pwsh")
    assert r.stdout.strip() == "4"


def test_get_command_unknown_and_empty_wildcard(lab):
    r = lab.run("Get-Command Get-AzNothing", shell="pwsh")
    assert r.exit_code != 0
    assert "Get-Command: The term 'Get-AzNothing' is not recognized as a name of a cmdlet, function, script file, " \
           "or executable program." in r.output
    assert "Traceback" not in r.output
    r = lab.run("Get-Command Get-AzNothing*; 'done'", shell="pwsh")
    assert r.exit_code == 0 and r.stdout.strip() == "done"
    r = lab.run("try { Get-Command nope -ErrorAction Stop } catch { 'caught' }", shell="pwsh")
    assert r.stdout.strip() == "caught"


def test_subscription_deployment_creates_group(lab, cli):
    lab.write_file("sub.bicep", SUB_BICEP)
    r = lab.run("New-AzSubscriptionDeployment -Location brazilsouth -TemplateFile sub.bicep "
                "-TemplateParameterObject @{rgName='rg-sub1'}", shell="pwsh")
    assert r.exit_code == 0, r.output
    assert "DeploymentName          : sub" in r.stdout
    assert "Location                : brazilsouth" in r.stdout
    assert "ProvisioningState       : Succeeded" in r.stdout
    assert "rgId" in r.stdout
    cli("az group show -n rg-sub1", checks={"location": "brazilsouth"})
    cli("az deployment sub show -n sub", checks={"properties.provisioningState": "Succeeded",
                                                 "location": "brazilsouth"})


def test_new_azdeployment_parameter_file_outputs_and_errors(lab, cli):
    lab.write_file("sub.bicep", SUB_BICEP)
    lab.write_file("p.json", '{"parameters": {"rgName": {"value": "rg-fromfile"}}}')
    r = lab.run("(New-AzDeployment -Location brazilsouth -TemplateFile sub.bicep -TemplateParameterFile p.json "
                "-Name d2).Outputs.rgId.Value", shell="pwsh")
    assert r.exit_code == 0, r.output
    assert r.stdout.strip().endswith("/resourceGroups/rg-fromfile")
    cli("az deployment sub show -n d2", checks={"name": "d2"})
    r = lab.run("New-AzDeployment -Location brazilsouth -TemplateFile sub.bicep", shell="pwsh")
    assert r.exit_code != 0 and "rgName" in r.output and "Traceback" not in r.output
    r = lab.run("New-AzDeployment -Location brazilsouth -TemplateFile missing.bicep", shell="pwsh")
    assert "Could not find file" in r.output and "Traceback" not in r.output
    r = lab.run("New-AzDeployment -TemplateFile sub.bicep", shell="pwsh")
    assert "missing mandatory parameters: Location" in r.output


def test_subscription_deployment_what_if_and_modules(lab, cli):
    lab.write_file("sub.bicep", SUB_BICEP)
    r = lab.run("New-AzDeployment -Location brazilsouth -TemplateFile sub.bicep -TemplateParameterObject "
                "@{rgName='rg-w'} -WhatIf", shell="pwsh")
    assert r.exit_code == 0, r.output
    assert "+ resourceGroups/rg-w" in r.stdout
    cli("az group exists -n rg-w")
    assert lab.run("az group exists -n rg-w").stdout.strip() == "false"
    lab.write_file("rg.bicep", "targetScope = 'subscription'\nresource rg 'Microsoft.Resources/resourceGroups@"
                   "2022-09-01' = {\n  name: 'rg-mod'\n  location: 'brazilsouth'\n}\n")
    lab.write_file("main.bicep", "targetScope = 'subscription'\nmodule m './rg.bicep' = {\n  name: 'm'\n}\n")
    r = lab.run("New-AzDeployment -Location brazilsouth -TemplateFile main.bicep", shell="pwsh")
    assert r.exit_code == 0, r.output
    cli("az group show -n rg-mod", checks={"name": "rg-mod"})
