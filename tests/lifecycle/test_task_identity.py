"""Task identities, custom registry credentials, cross-registry pulls, values files and `az` in a run.

Sources: azure-cli acr/task.py (acr_task_identity_*, acr_task_credential_*, _build_identities_info),
acr/_utils.py (get_custom_registry_credentials), acr/_help.py (identity assign replaces), acr/_format.py
(_task_identity_format_group), docs container-registry-tasks-cross-registry-authentication.md.
"""

from __future__ import annotations

import pytest

FROM_BASE = "FROM basereg.azurecr.io/base:1\nRUN echo app > /app\n"


@pytest.fixture
def two(cli, rg, lab):
    cli("az acr create -n homereg -g rg-containers --sku Standard -o none")
    cli("az acr create -n basereg -g rg-containers --sku Standard -o none")
    lab.write_file("base/Dockerfile", "FROM alpine:3.20\nRUN echo base > /base\n")
    cli("az acr build -r basereg -t base:1 base -o none")
    lab.write_file("Dockerfile", FROM_BASE)
    return lab


def _uai(cli, name="taskid"):
    return cli(f"az identity create -n {name} -g rg-containers").json()


def test_identity_assign_show_remove(cli, two):
    mi = _uai(cli)
    cli(f"az acr task create -n t1 -r homereg --cmd hello-world -c /dev/null --assign-identity {mi['id']}",
        checks={"identity.type": "UserAssigned", "identity.principalId": None,
                f"identity.userAssignedIdentities.\"{mi['id']}\".clientId": mi["clientId"]})
    table = cli("az acr task identity show -n t1 -r homereg -o table").stdout
    assert table.split("\n")[0].split() == ["PRINCIPAL", "ID", "TENANT", "ID", "TYPE", "USER", "ASSIGNED", "IDENTITIES"]
    # _help.py: enabling the system identity replaces the user-assigned ones
    r = cli("az acr task identity assign -n t1 -r homereg").json()
    assert r["identity"]["type"] == "SystemAssigned" and r["identity"]["userAssignedIdentities"] is None
    both = cli(f"az acr task identity assign -n t1 -r homereg --identities [system] {mi['id']}").json()["identity"]
    assert both["type"] == "SystemAssigned, UserAssigned" and both["principalId"]
    r = cli("az acr task identity remove -n t1 -r homereg --identities [all] extra", expect_exit=1)
    assert "ERROR: Cannot specify additional identities when [all] is used in [--identities]" in r.stderr
    cli("az acr task identity remove -n t1 -r homereg", checks={"identity.type": "UserAssigned"})
    cli("az acr task identity remove -n t1 -r homereg --identities [all]", checks={"identity": None})
    assert cli("az acr task identity show -n t1 -r homereg").json() == {}  # task.py: {} if not identity
    r = cli("az acr task identity assign -n t1 -r homereg --identities /subscriptions/x/resourcegroups/rg/providers/"
            "Microsoft.ManagedIdentity/userAssignedIdentities/nope", expect_exit=1)
    assert "was not found" in r.stderr


def test_credential_add_update_remove_list(cli, two):
    cli("az acr task create -n t1 -r homereg --cmd hello-world -c /dev/null")
    assert cli("az acr task credential list -n t1 -r homereg").json() == {}
    cli("az acr task credential add -n t1 -r homereg --login-server basereg.azurecr.io -u basereg -p secret",
        checks={'"basereg.azurecr.io".userName.type': "Opaque", '"basereg.azurecr.io".identity': None})
    r = cli("az acr task credential add -n t1 -r homereg --login-server basereg.azurecr.io -u a -p b", expect_exit=1)
    assert "ERROR: Login server 'basereg.azurecr.io' already exists. You cannot add it again." in r.stderr
    r = cli("az acr task credential update -n t1 -r homereg --login-server other.azurecr.io -u a -p b", expect_exit=1)
    assert "ERROR: Login server 'other.azurecr.io' not found." in r.stderr
    cli("az acr task credential update -n t1 -r homereg --login-server basereg.azurecr.io --use-identity [system]",
        checks={'"basereg.azurecr.io".identity': "[system]", '"basereg.azurecr.io".userName': None})
    cli("az acr task show -n t1 -r homereg",
        checks={'credentials.customRegistries."basereg.azurecr.io".identity': "[system]"})
    assert cli("az acr task credential remove -n t1 -r homereg --login-server basereg.azurecr.io").json() == {}
    cli("az acr task credential add -n t1 -r homereg", expect_exit=2)  # --login-server is required


