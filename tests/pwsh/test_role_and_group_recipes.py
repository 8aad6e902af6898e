"""Two Az.Resources recipes PowerShell admins use, found missing while solving the labs in PowerShell only (issue 17):
a custom role copied from a built-in one by changing its List<string> properties in place, and group members added
by user principal name."""

from __future__ import annotations

import json


def ps(lab, text):
    return lab.run(text, shell="pwsh")


def test_custom_role_from_a_builtin_changes_its_lists_in_place(lab):
    """MicrosoftDocs/azure-docs articles/role-based-access-control/custom-roles-powershell.md ("Create a custom role"):
    Get-AzRoleDefinition, then $role.Actions.Clear()/.Add(...) and $role.AssignableScopes.Clear()/.Add(...), then
    New-AzRoleDefinition -Role $role. PSRoleDefinition's Actions, NotActions, DataActions, NotDataActions and
    AssignableScopes are List<string>."""
    sub = lab.cloud.subscription.subscription_id
    r = ps(lab, "$role = Get-AzRoleDefinition -Name Reader\n"
                "$role.Id = $null\n$role.Name = 'Registry Auditor'\n$role.IsCustom = $true\n"
                "$role.Actions.Clear()\n"
                "$role.Actions.Add('Microsoft.ContainerRegistry/registries/read')\n"
                "$role.Actions.AddRange(@('Microsoft.ContainerRegistry/registries/pull/read', 'x/read'))\n"
                "$removed = $role.Actions.Remove('x/read')\n"
                "$role.AssignableScopes.Clear()\n"
                f"$role.AssignableScopes.Add('/subscriptions/{sub}')\n"
                "New-AzRoleDefinition -Role $role | Out-Null\n"
                "\"removed=$removed count=$($role.Actions.Count) type=$($role.Actions.GetType().Name)\"")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.strip() == "removed=True count=2 type=List`1"
    made = json.loads(lab.run("az role definition list --name 'Registry Auditor' --custom-role-only true").stdout)
    assert made[0]["permissions"][0]["actions"] == ["Microsoft.ContainerRegistry/registries/read",
                                                   "Microsoft.ContainerRegistry/registries/pull/read"]
    assert made[0]["assignableScopes"] == [f"/subscriptions/{sub}"]
    # an array is still of fixed size: Add is not one of its methods here
    r = ps(lab, "$a = @('x'); $a.Add('y')")
    assert r.exit_code != 0 and "does not contain a method named 'Add'" in r.stderr


def test_group_members_by_user_principal_name(lab):
    """Azure/azure-powershell src/Resources/Resources/help/Add-AzADGroupMember.md: parameter sets
    MemberUPNWithGroupObjectIdParameterSet (-MemberUserPrincipalName <String[]>) beside -MemberObjectId."""
    lab.run("az ad user create --display-name Ana --user-principal-name ana@contoso.onmicrosoft.com "
            "--password 'Passw0rd!Passw0rd' -o none")
    r = ps(lab, "$g = New-AzADGroup -DisplayName web -MailNickname web\n"
                "Add-AzADGroupMember -TargetGroupObjectId $g.Id -MemberUserPrincipalName ana@contoso.onmicrosoft.com\n"
                "(Get-AzADGroupMember -GroupObjectId $g.Id).DisplayName")
    assert r.exit_code == 0 and r.stdout.strip() == "Ana", r.stderr
    r = ps(lab, "Add-AzADGroupMember -TargetGroupDisplayName web -MemberUserPrincipalName zed@contoso.onmicrosoft.com")
    assert r.exit_code != 0 and "Resource 'zed@contoso.onmicrosoft.com' does not exist" in r.stderr
    r = ps(lab, "Add-AzADGroupMember -TargetGroupDisplayName web -MemberUserPrincipalName a@b.c -MemberObjectId x")
    assert r.exit_code != 0 and "Parameter set cannot be resolved" in r.stderr
    r = ps(lab, "Remove-AzADGroupMember -TargetGroupDisplayName web -MemberUserPrincipalName ana@contoso.onmicrosoft.com"
                "\n(Get-AzADGroupMember -TargetGroupDisplayName web).Count")
    assert r.exit_code == 0 and r.stdout.strip() == "0", r.stderr


def test_a_role_name_is_looked_up_at_the_assignment_scope(lab):
    """Azure/azure-powershell src/Resources/Resources/Models.Authorization/AuthorizationClient.cs: New-AzRoleAssignment
    resolves -RoleDefinitionName with GetSingleRoleDefinitionByName(name, scope), a listing at the assignment's scope,
    so a custom role assignable only at a registry is found there."""
    lab.run("az group create -n rg -l brazilsouth -o none")
    lab.run("az acr create -n acrscoped -g rg --sku Basic -o none")
    lab.run("az identity create -g rg -n id-web -o none")
    r = ps(lab, "$acr = Get-AzContainerRegistry -ResourceGroupName rg -Name acrscoped\n"
                "$role = Get-AzRoleDefinition -Name AcrPull\n"
                "$role.Id = $null; $role.Name = 'Registry image reader'; $role.IsCustom = $true\n"
                "$role.AssignableScopes.Clear(); $role.AssignableScopes.Add($acr.Id)\n"
                "New-AzRoleDefinition -Role $role | Out-Null\n"
                "$id = Get-AzUserAssignedIdentity -ResourceGroupName rg -Name id-web\n"
                "New-AzRoleAssignment -ObjectId $id.PrincipalId -RoleDefinitionName 'Registry image reader' "
                "-Scope $acr.Id | Out-Null\n"
                "(Get-AzRoleAssignment -Scope $acr.Id -RoleDefinitionName 'Registry image reader').Scope")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.strip().endswith("/registries/acrscoped")
    r = ps(lab, "$id = Get-AzUserAssignedIdentity -ResourceGroupName rg -Name id-web\n"
                "New-AzRoleAssignment -ObjectId $id.PrincipalId -RoleDefinitionName 'Registry image reader' "
                "-ResourceGroupName rg")
    assert r.exit_code != 0 and "Cannot find role definition with name 'Registry image reader'" in r.stderr
