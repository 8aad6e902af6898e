"""az role definition list / role assignment create|list|delete, az ad, az identity, az login."""

from __future__ import annotations

import pytest


@pytest.fixture
def acr(cli, rg):
    cli("az acr create -n myacr -g rg-containers --sku Standard -o none")
    return cli("az acr show -n myacr --query id -o tsv").stdout.strip()


def test_role_definition_list_real_guids(cli):
    r = cli("az role definition list --name AcrPull", checks={
        "[0].name": "7f951dda-4ed3-4680-a7ca-43fe172d538d", "[0].roleType": "BuiltInRole",
        "[0].permissions[0].actions": ["Microsoft.ContainerRegistry/registries/pull/read"]})
    assert r.json()[0]["id"].startswith("/subscriptions/")
    cli("az role definition list --name 'Container Registry Repository Reader'", checks={
        "[0].name": "b93aa761-3e63-49ed-ac28-beffa264f7ac",
        "[0].permissions[0].dataActions": [
            "Microsoft.ContainerRegistry/registries/repositories/metadata/read",
            "Microsoft.ContainerRegistry/registries/repositories/content/read"]})
    assert cli("az role definition list --custom-role-only true").json() == []
    assert cli("az role definition list --name acrpull").json() == []  # az compares names exactly


def test_seed_6_2_assign_acrpull_to_sp(cli, acr, lab):
    sp = cli("az ad sp create-for-rbac --name ci-pipeline").json()
    assert set(sp) == {"appId", "displayName", "password", "tenant"}
    oid = cli(f"az ad sp show --id {sp['appId']} --query id -o tsv").stdout.strip()
    script = f"""ACR_ID=$(az acr show --name myacr --resource-group rg-containers --query id -o tsv)
az role assignment create \\
--assignee {oid} \\
--role AcrPull \\
--scope $ACR_ID"""
    r = lab.run(script)
    assert r.exit_code == 0, r.stderr
    ra = r.json()
    assert ra["principalId"] == oid and ra["principalType"] == "ServicePrincipal"
    assert ra["roleDefinitionId"].endswith("/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d")
    assert ra["scope"] == acr and ra["resourceGroup"] == "rg-containers"
    assert ra["id"] == f"{acr}/providers/Microsoft.Authorization/roleAssignments/{ra['name']}"
    again = cli(f"az role assignment create --assignee {sp['appId']} --role AcrPull --scope {acr}").json()
    assert again["name"] == ra["name"] and again["roleDefinitionName"] == "AcrPull"  # idempotent, list shape
    rows = cli(f"az role assignment list --scope {acr}").json()
    assert [(x["principalName"], x["roleDefinitionName"]) for x in rows] == [(sp["appId"], "AcrPull")]
    assert cli("az role assignment list").json()[0]["roleDefinitionName"] == "Owner"  # subscription scope only
    assert len(cli("az role assignment list --all").json()) == 2
    inherited = cli(f"az role assignment list --scope {acr} --include-inherited --query [].roleDefinitionName").json()
    assert sorted(inherited) == ["AcrPull", "Owner"]
    cli(f"az role assignment delete --assignee {sp['appId']} --role AcrPull --scope {acr}")
    assert cli(f"az role assignment list --scope {acr}").json() == []
    r = cli(f"az role assignment delete --assignee {sp['appId']} --role AcrPull --scope {acr}", expect_exit=1)
    assert "No matched assignments were found to delete" in r.stderr


def test_assignment_errors(cli, acr):
    r = cli(f"az role assignment create --assignee nobody@contoso.onmicrosoft.com --role AcrPull --scope {acr}",
            expect_exit=1)
    assert "Cannot find user or service principal in graph database for 'nobody@contoso.onmicrosoft.com'" in r.stderr
    sp = cli("az ad sp create-for-rbac -n x").json()
    r = cli(f"az role assignment create --assignee {sp['appId']} --role AcrPuller --scope {acr}", expect_exit=1)
    assert "ERROR: Role 'AcrPuller' doesn't exist." in r.stderr
    r = cli(f"az role assignment create --assignee {sp['appId']} --role AcrPull --scope {acr}/", expect_exit=1)
    assert "Invalid scope. Please use --help to view the valid format." in r.stderr
    r = cli(f"az role assignment create --assignee {sp['appId']} --role AcrPull --scope {acr[:-1]}x", expect_exit=3)
    assert "(ResourceNotFound)" in r.stderr
    r = cli(f"az role assignment create --assignee {sp['appId']} --role AcrPull", expect_exit=0)
    assert "--scope argument will become required" in r.stderr
    r = cli(f"az role assignment create --assignee {sp['appId']} --assignee-object-id x --role AcrPull --scope {acr}",
            expect_exit=1)
    assert "usage error: --assignee STRING | --assignee-object-id GUID" in r.stderr
    cli(f"az role assignment create --assignee-object-id 00000000-0000-0000-0000-000000000001 "
        f"--assignee-principal-type ServicePrincipal --role AcrPull --scope {acr}", expect_exit=1)