def test_cross_registry_pull_needs_a_credential(cli, two):
    cli("az acr task create -n app -r homereg --cmd basereg.azurecr.io/base:1 -c /dev/null --assign-identity")
    r = cli("az acr task run -n app -r homereg", expect_exit=1)
    assert "unauthorized" in r.stdout  # no credential for basereg: the run's token covers only homereg
    cli("az acr task credential add -n app -r homereg --login-server basereg.azurecr.io --use-identity [system]")
    r = cli("az acr task run -n app -r homereg", expect_exit=1)
    assert "denied: requested access to the resource is denied" in r.stdout  # no role on basereg yet
    pid = cli("az acr task show -n app -r homereg").json()["identity"]["principalId"]
    scope = cli("az acr show -n basereg --query id -o tsv").stdout.strip()
    cli(f"az role assignment create --assignee-object-id {pid} --assignee-principal-type ServicePrincipal "
        f"--role AcrPull --scope {scope} -o none")
    r = cli("az acr task run -n app -r homereg")
    assert "was successful" in r.stdout


def test_cross_registry_pull_with_admin_credentials(cli, two):
    cli("az acr update -n basereg --admin-enabled true -o none")
    pw = cli("az acr credential show -n basereg --query passwords[0].value -o tsv").stdout.strip()
    cli("az acr task create -n app -r homereg --cmd basereg.azurecr.io/base:1 -c /dev/null")
    cli("az acr task credential add -n app -r homereg --login-server basereg.azurecr.io -u basereg -p wrong")
    assert "incorrect username or password" in cli("az acr task run -n app -r homereg", expect_exit=1).stdout
    cli(f"az acr task credential update -n app -r homereg --login-server basereg.azurecr.io -u basereg -p {pw}")
    assert "was successful" in cli("az acr task run -n app -r homereg").stdout


def test_az_alias_runs_read_commands_as_the_task_identity(cli, two):
    task_yaml = ("version: v1.1.0\nsteps:\n  - cmd: az login --identity -o none\n"
                 "  - cmd: az acr repository list -n basereg -o tsv\n")
    two.write_file("az.yaml", task_yaml)
    cli("az acr task create -n lister -r homereg --cmd 'az acr repository list -n basereg' -c /dev/null")
    r = cli("az acr task run -n lister -r homereg", expect_exit=1)
    assert "ERROR: Please run 'az login' to setup account." in r.stdout
    r = cli("az acr run -r homereg -f az.yaml /dev/null", expect_exit=1)
    assert "Failed to connect to MSI" in r.stdout  # a quick run has no managed identity
    # task.py create_task_step: with -c /dev/null the local -f file becomes the encoded task
    cli("az acr task create -n lister2 -r homereg -f az.yaml -c /dev/null --assign-identity",
        checks={"step.type": "EncodedTask"})
    task = two.cloud.find_registry("homereg").tasks["lister2"]
    r = cli("az acr task run -n lister2 -r homereg", expect_exit=1)
    assert "requested access to the resource is denied" in r.stdout and '"environmentName"' not in r.stdout
    pid = task.identity["principalId"]
    scope = cli("az acr show -n basereg --query id -o tsv").stdout.strip()
    cli(f"az role assignment create --assignee-object-id {pid} --assignee-principal-type ServicePrincipal "
        f"--role AcrPull --scope {scope} -o none")
    r = cli("az acr task run -n lister2 -r homereg")
    assert "\nbase\n" in r.stdout and "was successful" in r.stdout


def test_values_files(cli, two):
    two.write_file("ctx/task.yaml", "version: v1.1.0\nsteps:\n  - cmd: $Registry/{{.Values.image}}\n")
    two.write_file("ctx/values.yaml", "image: missing:1\n")
    r = cli("az acr run -r homereg -f task.yaml --values values.yaml ctx", expect_exit=1)
    assert "homereg.azurecr.io/missing:1" in r.stdout
    r = cli("az acr run -r homereg -f task.yaml --values values.yaml --set image=other:2 ctx", expect_exit=1)
    assert "homereg.azurecr.io/other:2" in r.stdout  # --set wins over the file
    r = cli("az acr run -r homereg -f task.yaml --values nope.yaml ctx", expect_exit=1)
    assert "ERROR: nope.yaml does not exist." in r.stderr
    cli("lab git push https://github.com/contoso/app.git --dir ctx")
    cli("az acr task create -n vt -r homereg -f task.yaml --values values.yaml --commit-trigger-enabled false "
        "-c https://github.com/contoso/app.git", checks={"step.valuesFilePath": "values.yaml"})
    r = cli("az acr task run -n vt -r homereg", expect_exit=1)
    assert "homereg.azurecr.io/missing:1" in r.stdout
