"""Entra groups (az ad group) counting in every authorization, and custom role definitions."""

from __future__ import annotations

import json

import pytest

DEV = "dev@contoso.onmicrosoft.com"
PW = "Passw0rd!x"
PULL_LIST = {"Name": "ACR Pull and List", "IsCustom": True, "Description": "Pull images and read registries.",
             "Actions": ["Microsoft.ContainerRegistry/registries/pull/read",
                         "Microsoft.ContainerRegistry/registries/read"],
             "NotActions": [], "DataActions": [], "NotDataActions": [], "AssignableScopes": []}


@pytest.fixture
def acr(cli, rg):
    cli("az acr create -n myacr -g rg-containers --sku Standard -o none")
    cli("az acr login -n myacr\ndocker pull alpine -q\ndocker tag alpine myacr.azurecr.io/app:1\n"
        "docker push myacr.azurecr.io/app:1")
    return cli("az acr show -n myacr --query id -o tsv").stdout.strip()


@pytest.fixture
def dev(cli):
    return cli(f"az ad user create --display-name Dev --password '{PW}' --user-principal-name {DEV} "
               "--query id -o tsv").stdout.strip()


def as_dev(lab, script: str):
    from acrlab.shell.session import IO
    sh = lab.new_session(lab.cloud.tenant.principals[next(
        p.object_id for p in lab.cloud.tenant.principals.values() if p.user_principal_name == DEV)])
    io = IO()
    return sh.run(script, io)


def test_group_crud_and_membership(cli, dev):
    g = cli("az ad group create --display-name acr-pushers --mail-nickname acr-pushers", checks={
        "securityEnabled": True, "mailEnabled": False, "mailNickname": "acr-pushers", "groupTypes": []}).json()
    assert g["@odata.context"].endswith("#groups/$entity")
    r = cli("az ad group create --display-name acr-pushers --mail-nickname acr-pushers")
    assert r.json()["id"] == g["id"] and "already exists, returning" in r.stderr
    cli("az ad group show -g acr", checks={"id": g["id"]})  # a unique display-name prefix
    assert "Group nope is not found in Graph" in cli("az ad group show -g nope", expect_exit=1).stderr
    cli(f"az ad group member add --group acr-pushers --member-id {dev}")
    r = cli(f"az ad group member add --group acr-pushers --member-id {dev}", expect_exit=1)
    assert "One or more added object references already exist for the following modified properties: 'members'." \
        in r.stderr
    cli("az ad group member list -g acr-pushers", checks={
        "[0].\"@odata.type\"": "#microsoft.graph.user", "[0].userPrincipalName": DEV})
    # nested: a group inside a group makes dev a transitive member
    outer = cli("az ad group create --display-name platform --mail-nickname platform --query id -o tsv").stdout.strip()
    cli(f"az ad group member add --group {outer} --member-id {g['id']}")
    cli(f"az ad group member check --group platform --member-id {dev}", checks={"value": True})
    cli(f"az ad group member remove --group acr-pushers --member-id {dev}")
    cli(f"az ad group member check --group platform --member-id {dev}", checks={"value": False})
    assert cli("az ad group list --display-name plat --query [].displayName").json() == ["platform"]
    cli("az ad group delete -g platform")
    assert cli("az ad group list --query [].displayName").json() == ["acr-pushers"]


def test_group_assignment_grants_push_and_removal_revokes(cli, lab, acr, dev):
    gid = cli("az ad group create --display-name acr-pushers --mail-nickname acr-pushers --query id -o tsv"
              ).stdout.strip()
    cli(f"az role assignment create --assignee {gid} --role AcrPush --scope {acr}",
        checks={"principalType": "Group", "principalId": gid})
    r = cli(f"az role assignment create --assignee acr-pushers --role AcrPush --scope {acr}", expect_exit=1)
    assert "Cannot find user or service principal in graph database for 'acr-pushers'" in r.stderr  # as az
    cli(f"az ad group member add --group acr-pushers --member-id {dev}")
    push = ("az acr login -n myacr\ndocker pull alpine -q\ndocker tag alpine myacr.azurecr.io/dev:1\n"
            "docker push myacr.azurecr.io/dev:1")
    code, out, err = as_dev(lab, push)
    assert code == 0, err
    assert cli(f"az role assignment list --assignee {dev} --all").json() == []
    rows = cli(f"az role assignment list --assignee {dev} --all --include-groups").json()
    assert [(x["principalName"], x["principalType"], x["roleDefinitionName"]) for x in rows] == [
        ("acr-pushers", "Group", "AcrPush")]
    cli(f"az ad group member remove --group acr-pushers --member-id {dev}")
    code, out, err = as_dev(lab, push)
    assert code != 0 and "denied: requested access to the resource is denied" in err


def test_why_denied_names_the_group(cli, lab, acr, dev):
    gid = cli("az ad group create --display-name acr-pullers --mail-nickname acr-pullers --query id -o tsv"
              ).stdout.strip()
    cli(f"az ad group member add --group acr-pullers --member-id {dev}")
    cli(f"az role assignment create --assignee-object-id {gid} --assignee-principal-type Group --role AcrPull "
        f"--scope {acr} -o none")
    code, out, err = as_dev(lab, "az acr login -n myacr\ndocker pull myacr.azurecr.io/app:1\n"
                                 "docker tag myacr.azurecr.io/app:1 myacr.azurecr.io/app:2\n"
                                 "docker push myacr.azurecr.io/app:2")
    assert code != 0
    why = cli("lab why-denied").stdout
    assert "DENIED" in why and DEV in why
    assert f"AcrPull at {acr} (through group 'acr-pullers')" in why


