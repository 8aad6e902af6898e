"""The seed's section 3.3, 6.2 and 8 authentication flows, verbatim with placeholders filled."""

from __future__ import annotations

CREATE = """az acr create \\
--name myacr \\
--resource-group rg-containers \\
--sku Standard \\
--location brazilsouth \\
--admin-enabled false"""


def test_section_3_3_admin_account(cli, rg, lab):
    cli(CREATE + " -o none")
    cli("az acr update --name myacr --resource-group rg-containers --admin-enabled true",
        checks={"adminUserEnabled": True})
    creds = cli("az acr credential show --name myacr --resource-group rg-containers").json()
    assert creds["username"] == "myacr" and [p["name"] for p in creds["passwords"]] == ["password", "password2"]


def test_section_6_2_login_and_assign_acrpull(cli, rg, lab):
    cli(CREATE + " -o none")
    r = cli("# Login using Entra ID credentials (for local dev)\naz acr login --name myacr")
    assert "Login Succeeded" in r.stdout
    sp = cli("az ad sp create-for-rbac --name build-agent").json()
    oid = cli(f"az ad sp show --id {sp['appId']} --query id -o tsv").stdout.strip()
    r = lab.run(f"""# ACR ID
ACR_ID=$(az acr show --name myacr --resource-group rg-containers --query id -o tsv)

# Assign AcrPull to a service principal
az role assignment create \\
--assignee {oid} \\
--role AcrPull \\
--scope $ACR_ID""")
    assert r.exit_code == 0, r.stderr
    assert r.json()["roleDefinitionId"].endswith("7f951dda-4ed3-4680-a7ca-43fe172d538d")


def test_section_8_ci_pipeline_with_service_principal_and_acrpush(cli, rg, lab):
    cli(CREATE + " -o none")
    r = lab.run("""ACR_ID=$(az acr show --name myacr --resource-group rg-containers --query id -o tsv)
SP_JSON=$(az ad sp create-for-rbac --name ci-pipeline --role AcrPush --scopes $ACR_ID)
echo "$SP_JSON" > sp.json""")
    assert r.exit_code == 0, r.stderr
    import json
    sp = json.loads(lab.read_file("sp.json"))
    r = lab.run(f"echo {sp['password']} | docker login myacr.azurecr.io --username {sp['appId']} --password-stdin")
    assert "Login Succeeded" in r.stdout, r.stderr
    cli("docker pull alpine -q\ndocker tag alpine myacr.azurecr.io/api:v1\ndocker push myacr.azurecr.io/api:v1")


def test_section_8_developer_temporary_token_expires_in_3h(cli, rg, lab):
    cli(CREATE + " -o none")
    cli("az acr login --name myacr\ndocker pull alpine -q\ndocker tag alpine myacr.azurecr.io/web:1\n"
        "docker push myacr.azurecr.io/web:1")
    lab.advance("3h")
    r = cli("docker push myacr.azurecr.io/web:1", expect_exit=1)
    assert "unauthorized: authentication required" in r.stderr


def test_section_8_managed_identity_with_acrpush(cli, rg, lab):
    cli(CREATE + " -o none")
    mi = cli("az identity create -n pipeline-agent -g rg-containers").json()
    cli(f"az role assignment create --assignee-object-id {mi['principalId']} --assignee-principal-type "
        "ServicePrincipal --role AcrPush --scope $(az acr show -n myacr --query id -o tsv)",
        checks={"principalType": "ServicePrincipal"})
    principal = lab.cloud.tenant.principals[mi["principalId"]]
    agent = lab.new_session(principal)
    agent.workstation.az.login_kind = "managedIdentity"
    from acrlab.shell.session import IO
    code, out, err = agent.run("az acr login -n myacr\ndocker pull alpine -q\n"
                               "docker tag alpine myacr.azurecr.io/agent:1\ndocker push myacr.azurecr.io/agent:1",
                               IO())
    assert code == 0, err


def test_section_8_external_system_with_repository_scoped_token(cli, rg, lab):
    cli(CREATE + " -o none")
    cli("az acr login -n myacr\ndocker pull alpine -q\ndocker tag alpine myacr.azurecr.io/partner/feed:1\n"
        "docker push myacr.azurecr.io/partner/feed:1\ndocker tag alpine myacr.azurecr.io/internal/app:1\n"
        "docker push myacr.azurecr.io/internal/app:1\ndocker logout myacr.azurecr.io")
    pw = cli("az acr token create --name partner --registry myacr --repository partner/feed content/read "
             "--query credentials.passwords[0].value -o tsv").stdout.strip()
    cli(f"docker login myacr.azurecr.io -u partner -p {pw}")
    cli("docker pull myacr.azurecr.io/partner/feed:1")
    r = cli("docker pull myacr.azurecr.io/internal/app:1", expect_exit=1)
    assert "requested access to the resource is denied" in r.stderr
    cli("az acr token delete --name partner --registry myacr --yes")  # "can be revoked"
    r = cli("docker pull myacr.azurecr.io/partner/feed:1", expect_exit=1)
    assert "unauthorized" in r.stderr
