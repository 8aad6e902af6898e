"""Tokens and scope maps, docker login with every credential kind, az acr login, anonymous pull, ABAC flows."""

from __future__ import annotations

import pytest

SETUP = """az group create -n rg-containers -l brazilsouth -o none
az acr create -n myacr -g rg-containers --sku {sku} -o none
docker pull alpine -q
docker tag alpine myacr.azurecr.io/samples/alpine:1
docker tag alpine myacr.azurecr.io/other/alpine:1
az acr login -n myacr
docker push myacr.azurecr.io/samples/alpine:1
docker push myacr.azurecr.io/other/alpine:1
docker logout myacr.azurecr.io
"""


@pytest.fixture
def acr(lab, cli):
    r = lab.run(SETUP.format(sku="Standard"))
    assert r.exit_code == 0, r.stderr
    return cli("az acr show -n myacr --query id -o tsv").stdout.strip()


def test_system_scope_maps_and_json(cli, acr):
    maps = cli("az acr scope-map list -r myacr").json()
    assert [m["name"] for m in maps] == ["_repositories_admin", "_repositories_pull", "_repositories_pull_metadata_read",
                                         "_repositories_push", "_repositories_push_metadata_write"]
    assert {m["scopeMapType"] for m in maps} == {"SystemDefined"}
    cli("az acr scope-map show -r myacr -n _repositories_pull", checks={"actions": ["repositories/*/content/read"]})
    r = cli("az acr scope-map delete -r myacr -n _repositories_pull --yes", expect_exit=1)
    assert "cannot be deleted" in r.stderr


def test_token_scope_enforced_by_docker(cli, acr, lab):
    tok = cli("az acr token create -n ci -r myacr --repository samples/* content/read content/write").json()
    pw = tok["credentials"]["passwords"][0]["value"]
    cli("az acr scope-map show -r myacr -n ci-scope-map", checks={
        "description": "Created by token: ci", "scopeMapType": "UserDefined",
        "actions": ["repositories/samples/*/content/read", "repositories/samples/*/content/write"]})
    assert "Login Succeeded" in cli(f"docker login myacr.azurecr.io -u ci -p {pw}").stdout
    cli("docker pull myacr.azurecr.io/samples/alpine:1")
    cli("docker tag alpine myacr.azurecr.io/samples/new/alpine:2")
    cli("docker push myacr.azurecr.io/samples/new/alpine:2")  # wildcards cover repositories not yet created
    r = cli("docker pull myacr.azurecr.io/other/alpine:1", expect_exit=1)
    assert "requested access to the resource is denied" in r.stderr
    cli("docker tag alpine myacr.azurecr.io/other/alpine:2")
    r = cli("docker push myacr.azurecr.io/other/alpine:2", expect_exit=1)
    assert "denied: requested access to the resource is denied" in r.stderr
    assert "ci-scope-map" in cli("lab why-denied").stdout
    # scope maps change immediately for every token using them
    cli("az acr scope-map update -r myacr -n ci-scope-map --add other/alpine content/read")
    cli("docker pull myacr.azurecr.io/other/alpine:1")
    # disabled token: no login, stored login stops working
    cli("az acr token update -n ci -r myacr --status disabled")
    r = cli("docker pull myacr.azurecr.io/samples/alpine:1", expect_exit=1)
    assert "unauthorized" in r.stderr
    r = cli(f"docker login myacr.azurecr.io -u ci -p {pw}", expect_exit=1)
    assert "unauthorized" in r.stderr
    cli("az acr token update -n ci -r myacr --status enabled")
    cli("docker pull myacr.azurecr.io/samples/alpine:1")
    cli("az acr token credential delete -n ci -r myacr --password1")
    r = cli("docker pull myacr.azurecr.io/samples/alpine:1", expect_exit=1)
    assert "unauthorized" in r.stderr
    r = cli("az acr token credential delete -n ci -r myacr --password1", expect_exit=1)
    assert "Password1 credential doesn't exist." in r.stderr


def test_token_password_expiry(cli, acr, lab):
    cli("az acr token create -n t1 -r myacr --scope-map _repositories_pull --no-passwords",
        checks={"credentials.passwords": []})
    cred = cli("az acr token credential generate -n t1 -r myacr --password1 --expiration-in-days 1").json()
    pw = cred["passwords"][0]["value"]
    assert [p["name"] for p in cred["passwords"]] == ["password1"]
    cli(f"docker login myacr.azurecr.io -u t1 -p {pw}")
    cli("docker pull myacr.azurecr.io/other/alpine:1")
    lab.advance("1d")
    r = cli("docker pull myacr.azurecr.io/other/alpine:1", expect_exit=1)
    assert "unauthorized: authentication required" in r.stderr
    cli("az acr token show -n t1 -r myacr", checks={"credentials.passwords[0].value": None})


