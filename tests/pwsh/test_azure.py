"""Az cmdlets on the shared engine: the seed's 6.3 sample, same end state as the CLI, errors."""

from __future__ import annotations

SEED_63 = '''# Create ACR
New-AzContainerRegistry `
-ResourceGroupName "rg-containers" `
-Name "myacr" `
-Sku "Standard" `
-Location "brazilsouth" `
-EnableAdminUser:$false

# Get ACR ID
$acr = Get-AzContainerRegistry -Name "myacr" -ResourceGroupName "rg-containers"

# Assign AcrPull to a principal
New-AzRoleAssignment `
-ObjectId "{object_id}" `
-RoleDefinitionName "AcrPull" `
-Scope $acr.Id

# List repositories
Get-AzContainerRegistryRepository -RegistryName "myacr"
'''


def ps(lab, text):
    return lab.run(text, shell="pwsh")


def _sp(lab):
    from acrlab.engine import identity
    sp, _, _ = identity.create_service_principal(lab.cloud, "ci-pull")
    return sp


def test_seed_63_sample_verbatim(lab):
    r = ps(lab, "New-AzResourceGroup -Name rg-containers -Location brazilsouth")
    assert r.exit_code == 0 and "ResourceGroupName : rg-containers" in r.stdout
    sp = _sp(lab)
    r = ps(lab, SEED_63.replace("{object_id}", sp.object_id))
    assert r.exit_code == 0, r.stderr
    assert r.stderr == ""
    assert "Name  SkuName  LoginServer" in r.stdout and "myacr.azurecr.io" in r.stdout
    assert "RoleDefinitionName : AcrPull" in r.stdout
    reg = lab.cloud.find_registry("myacr")
    assert reg.sku == "Standard" and reg.location == "brazilsouth" and not reg.admin_user_enabled
    assert any(a.principal_id == sp.object_id and a.scope == reg.id and a.role().role_name == "AcrPull"
               for a in lab.cloud.role_assignments)


def _state(lab):
    reg = lab.cloud.find_registry("myacr").to_json()
    for k in ("id", "creationDate", "systemData"):
        reg.pop(k)
    roles = sorted((a.principal_id, a.role().role_name, a.scope.split("/providers/", 1)[-1])
                   for a in lab.cloud.role_assignments)
    return reg, roles


def test_same_end_state_as_cli():
    from acrlab import Lab
    cli_lab, ps_lab = Lab(seed=7), Lab(seed=7)
    for lab in (cli_lab, ps_lab):
        _sp(lab)
    sp_id = next(p.object_id for p in cli_lab.cloud.tenant.principals.values() if p.display_name == "ci-pull")
    r = cli_lab.run("az group create -n rg-containers -l brazilsouth -o none\n"
                    "az acr create -n myacr -g rg-containers --sku Premium --admin-enabled true -o none\n"
                    "az acr update -n myacr --tags env=dev -o none\n"
                    f"az role assignment create --assignee-object-id {sp_id} --assignee-principal-type "
                    "ServicePrincipal --role AcrPush --scope $(az acr show -n myacr --query id -o tsv) -o none")
    assert r.exit_code == 0, r.stderr
    r = ps(ps_lab, "New-AzResourceGroup rg-containers brazilsouth | Out-Null\n"
                   "$acr = New-AzContainerRegistry -Name myacr -ResourceGroupName rg-containers -Sku Premium "
                   "-Location brazilsouth -EnableAdminUser\n"
                   "Update-AzContainerRegistry -Name myacr -ResourceGroupName rg-containers -Tag @{env='dev'} "
                   "| Out-Null\n"
                   f"New-AzRoleAssignment -ObjectId {sp_id} -RoleDefinitionName AcrPush -Scope $acr.Id | Out-Null")
    assert r.exit_code == 0, r.stderr
    assert _state(cli_lab) == _state(ps_lab)


def test_registry_objects_and_pipelines(lab, rg):
    r = ps(lab, "New-AzContainerRegistry -Name acrone -ResourceGroupName rg-containers -Sku Basic -Location "
                "brazilsouth -EnableAdminUser | Out-Null\n"
                "New-AzContainerRegistry -Name acrtwo -ResourceGroupName rg-containers -Sku Premium -Location "
                "eastus | Out-Null\n"
                "Get-AzContainerRegistry | Where-Object SkuName -eq 'Premium' | Select-Object -ExpandProperty Name\n"
                "(Get-AzContainerRegistry -ResourceGroupName rg-containers).Count\n"
                "$c = Get-AzContainerRegistryCredential -ResourceGroupName rg-containers -RegistryName acrone\n"
                "$c.Username\n"
                "(Test-AzContainerRegistryNameAvailability -Name acrone).NameAvailable\n"
                "Get-AzContainerRegistry -ResourceGroupName rg-containers -Name acrone | "
                "Format-List Name, SkuName, AdminUserEnabled")
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.split("\n")
    assert lines[:4] == ["acrtwo", "2", "acrone", "False"]
    assert "Name             : acrone\nSkuName          : Basic\nAdminUserEnabled : True" in r.stdout