def test_custom_role_create_assign_and_enforce(cli, lab, acr, dev):
    sub = cli("az account show --query id -o tsv").stdout.strip()
    rg_scope = f"/subscriptions/{sub}/resourceGroups/rg-containers"
    lab.write_file("pull-list.json", json.dumps(PULL_LIST | {"AssignableScopes": [rg_scope]}))
    role = cli("az role definition create --role-definition @pull-list.json", checks={
        "roleName": "ACR Pull and List", "roleType": "CustomRole", "assignableScopes": [rg_scope],
        "permissions[0].actions": PULL_LIST["Actions"], "type": "Microsoft.Authorization/roleDefinitions"}).json()
    assert role["id"] == f"{rg_scope}/providers/Microsoft.Authorization/roleDefinitions/{role['name']}"
    r = cli("az role definition create --role-definition @pull-list.json", expect_exit=1)
    assert "(RoleDefinitionWithSameNameExists)" in r.stderr
    assert cli("az role definition list --custom-role-only true --scope " + rg_scope +
               " --query [].roleName").json() == ["ACR Pull and List"]
    # usable by name and by GUID; outside the assignable scopes it is not there
    cli(f"az role assignment create --assignee {DEV} --role 'ACR Pull and List' --scope {acr}",
        checks={"roleDefinitionId": f"/subscriptions/{sub}/providers/Microsoft.Authorization/roleDefinitions/"
                                    f"{role['name']}"})
    r = cli(f"az role assignment create --assignee {DEV} --role 'ACR Pull and List' --scope /subscriptions/{sub}",
            expect_exit=1)
    assert "Role 'ACR Pull and List' doesn't exist." in r.stderr
    r = cli(f"az role assignment create --assignee {DEV} --role {role['name']} --scope /subscriptions/{sub}",
            expect_exit=1)
    assert f"(RoleDefinitionDoesNotExist) The specified role definition with ID '{role['name']}' does not exist." \
        in r.stderr
    code, out, err = as_dev(lab, "az acr show -n myacr --query name -o tsv\naz acr login -n myacr\n"
                                 "docker pull myacr.azurecr.io/app:1")
    assert code == 0, err
    code, out, err = as_dev(lab, "az acr update -n myacr --admin-enabled true")
    assert code == 1 and "Microsoft.ContainerRegistry/registries/write" in err
    r = cli("az role definition delete --name 'ACR Pull and List' --scope " + rg_scope, expect_exit=1)
    assert "(RoleDefinitionHasAssignments)" in r.stderr
    cli(f"az role assignment delete --assignee {DEV} --scope {acr}")
    cli("az role definition delete --name 'ACR Pull and List' --scope " + rg_scope)
    assert cli("az role definition list --custom-role-only true --scope " + rg_scope).json() == []


def test_custom_role_not_action_denies_and_update_applies(cli, lab, acr, dev):
    sub = cli("az account show --query id -o tsv").stdout.strip()
    body = {"Name": "Registry Operator", "Description": "Everything on registries except delete.",
            "Actions": ["Microsoft.ContainerRegistry/registries/*"],
            "NotActions": ["Microsoft.ContainerRegistry/registries/delete"], "AssignableScopes": [f"/subscriptions/{sub}"]}
    cli(f"az role definition create --role-definition '{json.dumps(body)}' -o none")
    cli(f"az role assignment create --assignee {DEV} --role 'Registry Operator' --scope {acr} -o none")
    code, out, err = as_dev(lab, "az acr update -n myacr --admin-enabled true -o none")
    assert code == 0, err
    code, out, err = as_dev(lab, "az acr delete -n myacr --yes")
    assert code == 1 and "'Microsoft.ContainerRegistry/registries/delete'" in err
    # update by name (no id: az warns and looks the role up), taking write away too
    body["NotActions"].append("Microsoft.ContainerRegistry/registries/write")
    upd = {k: v for k, v in body.items() if k != "Name"} | {"name": "Registry Operator"}
    r = cli(f"az role definition update --role-definition '{json.dumps(upd)}'")
    assert 'Role "id" is missing' in r.stderr
    code, out, err = as_dev(lab, "az acr update -n myacr --admin-enabled false -o none")
    assert code == 1 and "'Microsoft.ContainerRegistry/registries/write'" in err


def test_role_definition_input_errors(cli):
    assert "please provide role name" in cli("az role definition create --role-definition '{}'",
                                             expect_exit=1).stderr
    r = cli("az role definition create --role-definition '{\"Name\": \"x\"}'", expect_exit=1)
    assert "please provide 'assignableScopes'" in r.stderr
    r = cli("az role definition create --role-definition '{not json'", expect_exit=1)
    assert "Failed to parse string as JSON" in r.stderr
    r = cli("az role definition create --role-definition @missing.json", expect_exit=1)
    assert "No such file or directory: 'missing.json'" in r.stderr
    r = cli("az role definition create --role-definition '{\"Name\": \"x\", \"Actions\": [\"*/read\"], "
            "\"AssignableScopes\": [\"/subscriptions/00000000-0000-0000-0000-000000000000\"]}'", expect_exit=3)
    assert "(SubscriptionNotFound)" in r.stderr