def test_token_cli_errors(cli, acr):
    r = cli("az acr token create -n t -r myacr", expect_exit=1)
    assert "usage error: --repository | --scope-map-name" in r.stderr
    r = cli("az acr token create -n t -r myacr --scope-map _repositories_pull --expiration 2030-01-01", expect_exit=1)
    assert "Input '2030-01-01' is not valid datetime. Valid example: 2025-12-31T12:59:59Z" in r.stderr
    r = cli("az acr token create -n t -r myacr --scope-map _repositories_pull --expiration-in-days 0", expect_exit=1)
    assert "Days must be positive." in r.stderr
    cli("az acr token create -n t -r myacr --scope-map _repositories_pull --expiration 2100-12-31T12:59:59Z",
        checks={"credentials.passwords[0].expiry": "2100-12-31T12:59:59+00:00"})  # azure-cli test_acr_token.py
    cli("az acr token create -n d -r myacr --repository a content/read -o none")
    r = cli("az acr token create -n d -r myacr --repository a content/write", expect_exit=1)
    assert "The default scope map was already configured with different repository permissions." in r.stderr
    r = cli("az acr token credential delete -n t -r myacr", expect_exit=1)
    assert "No credentials to delete." in r.stderr
    r = cli("az acr scope-map update -n d-scope-map -r myacr", expect_exit=1)
    assert "No scope map properties to update." in r.stderr
    r = cli("az acr scope-map create -n m -r myacr --repository repo content/pull", expect_exit=1)
    assert 'Invalid action "content/pull" provided.' in r.stderr
    for bad in ("sample/*/teamA", "sample/teamA*"):
        r = cli(f"az acr scope-map create -n m -r myacr --repository {bad} content/read", expect_exit=1)
        assert "wildcard" in r.stderr
    r = cli("az acr token delete -n t -r myacr", expect_exit=1)
    assert "Use --yes" in r.stderr
    cli("az acr token delete -n t -r myacr --yes")


def test_token_limits_per_sku(cli, lab, acr):
    reg = lab.cloud.find_registry("myacr")
    from acrlab.engine.arm import send
    for i in range(100):
        send(lab.cloud, lab.cloud.learner, "PUT", f"{reg.id}/scopeMaps/m{i}", {"properties": {"actions": []}})
    r = cli("az acr scope-map create -n extra -r myacr --repository a content/read", expect_exit=0)
    cli("az acr update -n myacr --sku Basic -o none")
    r = cli("az acr scope-map create -n extra2 -r myacr --repository a content/read", expect_exit=1)
    assert "(QuotaExceeded)" in r.stderr and "100" in r.stderr


def test_admin_user_logins(cli, acr, lab):
    r = cli("docker login myacr.azurecr.io -u myacr -p whatever", expect_exit=1)
    assert "unauthorized" in r.stderr
    cli("az acr update -n myacr --admin-enabled true -o none")
    creds = cli("az acr credential show -n myacr").json()
    pw = creds["passwords"][0]["value"]
    cli(f"docker login myacr.azurecr.io -u myacr -p {pw}")
    cli("docker pull myacr.azurecr.io/other/alpine:1")
    cli("az acr credential renew -n myacr --password-name password -o none")
    r = cli("docker pull myacr.azurecr.io/other/alpine:1", expect_exit=1)
    assert "unauthorized" in r.stderr
    pw2 = cli("az acr credential show -n myacr --query passwords[1].value -o tsv").stdout.strip()
    cli(f"az acr login -n myacr -u myacr -p {pw2}")
    cli("az acr update -n myacr --admin-enabled false -o none")
    r = cli(f"az acr login -n myacr -u myacr -p {pw2}", expect_exit=1)
    assert "Login failed." in r.stderr


def test_az_acr_login_token_lasts_three_hours(cli, acr, lab):
    cli("az acr login -n myacr")
    lab.advance("2h59m")
    cli("docker pull myacr.azurecr.io/other/alpine:1")
    lab.advance("1m")
    r = cli("docker pull myacr.azurecr.io/other/alpine:1", expect_exit=1)
    assert "unauthorized: authentication required" in r.stderr
    out = cli("az acr login -n myacr --expose-token").json()
    assert out["username"] == "00000000-0000-0000-0000-000000000000" and out["accessToken"] == out["refreshToken"]
    assert out["loginServer"] == "myacr.azurecr.io"
    cli(f"docker login myacr.azurecr.io -u 00000000-0000-0000-0000-000000000000 -p {out['accessToken']}")
    cli("docker pull myacr.azurecr.io/other/alpine:1")
    r = cli("az acr login -n myacr --expose-token -u x -p y", expect_exit=1)
    assert "`--expose-token` cannot be combined with `--username` or `--password`." in r.stderr
    r = cli("az acr login -n myacr -p y", expect_exit=1)
    assert "Please also specify username if password is specified." in r.stderr