def test_only_role_assigners_may_assign(cli, acr, lab):
    sp = cli(f"az ad sp create-for-rbac -n ops --role Contributor --scopes {acr}").json()
    target = cli("az ad sp create-for-rbac -n target").json()
    cli(f"az login --service-principal -u {sp['appId']} -p {sp['password']} --tenant {sp['tenant']}")
    cli("az account show", checks={"user.type": "servicePrincipal", "user.name": sp["appId"]})
    r = cli(f"az role assignment create --assignee {target['appId']} --role AcrPull --scope {acr}", expect_exit=1)
    assert f"The client '{sp['appId']}' with object id '" in r.stderr
    assert "does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/write' over " \
           f"scope '{acr}/providers/Microsoft.Authorization/roleAssignments/" in r.stderr
    assert "(AuthorizationFailed)" in r.stderr
    r = cli(f"az role assignment create --assignee {target['appId']} --role AcrPull --scope {acr} --debug",
            expect_exit=1)
    assert "DENIED" in r.stderr and "Contributor" in r.stderr
    why = cli("lab why-denied").stdout
    assert "Microsoft.Authorization/roleAssignments/write" in why and "Contributor" in why
    cli("az login")
    cli(f"az role assignment create --assignee {sp['appId']} --role 'Role Based Access Control Administrator' "
        f"--scope {acr}")
    cli(f"az login --service-principal -u {sp['appId']} -p {sp['password']} --tenant {sp['tenant']}")
    cli(f"az role assignment create --assignee {target['appId']} --role AcrPull --scope {acr}")


def test_ad_users_and_login(cli):
    u = cli("az ad user create --display-name 'Dev One' --password 'Passw0rd!x' "
            "--user-principal-name dev1@contoso.onmicrosoft.com").json()
    assert u["userPrincipalName"] == "dev1@contoso.onmicrosoft.com" and u["@odata.context"].endswith("users/$entity")
    r = cli("az ad user create --display-name x --password 'Passw0rd!x' --user-principal-name x@fabrikam.com",
            expect_exit=1)
    assert "domain portion of the userPrincipalName" in r.stderr
    assert [x["displayName"] for x in cli("az ad user list --display-name Dev").json()] == ["Dev One"]
    r = cli("az login -u dev1@contoso.onmicrosoft.com -p wrong", expect_exit=1)
    assert "AADSTS50126" in r.stderr
    cli("az login -u dev1@contoso.onmicrosoft.com -p 'Passw0rd!x'", checks={"[0].user.name": "dev1@contoso.onmicrosoft.com"})
    cli("az ad signed-in-user show", checks={"id": u["id"]})
    r = cli("az group create -n rg2 -l eastus", expect_exit=1)
    assert "does not have authorization to perform action 'Microsoft.Resources/subscriptions/resourceGroups/write'" \
        in r.stderr
    r = cli("az ad user create --display-name y --password 'Passw0rd!x' --user-principal-name y@contoso.onmicrosoft.com",
            expect_exit=1)
    assert "Insufficient privileges to complete the operation." in r.stderr


def test_sp_credential_reset_invalidates_old_secret(cli, lab):
    sp = cli("az ad sp create-for-rbac -n rotate").json()
    new = cli(f"az ad sp credential reset --id {sp['appId']}").json()
    assert set(new) == {"appId", "password", "tenant"} and new["password"] != sp["password"]
    r = cli(f"az login --service-principal -u {sp['appId']} -p {sp['password']} --tenant {sp['tenant']}", expect_exit=1)
    assert "AADSTS7000215" in r.stderr
    cli(f"az login --service-principal -u {sp['appId']} -p {new['password']} --tenant {sp['tenant']}")
    lab.advance("366d")
    cli("az login")
    r = cli(f"az login --service-principal -u {sp['appId']} -p {new['password']} --tenant {sp['tenant']}", expect_exit=1)
    assert "AADSTS7000215" in r.stderr


def test_identity_commands(cli, rg):
    mi = cli("az identity create -n build-mi -g rg-containers").json()
    assert mi["id"].startswith("/subscriptions/") and "/resourcegroups/rg-containers/" in mi["id"]
    assert set(mi) >= {"clientId", "principalId", "tenantId", "id", "location", "name", "resourceGroup", "type"}
    cli("az identity show -n build-mi -g rg-containers", checks={"principalId": mi["principalId"]})
    assert len(cli("az identity list -g rg-containers").json()) == 1
    cli(f"az role assignment create --assignee {mi['principalId']} --role AcrPull -g rg-containers",
        checks={"principalType": "ServicePrincipal"})
    cli("az ad sp show --id " + mi["clientId"], checks={"servicePrincipalType": "ManagedIdentity"})
    cli("az identity delete -n build-mi -g rg-containers")
    r = cli("az identity show -n build-mi -g rg-containers", expect_exit=3)
    assert "(ResourceNotFound)" in r.stderr
