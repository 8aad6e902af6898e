"""Get-/Update-/Remove- cmdlets for webhooks, scope maps, tokens and replications: same engine state the CLI sees."""

from __future__ import annotations

import json


def ps(lab, text):
    return lab.run(text, shell="pwsh")


def setup(lab, sku="Premium"):
    lab.run("az group create -n rg-containers -l brazilsouth -o none")
    lab.run(f"az acr create -n psacr01 -g rg-containers --sku {sku} -o none")


R = "-RegistryName psacr01 -ResourceGroupName rg-containers"


def test_webhook_get_update_remove(lab):
    setup(lab)
    r = ps(lab, f"New-AzContainerRegistryWebhook {R} -Name hook001 -Uri http://ci.contoso.com -Action Push")
    assert r.exit_code == 0, r.stderr
    r = ps(lab, f"Get-AzContainerRegistryWebhook {R}")
    assert "hook001" in r.stdout and r.exit_code == 0
    r = ps(lab, f"Update-AzContainerRegistryWebhook {R} -Name hook001 -Action Delete,Push -Status disabled "
                "-Scope 'app:*'")
    assert r.exit_code == 0, r.stderr
    cli = json.loads(lab.run("az acr webhook show -n hook001 -r psacr01").stdout)
    assert (cli["actions"], cli["status"], cli["scope"]) == (["delete", "push"], "disabled", "app:*")
    r = ps(lab, f"(Get-AzContainerRegistryWebhook {R} -Name hook001).Status")
    assert r.stdout.strip() == "disabled"
    r = ps(lab, f"Remove-AzContainerRegistryWebhook {R} -Name hook001 -PassThru")
    assert r.stdout.strip() == "True"
    assert json.loads(lab.run("az acr webhook list -r psacr01").stdout) == []
    r = ps(lab, f"Get-AzContainerRegistryWebhook {R} -Name hook001")
    assert r.exit_code != 0 and "was not found" in r.stderr


def test_scope_map_and_token_lifecycle(lab):
    setup(lab)
    ps(lab, f"New-AzContainerRegistryScopeMap {R} -Name pullmap -Action repositories/app/content/read")
    r = ps(lab, f"$m = Get-AzContainerRegistryScopeMap {R} -Name pullmap\n"
                f"New-AzContainerRegistryToken {R} -Name ci -ScopeMapId $m.Id | Out-Null\n"
                f"Update-AzContainerRegistryScopeMap {R} -Name pullmap -Action repositories/app/content/read,"
                "repositories/app/content/write | Out-Null\n"
                f"Update-AzContainerRegistryToken {R} -Name ci -Status disabled | Out-Null\n"
                f"(Get-AzContainerRegistryToken {R} -Name ci).Status")
    assert r.exit_code == 0 and r.stdout.strip() == "disabled", r.stderr
    m = json.loads(lab.run("az acr scope-map show -n pullmap -r psacr01").stdout)
    assert m["actions"] == ["repositories/app/content/read", "repositories/app/content/write"]
    names = ps(lab, f"Get-AzContainerRegistryScopeMap {R} | ForEach-Object {{ $_.Name }}").stdout.split()
    assert "pullmap" in names and "_repositories_pull" in names  # system maps listed too
    r = ps(lab, f"Update-AzContainerRegistryScopeMap {R} -Name _repositories_pull -Description x")
    assert r.exit_code != 0 and "cannot be updated" in r.stderr
    assert ps(lab, f"Remove-AzContainerRegistryToken {R} -Name ci").exit_code == 0
    assert ps(lab, f"Remove-AzContainerRegistryScopeMap {R} -Name pullmap").exit_code == 0
    assert json.loads(lab.run("az acr token list -r psacr01").stdout) == []
    r = ps(lab, f"Remove-AzContainerRegistryToken {R} -Name ci")
    assert r.exit_code != 0 and "ci" in r.stderr


def test_remove_replication_and_whatif(lab):
    setup(lab)
    ps(lab, f"New-AzContainerRegistryReplication {R} -Location eastus")
    r = ps(lab, f"Remove-AzContainerRegistryReplication {R} -Name eastus -WhatIf")
    assert 'What if: Performing the operation "Delete" on target "eastus".' in r.stdout
    assert "eastus" in lab.cloud.find_registry("psacr01").replications
    assert ps(lab, f"Remove-AzContainerRegistryReplication {R} -Name eastus").exit_code == 0
    assert "eastus" not in lab.cloud.find_registry("psacr01").replications
    r = ps(lab, f"Remove-AzContainerRegistryReplication {R} -Name brazilsouth")
    assert r.exit_code != 0 and "home region" in r.stderr


def test_get_help_knows_the_new_cmdlets(lab):
    r = ps(lab, "Get-Help Update-AzContainerRegistryWebhook")
    assert r.exit_code == 0 and "-ServiceUri" in r.stdout