def test_anonymous_pull(cli, acr, lab):
    r = cli("docker pull myacr.azurecr.io/other/alpine:1", expect_exit=1)
    assert "unauthorized" in r.stderr
    cli("az acr update -n myacr --anonymous-pull-enabled true", checks={"anonymousPullEnabled": True})
    cli("docker pull myacr.azurecr.io/other/alpine:1")
    cli("docker tag alpine myacr.azurecr.io/other/alpine:9")
    r = cli("docker push myacr.azurecr.io/other/alpine:9", expect_exit=1)
    assert "unauthorized" in r.stderr
    cli("az acr update -n myacr --sku Basic -o none")
    cli("az acr show -n myacr", checks={"anonymousPullEnabled": False})
    r = cli("az acr update -n myacr --anonymous-pull-enabled true", expect_exit=1)
    assert "Basic" in r.stderr


def test_service_principal_docker_login_and_acrpull(cli, acr, lab):
    sp = cli(f"az ad sp create-for-rbac -n puller --role AcrPull --scopes {acr}").json()
    cli(f"docker login myacr.azurecr.io -u {sp['appId']} -p {sp['password']}")
    cli("docker pull myacr.azurecr.io/other/alpine:1")
    cli("docker tag alpine myacr.azurecr.io/other/alpine:3")
    r = cli("docker push myacr.azurecr.io/other/alpine:3", expect_exit=1)
    assert "denied: requested access to the resource is denied" in r.stderr
    r = cli(f"docker login myacr.azurecr.io -u {sp['appId']} -p wrong", expect_exit=1)
    assert "unauthorized" in r.stderr


def test_abac_mode_switch_and_conditions(cli, acr, lab):
    sp = cli(f"az ad sp create-for-rbac -n dev --role AcrPush --scopes {acr}").json()
    cli(f"az login --service-principal -u {sp['appId']} -p {sp['password']} --tenant {sp['tenant']}")
    cli("az acr login -n myacr")
    cli("docker pull myacr.azurecr.io/samples/alpine:1")
    lab.session.host_stack[0].az.principal = lab.cloud.learner  # the owner changes the mode in another terminal
    cli("az acr update -n myacr --role-assignment-mode rbac-abac", checks={"roleAssignmentMode":
                                                                            "AbacRepositoryPermissions"})
    lab.session.host_stack[0].az.principal = lab.cloud.tenant.find_principal(sp["appId"])
    r = cli("docker pull myacr.azurecr.io/samples/alpine:1", expect_exit=1)
    assert "unauthorized" in r.stderr  # tokens issued in RBAC mode are invalid
    cli("az acr login -n myacr")
    r = cli("docker pull myacr.azurecr.io/samples/alpine:1", expect_exit=1)  # AcrPush no longer honoured
    assert "denied" in r.stderr
    assert "ABAC Repository Permissions" in cli("lab why-denied").stdout
    cli("az login")
    cond = ("((!(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/content/read'}) AND "
            "!(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/metadata/read'})) OR "
            "(@Request[Microsoft.ContainerRegistry/registries/repositories:name] StringStartsWithIgnoreCase "
            "'samples/'))")
    ra = cli(f"az role assignment create --assignee {sp['appId']} --role 'Container Registry Repository Reader' "
             f"--scope {acr} --condition \"{cond}\"").json()
    assert ra["condition"] == cond and ra["conditionVersion"] == "2.0"
    cli(f"az login --service-principal -u {sp['appId']} -p {sp['password']} --tenant {sp['tenant']}")
    cli("az acr login -n myacr")
    cli("docker pull myacr.azurecr.io/samples/alpine:1")
    r = cli("docker pull myacr.azurecr.io/other/alpine:1", expect_exit=1)
    assert "denied" in r.stderr
    assert "condition does not hold for repository 'other/alpine'" in cli("lab why-denied").stdout
    cli("az login")
    r = cli(f"az role assignment create --assignee {sp['appId']} --role 'Container Registry Repository Writer' "
            f"--scope {acr} --condition \"(@Request[Microsoft.ContainerRegistry/registries/repositories:name] "
            "StringEquals 'x'\"", expect_exit=1)
    assert "The given role assignment condition is invalid." in r.stderr