def test_connect_registry_and_disabled_admin(lab, rg):
    r = ps(lab, "New-AzContainerRegistry -Name acrthree -ResourceGroupName rg-containers -Sku Basic -Location "
                "brazilsouth | Out-Null\nConnect-AzContainerRegistry -Name acrthree")
    assert r.stdout.strip() == "True"
    assert "acrthree.azurecr.io" in lab.session.host.docker["auths"]
    r = ps(lab, "Get-AzContainerRegistryCredential -ResourceGroupName rg-containers -RegistryName acrthree")
    assert r.exit_code == 1 and "as admin user is disabled" in r.stderr


def test_errors_look_like_powershell(lab, rg):
    cases = {
        "Foo-Bar": "Foo-Bar: The term 'Foo-Bar' is not recognized as a name of a cmdlet, function, script file, or "
                   "executable program.",
        "Get-AzContainerRegistry -Bogus 1": "Get-AzContainerRegistry: A parameter cannot be found that matches "
                                            "parameter name 'Bogus'.",
        "New-AzContainerRegistry -Name abcdef -ResourceGroupName rg-containers -Sku Basic":
            "New-AzContainerRegistry: Cannot process command because of one or more missing mandatory parameters: "
            "Location.",
        "Get-AzContainerRegistry -Name nope -ResourceGroupName rg-containers":
            "Get-AzContainerRegistry: The Resource 'Microsoft.ContainerRegistry/registries/nope' under resource group "
            "'rg-containers' was not found.",
        "New-AzContainerRegistry -Name abcdef -ResourceGroupName rg-containers -Sku Gold -Location eastus":
            "Cannot validate argument on parameter 'Sku'. The argument \"Gold\" does not belong to the set",
        "Get-AzContainerRegistry -R x": "Parameter cannot be processed because the parameter name 'R' is ambiguous.",
    }
    for cmd, expected in cases.items():
        r = ps(lab, cmd)
        assert r.exit_code == 1, cmd
        assert expected in r.stderr, (cmd, r.stderr)
        assert "Traceback" not in r.stderr


def test_prefixes_aliases_and_get_help(lab, rg):
    r = ps(lab, "New-AzContainerRegistry -RegistryName acrfour -ResourceGroup rg-containers -Sk Basic -Loc eastus "
                "| Out-Null\n(Get-AzContainerRegistry -ResourceGroupName rg-containers -ContainerRegistryName "
                "acrfour).Location")
    assert r.stdout.strip() == "eastus", r.stderr
    r = ps(lab, "Get-Help New-AzContainerRegistry")
    assert "SYNTAX" in r.stdout and "-Location <String>" in r.stdout


def test_parse_errors_and_fuzz_never_traceback(lab):
    from hypothesis import given, settings
    from hypothesis import strategies as st
    r = ps(lab, "if ($true) { 'x'")
    assert r.exit_code == 1 and r.stderr.startswith("ParserError:")

    alphabet = st.sampled_from(list("$@{}()[]|;,'\"`#<>-=!.:+*/% \nabcAZ019") +
                               ["Get-AzContainerRegistry", "-Name", "Where-Object", "$_", "-eq", "foreach",
                                "if", "@{", "ForEach-Object", "Select-Object"])

    @settings(max_examples=150, deadline=None)
    @given(st.lists(alphabet, max_size=12).map("".join))
    def fuzz(text):
        r = lab.run(text, shell="pwsh")
        assert "Traceback" not in r.stderr and "internal error" not in r.stderr, (text, r.stderr)
    fuzz()


def test_resource_group_deployment_via_iac(lab, rg):
    lab.write_file("main.bicep", "param acrName string = 'bicepacr1'\n"
                   "resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n  name: acrName\n"
                   "  location: resourceGroup().location\n  sku: { name: 'Standard' }\n}\n"
                   "output loginServer string = acr.properties.loginServer\n")
    r = ps(lab, "$d = New-AzResourceGroupDeployment -ResourceGroupName rg-containers -TemplateFile main.bicep\n"
                "$d.Outputs.loginServer.Value\n$d.Outputs.loginServer")
    assert r.exit_code == 0, r.stderr
    # each output is a DeploymentVariable (Type, Value), as Azure PowerShell returns it
    assert r.stdout.split() == ["bicepacr1.azurecr.io", "Type", "Value", "----", "-----", "String",
                                "bicepacr1.azurecr.io"]
    assert lab.cloud.find_registry("bicepacr1").sku == "Standard"
