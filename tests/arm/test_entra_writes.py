"""Entra ID writes (az ad user create|delete, az ad sp delete): the engine decides who may write the directory
(a directory role: in the lab the tenant's admin, the learner), and a refused write changes nothing.

Sources: Microsoft Graph's refusal "Insufficient privileges to complete the operation." with code
Authorization_RequestDenied (Azure/azure-cli src/azure-cli/azure/cli/command_modules/role/tests/latest recordings
of graph calls without directory roles); az ad user create flags: Azure/azure-cli
src/azure-cli/azure/cli/command_modules/role/_help.py."""

from __future__ import annotations

from .state import lab_with, tenant_state

DENIED = "Insufficient privileges to complete the operation."


def test_a_service_principal_cannot_write_the_directory_and_changes_nothing():
    lab = lab_with("APP=$(az ad sp create-for-rbac -n automation --query appId -o tsv)",
                   "OTHER=$(az ad sp create-for-rbac -n victim --query appId -o tsv)",
                   "az ad user create --display-name Dev --password 'Passw0rd!x' "
                   "--user-principal-name dev@contoso.onmicrosoft.com -o none")
    sp = lab.new_session(lab.cloud.tenant.find_principal(lab.run("echo $APP").stdout.strip()))
    other = lab.run("echo $OTHER").stdout.strip()
    before = tenant_state(lab)
    for line in ("az ad user create --display-name Eve --password 'Passw0rd!x' "
                 "--user-principal-name eve@contoso.onmicrosoft.com",
                 "az ad user delete --id dev@contoso.onmicrosoft.com",
                 f"az ad sp delete --id {other}"):
        code, _, err = sp.run(line)
        assert code == 1 and DENIED in err, (line, err)
        assert tenant_state(lab) == before, line


def test_the_admin_writes_and_cannot_delete_itself():
    lab = lab_with("az ad user create --display-name Dev --password 'Passw0rd!x' "
                   "--user-principal-name dev@contoso.onmicrosoft.com -o none")
    assert lab.run("az ad user delete --id dev@contoso.onmicrosoft.com").exit_code == 0
    assert lab.run("az ad user show --id dev@contoso.onmicrosoft.com").exit_code != 0
    before = tenant_state(lab)
    me = lab.run("az ad signed-in-user show --query id -o tsv").stdout.strip()
    r = lab.run(f"az ad user delete --id {me}")
    assert r.exit_code == 1 and DENIED in r.stderr
    assert tenant_state(lab) == before
