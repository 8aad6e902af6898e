"""Az.ManagedServiceIdentity: Get-/New-/Remove-AzUserAssignedIdentity against the same engine state as az identity."""

from __future__ import annotations

import json

from acrlab.engine.tenant import Principal


def ps(lab, text):
    return lab.run(text, shell="pwsh")


def test_new_get_remove_user_assigned_identity(lab):
    lab.run("az group create -n rg-containers -l brazilsouth -o none")
    r = ps(lab, "New-AzUserAssignedIdentity -ResourceGroupName rg-containers -Name id-web -Location 'Brazil South' "
                "-Tag @{env='dev'}")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.split("\n")[1].split() == ["Location", "Name", "ResourceGroupName"]
    cli = json.loads(lab.run("az identity show -g rg-containers -n id-web").stdout)
    assert (cli["location"], cli["tags"]) == ("brazilsouth", {"env": "dev"})
    r = ps(lab, "(Get-AzUserAssignedIdentity -ResourceGroupName rg-containers -Name id-web).PrincipalId")
    assert r.stdout.strip() == cli["principalId"]
    r = ps(lab, "(Get-AzUserAssignedIdentity -ResourceGroupName rg-containers).ClientId")
    assert r.stdout.strip() == cli["clientId"]
    assert "id-web" in ps(lab, "Get-AzUserAssignedIdentity").stdout
    r = ps(lab, "Get-AzUserAssignedIdentity -ResourceGroupName rg-containers -Name nope")
    assert r.exit_code != 0 and "was not found" in r.stderr
    r = ps(lab, "New-AzUserAssignedIdentity -ResourceGroupName rg-containers -Name id-x")
    assert r.exit_code != 0 and "Location" in r.stderr
    r = ps(lab, "Get-AzUserAssignedIdentity -ResourceGroupName rg-containers -Name id-web | "
                "Remove-AzUserAssignedIdentity -PassThru")
    assert r.exit_code == 0 and r.stdout.strip() == "True", r.stderr
    assert json.loads(lab.run("az identity list -g rg-containers").stdout) == []
    assert lab.cloud.tenant.principals.get(cli["principalId"]) is None  # its service principal went too


def test_identity_cmdlets_need_rbac(lab):
    lab.run("az group create -n rg-containers -l brazilsouth -o none")
    lab.run("az identity create -g rg-containers -n id-api -o none")
    reader = lab.cloud.add_principal(Principal(object_id=lab.cloud.ids.guid(), display_name="reader", kind="User",
                                               user_principal_name="reader@contoso.onmicrosoft.com", password="x",
                                               created=lab.cloud.clock.now()))
    lab.cloud.assign_role(reader, "Reader", lab.cloud.group("rg-containers").id)
    sh = lab.new_session(reader)
    sh.mode = "pwsh"
    code, out, _ = sh.run("(Get-AzUserAssignedIdentity -ResourceGroupName rg-containers -Name id-api).Name")
    assert code == 0 and out.strip() == "id-api"
    code, _, err = sh.run("Remove-AzUserAssignedIdentity -ResourceGroupName rg-containers -Name id-api")
    assert code != 0 and "does not have authorization" in err
    code, _, err = sh.run("New-AzUserAssignedIdentity -ResourceGroupName rg-containers -Name id-new -Location eastus")
    assert code != 0 and "does not have authorization" in err
