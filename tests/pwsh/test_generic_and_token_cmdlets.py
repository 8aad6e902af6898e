"""Generic resource cmdlets and raw ARM requests (Get-/New-/Set-/Remove-AzResource, Invoke-AzRestMethod) reach the
same engine as az; Get-AzAccessToken and Connect-AzContainerRegistry -ExposeToken hand out tokens as SecureStrings;
the module's network-rule objects and policy parameters become request bodies.
Sources: Azure/azure-powershell src/ContainerRegistry/ContainerRegistry/help/Connect-AzContainerRegistry.md
(example 4), New-AzContainerRegistryNetworkRule.md, Set-AzContainerRegistryNetworkRuleSet.md; Az.Accounts
Get-AzAccessToken (Token is a SecureString since Az.Accounts 5)."""

from __future__ import annotations

import json

RG = "-ResourceGroupName rg-containers"


def ps(lab, text):
    return lab.run(text, shell="pwsh")


def _registry(cli, name="acrgeneric1", sku="Premium"):
    cli(f"az acr create -n {name} -g rg-containers --sku {sku} --tags env=prod -o none")


def test_get_resource_lists_and_expands(cli, lab, rg):
    _registry(cli)
    cli("az identity create -g rg-containers -n id-one -o none")
    r = ps(lab, f"Get-AzResource {RG} | Select-Object Name, ResourceType\n"
                f"(Get-AzResource {RG} -ResourceType Microsoft.ContainerRegistry/registries -Name acrgeneric1 "
                "-ExpandProperties).Properties.loginServer")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.split()[4:] == ["acrgeneric1", "Microsoft.ContainerRegistry/registries", "id-one",
                                    "Microsoft.ManagedIdentity/userAssignedIdentities", "acrgeneric1.azurecr.io"]
    r = ps(lab, f"Get-AzResource {RG} -Name acrgeneric1")
    assert "Tags              : Name  Value" in r.stdout and "env   prod" in r.stdout
    r = ps(lab, f"Get-AzResource -ResourceId {lab.cloud.subscription.id}/resourceGroups/rg-containers/providers/"
                "Microsoft.ContainerRegistry/registries/nope")
    assert "The Resource 'Microsoft.ContainerRegistry/registries/nope' under resource group 'rg-containers' was " \
           "not found" in r.stderr


def test_invoke_rest_method_patches_through_the_resource_manager(cli, lab, rg):
    _registry(cli)
    r = ps(lab, f"$id = (Get-AzContainerRegistry {RG} -Name acrgeneric1).Id\n"
                "$r = Invoke-AzRestMethod -Method PATCH -Path \"$($id)?api-version=2025-03-01-preview\" "
                "-Payload '{\"properties\":{\"roleAssignmentMode\":\"AbacRepositoryPermissions\"}}'\n"
                "$r.StatusCode\n$bad = Invoke-AzRestMethod -Method PATCH -Path \"$($id)?api-version=x\" "
                "-Payload '{\"sku\":{\"name\":\"Gold\"}}'\n$bad.StatusCode")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.split() == ["200", "400"]
    cli("az acr show -n acrgeneric1", checks={"roleAssignmentMode": "AbacRepositoryPermissions", "sku.name": "Premium"})


def test_new_and_set_resource(cli, lab, rg):
    _registry(cli)
    r = ps(lab, f"New-AzResource {RG} -ResourceType Microsoft.ContainerRegistry/registries/webhooks "
                "-ResourceName acrgeneric1/hook1 -Location brazilsouth "
                "-Properties @{ serviceUri = 'https://example.com/h'; actions = @('push') } -Force | Out-Null\n"
                f"Set-AzResource {RG} -ResourceType Microsoft.ContainerRegistry/registries -ResourceName acrgeneric1 "
                "-Tag @{ env = 'test' } -Force | Select-Object -ExpandProperty Tags")
    assert r.exit_code == 0, r.stderr
    hooks = json.loads(cli("az acr webhook list -r acrgeneric1").stdout)
    assert [h["name"] for h in hooks] == ["hook1"] and hooks[0]["actions"] == ["push"]
    cli("az acr show -n acrgeneric1", checks={"tags": {"env": "test"}})


def test_access_tokens_are_secure_strings(cli, lab, rg):
    _registry(cli)
    r = ps(lab, "$t = Get-AzAccessToken\n$t.Type; $t.Token.GetType().FullName\n"
                "($t.Token | ConvertFrom-SecureString -AsPlainText).Split('.').Count\n"
                "$cred = Connect-AzContainerRegistry -Name acrgeneric1 -ExposeToken\n"
                "$token = ($cred.accessToken | ConvertFrom-SecureString -AsPlainText)\n"
                "docker login $cred.loginServer -u 00000000-0000-0000-0000-000000000000 --password $token")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.split("\n")[:3] == ["Bearer", "System.Security.SecureString", "3"]
    assert "Login Succeeded" in r.stdout


def test_network_rule_objects_and_policy_parameters(cli, lab, rg):
    _registry(cli)
    r = ps(lab, "$rule = New-AzContainerRegistryNetworkRule -IPRule -IPAddressOrRange 203.0.113.0/24\n"
                "$set = Set-AzContainerRegistryNetworkRuleSet -DefaultAction Deny -NetworkRule $rule\n"
                f"Update-AzContainerRegistry {RG} -Name acrgeneric1 -NetworkRuleSet $set -RetentionPolicyStatus "
                "enabled -RetentionPolicyDay 30 | Out-Null")
    assert r.exit_code == 0, r.stderr
    cli("az acr show -n acrgeneric1", checks={"networkRuleSet.defaultAction": "Deny",
                                               "networkRuleSet.ipRules[0].ipAddressOrRange": "203.0.113.0/24",
                                               "policies.retentionPolicy.days": 30})
    _registry(cli, "acrbasic01", "Basic")
    r = ps(lab, f"Update-AzContainerRegistry {RG} -Name acrbasic01 -RetentionPolicyStatus enabled")
    assert r.exit_code == 1 and "Basic" in r.stderr  # the registries provider refuses the policy on Basic
    r = ps(lab, "New-AzContainerRegistryNetworkRule -IPRule -IPAddressOrRange 2001:db8::/32")
    assert "Only IPv4" in r.stderr


def test_import_takes_the_source_registry_resource_id_alias(cli, lab, rg):
    _registry(cli, "acrsource01")
    _registry(cli, "acrtarget01")
    cli("az acr import -n acrsource01 --source docker.io/library/hello-world:latest -t hello:v1 -o none")
    r = ps(lab, f"$src = Get-AzContainerRegistry {RG} -Name acrsource01\n"
                f"Import-AzContainerRegistryImage {RG} -RegistryName acrtarget01 -SourceImage hello:v1 "
                "-SourceRegistryResourceId $src.Id -TargetTag hello:copied")
    assert r.exit_code == 0, r.stderr
    assert cli("az acr repository show-tags -n acrtarget01 --repository hello -o tsv").stdout == "copied\n"
